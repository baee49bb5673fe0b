/**
 * Gradients of a loss with respect to several named parameter arrays (the
 * two-layer-net pattern: W1, b1, W2, b2 read by a closure), by finite
 * differences on each array in turn.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkDestinations, checkParams } from './arguments.js';
import { differentiateInto } from './finite-difference.js';
import { resolveOptions, type GradientOptions } from './options.js';
import { sizeOf } from './strided.js';

/** Options of numericalGradients: the shared ones plus optional destinations. */
export interface NumericalGradientsOptions extends GradientOptions {
  /**
   * Write the gradients here (same keys as params, each of its parameter's
   * shape) instead of allocating; same as numericalGradientsInto(out, f, params, options).
   * @default undefined (new Float64 arrays are allocated)
   */
  out?: Record<string, NdArray>;
}

/**
 * Validate f, params, the options and (when required or given) the
 * destinations, then differentiate every parameter in key order; every check
 * runs before f is first called.
 */
export function gradientsInto(
  out: unknown,
  outRequired: boolean,
  f: () => number,
  params: Record<string, NdArray>,
  options: GradientOptions | undefined,
  where: string,
  outName: string,
  extraKeys: readonly string[],
): Record<string, NdArray> {
  assertFunction(f, where, '() => number');
  const { keys, precisions } = checkParams(params, where);
  const resolved = resolveOptions(options, where, extraKeys);
  if (outRequired || out !== undefined) checkDestinations(out, params, keys, where, outName);
  for (const key of keys) assertElementsFinite(params[key]!, where, key);
  const destination = (out as Record<string, NdArray> | undefined) ?? {};
  for (const key of keys) destination[key] ??= ndarray(new Float64Array(sizeOf(params[key]!.shape)), params[key]!.shape.slice());
  keys.forEach((key, k) => differentiateInto(destination[key]!, f, params[key]!, key, precisions[k]!, resolved, where));
  return destination;
}

/**
 * Write ∂f/∂p for every named parameter array p into `out[name]`.
 *
 * For each key in params' key order, each element of params[key] is saved,
 * perturbed in place, f() is called (it reads the parameters itself), and the
 * saved value is assigned back; the difference quotient follows the rules of
 * numericalGradientInto (step, scheme, quotient, storage). f must not write to
 * any parameter. Errors name the coordinate as `W1[1,0]`. Cost: Σ over arrays
 * of the per-array cost (a one-sided scheme calls f once more per array for f(x)).
 *
 * Before f is first called, every parameter is checked as numericalGradientInto
 * checks x, and no two parameters may share memory (perturbing one would move
 * the other: AliasedMemoryError with `other`); every out[key] is checked
 * against every parameter and against the other destinations.
 *
 * @param out - destinations, same keys as params, each of its parameter's shape
 * @param f - the loss, reading the parameters itself
 * @param params - named ndarrays (views of Float64Array, Float32Array or plain arrays), no two sharing memory
 * @param options - h, scheme, counter, stepUnderflow, quotient
 * @returns out
 * @throws the errors of numericalGradientInto, every validation error before f is called
 * @example
 * import ndarray from 'ndarray';
 * const W = ndarray(new Float64Array([1, 2]), [2]);
 * const b = ndarray(new Float64Array([3]), [1]);
 * const loss = () => W.get(0) * W.get(1) + b.get(0) ** 2;
 * const out = { W: ndarray(new Float64Array(2), [2]), b: ndarray(new Float64Array(1), [1]) };
 * numericalGradientsInto(out, loss, { W, b }); // out.W ≈ [2.00000, 1.00000]; out.b ≈ [6.00000]
 */
export function numericalGradientsInto(
  out: Record<string, NdArray>,
  f: () => number,
  params: Record<string, NdArray>,
  options?: GradientOptions,
): Record<string, NdArray> {
  return gradientsInto(out, true, f, params, options, 'numericalGradientsInto', 'out', []);
}

/**
 * The numerical gradients of f with respect to each named parameter array, as
 * a record of new contiguous Float64 ndarrays of the parameters' shapes (or
 * written into `options.out`). See numericalGradientsInto.
 *
 * @param f - the loss, reading the parameters itself
 * @param params - named ndarrays, each perturbed in place and restored exactly
 * @param options - h, scheme, counter, stepUnderflow, quotient, out
 * @returns { [key]: ∂f/∂params[key] }
 * @example
 * import ndarray from 'ndarray';
 * const W = ndarray(new Float64Array([1, 2]), [2]);
 * const loss = () => W.get(0) * W.get(1);
 * numericalGradients(loss, { W }).W; // ≈ [2.00000, 1.00000]
 */
export function numericalGradients(
  f: () => number,
  params: Record<string, NdArray>,
  options?: NumericalGradientsOptions,
): Record<string, NdArray> {
  const out: unknown = typeof options === 'object' && options !== null ? options.out : undefined;
  return gradientsInto(out, false, f, params, options, 'numericalGradients', 'options.out', ['out']);
}
