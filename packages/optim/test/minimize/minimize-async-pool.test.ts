/**
 * A worker pool of @descent/core/pool as minimizeAsync's gradient source: the
 * pool's gradient is numericalGradient's bit for bit (core's tests), so a run
 * whose numerical gradients come from 2 workers is minimize's in-process run
 * bit for bit — point, f, counts (the pool's calls counted as f's), history.
 */
import ndarray, { type NdArray } from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { createGradientPool } from '@descent/core/pool';
import { minimize, minimizeAsync, type MinimizeResult } from '@descent/optim';
import { rosenbrock } from '../fixtures/pool-rosenbrock.js';

const pool = createGradientPool<{ scale: number }>({ module: new URL('../fixtures/pool-rosenbrock.ts', import.meta.url), export: 'rosenbrock', workers: 2 });
afterAll(() => pool.close());

const start = (): NdArray => ndarray(new Float64Array([-1.2, 1, -1.2, 1]));
const bits = (r: MinimizeResult) => ({ ...r, x: Array.from(r.x.data) });

describe('minimizeAsync with a worker pool as the gradient source', () => {
  it('gradient: pool gives minimize’s in-process run (adaptive numerical gradient) bit for bit', async () => {
    const sync = minimize((x) => rosenbrock(x), start(), { historyLimit: Infinity });
    const result = await minimizeAsync((x) => rosenbrock(x), start(), { gradient: pool, historyLimit: Infinity });
    expect(bits(result)).toEqual(bits(sync));
    expect(result.converged).toBe(true);
    expect(Array.from(result.x.data).every((v) => Math.abs(v - 1) < 1e-4)).toBe(true); // the minimum is (1, 1, 1, 1)
  });

  it('{ pool, context, scheme } passes the context to the loss and core’s options to the pool', async () => {
    const scaled = (x: NdArray) => rosenbrock(x, { scale: 2 });
    const sync = minimize(scaled, start(), { gradient: { scheme: 'central' } });
    const result = await minimizeAsync(scaled, start(), { gradient: { pool, context: { scale: 2 }, scheme: 'central' } });
    expect(bits(result)).toEqual(bits(sync));
  });

  it('bounds reach the pool’s gradient (its nodes stay inside the box), same bits as L-BFGS-B in process', async () => {
    const bounds = { lower: -2, upper: ndarray(new Float64Array([0.5, 2, 0.5, 2])) };
    const sync = minimize((x) => rosenbrock(x), start(), { bounds });
    const result = await minimizeAsync((x) => rosenbrock(x), start(), { gradient: pool, bounds });
    expect(bits(result)).toEqual(bits(sync));
    expect(result.x.get(0)).toBeLessThanOrEqual(0.5);
  });

  it('a fixed variable (one request per coordinate) evaluates through pool.evaluate, same bits', async () => {
    const bounds = { lower: ndarray(new Float64Array([-2, 1, -2, -2])), upper: ndarray(new Float64Array([2, 1, 2, 2])) };
    const sync = minimize((x) => rosenbrock(x), start(), { bounds });
    const result = await minimizeAsync((x) => rosenbrock(x), start(), { gradient: pool, bounds });
    expect(bits(result)).toEqual(bits(sync));
    expect(result.x.get(1)).toBe(1);
  });
});
