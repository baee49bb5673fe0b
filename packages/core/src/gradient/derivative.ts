/**
 * A scalar derivative that reports its own error (scipy.differentiate's
 * `derivative`): Richardson extrapolation of central differences.
 */
import { ArgumentRangeError } from '../errors/error-classes.js';
import { checkScalar, differentiateScalar } from './numerical-diff.js';
import type { GradientOptions } from '../options/options.js';
import type { RichardsonStatus } from '../richardson/richardson.js';

/** What `derivative` returns. */
export interface DerivativeResult {
  /** The estimate of f′(x). */
  value: number;
  /** Its estimated absolute error (an upper bound in the usual case; Infinity when no estimate could be checked). */
  error: number;
  /** Calls of f made. */
  evaluations: number;
  /**
   * 'converged': to richardson.rtol/atol or to the rounding floor of f's values;
   * 'not-converged': the levels ran out, the estimates stopped improving, or x is a kink
   * (value: the symmetric derivative; error: half the jump in slope);
   * 'non-finite': f was not finite at a smaller step, value is the best estimate before it.
   */
  status: RichardsonStatus;
}

/**
 * f′(x) with an error estimate and a status, by scheme 'richardson':
 * central differences at h₀, h₀/2, h₀/4, … (h₀ = 0.5, or `h`), extrapolated
 * through the nodes as stored (Richardson's tableau), stopping when the
 * estimate reaches the rounding floor of f's values or the tolerances of
 * `richardson` ({ rtol, atol, maxLevels }). Error: the truncation estimate
 * (the last change times the rate of convergence) or the rounding floor
 * (2·eps·√Σ(wⱼf(xⱼ))²), whichever is larger. On smooth functions it is
 * accurate to a few ulps of f′ in 7–13 calls; a non-finite f at the first
 * step restarts with a 4× smaller one; within `bounds` the steps turn
 * one-sided next to a bound. f(x) is evaluated once (or taken from `f0`):
 * it shows a kink at x.
 *
 * @param f - a scalar function
 * @param x - a finite point
 * @param options - h (initial step), counter, bounds, f0, richardson; scheme may only be 'richardson'
 * @returns { value, error, evaluations, status }
 * @throws the errors of numericalDiff; NonFiniteValueError when f is not finite at any step down to 4⁻³⁰·h₀
 * @example
 * const r = derivative(Math.exp, 1);
 * r.value; // ≈ 2.71828182845905
 * r.status; // → 'converged'
 * r.error < 1e-13; // → true
 * r.evaluations; // → 11
 * derivative(Math.abs, 0).status; // → 'not-converged' (a kink: value 0, error 1)
 */
export function derivative(f: (x: number) => number, x: number, options?: GradientOptions): DerivativeResult {
  const where = 'derivative';
  if (options !== undefined && typeof options === 'object' && options !== null && options.scheme !== undefined && options.scheme !== 'richardson') {
    throw new ArgumentRangeError(`${where}: scheme ${JSON.stringify(options.scheme)} does not estimate its error; derivative uses 'richardson' (leave scheme out), numericalDiff the other schemes.`);
  }
  const resolved = checkScalar(f, x, options, where);
  resolved.scheme = 'richardson';
  const report = { error: 0, status: 'converged' as RichardsonStatus };
  const { value, evaluations } = differentiateScalar(f, x, resolved, where, report);
  return { value, error: report.error, evaluations, status: report.status };
}
