/**
 * minimizeAsync with a worker pool as its gradient source, under faults: an
 * abort between evaluations or while the workers estimate a gradient ends the
 * run with reason 'aborted' and the best point seen (finite, f(x) = fun, no
 * worse than x0), or rejects with the reason before x0's gradient is known; a
 * pool closed mid-run rejects with PoolClosedError; the pool's loss NaN near
 * the path ends the run as minimize's in-process run does (calls started
 * beside a NaN on the other worker counted); an onIteration that throws
 * rejects with that very error.
 * x0 keeps its bits throughout.
 */
import ndarray, { type NdArray } from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { NonFiniteValueError, PoolClosedError } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { minimize, minimizeAsync, type MinimizeResult } from '@descent/optim';
import { rosenbrock, slowRosenbrock } from '../fixtures/pool-rosenbrock.js';

const module = new URL('../fixtures/pool-rosenbrock.ts', import.meta.url);
const pool = createGradientPool<{ ms: number; nanAbove?: number }>({ module, export: 'slowRosenbrock', workers: 2 });
afterAll(() => pool.close());

const X0 = [-1.2, 1, -1.2, 1];
const F0 = rosenbrock(ndarray(Float64Array.from(X0))); // 24.2 + 484 + 24.2 = 532.4: (1 + 1.2)² + 100·(1 − 1.44)², then 100·(−1.2 − 1)², then the first term again
function start(): { x0: NdArray; untouched: () => boolean } {
  const data = Float64Array.from(X0);
  return { x0: ndarray(data), untouched: () => Array.from(data).every((v, i) => Object.is(v, X0[i])) };
}
function expectBestPoint(result: MinimizeResult): void {
  const x = Array.from(result.x.data);
  expect(x.every(Number.isFinite)).toBe(true);
  expect(result.fun).toBe(rosenbrock(result.x));
  expect(result.fun).toBeLessThanOrEqual(F0);
}

describe('minimizeAsync with a pool, under faults', () => {
  it('an abort at f’s k-th call: the reason before x0’s gradient is known, else reason "aborted" and the best point', async () => {
    for (const k of [1, 2, 3, 7, 20]) {
      const controller = new AbortController();
      const reason = new Error(`stopped at call ${k}`);
      let calls = 0;
      const f = (x: NdArray): number => {
        if (++calls === k) controller.abort(reason);
        return rosenbrock(x);
      };
      const { x0, untouched } = start();
      const outcome = await minimizeAsync(f, x0, { gradient: { pool, context: { ms: 0 } }, signal: controller.signal }).catch((e: unknown) => e);
      expect(untouched(), `k = ${k}`).toBe(true);
      if (k === 1) {
        expect(outcome).toBe(reason); // f(x0) answered, its gradient never started: no point to return
        continue;
      }
      const result = outcome as MinimizeResult;
      expect(result.reason, `k = ${k}`).toBe('aborted');
      expectBestPoint(result);
    }
  });

  it('an abort while the workers estimate a gradient (slow loss): reason "aborted", the best point', async () => {
    const controller = new AbortController();
    let calls = 0;
    const f = (x: NdArray): number => {
      if (++calls === 4) setTimeout(() => controller.abort(new Error('timer')), 15); // inside the next gradient (8 calls × 10 ms on 2 workers)
      return rosenbrock(x);
    };
    const { x0, untouched } = start();
    const result = await minimizeAsync(f, x0, { gradient: { pool, context: { ms: 10 }, scheme: 'central' }, signal: controller.signal });
    expect(result.reason).toBe('aborted');
    expect(result.message).toMatch(/^Aborted by the signal/);
    expectBestPoint(result);
    expect(result.iterations).toBeGreaterThanOrEqual(1);
    expect(untouched()).toBe(true);
  });

  it('the pool’s loss NaN near the path: the run ends as minimize’s in-process run does', async () => {
    // NaN where x[0] > −1.15: reached by the first line search from x0 (x[0] = −1.2)
    const f = (x: NdArray): number => slowRosenbrock(x, { ms: 0, nanAbove: -1.15 });
    const { x0, untouched } = start();
    const sync = await Promise.resolve().then(() => minimize(f, ndarray(Float64Array.from(X0)))).catch((e: unknown) => e);
    const outcome = await minimizeAsync(f, x0, { gradient: { pool, context: { ms: 0, nanAbove: -1.15 } } }).catch((e: unknown) => e);
    expect(untouched()).toBe(true);
    if (sync instanceof Error) {
      expect(outcome).toBeInstanceOf(sync.constructor);
      expect((outcome as NonFiniteValueError).code).toBe((sync as NonFiniteValueError).code);
    } else {
      const result = outcome as MinimizeResult;
      const reference = sync as MinimizeResult;
      // the same run; calls started on the other worker beside a NaN count too (core's async gradient does the same)
      expect(result.evaluations).toBeGreaterThanOrEqual(reference.evaluations);
      expect({ ...result, x: Array.from(result.x.data), evaluations: 0 }).toEqual({ ...reference, x: Array.from(reference.x.data), evaluations: 0 });
      expectBestPoint(result);
    }
  });

  it('onIteration throwing at step 2 rejects with that very error; x0 untouched', async () => {
    const thrown = new RangeError('checkpoint store full');
    const { x0, untouched } = start();
    const outcome = await minimizeAsync((x) => rosenbrock(x), x0, {
      gradient: { pool, context: { ms: 0 } },
      onIteration: (info) => {
        if (info.iteration === 2) throw thrown;
      },
    }).catch((e: unknown) => e);
    expect(outcome).toBe(thrown);
    expect(untouched()).toBe(true);
  });

  it('a pool closed mid-run (at f’s 12th call) rejects with PoolClosedError; x0 untouched', { timeout: 30_000 }, async () => {
    const own = createGradientPool<{ ms: number }>({ module, export: 'slowRosenbrock', workers: 1 });
    let calls = 0;
    const f = (x: NdArray): number => {
      if (++calls === 12) void own.close();
      return rosenbrock(x);
    };
    const { x0, untouched } = start();
    const error = (await minimizeAsync(f, x0, { gradient: { pool: own, context: { ms: 0 } } }).catch((e: unknown) => e)) as PoolClosedError;
    expect(error).toBeInstanceOf(PoolClosedError);
    expect(error.code).toBe('POOL_CLOSED');
    expect(error.message).toMatch(/^GradientPool\.(gradient|evaluate): the pool (is closed|was closed while the call ran)/);
    expect(untouched()).toBe(true);
    await own.close();
  });
});
