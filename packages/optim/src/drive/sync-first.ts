/**
 * The synchronous fast path of the asynchronous drivers: while f answers
 * with plain numbers, a numerical gradient runs through @descent/core's
 * synchronous kernel on the live arrays, exactly as the synchronous driver
 * runs it. core's numericalGradientAsync gives the same bits, but it has a
 * fixed cost per call (copies, a scheduler, a Promise: ≈ 15 µs, as much as a
 * whole forward gradient of a 20-variable Rosenbrock), which would make
 * minimizeAsync over a synchronous f more than twice as slow as minimize.
 *
 * Should f answer with a Promise after all, the pass is undone (core restored
 * the arrays; its calls are uncounted; the Promise is dropped, its rejection
 * handled) and the caller serves the request asynchronously instead.
 */
import type { EvaluationCounter } from '@descent/core';
import { isThenable } from './run-async.js';

/** Thrown through core's kernel when f answers with a thenable (never escapes syncFirst). */
const PENDING = new Error('f answered with a Promise: the synchronous pass is undone');

/**
 * Run `compute` — core's synchronous kernel, calling f through `answer` — and
 * report whether it completed without meeting a thenable.
 * @param compute runs the kernel once; every value f returns goes through answer(value)
 * @param counter the request's counter, restored when the pass is undone
 * @returns true when the pass completed (its outputs and counts stand); false when it was undone
 * @throws whatever the kernel throws for a synchronous f (core's typed errors)
 * @example
 * import ndarray from 'ndarray';
 * import { numericalGradientInto } from '@descent/core';
 * const x = ndarray(new Float64Array([3]));
 * const g = ndarray(new Float64Array(1));
 * syncFirst((answer) => numericalGradientInto(g, (v) => answer(v.get(0) ** 2) as number, x, { h: 0.5 }), undefined); // → true
 * syncFirst((answer) => numericalGradientInto(g, (v) => answer(Promise.resolve(v.get(0) ** 2)) as number, x, { h: 0.5 }), undefined); // → false
 */
export function syncFirst(compute: (answer: (value: unknown) => unknown) => void, counter: EvaluationCounter | undefined): boolean {
  const before = counter?.evaluations ?? 0;
  let pending = false;
  const answer = (value: unknown): unknown => {
    if (!isThenable(value)) return value;
    pending = true;
    Promise.resolve(value).then(undefined, () => undefined); // dropped: never an unhandled rejection
    throw PENDING;
  };
  try {
    compute(answer);
  } catch (error) {
    if (!pending) throw error;
    if (counter !== undefined) counter.evaluations = before;
    return false;
  }
  return true;
}
