/**
 * The pool's faults end every call, never hang it: a throwing loss rejects
 * with FunctionThrewError naming the coordinate; a worker that calls
 * process.exit or runs out of memory rejects the call with WorkerDiedError
 * and is replaced, so the next call works; close() while a call runs rejects
 * it with PoolClosedError and leaves no thread running; abort stops the
 * workers. Two small workers each (the machine has 2 shared cores).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { FunctionThrewError, InvalidArgumentError, PoolClosedError, WorkerDiedError, numericalGradient } from '@descent/core';
import { createGradientPool, type GradientPool } from '@descent/core/pool';
import { weightedSines } from '../fixtures/pool-loss.js';
import { elements, sameBits } from '../helpers.js';

const module = new URL('../fixtures/pool-loss.ts', import.meta.url);
/** x = [0, 1, …, n−1]: the fixtures fail when x[k] moves off k. */
const xs = (n: number): NdArray => ndarray(Float64Array.from({ length: n }, (_, i) => i), [n]);
const threads = (pool: GradientPool): number => (pool as unknown as { piscina: { threads: unknown[] } }).piscina.threads.length;

describe('faults', () => {
  it('a throwing loss: FunctionThrewError naming x[3], its RangeError as cause; the pool goes on', { timeout: 30_000 }, async () => {
    const pool = createGradientPool({ module, export: 'throwsAt3', workers: 2 });
    try {
      const error = (await pool.gradient(xs(8)).catch((e: unknown) => e)) as FunctionThrewError;
      expect(error).toBeInstanceOf(FunctionThrewError);
      expect(error.coordinate).toBe('x[3]');
      expect(error.cause).toBeInstanceOf(RangeError);
      expect((error.cause as Error).message).toBe('no x[3] but 3');
      expect(error.message).toMatch(/^GradientPool\.gradient: f threw when x\[3\] was perturbed to 3\.0000\d+: no x\[3\] but 3 \(x has been restored\)\.$/);
      // x[3] = 3.5 does not trip the check: the same pool computes the next gradient
      const x = ndarray(Float64Array.of(0, 1, 2, 3.5, 4), [5]);
      const g = await pool.gradient(x);
      expect(sameBits(elements(g), elements(numericalGradient((v) => weightedSines(v, undefined), x)))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('a worker that calls process.exit: WorkerDiedError, then the replacement serves the next call', { timeout: 30_000 }, async () => {
    const pool = createGradientPool({ module, export: 'exitsAt2', workers: 2 });
    try {
      const error = (await pool.gradient(xs(6)).catch((e: unknown) => e)) as WorkerDiedError;
      expect(error).toBeInstanceOf(WorkerDiedError);
      expect(error.code).toBe('WORKER_DIED');
      expect(error.message).toMatch(/^GradientPool\.gradient: a worker thread died while evaluating the loss: worker exited with code: 3\. The pool has started a replacement/);
      const g = await pool.gradient(xs(2)); // x[2] does not exist: no exit
      expect(sameBits(elements(g), elements(numericalGradient((v) => weightedSines(v, undefined), xs(2))))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('a worker out of memory (resourceLimits): WorkerDiedError with ERR_WORKER_OUT_OF_MEMORY, then the next call works', { timeout: 60_000 }, async () => {
    const pool = createGradientPool({ module, export: 'leaksAt1', workers: 1, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    try {
      const error = (await pool.gradient(xs(3)).catch((e: unknown) => e)) as WorkerDiedError;
      expect(error).toBeInstanceOf(WorkerDiedError);
      expect((error.cause as { code?: unknown }).code).toBe('ERR_WORKER_OUT_OF_MEMORY');
      expect(error.message).toMatch(/out of memory: raise resourceLimits/);
      expect(await pool.evaluate(xs(3))).toBe(weightedSines(xs(3), undefined));
    } finally {
      await pool.close();
    }
  });

  it('close() while a gradient runs: PoolClosedError, no thread left; later calls are refused', { timeout: 30_000 }, async () => {
    const pool = createGradientPool({ module, export: 'slow', workers: 2 });
    const running = pool.gradient(xs(200), { context: { ms: 5 } }).catch((e: unknown) => e); // ~2 s of work
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pool.close();
    expect(await running).toBeInstanceOf(PoolClosedError);
    expect(threads(pool)).toBe(0);
    await expect(pool.gradient(xs(2))).rejects.toThrow('GradientPool.gradient: the pool is closed; create another with createGradientPool.');
    await expect(pool.evaluate(xs(2))).rejects.toBeInstanceOf(PoolClosedError);
    await pool.close(); // idempotent
  });

  it('abort: the workers take no further coordinate; the call rejects with the reason', { timeout: 30_000 }, async () => {
    const pool = createGradientPool({ module, export: 'slow', workers: 2 });
    try {
      const controller = new AbortController();
      const counter = { evaluations: 0 };
      const running = pool.gradient(xs(400), { context: { ms: 2 }, signal: controller.signal, counter }); // ~1.6 s of work
      setTimeout(() => controller.abort(new Error('enough')), 300);
      await expect(running).rejects.toThrow('enough');
      expect(counter.evaluations).toBeLessThan(800);
    } finally {
      await pool.close();
    }
  });

  it('a module without the export, or one that cannot be imported: InvalidArgumentError', { timeout: 30_000 }, async () => {
    await using missing = createGradientPool({ module, export: 'notALoss', workers: 1 });
    await expect(missing.gradient(xs(2))).rejects.toThrow(/has no function export "notALoss" \(its exports: /);
    await using absent = createGradientPool({ module: new URL('../fixtures/no-such-file.js', import.meta.url), workers: 1 });
    await expect(absent.evaluate(xs(2))).rejects.toBeInstanceOf(InvalidArgumentError);
  });
});
