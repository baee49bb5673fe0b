/**
 * Backtracking line search with the Armijo (sufficient decrease) condition only,
 * the step shrunk by safeguarded quadratic interpolation. Kept as an option of
 * the solvers next to the strong-Wolfe search: it never evaluates a gradient.
 */
import { FailureProbe, sufficientDecrease, type LineFunction, type LineSearchOutcome } from './line-function.js';
import { quadraticMinimizer } from './interpolation.js';

/** Options of `armijoSearch`. */
export interface ArmijoSearchOptions {
  /** Sufficient-decrease constant c1 in (0, 1). @default 1e-4 */
  c1?: number;
  /** Calls of φ per search, an integer ≥ 1. @default 20 */
  maxTrials?: number;
}

/** A rejected step shrinks to at least this fraction of itself… */
const SHRINK_MIN = 0.1;
/** …and at most this fraction (plain halving when interpolation says nothing better). */
const SHRINK_MAX = 0.5;

/**
 * Find α with φ(α) ≤ φ(0) + c1·α·φ'(0) and φ(α) < φ(0), trying α₀ and then, after
 * each rejection, the minimizer of the quadratic through φ(0), φ'(0) and φ(α)
 * clamped to [0.1·α, 0.5·α] (0.1·α after a non-finite φ). Never calls `slope`:
 * the caller evaluates the gradient at the accepted step (the outcome's slope is NaN).
 *
 * Stops without a step when maxTrials are used or when α·|φ'(0)| falls below the
 * rounding of φ(0) ('noDecrease' or 'precisionLoss' as FailureProbe decides).
 * @example
 * // φ(α) = (α − 1)², φ'(0) = −2, α₀ = 4: φ(4) = 9 fails; the quadratic through
 * // φ(0) = 1, φ'(0) = −2, φ(4) = 9 is φ itself, minimized at 1 — inside [0.4, 2], accepted.
 * armijoSearch({ value: (a) => (a - 1) ** 2, slope: () => NaN }, 1, -2, 4).alpha; // 1
 */
export function armijoSearch(phi: LineFunction, value0: number, slope0: number, alpha0: number, options: ArmijoSearchOptions = {}): LineSearchOutcome {
  const c1 = options.c1 ?? 1e-4;
  const maxTrials = options.maxTrials ?? 20;
  let alpha = alpha0;
  const probe = new FailureProbe(value0, slope0);
  for (let values = 1; ; values++) {
    const v = phi.value(alpha);
    probe.observe(alpha, v);
    if (v === -Infinity) return { status: 'unbounded', alpha, value: v, slope: NaN, current: true, values, slopes: 0 };
    if (sufficientDecrease(v, alpha, value0, slope0, c1)) return { status: 'armijo', alpha, value: v, slope: NaN, current: true, values, slopes: 0 };
    const next = Number.isFinite(v) ? quadraticMinimizer(0, value0, slope0, alpha, v) : NaN;
    const shrunk = next === next ? Math.min(Math.max(next, SHRINK_MIN * alpha), SHRINK_MAX * alpha) : SHRINK_MIN * alpha;
    if (values >= maxTrials || !(shrunk * Math.abs(slope0) > Number.EPSILON * Math.abs(value0))) {
      return { status: probe.verdict(), alpha: 0, value: value0, slope: slope0, current: false, values, slopes: 0 };
    }
    alpha = shrunk;
  }
}
