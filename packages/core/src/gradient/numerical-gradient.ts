/**
 * ∇f of a function of one ndarray by finite differences, perturbing the array
 * in place (f receives the same object) and restoring every element exactly.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkDestination, checkErrorDestination, checkPoint } from '../options/arguments.js';
import { resolveBounds, type ArrayBounds } from '../kernel/bounds.js';
import { differentiateInto, type Extras } from '../kernel/finite-difference.js';
import { assertNoOverlap } from '../memory/memory.js';
import { resolveOptions, type GradientOptions, type ResolvedGradientOptions } from '../options/options.js';
import type { Precision } from '../kernel/step.js';
import { sizeOf } from '../memory/strided.js';

/** Options of numericalGradientInto: the shared ones plus the error destination of scheme 'richardson'. */
export interface NumericalGradientIntoOptions extends GradientOptions {
  /**
   * With scheme 'richardson': write each element's estimated absolute error
   * here (an ndarray of x's shape, its own memory). Refused with the other
   * schemes, which do not estimate their error.
   * @default undefined (the estimates are not kept)
   */
  error?: NdArray;
}

/** Options of numericalGradient: the shared ones plus optional destinations. */
export interface NumericalGradientOptions extends NumericalGradientIntoOptions {
  /**
   * Write the gradient here (an ndarray of x's shape, any strides, its own
   * memory) instead of allocating; same as calling numericalGradientInto(out, f, x, options).
   * @default undefined (a new Float64 array is allocated)
   */
  out?: NdArray;
}

/** The options the Into and the allocating forms accept beyond the shared ones (hoisted: checked on every call; numericalGradients too). */
export const INTO_KEYS: readonly string[] = ['error'];
export const KEYS: readonly string[] = ['out', 'error'];

/** What an unbounded call without error estimates passes on (shared: nothing to allocate per call). */
const NO_EXTRAS: Extras = Object.freeze({ bounds: undefined, error: undefined });

/** A validated call of the single-array gradient: what differentiateInto (or the asynchronous engine) needs. */
export interface GradientCall {
  precision: Precision;
  resolved: ResolvedGradientOptions;
  destination: NdArray;
  error: NdArray | undefined;
  bounds: ArrayBounds | undefined;
}

/**
 * Validate x, f, the options and (when required or given) the destination,
 * in the order the messages expect; every check runs before f is first called.
 * Allocates the destination when none is given.
 */
export function checkGradientCall(
  out: unknown,
  outRequired: boolean,
  f: unknown,
  x: NdArray,
  options: NumericalGradientIntoOptions | undefined,
  where: string,
  outName: string,
  extraKeys: readonly string[],
  signature = '(x) => number',
): GradientCall {
  const precision = checkPoint(x, where, 'x');
  assertFunction(f, where, signature);
  const resolved = resolveOptions(options, where, extraKeys);
  if (outRequired || out !== undefined) checkDestination(out, x, where, outName, 'x');
  const error: unknown = options?.error;
  if (error !== undefined) {
    checkErrorDestination(error, x, resolved.scheme, where, 'options.error', 'x');
    if (out !== undefined) assertNoOverlap(error, 'options.error', out as NdArray, outName, where);
  }
  assertElementsFinite(x, where, 'x');
  const bounds = resolveBounds(resolved.bounds, x, where, 'x');
  const destination = (out as NdArray | undefined) ?? ndarray(new Float64Array(sizeOf(x.shape)), x.shape.slice());
  return { precision, resolved, destination, error: error as NdArray | undefined, bounds };
}

