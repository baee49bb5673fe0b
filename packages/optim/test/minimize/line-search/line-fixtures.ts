/** Line functions for the line-search tests: φ and φ' in closed form, with a log of the calls (not a test file). */
import type { LineFunction } from '../../../src/minimize/line-search/line-function.js';

/** A LineFunction over φ and φ' (loops that make no request: drive a search with `settle`), recording every step it was asked for. */
export function line(phi: (a: number) => number, dphi: (a: number) => number): LineFunction & { values: number[]; slopes: number[] } {
  let at = NaN;
  const values: number[] = [];
  const slopes: number[] = [];
  return {
    values,
    slopes,
    *value(alpha) {
      at = alpha;
      values.push(alpha);
      return phi(alpha);
    },
    *slope() {
      slopes.push(at);
      return dphi(at);
    },
  };
}

/** Assert-friendly check of the strong Wolfe conditions at α. */
export function wolfeHolds(phi: (a: number) => number, dphi: (a: number) => number, alpha: number, c1 = 1e-4, c2 = 0.9): { decrease: boolean; curvature: boolean } {
  const v0 = phi(0);
  const d0 = dphi(0);
  return { decrease: phi(alpha) <= v0 + c1 * alpha * d0 && phi(alpha) < v0, curvature: Math.abs(dphi(alpha)) <= c2 * Math.abs(d0) };
}
