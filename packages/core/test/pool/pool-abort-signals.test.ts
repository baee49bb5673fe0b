/**
 * GradientPool's abort, for a loss that answers with a Promise (1 ms timer per
 * call) and several evaluations in flight per worker: a signal aborted before
 * the call rejects with its reason and calls the loss not once; one aborted
 * mid-call rejects with its reason after far fewer calls than the gradient
 * needs; an abort without a reason rejects with the signal's AbortError; a
 * hand-made AbortSignal-like object ({ aborted, reason, addEventListener,
 * removeEventListener }) works as well for gradient and evaluate. x keeps its
 * bytes each time, and the pool serves the next call.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { numericalGradient, type AbortSignalLike } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { weightedSines } from '../fixtures/pool-loss.js';
import { sameBits } from '../helpers.js';

const pool = createGradientPool({ module: new URL('../fixtures/pool-loss.ts', import.meta.url), export: 'later', workers: 2 });
afterAll(() => pool.close());

/** A Float32 point seen through step(−1), and a check of its bytes. */
function point(n: number): { x: NdArray; same: () => boolean } {
  const storage = Float32Array.from({ length: n }, (_, i) => i / 7);
  const before = Array.from(storage);
  return { x: ndarray(storage, [n]).step(-1), same: () => sameBits(Array.from(storage), before) };
}

/** An AbortSignal-like object the test aborts by hand. */
function handMade(reason: unknown): { signal: AbortSignalLike; abort: () => void } {
  let aborted = false;
  const listeners = new Set<() => void>();
  const signal = {
    get aborted() {
      return aborted;
    },
    reason,
    addEventListener: (_: 'abort', l: () => void) => void listeners.add(l),
    removeEventListener: (_: 'abort', l: () => void) => void listeners.delete(l),
  };
  return { signal, abort: () => ((aborted = true), listeners.forEach((l) => l())) };
}

describe('aborting a pool call', () => {
  it('aborted before: the reason, the loss never called (forward: not even at x)', async () => {
    const controller = new AbortController();
    const reason = new Error('not now');
    controller.abort(reason);
    const { x, same } = point(6);
    for (const scheme of ['central', 'forward'] as const) {
      const counter = { evaluations: 0 };
      await expect(pool.gradient(x, { signal: controller.signal, scheme, counter, concurrency: 3 })).rejects.toBe(reason);
      expect(counter.evaluations).toBe(0);
    }
    await expect(pool.evaluate(x, undefined, { signal: controller.signal })).rejects.toBe(reason);
    const bare = new AbortController();
    bare.abort();
    await expect(pool.gradient(x, { signal: bare.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(same()).toBe(true);
  });

  it('aborted mid-call (a hand-made signal): the reason, far fewer calls than 2·N; then the next call is numericalGradient’s', async () => {
    const reason = new Error('enough');
    const { signal, abort } = handMade(reason);
    const { x, same } = point(400); // 800 calls of ≥ 1 ms on 2 workers × 3 in flight: well over 100 ms
    const counter = { evaluations: 0 };
    // aborted from the first progress report, which comes while coordinates remain (done < total): mid-call whatever the load
    const running = pool.gradient(x, { signal, counter, concurrency: 3, progressInterval: 10, onProgress: (p) => void (p.done < p.total && abort()) });
    await expect(running).rejects.toBe(reason);
    expect(counter.evaluations).toBeLessThan(800);
    expect(same()).toBe(true);
    const small = ndarray(Float32Array.of(0.5, 1.5, 2.5), [3]);
    const g = await pool.gradient(small, { concurrency: 3 });
    expect(sameBits(Array.from(g.data as Float64Array), Array.from(numericalGradient((v) => weightedSines(v, undefined), small).data as Float64Array))).toBe(true);
    const late = handMade(new Error('evaluate stopped'));
    const evaluating = pool.evaluate(small, undefined, { signal: late.signal });
    late.abort();
    await expect(evaluating).rejects.toThrow('evaluate stopped');
  });
});
