/**
 * Gradients of a loss with respect to several named parameter arrays (the
 * two-layer-net pattern: W1, b1, W2, b2 read by a closure), by finite
 * differences on each array in turn.
 */
import ndarray, { type NdArray } from 'ndarray';
import { differentiateInto } from './finite-difference.js';
import { assertFunction, assertGradientDestination } from './numerical-gradient.js';
import { describe, resolveOptions, type GradientOptions } from './options.js';
import type { Precision } from './step.js';
import { floatPrecisionOf, sizeOf } from './strided.js';

/** Options of numericalGradients: the shared ones plus optional destinations. */
export interface NumericalGradientsOptions extends GradientOptions {
  /**
   * Write the gradients here (same keys as params, each of its parameter's
   * shape) instead of allocating; same as numericalGradientsInto(out, f, params, options).
   * @default undefined (new Float64 arrays are allocated)
   */
  out?: Record<string, NdArray>;
}

/** Check params and out (when given); returns each parameter's precision, in key order. */
function checkParams(
  params: unknown,
  out: unknown,
  where: string,
  outName: string,
): { keys: string[]; precisions: Precision[] } {
  if (typeof params !== 'object' || params === null || Array.isArray(params) || !Object.values(params).every(isObject)) {
    throw new TypeError(
      `${where}: params must be a record of ndarrays like { W1, b1 } (got ${describe(params)}); ` +
        'make each with ndarray(new Float64Array([...]), shape).',
    );
  }
  const record = params as Record<string, unknown>;
  const keys = Object.keys(record);
  const precisions = keys.map((key) => floatPrecisionOf(record[key], where, `params.${key}`));
  if (out !== undefined) {
    if (typeof out !== 'object' || out === null) {
      throw new TypeError(`${where}: ${outName} must be a record of ndarrays with the keys of params (got ${describe(out)}).`);
    }
    const outRecord = out as Record<string, unknown>;
    const outKeys = Object.keys(outRecord);
    const missing = keys.filter((key) => !(key in outRecord));
    const extra = outKeys.filter((key) => !(key in record));
    if (missing.length > 0 || extra.length > 0) {
      throw new RangeError(
        `${where}: ${outName} has keys [${outKeys.join(', ')}] but params has [${keys.join(', ')}]` +
          `${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}${extra.length > 0 ? `; unexpected: ${extra.join(', ')}` : ''}.`,
      );
    }
    for (const key of keys) {
      assertGradientDestination(outRecord[key], record[key] as NdArray, where, `${outName}.${key}`, `params.${key}`);
      for (const other of keys) {
        if ((outRecord[key] as NdArray).data === (record[other] as NdArray).data) {
          throw new RangeError(`${where}: ${outName}.${key} shares its storage with params.${other}. Pass separate arrays.`);
        }
      }
    }
  }
  return { keys, precisions };
}

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/**
 * Write ∂f/∂p for every named parameter array p into `out[name]`.
 *
 * For each key in params' key order, each element of params[key] is saved,
 * perturbed in place, f() is called (it reads the parameters itself), and the
 * saved value is assigned back; the difference quotient follows the rules of
 * numericalGradientInto (step, scheme, float32 handling). Errors name the
 * coordinate as `W1[1,0]`. Cost: Σ over arrays of the per-array cost (a
 * one-sided scheme calls f once more per array for f(x)).
 *
 * @param out - destinations, same keys as params, each of its parameter's shape
 * @param f - the loss, reading the parameters itself
 * @param params - named ndarrays (views of Float64Array, Float32Array or plain arrays)
 * @param options - h, scheme, counter
 * @returns out
 * @throws TypeError / RangeError as numericalGradientInto, before f is called when arguments are bad
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
  const where = 'numericalGradientsInto';
  assertFunction(f, where, '() => number');
  if (out === undefined) throw new TypeError(`${where}: out must be a record of ndarrays with the keys of params (got undefined).`);
  const { keys, precisions } = checkParams(params, out, where, 'out');
  const resolved = resolveOptions(options, where);
  keys.forEach((key, k) => differentiateInto(out[key]!, f, params[key]!, key, precisions[k]!, resolved, where));
  return out;
}

/**
 * The numerical gradients of f with respect to each named parameter array, as
 * a record of new contiguous Float64 ndarrays of the parameters' shapes (or
 * written into `options.out`). See numericalGradientsInto.
 *
 * @param f - the loss, reading the parameters itself
 * @param params - named ndarrays, each perturbed in place and restored exactly
 * @param options - h, scheme, counter, out
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
  const where = 'numericalGradients';
  assertFunction(f, where, '() => number');
  const { keys, precisions } = checkParams(params, options?.out, where, 'options.out');
  const resolved = resolveOptions(options, where);
  const out: Record<string, NdArray> = options?.out ?? {};
  for (const key of keys) {
    const p = params[key]!;
    out[key] ??= ndarray(new Float64Array(sizeOf(p.shape)), p.shape.slice());
  }
  keys.forEach((key, k) => differentiateInto(out[key]!, f, params[key]!, key, precisions[k]!, resolved, where));
  return out;
}
