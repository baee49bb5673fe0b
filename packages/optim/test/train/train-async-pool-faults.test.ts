/**
 * trainAsync with a worker pool, under faults. The params are never left
 * perturbed (the pool differentiates a copy): after an abort inside a pool
 * gradient (stopped.reason 'aborted'), a pool closed mid-run
 * (PoolClosedError) or a context the workers cannot receive
 * (InvalidArgumentError), they hold the values after the last completed step
 * — bit for bit what the progress reporter saw then.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, PoolClosedError } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { adam, trainAsync, type Batch, type ProgressReporter, type TrainOptions } from '@descent/optim';
import { lineMse } from '../fixtures/pool-linear.js';
import type { P } from './train-fixtures.js';

const module = new URL('../fixtures/pool-linear.ts', import.meta.url);
const n = 12;
const loss = (p: P, batch: Batch): number => lineMse(p as never, batch);

/** Options, and the params as the reporter saw them after each completed step. */
function setup(): { options: Omit<TrainOptions<unknown, P>, 'loss' | 'gradient'>; afterSteps: number[][]; now: () => number[] } {
  const params: P = { w: ndarray(new Float64Array([0.5])), b: ndarray(new Float64Array([-0.25])) };
  const now = (): number[] => [params['w']!.get(0), params['b']!.get(0)];
  const afterSteps: number[][] = [now()];
  const progress: ProgressReporter = { step: () => void afterSteps.push(now()), epoch() {}, finish() {} };
  return {
    options: {
      params,
      data: { inputs: ndarray(Float64Array.from({ length: n }, (_, i) => i), [n, 1]), targets: ndarray(Float64Array.from({ length: n }, (_, i) => 2 * i + 1), [n]) },
      batchSize: 3,
      epochs: 4,
      optimizer: adam({ lr: 0.05 }),
      seed: 11,
      progress,
    },
    afterSteps,
    now,
  };
}

describe('trainAsync with a pool, under faults', () => {
  it('abort inside a pool gradient (slow loss), a pool closed mid-run, an unsendable context', { timeout: 30_000 }, async () => {
    await using pool = createGradientPool({ module, export: 'pooledLineMseFaulty', workers: 2 });

    // abort: a timer meant to fire while the workers run the 3rd step's gradient (4 calls × 50 ms on 2 workers); on a
    // loaded machine it may fire later, so only what holds either way is asserted
    {
      const { options, afterSteps, now } = setup();
      const controller = new AbortController();
      let calls = 0;
      const counting = (p: P, batch: Batch): number => {
        if (++calls === 3) setTimeout(() => controller.abort(new Error('timer')), 10);
        return loss(p, batch);
      };
      const result = await trainAsync<unknown, P>({ ...options, loss: counting, gradient: { pool, context: { ms: 50 } }, signal: controller.signal });
      expect(result.stopped.reason).toBe('aborted');
      expect(result.steps).toBeGreaterThanOrEqual(2); // the abort came after the 3rd step's loss call
      expect(now()).toEqual(afterSteps.at(-1));
      expect(afterSteps).toHaveLength(result.steps + 1); // the start, then each completed step
      expect(now().every(Number.isFinite)).toBe(true);
    }

    // an unsendable context: refused at the first gradient, params untouched
    {
      const { options, now } = setup();
      const error = (await trainAsync<unknown, P>({ ...options, loss, gradient: { pool, context: { transform: (v: number) => v } } }).catch((e: unknown) => e)) as InvalidArgumentError;
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error.message).toMatch(/the context cannot be sent to the worker threads/);
      expect(now()).toEqual([0.5, -0.25]);
    }
  });

  it('a pool closed mid-run (at the loss’s 4th call, in step 4): PoolClosedError; params after step 3', { timeout: 30_000 }, async () => {
    const own = createGradientPool({ module, export: 'pooledLineMseFaulty', workers: 1 });
    const { options, afterSteps, now } = setup();
    let calls = 0;
    const closing = (p: P, batch: Batch): number => {
      if (++calls === 4) void own.close(); // each step calls the loss once in this thread; the gradient is the pool's
      return loss(p, batch);
    };
    const error = (await trainAsync<unknown, P>({ ...options, loss: closing, gradient: { pool: own, context: {} } }).catch((e: unknown) => e)) as PoolClosedError;
    expect(error).toBeInstanceOf(PoolClosedError);
    expect(error.code).toBe('POOL_CLOSED');
    expect(afterSteps).toHaveLength(4); // the start, then 3 steps
    expect(now()).toEqual(afterSteps.at(-1));
    await own.close();
  });
});
