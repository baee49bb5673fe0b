/**
 * Step sizes for finite differences: the machine epsilon of the storage, the
 * automatic step of each scheme, and the Numerical-Recipes trick that makes a
 * step exactly representable at a given point.
 */

/** The finite-difference formulas this package implements. */
export type DifferenceScheme = 'central' | 'forward' | 'backward' | 'five-point';

/** Every valid `scheme` option, in the order error messages list them. */
export const DIFFERENCE_SCHEMES: readonly DifferenceScheme[] = ['central', 'forward', 'backward', 'five-point'];

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
 * central (O(h²)), eps^(1/5) for five-point (O(h⁴)).
 *
 * @param scheme - the difference formula
 * @param eps - machine epsilon of the array's storage
 * @returns the step to use at |x| ≤ 1; scale it by max(1, |x|) elsewhere
 * @example
 * autoStepBase('central', Number.EPSILON); // ≈ 6.06e-6
 */
export function autoStepBase(scheme: DifferenceScheme, eps: number): number {
  switch (scheme) {
    case 'forward':
    case 'backward':
      return Math.sqrt(eps);
    case 'central':
      return Math.cbrt(eps);
    case 'five-point':
      return eps ** 0.2;
  }
}

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

const bits = new DataView(new ArrayBuffer(8));

/**
 * Distance from |x| to the next larger number of the precision (one ulp), used
 * to tell a caller the smallest step that changes x.
 *
 * @example
 * spacingAt(1, 'float64'); // → 2.220446049250313e-16
 */
export function spacingAt(x: number, precision: Precision): number {
  const a = Math.abs(x);
  if (precision === 'float32') {
    bits.setFloat32(0, a);
    bits.setUint32(0, bits.getUint32(0) + 1);
    return bits.getFloat32(0) - a;
  }
  bits.setFloat64(0, a);
  bits.setBigUint64(0, bits.getBigUint64(0) + 1n);
  return bits.getFloat64(0) - a;
}
