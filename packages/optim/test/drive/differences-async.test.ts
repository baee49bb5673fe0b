/**
 * differencesAsync: core's synchronous kernel over an async function. The
 * result equals core's on the same function bit for bit; at most `concurrency`
 * calls are in flight, each on its own copy, and the caller's array is never
 * left perturbed while a call is pending.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradientInto } from '@descent/core';
import { differencesAsync } from '../../src/drive/differences-async.js';

const f = (x: NdArray): number => Math.sin(x.get(0)) * x.get(1) ** 3 + Math.exp(x.get(2));

describe('differencesAsync', () => {
  it.each([1, 2, 6])('gives core’s central gradient bit for bit with %i calls in flight at most', async (concurrency) => {
    const x = ndarray(new Float64Array([0.3, -1.7, 0.25]));
    const expected = ndarray(new Float64Array(3));
    numericalGradientInto(expected, () => f(x), x, { scheme: 'central' });
    let inFlight = 0;
    let most = 0;
    const pendingWhileUnperturbed: boolean[] = [];
    const g = ndarray(new Float64Array(3));
    await differencesAsync(
      [x],
      (fn) => numericalGradientInto(g, fn, x, { scheme: 'central' }),
      async ([copy]) => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 1));
        pendingWhileUnperturbed.push(x.get(0) === 0.3 && x.get(1) === -1.7 && x.get(2) === 0.25);
        inFlight--;
        return f(copy!);
      },
      { concurrency, signal: undefined },
    );
    expect(Array.from(g.data)).toEqual(Array.from(expected.data));
    expect(most).toBe(Math.min(concurrency, 6)); // 2N = 6 calls, all new in one pass
    expect(pendingWhileUnperturbed).toEqual(Array(6).fill(true));
  });

  it('replays an adaptive scheme (Richardson) to core’s answer and counts only the final pass', async () => {
    const x = ndarray(new Float64Array([0.3, -1.7, 0.25]));
    const expected = ndarray(new Float64Array(3));
    const syncCounter = { evaluations: 0 };
    numericalGradientInto(expected, () => f(x), x, { scheme: 'richardson', counter: syncCounter });
    const counter = { evaluations: 0 };
    const g = ndarray(new Float64Array(3));
    await differencesAsync([x], (fn, final) => numericalGradientInto(g, fn, x, final ? { scheme: 'richardson', counter } : { scheme: 'richardson' }), async ([c]) => f(c!), {
      concurrency: 3,
      signal: undefined,
    });
    expect(Array.from(g.data)).toEqual(Array.from(expected.data));
    expect(counter.evaluations).toBe(syncCounter.evaluations);
  });
});
