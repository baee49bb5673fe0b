/**
 * One run of a line-search solver: the iterate and its gradient, the trial point
 * along the search direction (a LineFunction for the line searches), the call
 * counters, and the refinement and stop rules L-BFGS and L-BFGS-B share.
 */
import { InvalidArgumentError, NonFiniteCoordinateError, NonFiniteValueError, type EvaluationCounter } from '@descent/core';
import type { Box } from './box-difference.js';
import type { GradientSource } from './gradient-source.js';
import type { LineFunction, LineSearchOutcome } from './line-function.js';
import { armijoSearch } from './line-search-armijo.js';
import { moreThuenteSearch } from './line-search-more-thuente.js';
import { wolfeSearch } from './line-search-wolfe.js';
import type { ResolvedSolverOptions } from './solver-options.js';
import { stopMessage, type SolverReason, type SolverResult } from './solver-result.js';

/**
 * ‖v‖∞, NaN when an element is NaN.
 * @example
 * maxNorm(new Float64Array([1, -3])); // 3
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

/**
 * Reject a start that is not a finite array of numbers, or an f that is not a function.
 * @throws InvalidArgumentError, NonFiniteCoordinateError (naming `x0[i]`)
 * @example
 * checkStart([1, NaN], () => 0, 'lbfgsMinimize'); // throws NonFiniteCoordinateError: x0[1] = NaN
 */
export function checkStart(x0: unknown, f: unknown, where: string): asserts x0 is ArrayLike<number> {
  if (typeof f !== 'function') throw new InvalidArgumentError(`${where}: f must be a function (x: Float64Array) => number, got ${typeof f}.`);
  if (!Array.isArray(x0) && !(ArrayBuffer.isView(x0) && !(x0 instanceof DataView))) {
    throw new InvalidArgumentError(`${where}: x0 must be a Float64Array (or an array of numbers), got ${x0 === null ? 'null' : typeof x0}.`);
  }
  const a = x0 as ArrayLike<unknown>;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (typeof v !== 'number') throw new InvalidArgumentError(`${where}: x0[${i}] is ${typeof v}, not a number.`);
    if (!Number.isFinite(v)) throw new NonFiniteCoordinateError(`x0[${i}]`, v, `${where}: x0[${i}] = ${v}; start from a finite point.`);
  }
}

/**
 * The state of one run; the drivers own it.
 * @example
 * const run = new SolverRun(new Float64Array([3]), (x) => x[0]! ** 2, analyticGradient((g, x) => void (g[0] = 2 * x[0]!)), 'example');
 * run.value(0.5); // f at x + 0.5·d (d is 0 until a driver sets it): 9
 */
export class SolverRun implements LineFunction {
  x: Float64Array;
  g: Float64Array;
  /** The search direction. */
  readonly d: Float64Array;
  xt: Float64Array;
  gt: Float64Array;
  fx = NaN;
  ft = NaN;
  calls = 0;
  gradientCalls = 0;
  iterations = 0;
  /** g is the source's most accurate gradient at x (refined, or the source is never coarse). */
  accurate = false;
  /** The one refinement below refineFactor·gradTol has been made. */
  refinedNearStop = false;

  /**
   * Evaluate f and the gradient at x0 (with a box: trial points are clamped into it).
   * @throws InvalidArgumentError when x0 is not an array of numbers or f is not a function, or f does not return a number;
   *   NonFiniteCoordinateError for a NaN or ±Infinity in x0; NonFiniteValueError when f(x0) or ∇f(x0) is not finite
   */
  constructor(
    x0: ArrayLike<number>,
    private readonly f: (x: Float64Array) => number,
    readonly source: GradientSource,
    readonly where: string,
    private readonly box?: Box,
    private readonly counter?: EvaluationCounter,
  ) {
    checkStart(x0, f, where);
    const n = x0.length;
    this.x = Float64Array.from(x0);
    this.g = new Float64Array(n);
    this.d = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
    this.fx = this.evaluate(this.x);
    if (!Number.isFinite(this.fx)) throw new NonFiniteValueError(undefined, this.fx, `${where}: f(x0) = ${this.fx}; start from a point where f is finite.`);
    this.gradientInto(this.g, this.x, this.fx);
    if (!Number.isFinite(maxNorm(this.g))) {
      throw new NonFiniteValueError(undefined, NaN, `${where}: the gradient at x0 is not finite; start from a point where f is differentiable.`);
    }
    this.accurate = !source.coarse;
  }

  /** Calls of f so far, numerical gradients included. */
  get evaluations(): number {
    return this.calls + this.source.evaluations;
  }

  evaluate(x: Float64Array): number {
    this.calls++;
    if (this.counter) this.counter.evaluations++;
    const v = this.f(x);
    if (typeof v !== 'number') throw new InvalidArgumentError(`${this.where}: f must return a number, got ${typeof v}.`);
    return v;
  }

  gradientInto(g: Float64Array, x: Float64Array, fx: number): void {
    this.gradientCalls++;
    this.counted(() => this.source.into(g, x, fx));
  }

