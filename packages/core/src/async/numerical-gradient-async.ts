/**
 * ∇f of a function of one ndarray whose f may be asynchronous (returns a
 * Promise of a number) — a simulation, another process, a remote service —
 * with up to `concurrency` evaluations in flight, each on its own private copy
 * of x. The nodes, the checks and the quotient are the synchronous kernel's
 * (async-engine.ts replays its routines), so the result is bit for bit
 * numericalGradient's.
 */
import ndarray, { type NdArray } from 'ndarray';
import { ASYNC_KEYS, assertTakesArgument, type AsyncOptions } from './async-options.js';
import { startAsyncGradient } from './start-async-gradient.js';
import { planOf } from '../kernel/coordinate.js';
import { contiguousCopy } from './copies.js';
import { startRun } from '../kernel/finite-difference.js';
import { checkGradientCall, type NumericalGradientOptions } from '../gradient/numerical-gradient.js';
import { sizeOf, type FloatStorage } from '../memory/strided.js';

/** Options of numericalGradientAsync: numericalGradient's, plus concurrency and signal. */
export interface NumericalGradientAsyncOptions extends NumericalGradientOptions, AsyncOptions {}

/**
 * The numerical gradient of an f that may return a Promise, as a new
 * contiguous Float64 ndarray of x's shape (or in `options.out`).
 *
 * gᵢ ≈ ∂f/∂xᵢ by the formula, step and quotient of numericalGradient (same
 * options, same bits). Differences from the synchronous function:
 * - f receives a private copy of x — contiguous, row-major, in storage of
 *   x's kind (Float64Array, Float32Array or Array) — never x itself: up to
 *   `concurrency` copies, each perturbed in place by one evaluation in flight
 *   and restored when it settles. f must read the array it is given (an f
 *   declared without a parameter is refused). x is never written, so it stays
 *   bit-identical whatever happens, and may even change while the call runs
 *   (its values were copied at the start).
 * - f may return a number or a thenable of one; only thenables are awaited,
 *   so a synchronous f costs no Promise per call.
 * - Evaluations that do not depend on each other's values run side by side:
 *   the nodes of a coordinate, the coordinates, a Richardson level's pair.
 * - `signal` stops issuing evaluations at once; the promise rejects with
 *   signal.reason once those in flight have settled.
 * - A failure (f throws or rejects, returns a non-finite value, …) rejects
 *   with the synchronous function's typed error naming the coordinate
 *   (FunctionThrewError keeps f's error as `cause`), after the evaluations in
 *   flight have settled; with several failing coordinates in flight, the
 *   lowest one found is reported (with concurrency 1: the synchronous one).
 *   Nothing is left unhandled.
 * `counter` counts the calls of f made, including evaluations started ahead
 * of a failure and abandoned.
 *
 * @param f - the function, called as f(copy); returns a number or a Promise of one; must not write to its copy
 * @param x - the point: an ndarray view of Float64Array, Float32Array or plain-array data
 * @param options - numericalGradient's (h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson, out, error), concurrency, signal
 * @returns a Promise of ∇f(x); it rejects with the errors numericalGradient throws, and with signal.reason
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([3, 4]), [2]);
 * const f = async (v: typeof x) => v.get(0) ** 2 + v.get(1) ** 2; // e.g. a call to another process
 * await numericalGradientAsync(f, x, { h: 1e-4, concurrency: 4 }); // → [5.999999999991118, 8] — numericalGradient's bits
 */
export function numericalGradientAsync<A extends NdArray>(f: (x: A) => number | PromiseLike<number>, x: A, options?: NumericalGradientAsyncOptions): Promise<NdArray>;
export function numericalGradientAsync(f: (x: NdArray) => unknown, x: NdArray, options?: NumericalGradientAsyncOptions): Promise<NdArray> {
  const where = 'numericalGradientAsync';
  return startAsyncGradient(
    where,
    options,
    () => {
      const out: unknown = typeof options === 'object' && options !== null ? options.out : undefined;
      const call = checkGradientCall(out, false, f, x, options, where, 'options.out', ['out', 'error', ...ASYNC_KEYS], '(x) => number | Promise<number>');
      assertTakesArgument(f, where, 'x', '(x) => loss(x)');
      return call;
    },
    ({ precision, resolved, destination, error, bounds }) => {
      const size = sizeOf(x.shape);
      const run = startRun(resolved, size);
      const shape = x.shape.slice();
      return {
        f,
        arrays: [{ name: 'x', precision, plan: planOf(resolved, precision, run), shape, size, snapshot: contiguousCopy(x), out: destination, error, bounds }],
        argument: (datas: FloatStorage[]) => ndarray(datas[0] as Float64Array, shape.slice()),
        options: resolved,
        run,
        destination,
      };
    },
  );
}
