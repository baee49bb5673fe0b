/**
 * Backtracking line search with the Armijo (sufficient decrease) condition only:
 * the one backtracking search of the package. Its strategy is data: each
 * rejected step is shrunk by a fixed factor (the classic halving of gradient
 * descent, `backtracking()`), or by safeguarded quadratic interpolation (L-BFGS
 * with `lineSearch: 'armijo'`). It never evaluates a gradient.
 */
import type { Loop } from '../../drive/run-sync.js';
import { FailureProbe, sufficientDecrease, type LineFunction, type LineSearchOutcome } from './line-function.js';
import { quadraticMinimizer } from './interpolation.js';

/** Options of `armijoSearch`. */
export interface ArmijoSearchOptions {
  /** Sufficient-decrease constant c1 in (0, 1). @default 1e-4 */
  c1?: number;
  /** Calls of φ per search, an integer ≥ 1 (or Infinity: until the rounding test gives up). @default 20 */
  maxTrials?: number;
  /**
   * How a rejected step α shrinks: a fixed factor in (0, 1) (α ← shrink·α, also
   * after a non-finite φ), or 'interpolate': the minimizer of the quadratic through φ(0), φ'(0) and φ(α), clamped to
   * [0.1·α, 0.5·α] (0.1·α after a non-finite φ).
   * @default 'interpolate'
   */
  shrink?: number | 'interpolate';
}

/** A rejected step shrinks to at least this fraction of itself… */
const SHRINK_MIN = 0.1;
/** …and at most this fraction (plain halving when interpolation says nothing better). */
const SHRINK_MAX = 0.5;

/** The next trial after α was rejected with value v. */
function shrunkStep(alpha: number, v: number, value0: number, slope0: number, shrink: number | 'interpolate'): number {
  if (shrink !== 'interpolate') return shrink * alpha;
  const next = Number.isFinite(v) ? quadraticMinimizer(0, value0, slope0, alpha, v) : NaN;
  return next === next ? Math.min(Math.max(next, SHRINK_MIN * alpha), SHRINK_MAX * alpha) : SHRINK_MIN * alpha;
}

/**
 * Find α with φ(α) ≤ φ(0) + c1·α·φ'(0) and φ(α) < φ(0) (an unchanged f is not a
 * decrease), trying α₀ and then shrinking after each rejection by the strategy
 * (see ArmijoSearchOptions.shrink; a non-finite φ counts as a rejection). Never
 * calls `slope`: the caller evaluates the gradient at the accepted step (the
 * outcome's slope is NaN).
 *
 * Stops without a step when maxTrials are used or when the decrease the slope
 * predicts for the next step, α·|φ'(0)|, is below the rounding of φ(0) (then
 * 'noDecrease' or 'precisionLoss' as FailureProbe decides).
 * @example
 * // φ(α) = (α − 1)², φ'(0) = −2, α₀ = 4: φ(4) = 9 fails; the quadratic through
 * // φ(0) = 1, φ'(0) = −2, φ(4) = 9 is φ itself, minimized at 1 — inside [0.4, 2], accepted.
 * const phi = { *value(a: number) { return (a - 1) ** 2; }, *slope() { return NaN; } };
 * settle(armijoSearch(phi, 1, -2, 4)).alpha; // → 1
 * // Halving instead: 4, then 2 (φ = 1 is not below φ(0)), then 1.
 * settle(armijoSearch(phi, 1, -2, 4, { shrink: 0.5 })).values; // → 3
 */
export function* armijoSearch<Q>(phi: LineFunction<Q>, value0: number, slope0: number, alpha0: number, options: ArmijoSearchOptions = {}): Loop<Q, LineSearchOutcome> {
  const c1 = options.c1 ?? 1e-4;
  const maxTrials = options.maxTrials ?? 20;
  const shrink = options.shrink ?? 'interpolate';
  let alpha = alpha0;
  const probe = new FailureProbe(value0, slope0);
  for (let values = 1; ; values++) {
    const v = yield* phi.value(alpha);
    probe.observe(alpha, v);
    if (v === -Infinity) return { status: 'unbounded', alpha, value: v, slope: NaN, current: true, values, slopes: 0 };
    if (sufficientDecrease(v, alpha, value0, slope0, c1)) return { status: 'armijo', alpha, value: v, slope: NaN, current: true, values, slopes: 0 };
    const shrunk = shrunkStep(alpha, v, value0, slope0, shrink);
    if (values >= maxTrials || !(shrunk * Math.abs(slope0) > Number.EPSILON * Math.abs(value0))) {
      return { status: probe.verdict(), alpha: 0, value: value0, slope: slope0, current: false, values, slopes: 0 };
    }
    alpha = shrunk;
  }
}
