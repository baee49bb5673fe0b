/**
 * What a line search sees of f: φ(α) = f(x + α·d) and φ'(α) = ∇f(x + α·d)ᵀd,
 * and what it reports back. Shared by the strong-Wolfe and the Armijo search.
 */
import type { Loop } from '../../drive/run-sync.js';

/**
 * φ along a search line, implemented by a stepper over its own buffers.
 * `value(α)` moves the trial point to x + α·d and returns f there; `slope()`
 * evaluates the gradient AT THAT SAME TRIAL POINT (the stepper keeps it, so an
 * accepted trial's gradient becomes the next iterate's gradient) and returns
 * φ'(α). A search calls `slope()` only right after `value(α)` for the α it
 * wants the slope of. Both are loops (see drive/run-sync.ts): they yield the
 * evaluations they need (requests of type Q) to the driver, so one search
 * serves a synchronous and an asynchronous minimize alike.
 */
export interface LineFunction<Q = never> {
  value(alpha: number): Loop<Q, number>;
  slope(): Loop<Q, number>;
}

/**
 * How a line search ended:
 * - 'wolfe': α satisfies the (strong) Wolfe conditions;
 * - 'armijo': α gives sufficient decrease (f(x+αd) ≤ f(x) + c1·α·φ'(0) and f(x+αd) < f(x))
 *   but the curvature condition was not reached within the trial budget — still a usable step;
 * - 'noDecrease': no trial decreased f, and one rose about as fast as the slope said it
 *   would fall: the direction does not descend (a wrong or noisy gradient, a kink);
 * - 'precisionLoss': no trial decreased f and none contradicted the slope: f's precision
 *   cannot show the decrease (see FailureProbe);
 * - 'unbounded': f(x + α·d) = −∞ at a trial (f is unbounded below along d).
 */
export type LineSearchStatus = 'wolfe' | 'armijo' | 'noDecrease' | 'precisionLoss' | 'unbounded';

/** The result of a line search. */
export interface LineSearchOutcome {
  status: LineSearchStatus;
  /** The step found (0 when none decreased f). */
  alpha: number;
  /** φ(alpha). */
  value: number;
  /** φ'(alpha), or NaN when the slope was not evaluated there. */
  slope: number;
  /**
   * True when the last `value`/`slope` calls were at `alpha` (the solver's trial
   * buffers hold the answer, its gradient too when `slope` is a number).
   */
  current: boolean;
  /** Calls of `value`. */
  values: number;
  /** Calls of `slope`. */
  slopes: number;
}

/**
 * True when φ(α) is a sufficient AND a strict decrease: φ(α) ≤ φ(0) + c1·α·φ'(0)
 * and φ(α) < φ(0). The strict part matters once c1·α·|φ'(0)| is below half an
 * ulp of φ(0): an unchanged f is not a decrease.
 * @example
 * sufficientDecrease(1e8, 1, 1e8, -1e-9, 1e-4); // false: f did not change
 */
export function sufficientDecrease(value: number, alpha: number, value0: number, slope0: number, c1: number): boolean {
  return value <= value0 + c1 * alpha * slope0 && value < value0;
}

/**
 * Why a line search that found no decrease failed, from its trials. A trial that
 * went up by a visible amount (beyond the rounding of φ(0)) but by no more than
 * 4× the decrease the slope predicted, α·|φ'(0)|, contradicts the slope: f rises
 * about as fast as it should fall — a wrong or noisy gradient, a kink:
 * 'noDecrease'. Without such a trial (rises only where curvature dominates, and
 * no visible change at the short steps) f's precision cannot show the decrease
 * the slope promises: 'precisionLoss'.
 * @example
 * const probe = new FailureProbe(1e8, -1e-3);
 * probe.observe(1, 1e8 + 900); // a long step overshoots (900 ≫ 4·1e-3: curvature)…
 * probe.observe(1e-6, 1e8); // …and a short one shows nothing
 * probe.verdict(); // 'precisionLoss'
 */
export class FailureProbe {
  private contradicted = false;

  constructor(
    private readonly value0: number,
    private readonly slope0: number,
  ) {}

  /** Record a trial. */
  observe(alpha: number, value: number): void {
    const rise = value - this.value0;
    if (rise > 0 && rise <= 4 * alpha * Math.abs(this.slope0) && !atRoundingLevel(value, this.value0)) this.contradicted = true;
  }

  verdict(): 'noDecrease' | 'precisionLoss' {
    return this.contradicted ? 'noDecrease' : 'precisionLoss';
  }
}

/**
 * True when the change |φ(α) − φ(0)| is at the rounding level of φ(0): within
 * `ulps` units of 2⁻⁵²·|φ(0)| (or of the smallest normal number near φ(0) = 0).
 * @example
 * atRoundingLevel(1e8 + 1.5e-8, 1e8); // true (one ulp)
 */
export function atRoundingLevel(value: number, value0: number, ulps = 8): boolean {
  return Math.abs(value - value0) <= ulps * Number.EPSILON * Math.max(Math.abs(value0), Number.MIN_VALUE);
}
