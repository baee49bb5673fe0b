/**
 * L-BFGS-B for minimize with `bounds` (Byrd, Lu, Nocedal & Zhu 1995): the
 * generalized Cauchy point along the projected gradient path, subspace
 * minimization over the variables it leaves free, a strong-Wolfe search inside
 * the box, and the projected-gradient stop test.
 */
import type { Loop } from '../../drive/run-sync.js';
import type { Box } from '../bounds.js';
import type { Evaluation } from '../evaluation.js';
import { CauchyWork, cauchyPointInto } from '../quasi-newton/lbfgsb-cauchy.js';
import { CompactLbfgs } from '../quasi-newton/lbfgsb-compact.js';
import { SubspaceWork, subspaceStepInto } from '../quasi-newton/lbfgsb-subspace.js';
import type { MinimizeRun } from '../run.js';
import { lineSearchSettings } from './line-search-options.js';
import type { LbfgsMethod } from './lbfgs.js';
import { afterFailedSearch, MOVED, searchAlong, type LineSearchSettings, type StepOutcome, type Stepper } from './stepper.js';

/**
 * ‖P(x − g) − x‖∞: the projected gradient's norm, 0 exactly at a stationary point of the box problem.
 * @example
 * // x₀ at its upper bound 0.5 with g₀ = −1 (f would decrease beyond it): that component does not count.
 * projectedGradientNorm(new Float64Array([0.5, 0]), new Float64Array([-1, 0.25]), { lower: new Float64Array([-2, -2]), upper: new Float64Array([0.5, 2]) }); // → 0.25
 */
export function projectedGradientNorm(x: Float64Array, g: Float64Array, box: Pick<Box, 'lower' | 'upper'>): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const pg = Math.min(Math.max(xi - g[i]!, box.lower[i]!), box.upper[i]!) - xi;
    if (pg !== pg) return NaN;
    m = Math.max(m, Math.abs(pg));
  }
  return m;
}

/** Largest α with x + α·d inside the box (Infinity when d never reaches a bound). */
function maxFeasibleStep(x: Float64Array, d: Float64Array, box: Box): number {
  let alpha = Infinity;
  for (let i = 0; i < x.length; i++) {
    if (d[i]! > 0) alpha = Math.min(alpha, (box.upper[i]! - x[i]!) / d[i]!);
    else if (d[i]! < 0) alpha = Math.min(alpha, (box.lower[i]! - x[i]!) / d[i]!);
  }
  return alpha;
}

/** L-BFGS-B as a Stepper (the `lbfgs` method's options, with a box). */
export class LbfgsbStepper implements Stepper {
  readonly transformation = false;
  private readonly B: CompactLbfgs;
  private readonly cauchy: CauchyWork;
  private readonly subspace: SubspaceWork;
  private readonly xc: Float64Array;
  private readonly c: Float64Array;
  private readonly ls: LineSearchSettings;
  /** Every variable has both bounds (then the first trial is the full step to x̄, as in scipy). */
  private readonly boxed: boolean;
  private retried = false;

  constructor(
    private readonly method: LbfgsMethod,
    run: MinimizeRun,
    private readonly box: Box,
    private readonly gradTol: number,
  ) {
    const n = run.n;
    this.B = new CompactLbfgs(method.memory, n);
    this.cauchy = new CauchyWork(n, method.memory);
    this.subspace = new SubspaceWork(n, method.memory);
    this.xc = new Float64Array(n);
    this.c = new Float64Array(2 * method.memory);
    this.ls = lineSearchSettings(method, run.source);
    this.boxed = box.lower.every((lo, i) => lo > -Infinity && box.upper[i]! < Infinity);
  }

  gradNorm(run: MinimizeRun): number {
    return projectedGradientNorm(run.x.data, run.g.data, this.box);
  }

  *step(run: MinimizeRun): Loop<Evaluation, StepOutcome> {
    const { B, box, xc, c } = this;
    const x = run.x.data;
    const g = run.g.data;
    const d = run.d;
    cauchyPointInto(xc, c, x, g, box.lower, box.upper, B, this.cauchy);
    subspaceStepInto(d, x, xc, c, g, box.lower, box.upper, B, this.subspace);
    let slope0 = 0;
    let length = 0;
    for (let i = 0; i < d.length; i++) {
      d[i] = d[i]! - x[i]!;
      slope0 += d[i]! * g[i]!;
      length += d[i]! * d[i]!;
    }
    const alphaMax = maxFeasibleStep(x, d, box);
    // With an empty memory the first trial has length 1, unless every variable is boxed (scipy's rule): then x̄ itself.
    const alpha0 = Math.min(B.k === 0 && !this.boxed ? 1 / Math.sqrt(length) : 1, alphaMax);
    const out = slope0 < 0 ? yield* searchAlong(run, slope0, alpha0, alphaMax, this.ls) : null;
    if (out === null || (out.status !== 'wolfe' && out.status !== 'armijo')) {
      const memory = { size: B.k, reset: () => B.reset() };
      const next = yield* afterFailedSearch(run, out, this.gradTol, memory, this.retried);
      if (next.emptied === true) this.retried = true;
      return next;
    }
    this.retried = false;
    B.tryPush(run.xt.data, x, run.gt.data, g, this.method.curvatureEps);
    return MOVED;
  }
}
