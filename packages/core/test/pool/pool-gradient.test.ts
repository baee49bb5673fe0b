/**
 * GradientPool.gradient and evaluate: bit for bit the synchronous gradient of
 * (v) => loss(v, context), on views and float32 storage, for every scheme and
 * with bounds and Richardson error estimates; context reaches the loss; a
 * loss that returns a Promise works; options and progress; a pool of 2 small
 * workers (the machine has 2 cores shared with others).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { numericalGradient, type Progress, type Scheme } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { weightedSines } from '../fixtures/pool-loss.js';
import { elements, sameBits } from '../helpers.js';

const module = new URL('../fixtures/pool-loss.ts', import.meta.url);
const pool = createGradientPool<{ scale: number }>({ module, export: 'weightedSines', workers: 2 });
afterAll(() => pool.close());

/** weightedSines reads its argument's data in order: the reference differentiates a contiguous copy. */
const reference = (x: NdArray, scale: number, options: object = {}): number[] => {
  const copy = ndarray(x.data instanceof Float32Array ? Float32Array.from(elements(x)) : Float64Array.from(elements(x)), x.shape.slice());
  return elements(numericalGradient((v) => weightedSines(v, { scale }), copy, options));
};

describe('GradientPool.gradient', () => {
  it('equals numericalGradient bit for bit for every scheme, on a transposed view and on float32 storage', async () => {
    const x64 = ndarray(Float64Array.from({ length: 30 }, (_, i) => i / 7 - 2), [5, 6]).transpose(1, 0);
    const x32 = ndarray(Float32Array.from({ length: 12 }, (_, i) => i / 3), [12]).step(-1);
    for (const scheme of ['central', 'forward', 'backward', 'five-point', 'richardson'] as Scheme[]) {
      for (const x of [x64, x32]) {
        const counter = { evaluations: 0 };
        const syncCounter = { evaluations: 0 };
        const g = await pool.gradient(x, { context: { scale: 3 }, scheme, counter });
        expect(g.shape).toEqual(x.shape);
        expect(sameBits(elements(g), reference(x, 3, { scheme, counter: syncCounter })), scheme).toBe(true);
        expect(counter.evaluations, scheme).toBe(syncCounter.evaluations);
      }
    }
  });

  it('with bounds, a fixed h, the nominal quotient, f0, out and Richardson error estimates', async () => {
    const x = ndarray(Float64Array.of(0, 0.5, 1, 1.5, 2), [5]);
    const lower = ndarray(Float64Array.of(0, 0, 0, 0, 0), [5]);
    const options = { h: 1e-3, quotient: 'nominal' as const, bounds: { lower, upper: 2 } };
    expect(sameBits(elements(await pool.gradient(x, { ...options, context: { scale: 1 } })), reference(x, 1, options))).toBe(true);
    const f0 = weightedSines(x, { scale: 1 });
    const forward = await pool.gradient(x, { scheme: 'forward', f0, context: { scale: 1 } });
    expect(sameBits(elements(forward), reference(x, 1, { scheme: 'forward' }))).toBe(true);
    const out = ndarray(new Float64Array(10), [5], [2], 1);
    const error = ndarray(new Float64Array(5), [5]);
    const g = await pool.gradient(x, { scheme: 'richardson', out, error, context: { scale: 1 } });
    expect(g).toBe(out);
    const syncError = ndarray(new Float64Array(5), [5]);
    expect(sameBits(elements(out), reference(x, 1, { scheme: 'richardson', error: syncError }))).toBe(true);
    expect(sameBits(elements(error), elements(syncError))).toBe(true);
  });

  it('reports progress from the workers and counts every call', async () => {
    const reports: Progress[] = [];
    const x = ndarray(Float64Array.from({ length: 64 }, (_, i) => i / 9), [64]);
    await pool.gradient(x, { context: { scale: 1 }, onProgress: (p) => reports.push(p), progressInterval: 0 });
    expect(reports.at(-1)).toMatchObject({ done: 64, total: 64, evaluations: 128, array: 'x' });
  });

  it('a loss that returns a Promise, several evaluations in flight per worker', async () => {
    const asyncPool = createGradientPool({ module, export: 'later', workers: 2 });
    try {
      const x = ndarray(Float64Array.from({ length: 10 }, (_, i) => i / 3), [10]);
      const g = await asyncPool.gradient(x, { concurrency: 3 });
      expect(sameBits(elements(g), reference(x, 1))).toBe(true);
    } finally {
      await asyncPool.close();
    }
  });
});

describe('GradientPool.evaluate', () => {
  it('is loss(x, context) on a worker, x any view', async () => {
    const x = ndarray(Float64Array.of(9, 1, 9, 2), [2, 2]).pick(null, 1);
    // sin(1)·1 + sin(2)·2, times 2
    expect(await pool.evaluate(x, { scale: 2 })).toBe(weightedSines(ndarray(Float64Array.of(1, 2), [2]), { scale: 2 }));
  });
});
