/**
 * The asynchronous driver of the loops `runSync` drives: the same generator
 * (minimize's or train's loop), each request answered by an awaited `serve`.
 * Because the loop and all its arithmetic are shared, a run driven here is
 * bit-identical to the synchronous run with the same answers. Between
 * evaluations the driver looks at an AbortSignal: once it is aborted, the next
 * request is not served; an `EvaluationAborted` is thrown into the loop at its
 * `yield`, and the loop decides what a stop keeps (minimize and train end with
 * reason 'aborted'). Nothing here is Node-only.
 */
import type { Loop } from './run-sync.js';

/**
 * Thrown into a loop at its `yield` when the signal was aborted before the
 * request could be served (never reaches the caller of minimizeAsync/trainAsync:
 * the loops turn it into reason 'aborted').
 * @example
 * new EvaluationAborted().message; // → 'the signal was aborted before the evaluation'
 */
export class EvaluationAborted extends Error {
  constructor() {
    super('the signal was aborted before the evaluation');
    this.name = 'EvaluationAborted';
  }
}

/**
 * Whether `value` is a Promise or another thenable (what `await` would wait for).
 * @example
 * isThenable(Promise.resolve(1)); // → true
 * isThenable(1); // → false
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Drive `loop` to its end, answering every request with `await serve(request)`
 * (a plain answer is used without awaiting it).
 * When serving fails (a throw or a rejection), the error is thrown into the loop
 * at its `yield`; whatever the loop throws rejects the returned promise.
 * @param loop the generator (started here)
 * @param serve evaluates one request, synchronously or not
 * @param signal checked before each request: once aborted, `EvaluationAborted` is thrown into the loop instead
 * @returns the loop's return value
 * @example
 * function* doubleSum(): Loop<number, number> {
 *   const a = (yield 1) as number;
 *   const b = (yield 2) as number;
 *   return a + b;
 * }
 * await runAsync(doubleSum(), async (n) => 2 * n); // → 6
 */
export async function runAsync<Q, R>(loop: Loop<Q, R>, serve: (request: Q) => unknown, signal?: AbortSignal): Promise<R> {
  let next = loop.next();
  while (next.done !== true) {
    let answer: unknown;
    try {
      if (signal?.aborted === true) throw new EvaluationAborted();
      const raw = serve(next.value);
      // A plain value (a synchronous f) is used as it is: no Promise per call.
      answer = isThenable(raw) ? await raw : raw;
    } catch (error) {
      next = loop.throw(error);
      continue;
    }
    next = loop.next(answer);
  }
  return next.value;
}

/**
 * `done`, with an abort of `signal` turned into the loop's `EvaluationAborted`
 * (core's asynchronous gradients and a pool reject with `signal.reason` once
 * their evaluations in flight have settled; the loop decides what an abort keeps).
 * @example
 * const controller = new AbortController();
 * controller.abort();
 * await abortedAsStop(Promise.reject(controller.signal.reason), controller.signal).catch((e) => e.name); // → 'EvaluationAborted'
 */
export function abortedAsStop<T>(done: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal === undefined) return done;
  return done.then(undefined, (error: unknown) => {
    throw signal.aborted && error === signal.reason ? new EvaluationAborted() : error;
  });
}