  /** Run a source call, adding its calls of f to the caller's counter (also when it throws). */
  private counted<T>(call: () => T): T {
    const before = this.source.evaluations;
    try {
      return call();
    } finally {
      if (this.counter) this.counter.evaluations += this.source.evaluations - before;
    }
  }

  /** φ(α) = f(x + α·d); the trial point goes to xt. */
  value(alpha: number): number {
    const { x, d, xt, box } = this;
    for (let k = 0; k < x.length; k++) xt[k] = x[k]! + alpha * d[k]!;
    // Within the feasible step x + α·d is in the box up to rounding: clamp so f never sees a point outside.
    if (box !== undefined) for (let k = 0; k < x.length; k++) xt[k] = Math.min(Math.max(xt[k]!, box.lower[k]!), box.upper[k]!);
    this.ft = this.evaluate(xt);
    return this.ft;
  }

  /** φ'(α) at the last trial; its gradient goes to gt. */
  slope(): number {
    this.gradientInto(this.gt, this.xt, this.ft);
    let s = 0;
    for (let k = 0; k < this.d.length; k++) s += this.gt[k]! * this.d[k]!;
    return s;
  }

  /** Make the accepted trial the iterate (swapping buffers: nothing is copied). */
  accept(): void {
    [this.x, this.xt] = [this.xt, this.x];
    [this.g, this.gt] = [this.gt, this.g];
    this.fx = this.ft;
    this.iterations++;
    this.accurate = !this.source.coarse;
  }

  /** Replace g by the source's most accurate gradient at x; false when it already is that. */
  refine(o: ResolvedSolverOptions): boolean {
    if (this.accurate) return false;
    this.accurate = true;
    const refined = this.counted(() => this.source.refineInto(this.g, this.x, this.fx, o.gradTol));
    if (refined) this.gradientCalls++;
    return refined;
  }

  /**
   * Search along d from α0 (at most alphaMax); afterwards xt, ft, gt hold the accepted
   * trial with its gradient, unless the search found no decrease.
   */
  search(slope0: number, alpha0: number, alphaMax: number, o: ResolvedSolverOptions): LineSearchOutcome {
    const wolfe = { c1: o.c1, c2: o.c2, maxTrials: o.maxTrials, alphaMax };
    const out =
      o.lineSearch === 'wolfe'
        ? wolfeSearch(this, this.fx, slope0, alpha0, wolfe)
        : o.lineSearch === 'moreThuente'
          ? moreThuenteSearch(this, this.fx, slope0, alpha0, wolfe)
          : armijoSearch(this, this.fx, slope0, Math.min(alpha0, alphaMax), { c1: o.c1, maxTrials: o.maxTrials });
    if (out.status !== 'wolfe' && out.status !== 'armijo') return out;
    if (!out.current) this.value(out.alpha);
    if (!out.current || out.slope !== out.slope) this.slope();
    return out;
  }

  /**
   * The stop before the next iteration, or null to go on. `norm` measures the
   * gradient (∞-norm, projected with bounds). A coarse gradient is refined once
   * when it first falls below refineFactor·gradTol, and again at every point
   * where it claims gradTol: the run stops as 'gradTol' only when ‖g‖ plus the
   * source's error bound is within gradTol (as 'precisionLoss' when that bound
   * alone exceeds gradTol).
   */
  stopTest(o: ResolvedSolverOptions, norm: (run: SolverRun) => number): SolverReason | null {
    const n0 = norm(this);
    if (n0 <= o.gradTol || (!this.refinedNearStop && n0 <= o.refineFactor * o.gradTol)) {
      this.refinedNearStop = true;
      this.refine(o);
    }
    // A gradient below the source's resolution at this f is indistinguishable from its rounding: no convergence claimed.
    const n1 = norm(this);
    const error = this.source.errorBound();
    if (n1 + error <= o.gradTol) return 'gradTol';
    // Small, but the source cannot resolve gradients that small at this f: no convergence can be claimed.
    if (n1 <= o.gradTol && error > o.gradTol) return 'precisionLoss';
    if (this.iterations >= o.maxIterations) return 'maxIterations';
    if (this.evaluations >= o.maxEvaluations) return 'maxEvaluations';
    return null;
  }

  /** True when the step from fPrev to fx met the fTol test (never with fTol = 0). */
  fTolMet(fPrev: number, o: ResolvedSolverOptions): boolean {
    return o.fTol > 0 && fPrev - this.fx <= o.fTol * Math.max(Math.abs(fPrev), Math.abs(this.fx), 1);
  }

  /** The result (copies of x and g; converged exactly when the reason is 'gradTol'). */
  finish(reason: SolverReason, o: ResolvedSolverOptions, gradNorm: number): SolverResult {
    return {
      x: Float64Array.from(this.x),
      f: this.fx,
      gradient: Float64Array.from(this.g),
      gradNorm,
      iterations: this.iterations,
      evaluations: this.evaluations,
      gradientEvaluations: this.gradientCalls,
      reason,
      converged: reason === 'gradTol',
      message: stopMessage(reason, gradNorm, o.gradTol, this.fx, this.source.description),
    };
  }
}
