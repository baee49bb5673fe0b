/**
 * The state of one minimize run that the loop and the steppers share: the
 * current point with f and ∇f there, the trial point a stepper writes, the
 * search direction, and the gradient source — buffers allocated once. Its
 * `along` is φ(α) = f(x + α·d) for the line searches.
 */
import ndarray, { type NdArray } from 'ndarray';
import type { Loop } from '../drive/run-sync.js';
import { BestTrial } from './best-trial.js';
import type { Box } from './bounds.js';
import type { Evaluation, Evaluations } from './evaluation.js';
import type { GradientSource } from './gradient/gradient-source.js';
import type { LineFunction } from './line-search/line-function.js';
import { projectedGradientNorm } from './steppers/lbfgsb.js';

/**
 * ‖v‖∞, NaN when an element is NaN.
 * @example
 * maxNorm(new Float64Array([1, -3])); // → 3
 */
export function maxNorm(v: Float64Array): number {
  let m = 0;
  for (let k = 0; k < v.length; k++) {
    const a = Math.abs(v[k]!);
    if (a !== a) return NaN;
    if (a > m) m = a;
  }
  return m;
}

/** The buffers and state of one run (see the module comment). */
export class MinimizeRun {
  readonly n: number;
  /** The current point (minimize's own buffer, x0's shape), f and ∇f there. */
  x: NdArray<Float64Array>;
  g: NdArray<Float64Array>;
  fx = NaN;
  /** The trial point, f and ∇f there (valid once a stepper has evaluated them). */
  xt: NdArray<Float64Array>;
  gt: NdArray<Float64Array>;
  ft = NaN;
  /** The search direction of a line-search stepper (row-major). */
  readonly d: Float64Array;
  /** Steps accepted so far. */
  iterations = 0;
  /** g is the source's most accurate gradient at x (refined, or the source is never coarse). */
  accurate = false;
  /** The one refinement below refineFactor·gradTol has been made. */
  refinedNearStop = false;
  /** Trial points the current line search tried, and how many had a finite f. */
  trials = 0;
  finiteTrials = 0;
  /** φ(α) = f(x + α·d) and its slope, for the line searches. */
  readonly along: LineFunction<Evaluation>;
  /** The lowest-f trial point (every point the loop evaluated f at after x0; see best-trial.ts). */
  readonly bestTrial: BestTrial;

  constructor(
    x0: NdArray<Float64Array>,
    readonly evaluations: Evaluations,
    readonly source: GradientSource,
    readonly box: Box | undefined,
  ) {
    const shape = x0.shape.slice();
    this.n = x0.size;
    this.x = x0;
    this.g = ndarray(new Float64Array(this.n), shape);
    this.xt = ndarray(new Float64Array(this.n), shape);
    this.gt = ndarray(new Float64Array(this.n), shape);
    this.d = new Float64Array(this.n);
    this.along = { value: (alpha) => this.valueAt(alpha), slope: () => this.slopeAt() };
    this.bestTrial = new BestTrial(this.n);
  }

  /** ‖∇f‖∞ at a point (of the projected gradient, with bounds): what the stop test measures. */
  normAt(x: Float64Array, g: Float64Array): number {
    return this.box === undefined ? maxNorm(g) : projectedGradientNorm(x, g, this.box);
  }

  /** A new zero buffer of x's shape. */
  scratch = (): NdArray<Float64Array> => ndarray(new Float64Array(this.n), this.x.shape.slice());

  /** f at x0 and ∇f there (checked by the loop). */
  *start(): Loop<Evaluation, void> {
    this.fx = yield* this.evaluations.value(this.x);
    if (!Number.isFinite(this.fx)) return;
    yield* this.source.into(this.g, this.x, this.fx);
    this.accurate = !this.source.coarse;
  }

  /** f at the trial point xt (f is never called at a point with a NaN or ±Infinity element: NaN instead). */
  *valueAtTrial(phase: 'trial' | 'point'): Loop<Evaluation, number> {
    this.trials++;
    const xt = this.xt.data;
    for (let k = 0; k < xt.length; k++) {
      if (xt[k]! - xt[k]! !== 0) {
        this.bestTrial.offer(xt, NaN, this.iterations + 1);
        this.ft = NaN;
        return NaN;
      }
    }
    this.evaluations.phase = phase;
    this.ft = yield* this.evaluations.value(this.xt);
    if (Number.isFinite(this.ft)) this.finiteTrials++;
    this.bestTrial.offer(xt, this.ft, this.iterations + 1);
    return this.ft;
  }

  /** ∇f at the trial point into gt. */
  *gradientAtTrial(): Loop<Evaluation, void> {
    yield* this.source.into(this.gt, this.xt, this.ft);
    this.bestTrial.gradientAtLast(this.normAt(this.xt.data, this.gt.data));
  }

  /** φ(α) = f(x + α·d); the trial point goes to xt (clamped into the box, where rounding would leave it). */
  private *valueAt(alpha: number): Loop<Evaluation, number> {
    const x = this.x.data;
    const xt = this.xt.data;
    const d = this.d;
    for (let k = 0; k < x.length; k++) xt[k] = x[k]! + alpha * d[k]!;
    const box = this.box;
    if (box !== undefined) for (let k = 0; k < x.length; k++) xt[k] = Math.min(Math.max(xt[k]!, box.lower[k]!), box.upper[k]!);
    return yield* this.valueAtTrial('trial');
  }

  /** φ'(α) at the last trial; its gradient goes to gt. */
  private *slopeAt(): Loop<Evaluation, number> {
    yield* this.gradientAtTrial();
    const gt = this.gt.data;
    let s = 0;
    for (let k = 0; k < gt.length; k++) s += gt[k]! * this.d[k]!;
    return s;
  }

  /** Make the trial the current point (swapping buffers: nothing is copied). */
  accept(): void {
    [this.x, this.xt] = [this.xt, this.x];
    [this.g, this.gt] = [this.gt, this.g];
    this.fx = this.ft;
    this.iterations++;
    this.accurate = !this.source.coarse;
  }

  /** Replace g by the source's most accurate gradient at x; false when it already is that. */
  *refine(tolerance: number): Loop<Evaluation, boolean> {
    if (this.accurate) return false;
    this.accurate = true;
    return yield* this.source.refineInto(this.g, this.x, this.fx, tolerance);
  }
}
