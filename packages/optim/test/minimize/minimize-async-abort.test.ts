/**
 * minimizeAsync's signal is checked before every evaluation: an abort during a
 * run of slow (5 ms) evaluations stops it before the next evaluation starts,
 * with reason 'aborted' and the best point seen; an abort before x0 is
 * evaluated rejects with the signal's reason. x0 is never modified.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { minimizeAsync } from '@descent/optim';

const rosenbrock = (x: NdArray): number => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('minimizeAsync: abort', () => {
  it.each([1, 4])('an abort in the middle of a run (the 12th of 5 ms evaluations, concurrency %i) stops before another evaluation starts', async (concurrency) => {
    const controller = new AbortController();
    const seen: { x: number[]; f: number }[] = [];
    let startedAfterAbort = 0;
    const slow = async (x: NdArray): Promise<number> => {
      if (controller.signal.aborted) startedAfterAbort++;
      const point = [x.get(0), x.get(1)];
      await sleep(5);
      const f = rosenbrock(x);
      seen.push({ x: point, f });
      if (seen.length === 12) controller.abort(); // ≈ 20–60 ms into the run
      return f;
    };
    const data = new Float64Array([-1.2, 1]);
    const result = await minimizeAsync(slow, ndarray(data), { signal: controller.signal, concurrency });
    expect(startedAfterAbort).toBe(0);
    // with concurrency 1 nothing else is in flight: exactly the 12 evaluations were made
    if (concurrency === 1) expect(seen.length).toBe(12);
    expect(seen.length).toBeLessThanOrEqual(12 + concurrency - 1);
    expect(result.reason).toBe('aborted');
    expect(result.converged).toBe(false);
    // the best point kept is one that was evaluated, with its value: f(x0) = 24.2 or lower
    expect(result.fun).toBe(rosenbrock(result.x));
    expect(result.fun).toBeLessThanOrEqual(24.2);
    expect(seen.some((s) => s.x[0] === result.x.get(0) && s.x[1] === result.x.get(1) && s.f === result.fun)).toBe(true);
    // between evaluations mid-step, or at the loop's own check between steps when the abort came with a step's last answer
    expect(result.message).toMatch(/^Aborted by the signal (between evaluations|after)/);
    expect(Array.from(data)).toEqual([-1.2, 1]);
  });

  it('an abort before x0 is evaluated rejects with the signal’s reason (there is no point to return)', async () => {
    const controller = new AbortController();
    const reason = new Error('user cancelled');
    controller.abort(reason);
    let calls = 0;
    await expect(minimizeAsync(async (x) => (calls++, rosenbrock(x)), ndarray(new Float64Array([-1.2, 1])), { signal: controller.signal })).rejects.toBe(reason);
    expect(calls).toBe(0);
  });
});
