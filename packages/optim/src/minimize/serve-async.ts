/**
 * The asynchronous answers to minimize's requests (the counterpart of
 * `serveSync`): f and the analytic gradient may return promises; a numerical
 * gradient ('differences') is computed by core's synchronous kernel over the
 * values of the async f, evaluated up to `concurrency` at a time
 * (drive/differences-async.ts), so the numbers are those of the synchronous run.
 */
import type { NdArray } from 'ndarray';
import { numericalGradientInto } from '@descent/core';
import { differencesAsync } from '../drive/differences-async.js';
import { isThenable } from '../drive/run-async.js';
import { serveSync, type Evaluation } from './evaluation.js';
import type { AnalyticGradient } from './options.js';

/**
 * The asynchronous serve of minimize's loop.
 * @param f the objective, sync or async
 * @param gradient the analytic gradient (sync or async), or undefined for a numerical one
 * @param concurrency evaluations of f in flight at once while a numerical gradient is estimated
 * @param signal checked before each of those evaluations starts
 * @example
 * import ndarray from 'ndarray';
 * const serve = serveAsync(async (x) => x.get(0) ** 2, undefined, 2, undefined);
 * await serve({ kind: 'value', x: ndarray(new Float64Array([3])) }); // → 9
 */
export function serveAsync(
  f: (x: NdArray) => unknown,
  gradient: ((x: NdArray, out: NdArray) => unknown) | undefined,
  concurrency: number,
  signal: AbortSignal | undefined,
): (request: Evaluation) => unknown {
  // f and the gradient are called as serveSync calls them; their promises are awaited by the driver.
  const direct = serveSync(f as (x: NdArray) => number, gradient as AnalyticGradient | undefined);
  let fIsSync = false; // f answered the last 'value' request without a Promise
  return (request) => {
    if (request.kind !== 'differences') {
      const answer = direct(request);
      if (request.kind === 'value') fIsSync = !isThenable(answer);
      return answer;
    }
    // f is called with the whole point (request.x may be a one-element view of it).
    const point = request.whole ?? request.x;
    const { counter: _counter, onProgress: _onProgress, ...uncounted } = request.options;
    // TODO(core-async): the one place to switch to core's numericalGradientAsync(out, f, x, { ...request.options, concurrency, signal })
    // once @descent/core exports it (f would then be called with the whole point: () => f(whole)).
    return differencesAsync(
      [point],
      (fn, final) => numericalGradientInto(request.out, fn, request.x, final ? request.options : uncounted),
      ([copy]) => f(copy!),
      { concurrency, signal, trySync: fIsSync, counter: request.options.counter },
    );
  };
}
