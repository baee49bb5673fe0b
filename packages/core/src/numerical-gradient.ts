/**
 * ∇f of a function of one ndarray by finite differences, perturbing the array
 * in place (f receives the same object) and restoring every element exactly.
 */
import ndarray, { type NdArray } from 'ndarray';
import { differentiateInto } from './finite-difference.js';
import { describe, resolveOptions, type GradientOptions } from './options.js';
import { floatPrecisionOf, sizeOf } from './strided.js';

/** Options of numericalGradient: the shared ones plus an optional destination. */
export interface NumericalGradientOptions extends GradientOptions {
  /**
   * Write the gradient here (an ndarray of x's shape, any strides) instead of
   * allocating; same as calling numericalGradientInto(out, f, x, options).
   * @default undefined (a new Float64 array is allocated)
   */
  out?: NdArray;
}

/**
 * Check that `out` can receive the gradient of `x`: an ndarray of x's shape with
 * float storage that is not x's own storage.
 * @throws TypeError for a non-ndarray or non-float storage; RangeError for a shape mismatch or shared storage
 */
export function assertGradientDestination(out: unknown, x: NdArray, where: string, outName: string, xName: string): asserts out is NdArray {
  floatPrecisionOf(out, where, outName);
  const o = out as NdArray;
  if (o.shape.length !== x.shape.length || o.shape.some((n, axis) => n !== x.shape[axis])) {
    throw new RangeError(
      `${where}: ${outName} has shape [${o.shape.join(',')}] but ${xName} has shape [${x.shape.join(',')}]; ` +
        `allocate it with ndarray(new Float64Array(${sizeOf(x.shape)}), [${x.shape.join(',')}]).`,
    );
  }
  if (o.data === x.data) {
    throw new RangeError(`${where}: ${outName} shares its storage with ${xName}; writing the gradient would change ${xName} while it is differentiated. Pass a separate array.`);
  }
}

/**
 * Write the numerical gradient of f at x into `out`.
 *
 * gᵢ ≈ ∂f/∂xᵢ, with (central) gᵢ = (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h. Each
 * element of x is saved, overwritten with the perturbed value, f(x) is called
 * with the SAME ndarray object, and the saved value is assigned back — so a
 * closure that ignores its argument and reads x directly works too. Afterwards
 * (also after an error) every element of x is bit-identical to before.
 *
 * The step: `h: 'auto'` uses eps^(1/3)·max(1,|xᵢ|) (central), eps^(1/2)
 * (one-sided), eps^(1/5) (five-point) with the storage's eps, rounded so that
 * xᵢ + h is exact. A fixed h is applied as given; float64 and plain-array
 * storage hold xᵢ ± h exactly, so the quotient divides by the nominal step (the
 * book's (f(x+h) − f(x−h)) / 2h); a Float32Array rounds xᵢ ± h, so the quotient
 * divides by the difference of the values it actually stored.
 *
 * Cost: N+1 calls of f (forward, backward), 2N (central), 4N (five-point);
 * count them with `options.counter`. An empty x calls f zero times.
 *
 * @param out - destination of x's shape (any strides, float storage, not sharing x's storage)
 * @param f - the function; called as f(x) while one element of x is perturbed
 * @param x - the point: an ndarray view of Float64Array, Float32Array or plain-array data
 * @param options - h, scheme, counter
 * @returns out
 * @throws TypeError if x or out is not a float ndarray (before f is called), or f returns a non-number
 * @throws RangeError for a bad h or scheme, a step below the spacing of floats at xᵢ, or a shape mismatch
 * @throws Error naming the coordinate (`x[1,0]`) when f throws (`cause` kept) or returns NaN/±Infinity
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([3, 4]), [2]);
 * const g = ndarray(new Float64Array(2), [2]);
 * numericalGradientInto(g, (v) => v.get(0) ** 2 + v.get(1) ** 2, x, { h: 1e-4 });
 * // g ≈ [6, 8]
 */
export function numericalGradientInto<A extends NdArray>(out: NdArray, f: (x: A) => number, x: A, options?: GradientOptions): NdArray;
export function numericalGradientInto(out: NdArray, f: (x: NdArray) => number, x: NdArray, options?: GradientOptions): NdArray {
  const where = 'numericalGradientInto';
  const precision = floatPrecisionOf(x, where, 'x');
  assertFunction(f, where, '(x) => number');
  assertGradientDestination(out, x, where, 'out', 'x');
  differentiateInto(out, f, x, 'x', precision, resolveOptions(options, where), where);
  return out;
}

/**
 * The numerical gradient of f at x as a new contiguous row-major Float64
 * ndarray of x's shape (or in `options.out`). See numericalGradientInto for
 * the formula, the step rule, the cost and the errors.
 *
 * @param f - the function; called as f(x) while one element of x is perturbed
 * @param x - the point (Float64Array, Float32Array or plain-array data, any view)
 * @param options - h ('auto' or a number), scheme, counter, out
 * @returns ∇f(x)
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([3, 4]), [2]);
 * numericalGradient((v) => v.get(0) * v.get(0) + v.get(1) * v.get(1), x, { h: 1e-4 }); // → [6.00000000000378, 7.999999999999119]
 */
export function numericalGradient<A extends NdArray>(f: (x: A) => number, x: A, options?: NumericalGradientOptions): NdArray;
export function numericalGradient(f: (x: NdArray) => number, x: NdArray, options?: NumericalGradientOptions): NdArray {
  const where = 'numericalGradient';
  const precision = floatPrecisionOf(x, where, 'x');
  assertFunction(f, where, '(x) => number');
  const out = options?.out;
  if (out !== undefined) assertGradientDestination(out, x, where, 'options.out', 'x');
  const destination = out ?? ndarray(new Float64Array(sizeOf(x.shape)), x.shape.slice());
  differentiateInto(destination, f, x, 'x', precision, resolveOptions(options, where), where);
  return destination;
}

/** @throws TypeError when f is not a function */
export function assertFunction(f: unknown, where: string, signature: string): void {
  if (typeof f !== 'function') throw new TypeError(`${where}: f must be a function ${signature} (got ${describe(f)}).`);
}
