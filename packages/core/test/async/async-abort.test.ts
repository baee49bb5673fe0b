/**
 * `signal` cancels an asynchronous gradient promptly: no evaluation starts
 * once it aborts, the promise rejects with the abort's reason as soon as the
 * evaluations in flight have settled, and a signal aborted before the call
 * rejects without calling f.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradientAsync, numericalGradientsAsync } from '@descent/core';
import { elements } from '../helpers.js';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const sumOfSquares = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t, 0);
const x100 = (): NdArray => ndarray(Float64Array.from({ length: 100 }, (_, i) => i / 10), [100]);

describe('abort', () => {
  it('stops issuing evaluations at once and rejects with the reason after those in flight settle', async () => {
    const controller = new AbortController();
    const reason = new Error('user stopped');
    let started = 0;
    let startedAfterAbort = 0;
    let inFlight = 0;
    const f = async (v: NdArray): Promise<number> => {
      started++;
      if (controller.signal.aborted) startedAfterAbort++;
      inFlight++;
      if (started === 10) controller.abort(reason); // during the 10th evaluation
      await wait(5);
      inFlight--;
      return sumOfSquares(v);
    };
    // 200 evaluations at 5 ms each, 4 at a time: ~250 ms if not cancelled
    const error = await numericalGradientAsync(f, x100(), { concurrency: 4, signal: controller.signal }).catch((e: unknown) => e);
    expect(error).toBe(reason);
    expect(startedAfterAbort).toBe(0);
    expect(started).toBeLessThanOrEqual(10 + 3); // the 10th and at most the 3 started with it in flight
    expect(inFlight).toBe(0);
  });

  it('a synchronous f that aborts at its 5th call is not called a 6th time', async () => {
    const controller = new AbortController();
    let calls = 0;
    const f = (v: NdArray): number => {
      if (++calls === 5) controller.abort();
      return sumOfSquares(v);
    };
    const error = await numericalGradientAsync(f, x100(), { signal: controller.signal }).catch((e: unknown) => e);
    expect(calls).toBe(5);
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe('AbortError');
  });

  it('an already aborted signal rejects without calling f (also the named form)', async () => {
    let calls = 0;
    const signal = AbortSignal.abort('no');
    await expect(numericalGradientAsync(() => ++calls, x100(), { signal } as never)).rejects.toThrow(); // refused: f takes no parameter
    await expect(numericalGradientAsync((_v: NdArray) => ++calls, x100(), { signal })).rejects.toBe('no');
    await expect(numericalGradientsAsync((_p) => ++calls, { a: x100() }, { signal })).rejects.toBe('no');
    expect(calls).toBe(0);
  });

  it('a signal that aborts after the gradient finished changes nothing', async () => {
    const controller = new AbortController();
    const g = await numericalGradientAsync(async (v) => sumOfSquares(v), ndarray(Float64Array.of(1, 2), [2]), { signal: controller.signal });
    controller.abort();
    expect(elements(g).map((t) => Math.round(t * 1e6) / 1e6)).toEqual([2, 4]);
  });

  it('a latency-bound gradient aborted after 20 ms rejects long before it would have finished', async () => {
    const controller = new AbortController();
    let calls = 0;
    const f = async (v: NdArray): Promise<number> => {
      calls++;
      await wait(5);
      return sumOfSquares(v);
    };
    setTimeout(() => controller.abort(), 20);
    await expect(numericalGradientAsync(f, x100(), { concurrency: 2, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    // ~20 ms at 2 × (1 per 5 ms) is about 8 calls of the 200; allow a slow machine 10× that
    expect(calls).toBeLessThan(80);
  });
});
