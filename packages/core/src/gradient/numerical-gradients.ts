/**
 * Gradients of a loss with respect to several named parameter arrays (the
 * two-layer-net pattern: W1, b1, W2, b2 read by a closure), by finite
 * differences on each array in turn.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkDestinations, checkErrorDestination, checkParams } from '../options/arguments.js';
import { resolveBounds, type ArrayBounds } from '../kernel/bounds.js';
import { InvalidArgumentError } from '../errors/error-classes.js';
import { describe } from '../errors/describe.js';
import { differentiateInto, startRun } from '../kernel/finite-difference.js';
import { assertNoOverlap } from '../memory/memory.js';
import { INTO_KEYS, KEYS } from './numerical-gradient.js';
import { resolveOptions, type GradientOptions, type ResolvedGradientOptions } from '../options/options.js';
import type { Precision } from '../kernel/step.js';
import { sizeOf } from '../memory/strided.js';

/** Options of numericalGradientsInto: the shared ones plus the error destinations of scheme 'richardson'. */
export interface NumericalGradientsIntoOptions extends GradientOptions {
  /**
   * With scheme 'richardson': each parameter's per-element error estimates,
   * written into error[key] (a record with some or all keys of params, each
   * of its parameter's shape). Refused with the other schemes.
   * @default undefined (the estimates are not kept)
   */
  error?: Record<string, NdArray>;
}

/** Options of numericalGradients: the shared ones plus optional destinations. */
export interface NumericalGradientsOptions extends NumericalGradientsIntoOptions {
  /**
   * Write the gradients here (same keys as params, each of its parameter's
   * shape) instead of allocating; same as numericalGradientsInto(out, f, params, options).
   * @default undefined (new Float64 arrays are allocated)
   */
  out?: Record<string, NdArray>;
}

/** A validated call of the named form: what the differentiation of every parameter needs. */
export interface GradientsCall {
  keys: string[];
  precisions: Precision[];
  resolved: ResolvedGradientOptions;
  destination: Record<string, NdArray>;
  error: Record<string, NdArray> | undefined;
  bounds: (ArrayBounds | undefined)[];
  /** Elements over every parameter. */
  total: number;
}

/**
 * Validate f, params, the options and (when required or given) the
 * destinations; every check runs before f is first called. Allocates the
 * destinations not given.
 */
export function checkGradientsCall(
  out: unknown,
  outRequired: boolean,
  f: unknown,
  params: Record<string, NdArray>,
  options: NumericalGradientsIntoOptions | undefined,
  where: string,
  outName: string,
  extraKeys: readonly string[],
  signature = '() => number',
): GradientsCall {
  assertFunction(f, where, signature);
  const { keys, precisions } = checkParams(params, where);
  const resolved = resolveOptions(options, where, extraKeys);
  if (outRequired || out !== undefined) checkDestinations(out, params, keys, where, outName);
  const error = checkErrors(options?.error, params, keys, out as Record<string, NdArray> | undefined, resolved.scheme, where);
  const bounds: (ArrayBounds | undefined)[] = [];
  let total = 0;
  for (const key of keys) {
    assertElementsFinite(params[key]!, where, key);
    bounds.push(resolveBounds(resolved.bounds, params[key]!, where, `params.${key}`, key));
    total += sizeOf(params[key]!.shape);
  }
  // own keys only: a key such as 'constructor' or 'toString' must not find Object.prototype's member
  const destination = (out as Record<string, NdArray> | undefined) ?? {};
  for (const key of keys) if (!Object.hasOwn(destination, key)) destination[key] = ndarray(new Float64Array(sizeOf(params[key]!.shape)), params[key]!.shape.slice());
  return { keys, precisions, resolved, destination, error, bounds, total };
}

