/**
 * Loops written once: `minimize` and `train` are generators that yield what
 * they need evaluated (f at a point, a gradient, the loss of a batch…) and
 * receive the answer. A driver owns the calls: `runSync` answers each request
 * at once with a synchronous `serve`; an asynchronous driver (awaiting an async
 * f, or a worker pool) runs the very same generator, so both give bit-identical
 * results and a fix to a loop lands in both.
 */

/**
 * A loop's requests of type Q, its final value R; it receives each answer as the
 * value of its `yield` (or, when serving failed, the error thrown at its `yield`).
 */
export type Loop<Q, R> = Generator<Q, R, unknown>;

/**
 * Drive `loop` to its end, answering every request with `serve(request)`. When
 * serve throws, the error is thrown into the loop at its `yield` (so the loop
 * names where it happened, or decides to stop); whatever the loop throws
 * propagates to the caller.
 *
 * An async driver is the same few lines with `await serve(request)`.
 * @param loop the generator (started here)
 * @param serve evaluates one request synchronously
 * @returns the loop's return value
 * @example
 * function* doubleSum(): Loop<number, number> {
 *   const a = (yield 1) as number;
 *   const b = (yield 2) as number;
 *   return a + b;
 * }
 * runSync(doubleSum(), (n) => 2 * n); // → 6
 */
export function runSync<Q, R>(loop: Loop<Q, R>, serve: (request: Q) => unknown): R {
  let next = loop.next();
  while (next.done !== true) {
    let answer: unknown;
    try {
      answer = serve(next.value);
    } catch (error) {
      next = loop.throw(error);
      continue;
    }
    next = loop.next(answer);
  }
  return next.value;
}

/**
 * Run a loop that makes no request (e.g. a line search over a closed-form φ) and
 * return its value.
 * @throws InvalidStateError-free Error when the loop yields a request after all (a programming error)
 * @example
 * function* three(): Loop<never, number> {
 *   return 3;
 * }
 * settle(three()); // → 3
 */
export function settle<R>(loop: Loop<unknown, R>): R {
  return runSync(loop, () => {
    throw new Error('settle: this loop asked for an evaluation; drive it with runSync and a serve function');
  });
}
