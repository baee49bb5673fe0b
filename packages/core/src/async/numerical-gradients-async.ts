/**
 * The named form of numericalGradientAsync: gradients of an f that may be
 * asynchronous with respect to several named parameter arrays (W1, b1, …),
 * f receiving a private copy of the whole record per evaluation in flight.
 */
import ndarray, { type NdArray } from 'ndarray';
import type { EngineArray } from './async-engine.js';
import { ASYNC_KEYS, assertTakesArgument, type AsyncOptions } from './async-options.js';
import { startAsyncGradient } from './start-async-gradient.js';
import { planOf } from '../kernel/coordinate.js';
import { contiguousCopy } from './copies.js';
import { startRun } from '../kernel/finite-difference.js';
import { checkGradientsCall, type NumericalGradientsOptions } from '../gradient/numerical-gradients.js';
import { sizeOf, type FloatStorage } from '../memory/strided.js';

/** Options of numericalGradientsAsync: numericalGradients', plus concurrency and signal. */
export interface NumericalGradientsAsyncOptions extends NumericalGradientsOptions, AsyncOptions {}

/**
 * The numerical gradients of an f that may return a Promise with respect to
 * each named parameter array, as a record of new contiguous Float64 ndarrays
 * (or written into `options.out`). The formula, the options and the bits are
 * numericalGradients'; the evaluation is numericalGradientAsync's.
 *
 * How f differs from the synchronous named form: numericalGradients calls
 * f() and f reads the parameters from its closure (they are perturbed in
 * place). Here f is called as f(params) with a PRIVATE record — the same keys,
 * each a contiguous row-major copy of that parameter in storage of its kind —
 * one record per evaluation in flight; f must read its argument, never the
 * caller's arrays, which are not perturbed (an f declared without a
 * parameter is refused). Write the loss as a function of the record:
 * `(p) => loss(p.W1, p.b1, p.W2, p.b2)`.
 *
 * @param f - the loss, called as f(record); returns a number or a Promise of one; must not write to the record's arrays
 * @param params - named ndarrays (views of Float64Array, Float32Array or plain arrays), no two sharing memory; never written
 * @param options - numericalGradients' (h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson, out, error), concurrency, signal
 * @returns a Promise of { [key]: ∂f/∂params[key] }
 * @example
 * import ndarray from 'ndarray';
 * const W = ndarray(new Float64Array([1, 2]), [2]);
 * const b = ndarray(new Float64Array([3]), [1]);
 * const loss = async (p: { W: typeof W; b: typeof b }) => p.W.get(0) * p.W.get(1) + p.b.get(0) ** 2;
 * const g = await numericalGradientsAsync(loss, { W, b }, { concurrency: 2 });
 * g.W; // ≈ [2.00000, 1.00000]
 * g.b; // ≈ [6.00000]
 */
export function numericalGradientsAsync<P extends Record<string, NdArray>>(
  f: (params: P) => number | PromiseLike<number>,
  params: P,
  options?: NumericalGradientsAsyncOptions,
): Promise<Record<keyof P & string, NdArray>>;
export function numericalGradientsAsync(
  f: (params: Record<string, NdArray>) => unknown,
  params: Record<string, NdArray>,
  options?: NumericalGradientsAsyncOptions,
): Promise<Record<string, NdArray>> {
  const where = 'numericalGradientsAsync';
  return startAsyncGradient(
    where,
    options,
    () => {
      const out: unknown = typeof options === 'object' && options !== null ? options.out : undefined;
      const call = checkGradientsCall(out, false, f, params, options, where, 'options.out', ['out', 'error', ...ASYNC_KEYS], '(params) => number | Promise<number>');
      assertTakesArgument(f, where, 'params', '(p) => loss(p.W1, p.b1)');
      return call;
    },
    ({ keys, precisions, resolved, destination, error, bounds, total }) => {
      const run = startRun(resolved, total);
      const arrays: EngineArray[] = keys.map((key, k) => {
        const p = params[key]!;
        const precision = precisions[k]!;
        const shape = p.shape.slice();
        return { name: key, precision, plan: planOf(resolved, precision, run), shape, size: sizeOf(shape), snapshot: contiguousCopy(p), out: destination[key]!, error: error?.[key], bounds: bounds[k] };
      });
      const argument = (datas: FloatStorage[]) => {
        const record: Record<string, NdArray> = {};
        for (let k = 0; k < keys.length; k++) record[keys[k]!] = ndarray(datas[k] as Float64Array, arrays[k]!.shape.slice());
        return record;
      };
      return { f, arrays, argument, options: resolved, run, destination };
    },
  );
}
