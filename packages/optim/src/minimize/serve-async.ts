/**
 * The asynchronous answers to minimize's requests (the counterpart of
 * `serveSync`): f and the analytic gradient may return promises; a numerical
 * gradient ('differences') is @descent/core's `numericalGradientAsync` with
 * the request's options forwarded whole plus `concurrency` and `signal` — its
 * nodes, checks and quotients are the synchronous kernel's, so the numbers
 * are those of the synchronous run. While f answers synchronously, the
 * synchronous kernel runs first (drive/sync-first.ts: no fixed async cost per
 * gradient). With a gradient pool, the pool's `gradient` answers instead (also
 * numericalGradient's bits).
 */
import ndarray, { type NdArray } from 'ndarray';
import { numericalGradientAsync, numericalGradientInto } from '@descent/core';
import { abortedAsStop, isThenable } from '../drive/run-async.js';
import { syncFirst } from '../drive/sync-first.js';
import type { GradientPoolLike } from '../drive/gradient-pool.js';
import { serveSync, type Evaluation } from './evaluation.js';
import type { AnalyticGradient } from './options.js';

/** How a 'differences' request is evaluated: in this thread (f, `concurrency` calls in flight) or by a pool of workers. */
export interface DifferencesServer {
  readonly concurrency: number;
  readonly signal: AbortSignal | undefined;
  /** The pool whose workers estimate the gradient, and the context its loss receives; undefined: f in this thread. */
  readonly pool?: { readonly pool: GradientPoolLike; readonly context: unknown } | undefined;
}

/**
 * The asynchronous serve of minimize's loop.
 * @param f the objective, sync or async
 * @param gradient the analytic gradient (sync or async), or undefined for a numerical one
 * @param server where the calls of a numerical gradient run, how many at once, and the run's signal
 * @example
 * import ndarray from 'ndarray';
 * const serve = serveAsync(async (x) => x.get(0) ** 2, undefined, { concurrency: 2, signal: undefined });
 * await serve({ kind: 'value', x: ndarray(new Float64Array([3])) }); // → 9
 */
export function serveAsync(
  f: (x: NdArray) => unknown,
  gradient: ((x: NdArray, out: NdArray) => unknown) | undefined,
  server: DifferencesServer,
): (request: Evaluation) => unknown {
  // f and the gradient are called as serveSync calls them; their promises are awaited by the driver.
  const direct = serveSync(f as (x: NdArray) => number, gradient as AnalyticGradient | undefined);
  const { concurrency, signal, pool } = server;
  // Core checks that what f returns (or resolves to) is a number, as the synchronous gradient does. The wrapper
  // declares the parameter core requires even when f is written (...args) => … (minimize calls f with the point).
  const fn = (x: NdArray): number | PromiseLike<number> => f(x) as number | PromiseLike<number>;
  const signalOption = signal === undefined ? {} : { signal };
  const evaluate = pool === undefined ? fn : (x: NdArray) => pool.pool.evaluate(x, pool.context as never, signalOption);
  let fIsSync = false; // f answered the last 'value' request without a Promise
  return (request) => {
    if (request.kind !== 'differences') {
      const answer = direct(request);
      if (request.kind === 'value') fIsSync = !isThenable(answer);
      return answer;
    }
    if (fIsSync && pool === undefined) {
      // As serveSync: f called with the whole point (core perturbs it in place, or a one-element view of it).
      const at = request.whole;
      const sync = (answer: (value: unknown) => unknown): void => {
        numericalGradientInto(request.out, (x: NdArray) => answer(f(at ?? x)) as number, request.x, request.options);
      };
      if (syncFirst(sync, request.options.counter)) return undefined;
    }
    const options = { ...request.options, out: request.out, ...signalOption };
    const whole = request.whole;
    let done: Promise<unknown>;
    if (whole !== undefined) {
      // One coordinate (x a one-element view of the point): f is called with a copy of the whole point holding that element.
      done = numericalGradientAsync(withElement(evaluate, whole, request.x.offset), request.x, { ...options, concurrency: pool?.pool.workers ?? concurrency });
    } else if (pool !== undefined) {
      done = pool.pool.gradient(request.x, { ...options, context: pool.context as never });
    } else {
      done = numericalGradientAsync(fn, request.x, { ...options, concurrency });
    }
    return abortedAsStop(done, signal);
  };
}

/**
 * f of the whole point, as a function of a one-element copy of its element at
 * `position` (of whole's storage): one private copy of the whole point per
 * copy core hands out (one per evaluation lane), so evaluations in flight never
 * share a point. whole itself is never written.
 */
function withElement(f: (x: NdArray) => number | PromiseLike<number>, whole: NdArray, position: number): (element: NdArray) => number | PromiseLike<number> {
  const copies = new Map<NdArray, NdArray>();
  return (element) => {
    let point = copies.get(element);
    if (point === undefined) {
      point = ndarray(Float64Array.from(whole.data as Float64Array), whole.shape.slice(), whole.stride.slice(), whole.offset);
      copies.set(element, point);
    }
    (point.data as Float64Array)[position] = element.get(0);
    return f(point);
  };
}
