/**
 * Calls in flight at once on one pool are independent: one aborted, one whose
 * loss throws and one closed-out never disturb a concurrent call, which
 * resolves with numericalGradient's bits; each caller's x keeps its bytes.
 * Every call, however it ends, settles (no hang), and none leaves an
 * unhandled rejection.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FunctionThrewError, PoolClosedError, numericalGradient } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { sines, type FaultyContext } from '../fixtures/pool-adversarial.js';
import { storageBytes } from '../view-arbitrary.js';

const module = new URL('../fixtures/pool-adversarial.ts', import.meta.url);
const unhandled: unknown[] = [];
const listener = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', listener));
afterAll(() => void process.off('unhandledRejection', listener));

/** x = [0, 0.1, …] in Float64 (or Float32) storage, seen through step(−1). */
function point(n: number, float32 = false): { x: NdArray; bytes: () => string } {
  const values = Array.from({ length: n }, (_, i) => i / 10);
  const storage = float32 ? Float32Array.from(values) : Float64Array.from(values);
  const before = storageBytes(storage);
  return { x: ndarray(storage, [n]).step(-1), bytes: () => (storageBytes(storage) === before ? 'same' : 'changed') };
}
const reference = (x: NdArray): string => {
  const copy = ndarray(x.data instanceof Float32Array ? Float32Array.from({ length: x.size }, (_, i) => x.get(i)) : Float64Array.from({ length: x.size }, (_, i) => x.get(i)), [x.size]);
  return storageBytes(numericalGradient(sines, copy).data as Float64Array);
};

describe('concurrent calls on one pool', () => {
  it('an aborted call and a throwing call beside a good one: the good one gets numericalGradient’s bits', { timeout: 30_000 }, async () => {
    await using pool = createGradientPool<FaultyContext>({ module, export: 'faulty', workers: 2 });
    const controller = new AbortController();
    const reason = new Error('stop this one');
    const [aborted, threw, good] = [point(40), point(9), point(13, true)];
    const calls = [
      pool.gradient(aborted.x, { context: { kind: 'none', ms: 3 }, signal: controller.signal }),
      pool.gradient(threw.x, { context: { kind: 'throws', index: 4, at: 0.4 } }),
      pool.gradient(good.x, { context: { kind: 'none', ms: 1 }, concurrency: 2 }),
    ];
    setTimeout(() => controller.abort(reason), 30);
    const [a, t, g] = (await Promise.allSettled(calls)) as [PromiseRejectedResult, PromiseRejectedResult, PromiseFulfilledResult<NdArray>];
    expect(a).toEqual({ status: 'rejected', reason });
    expect(t.status).toBe('rejected');
    expect(t.reason).toBeInstanceOf(FunctionThrewError);
    expect((t.reason as FunctionThrewError).coordinate).toBe('x[4]'); // x[4] of the step(−1) view holds 0.4
    expect(g.status).toBe('fulfilled');
    expect(storageBytes(g.value.data as Float64Array)).toBe(reference(good.x));
    expect([aborted.bytes(), threw.bytes(), good.bytes()]).toEqual(['same', 'same', 'same']);
  });

  it('close() with calls queued behind a running one: every call rejects with PoolClosedError; x keeps its bytes', { timeout: 30_000 }, async () => {
    const pool = createGradientPool<FaultyContext>({ module, export: 'faulty', workers: 2 });
    const points = [point(30), point(5, true), point(1), point(2)];
    const calls = [
      ...points.map((p, i) => pool.gradient(p.x, { context: { kind: 'none', ms: 4 }, ...(i === 3 ? { scheme: 'forward' as const } : {}) })),
      pool.evaluate(points[0]!.x, { kind: 'none', ms: 4 }),
    ];
    setTimeout(() => void pool.close(), 40);
    const settled = await Promise.allSettled(calls);
    for (const s of settled) expect(s.status === 'rejected' && s.reason).toBeInstanceOf(PoolClosedError);
    expect(points.map((p) => p.bytes())).toEqual(['same', 'same', 'same', 'same']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);
  });
});
