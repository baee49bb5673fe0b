/**
 * The caller's x after a pool call that fails: the workers perturb their own
 * copies (x reaches them through a SharedArrayBuffer), so x — a step(−1) view
 * here, with a −0 and a subnormal beside the elements the fixtures watch — is
 * bit-identical afterwards whether the loss threw, a worker died, the pool
 * was closed or the call was aborted.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { FunctionThrewError, PoolClosedError, WorkerDiedError } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';

const module = new URL('../fixtures/pool-loss.ts', import.meta.url);

/** A step(−1) view reading [0, 1, …, n−1] (the fixtures fail when x[k] moves off k), then −0 and 5e-324 outside the view. */
function watched(n: number): { x: NdArray; storage: Float64Array; before: Float64Array } {
  const storage = new Float64Array(n + 2);
  for (let i = 0; i < n; i++) storage[i] = n - 1 - i;
  storage[n] = -0;
  storage[n + 1] = 5e-324;
  return { x: ndarray(storage, [n]).step(-1), storage, before: storage.slice() };
}

const sameBits = (a: Float64Array, b: Float64Array): boolean => a.length === b.length && a.every((v, i) => Object.is(v, b[i]));

describe("the caller's x after a failed pool call", () => {
  it('is bit-identical after a throwing loss and after a worker exits', { timeout: 60_000 }, async () => {
    for (const [name, kind] of [['throwsAt3', FunctionThrewError], ['exitsAt2', WorkerDiedError]] as const) {
      const pool = createGradientPool({ module, export: name, workers: 2 });
      try {
        const { x, storage, before } = watched(8);
        expect(x.get(3)).toBe(3);
        await expect(pool.gradient(x)).rejects.toBeInstanceOf(kind);
        expect(sameBits(storage, before), name).toBe(true);
      } finally {
        await pool.close();
      }
    }
  });

  it('is bit-identical after close() during the call and after an abort', { timeout: 60_000 }, async () => {
    const pool = createGradientPool({ module, export: 'slow', workers: 2 });
    const { x, storage, before } = watched(200);
    const controller = new AbortController();
    const aborted = pool.gradient(x, { context: { ms: 2 }, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('enough')), 100);
    await expect(aborted).rejects.toThrow('enough');
    expect(sameBits(storage, before)).toBe(true);
    const closed = pool.gradient(x, { context: { ms: 2 } });
    setTimeout(() => void pool.close(), 100);
    await expect(closed).rejects.toBeInstanceOf(PoolClosedError);
    expect(sameBits(storage, before)).toBe(true);
  });
});