/** Validate (checkGradientsCall), then differentiate every parameter in key order. */
export function gradientsInto(
  out: unknown,
  outRequired: boolean,
  f: () => number,
  params: Record<string, NdArray>,
  options: NumericalGradientsIntoOptions | undefined,
  where: string,
  outName: string,
  extraKeys: readonly string[],
): Record<string, NdArray> {
  const { keys, precisions, resolved, destination, error, bounds, total } = checkGradientsCall(out, outRequired, f, params, options, where, outName, extraKeys);
  // one run: f(params) is evaluated at most once for all arrays (or taken from f0), progress counts every coordinate
  const run = startRun(resolved, total);
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    differentiateInto(destination[key]!, f, params[key]!, key, precisions[k]!, resolved, where, run, { bounds: bounds[k], error: error?.[key] });
  }
  run.ticker.finish(run.evaluations, keys[keys.length - 1] ?? '');
  return destination;
}

/** The error option of the named form: a record with keys of params, each checked like a destination. */
function checkErrors(
  error: unknown,
  params: Record<string, NdArray>,
  keys: readonly string[],
  out: Record<string, NdArray> | undefined,
  scheme: string,
  where: string,
): Record<string, NdArray> | undefined {
  if (error === undefined) return undefined;
  if (typeof error !== 'object' || error === null || Array.isArray(error)) {
    throw new InvalidArgumentError(`${where}: options.error must be a record of ndarrays with keys of params (got ${describe(error)}).`);
  }
  const record = error as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!keys.includes(key)) throw new InvalidArgumentError(`${where}: options.error has key ${JSON.stringify(key)}, which params does not have ([${keys.join(', ')}]).`);
    checkErrorDestination(record[key], params[key]!, scheme, where, `options.error.${key}`, `params.${key}`);
    for (const other of keys) if (other !== key) assertNoOverlap(record[key] as NdArray, `options.error.${key}`, params[other]!, `params.${other}`, where);
    if (out !== undefined) for (const other of keys) assertNoOverlap(record[key] as NdArray, `options.error.${key}`, out[other]!, `out.${other}`, where);
  }
  return record as Record<string, NdArray>;
}

/**
 * Write ∂f/∂p for every named parameter array p into `out[name]`.
 *
 * For each key in params' key order, each element of params[key] is saved,
 * perturbed in place, f() is called (it reads the parameters itself), and the
 * saved value is assigned back; the difference quotient follows the rules of
 * numericalGradientInto (step, scheme, quotient, storage). f must not write to
 * any parameter. Errors name the coordinate as `W1[1,0]`. Cost: Σ over arrays
 * of the per-array cost, plus one call of f(x) for all arrays together when
 * a one-sided formula needs it (none with `f0`).
 *
 * Before f is first called, every parameter is checked as numericalGradientInto
 * checks x, and no two parameters may share memory (perturbing one would move
 * the other: AliasedMemoryError with `other`); every out[key] is checked
 * against every parameter and against the other destinations.
 *
 * @param out - destinations, same keys as params, each of its parameter's shape
 * @param f - the loss, reading the parameters itself
 * @param params - named ndarrays (views of Float64Array, Float32Array or plain arrays), no two sharing memory
 * @param options - h, scheme, counter, stepUnderflow, quotient, f0, bounds (records by name allowed), onProgress, progressInterval, richardson, error
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
  options?: NumericalGradientsIntoOptions,
): Record<string, NdArray> {
  return gradientsInto(out, true, f, params, options, 'numericalGradientsInto', 'out', INTO_KEYS);
}

/**
 * The numerical gradients of f with respect to each named parameter array, as
 * a record of new contiguous Float64 ndarrays of the parameters' shapes (or
 * written into `options.out`). See numericalGradientsInto.
 *
 * @param f - the loss, reading the parameters itself
 * @param params - named ndarrays, each perturbed in place and restored exactly
 * @param options - the options of numericalGradientsInto, and out
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
  return gradientsInto(out, false, f, params, options, 'numericalGradients', 'options.out', KEYS);
}