/** Validate (checkGradientCall), then differentiate. */
function gradientInto(
  out: unknown,
  outRequired: boolean,
  f: (x: NdArray) => number,
  x: NdArray,
  options: NumericalGradientIntoOptions | undefined,
  where: string,
  outName: string,
  extraKeys: readonly string[],
): NdArray {
  const { precision, resolved, destination, error, bounds } = checkGradientCall(out, outRequired, f, x, options, where, outName, extraKeys);
  differentiateInto(destination, f, x, 'x', precision, resolved, where, undefined, bounds === undefined && error === undefined ? NO_EXTRAS : { bounds, error });
  return destination;
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
 * f must not write to x: it sees x perturbed in place. After each call the
 * perturbed element must still hold the value written before the call (else an
 * InputModifiedError, the element restored); writes elsewhere are not
 * detected except as a non-finite value found later. Copy x inside f if it
 * needs a scratch array.
 *
 * The step: `h: 'auto'` uses eps^(1/3)·max(1,|xᵢ|) (central), eps^(1/2)
 * (one-sided), eps^(1/5) (five-point) with the storage's eps, rounded so that
 * xᵢ + h is exact. A fixed h is applied as given and the storage rounds
 * xᵢ ± h (float64 at |xᵢ| ≫ h, always for Float32Array); the default
 * `quotient: 'actual'` divides by the step actually stored,
 * (xᵢ+h) − (xᵢ−h) (scipy's rule; five-point fits the cubic through the
 * stored nodes), `quotient: 'nominal'` by the book's 2h. Within a step of
 * ±MAX the nodes are placed toward the interior (one-sided, first order).
 *
 * Before f is first called: x is a float ndarray inside its storage whose
 * distinct elements do not share memory, every element is a finite number,
 * and out has x's shape, its own memory and no byte in common with x.
 *
 * Options beyond the step rules: `f0` (f(x) when the caller has it: one-sided
 * schemes skip that call), `bounds` (a box the nodes never leave; one-sided
 * formulas of the same order next to a bound), `onProgress` (reports while a
 * long gradient runs), scheme 'richardson' with `error` (per-element error
 * estimates) and `richardson` tolerances.
 *
 * Cost: N+1 calls of f (forward, backward; N with f0), 2N (central), 4N
 * (five-point), about 6N–12N + 1 (richardson); count them with
 * `options.counter`. An empty x calls f zero times.
 *
 * @param out - destination of x's shape (any strides, float storage, no memory shared with x)
 * @param f - the function; called as f(x) while one element of x is perturbed; must not write to x
 * @param x - the point: an ndarray view of Float64Array, Float32Array or plain-array data
 * @param options - h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson, error
 * @returns out
 * @throws InvalidArgumentError (TypeError) for a wrong type: x or out not a float ndarray, f not a function, an element not a number, a bad option
 * @throws ArgumentRangeError (RangeError) for a value out of range: h ≤ 0, an unknown scheme, a shape mismatch, x outside its bounds
 * @throws AliasedMemoryError when x (or out) aliases itself; OverlappingMemoryError when out shares memory with x
 * @throws NonFiniteCoordinateError naming an element of x that is NaN/±Infinity (before f is called)
 * @throws StepUnderflowError (a fixed h below the spacing of floats at xᵢ; `minimumH` works), StepOverflowError
 * @throws FunctionThrewError (cause kept), NonFiniteValueError, NotANumberError (also for an async f), InputModifiedError — each naming the coordinate (`x[1,0]`)
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([3, 4]), [2]);
 * const g = ndarray(new Float64Array(2), [2]);
 * numericalGradientInto(g, (v) => v.get(0) ** 2 + v.get(1) ** 2, x, { h: 1e-4 });
 * // g ≈ [6, 8]
 */
export function numericalGradientInto<A extends NdArray>(out: NdArray, f: (x: A) => number, x: A, options?: NumericalGradientIntoOptions): NdArray;
export function numericalGradientInto(out: NdArray, f: (x: NdArray) => number, x: NdArray, options?: NumericalGradientIntoOptions): NdArray {
  return gradientInto(out, true, f, x, options, 'numericalGradientInto', 'out', INTO_KEYS);
}

/**
 * The numerical gradient of f at x as a new contiguous row-major Float64
 * ndarray of x's shape (or in `options.out`). See numericalGradientInto for
 * the formula, the step rule, the cost and the errors.
 *
 * @param f - the function; called as f(x) while one element of x is perturbed
 * @param x - the point (Float64Array, Float32Array or plain-array data, any view)
 * @param options - h ('auto' or a number), scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson, out, error
 * @returns ∇f(x)
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([3, 4]), [2]);
 * const f = (v: typeof x) => v.get(0) * v.get(0) + v.get(1) * v.get(1);
 * numericalGradient(f, x, { h: 1e-4 }); // → [5.999999999991118, 8]
 * numericalGradient(f, x, { h: 1e-4, quotient: 'nominal' }); // → [6.00000000000378, 7.999999999999119] (the book's)
 * const error = ndarray(new Float64Array(2), [2]);
 * numericalGradient(f, x, { scheme: 'richardson', error }); // → [6, 8]
 * error.get(0) < 1e-12; // → true (the estimated error of 6)
 * numericalGradient(f, x, { bounds: { upper: ndarray(Float64Array.of(3, 5), [2]) } }); // ≈ [6.0000000, 8.0000000] — x[0] at its bound: one-sided
 */
export function numericalGradient<A extends NdArray>(f: (x: A) => number, x: A, options?: NumericalGradientOptions): NdArray;
export function numericalGradient(f: (x: NdArray) => number, x: NdArray, options?: NumericalGradientOptions): NdArray {
  const out: unknown = typeof options === 'object' && options !== null ? options.out : undefined;
  return gradientInto(out, false, f, x, options, 'numericalGradient', 'options.out', KEYS);
}
