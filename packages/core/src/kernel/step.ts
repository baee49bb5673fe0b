/**
 * Step sizes for finite differences: the machine epsilon of the storage, the
 * automatic step of each scheme, and the Numerical-Recipes trick that makes a
 * step exactly representable at a given point.
 */

/** The finite-difference formulas with a fixed stencil (one row of the stencil table each). */
export type DifferenceScheme = 'central' | 'forward' | 'backward' | 'five-point';

/** Alias of DifferenceScheme: the schemes of the stencil table. */
export type FixedScheme = DifferenceScheme;

/**
 * Every `scheme` option: the fixed stencils, and 'richardson' (central
 * differences at halving steps, extrapolated until the estimate converges;
 * reports its own error).
 */
export type Scheme = DifferenceScheme | 'richardson';

/** The fixed schemes, in table order. */
export const DIFFERENCE_SCHEMES: readonly DifferenceScheme[] = ['central', 'forward', 'backward', 'five-point'];

/** Every valid `scheme` option, in the order error messages list them. */
export const SCHEMES: readonly Scheme[] = [...DIFFERENCE_SCHEMES, 'richardson'];

/** Initial step of scheme 'richardson': h₀ = 0.5 absolute (scipy.differentiate's), raised to 1024 spacings of floats at huge |x|. */
export const RICHARDSON_INITIAL_STEP = 0.5;

/** The largest finite float32, (2 − 2⁻²³)·2¹²⁷ ≈ 3.4028e38. */
export const FLOAT32_MAX = 3.4028234663852886e38;

/** Element precision of a storage that can hold a perturbed value. */
export type Precision = 'float64' | 'float32';

/** Spacing of float64 numbers at 1 (2⁻⁵²). */
export const FLOAT64_EPSILON = Number.EPSILON;

/** Spacing of float32 numbers at 1 (2⁻²³). */
export const FLOAT32_EPSILON = 2 ** -23;

/** Machine epsilon of a precision: 2⁻⁵² for float64, 2⁻²³ for float32. */
export function epsilonOf(precision: Precision): number {
  return precision === 'float32' ? FLOAT32_EPSILON : FLOAT64_EPSILON;
}

/**
 * The relative step that balances truncation against rounding error for a
 * scheme: eps^(1/2) for one-sided differences (error O(h)), eps^(1/3) for
 * central (O(h²)), eps^(1/5) for five-point (O(h⁴)); 'richardson' starts at
 * 0.5 and halves the step itself.
 *
 * @param scheme - the difference formula
 * @param eps - machine epsilon of the array's storage
 * @returns the step to use at |x| ≤ 1; scale it by max(1, |x|) elsewhere
 * @example
 * autoStepBase('central', Number.EPSILON); // ≈ 6.06e-6
 */
export function autoStepBase(scheme: Scheme, eps: number): number {
  if (eps === FLOAT64_EPSILON) return BASE64[scheme];
  if (eps === FLOAT32_EPSILON) return BASE32[scheme];
  return baseOf(scheme, eps);
}

function baseOf(scheme: Scheme, eps: number): number {
  switch (scheme) {
    case 'richardson':
      return RICHARDSON_INITIAL_STEP;
    case 'forward':
    case 'backward':
      return Math.sqrt(eps);
    case 'central':
      return Math.cbrt(eps);
    case 'five-point':
      return eps ** 0.2;
  }
}

const BASE64: Readonly<Record<Scheme, number>> = {
  central: baseOf('central', FLOAT64_EPSILON),
  forward: baseOf('forward', FLOAT64_EPSILON),
  backward: baseOf('backward', FLOAT64_EPSILON),
  'five-point': baseOf('five-point', FLOAT64_EPSILON),
  richardson: RICHARDSON_INITIAL_STEP,
};
const BASE32: Readonly<Record<Scheme, number>> = {
  central: baseOf('central', FLOAT32_EPSILON),
  forward: baseOf('forward', FLOAT32_EPSILON),
  backward: baseOf('backward', FLOAT32_EPSILON),
  'five-point': baseOf('five-point', FLOAT32_EPSILON),
  richardson: RICHARDSON_INITIAL_STEP,
};

/**
 * The step actually applied when `h0` is added to `x` in the given precision:
 * `h = round(x + h0) − x` (Numerical Recipes §5.7). With this `h`, `x + h` is
 * stored without rounding, so the nominal and the applied step agree.
 *
 * @param x - the coordinate's current value (already representable in `precision`)
 * @param h0 - the wanted step, > 0
 * @param float32 - round the sum to float32 instead of float64
 * @returns a step within one spacing of `h0`, > 0 when `h0` exceeds half a spacing at x
 * @example
 * representableStep(3, 1e-4, true); // → 9.989738464355469e-5 — that is Math.fround(3.0001) − 3
 */
export function representableStep(x: number, h0: number, float32: boolean): number {
  return float32 ? Math.fround(x + h0) - x : x + h0 - x;
}

/**
 * The automatic step at `x`: h₀ = base·max(1, |x|) made representable
 * (h = round(x + h₀) − x). Near the largest finite number, where x + h₀
 * overflows, the representable step toward the interior is taken instead
 * (h = x − round(x − h₀)), so h is always finite and positive.
 *
 * @param x - the coordinate (finite, already representable in the precision)
 * @param base - autoStepBase of the scheme and precision
 * @param float32 - round in float32 instead of float64
 * @example
 * autoStep(3, Math.cbrt(Number.EPSILON), false);     // ≈ 1.82e-5 (3 + h exact)
 * autoStep(Number.MAX_VALUE, 6e-6, false);           // ≈ 1.08e303 (finite: taken downward)
 */
export function autoStep(x: number, base: number, float32: boolean): number {
  const h0 = base * (x > 1 ? x : x < -1 ? -x : 1);
  const h = representableStep(x, h0, float32);
  if (h - h === 0) return h;
  return float32 ? x - Math.fround(x - h0) : x - (x - h0);
}

const bits = new DataView(new ArrayBuffer(8));

/**
 * Distance from |x| to the next larger number of the precision (one ulp), used
 * to tell a caller the smallest step that changes x; at the largest finite
 * number, the distance to the one below it (2⁹⁷¹ in float64).
 *
 * @example
 * spacingAt(1, 'float64'); // → 2.220446049250313e-16
 */
export function spacingAt(x: number, precision: Precision): number {
  const a = Math.abs(x);
  if (precision === 'float32') {
    bits.setFloat32(0, a);
    const up = bits.getUint32(0) + 1;
    bits.setUint32(0, up);
    const next = bits.getFloat32(0);
    if (next !== Infinity) return next - a;
    bits.setUint32(0, up - 2); // the largest float32: its spacing is the gap below it
    return a - bits.getFloat32(0);
  }
  bits.setFloat64(0, a);
  const up = bits.getBigUint64(0) + 1n;
  bits.setBigUint64(0, up);
  const next = bits.getFloat64(0);
  if (next !== Infinity) return next - a;
  bits.setBigUint64(0, up - 2n); // Number.MAX_VALUE: its spacing is the gap below it
  return a - bits.getFloat64(0);
}
