/**
 * Step interpolation for line searches: the minimizer of the cubic or quadratic
 * that matches φ at two steps, and a safeguard that keeps a trial inside an
 * interval (Nocedal & Wright, Numerical Optimization, §3.5).
 */

/**
 * Minimizer of the cubic through (a, fa) and (b, fb) with slopes da and db:
 *
 *   d₁ = da + db − 3(fa − fb)/(a − b),  d₂ = sign(b − a)·√(d₁² − da·db),
 *   α = b − (b − a)·(db + d₂ − d₁)/(db − da + 2d₂)          (N&W eq. 3.59)
 *
 * @returns α, or NaN when the cubic has no local minimizer (d₁² < da·db) or the data are not finite
 * @example
 * // φ(α) = (α − 1)²: slopes −2 at 0 and 2 at 2; the cubic is φ itself.
 * cubicMinimizer(0, 1, -2, 2, 1, 2); // 1
 */
export function cubicMinimizer(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  const d1 = da + db - (3 * (fa - fb)) / (a - b);
  const radicand = d1 * d1 - da * db;
  if (!(radicand >= 0)) return NaN;
  const d2 = Math.sign(b - a) * Math.sqrt(radicand);
  const alpha = b - ((b - a) * (db + d2 - d1)) / (db - da + 2 * d2);
  return Number.isFinite(alpha) ? alpha : NaN;
}

/**
 * Minimizer of the quadratic q with q(a) = fa, q'(a) = da, q(b) = fb:
 *
 *   α = a − da·(b − a)² / (2·(fb − fa − da·(b − a)))
 *
 * @returns α, or NaN when q is not convex (the denominator is ≤ 0) or the data are not finite
 * @example
 * // φ(α) = (α − 1)²: φ(0) = 1, φ'(0) = −2, φ(3) = 4.
 * quadraticMinimizer(0, 1, -2, 3, 4); // 1
 */
export function quadraticMinimizer(a: number, fa: number, da: number, b: number, fb: number): number {
  const h = b - a;
  const curvature = fb - fa - da * h;
  if (!(curvature > 0)) return NaN;
  const alpha = a - (da * h * h) / (2 * curvature);
  return Number.isFinite(alpha) ? alpha : NaN;
}

/**
 * Keep a trial α inside the interval between `lo` and `hi` (either order), at
 * least `margin`·|hi − lo| away from both ends; a NaN trial becomes the midpoint.
 * @example
 * safeguard(0.001, 0, 1, 0.1); // 0.1
 */
export function safeguard(alpha: number, lo: number, hi: number, margin: number): number {
  const left = Math.min(lo, hi);
  const width = Math.abs(hi - lo);
  if (!(alpha === alpha)) return left + width / 2;
  return Math.min(Math.max(alpha, left + margin * width), left + (1 - margin) * width);
}
