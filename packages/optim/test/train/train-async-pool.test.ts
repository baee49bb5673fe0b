/**
 * A worker pool of @descent/core/pool as trainAsync's numerical gradient: the
 * params travel as one vector, the batch as the pool loss's context; each
 * coordinate is differentiated alone with its own step, so the run is train's
 * in-process run bit for bit (params, history, counts).
 */
import ndarray, { type NdArray } from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { createGradientPool } from '@descent/core/pool';
import { adam, train, trainAsync, type TrainOptions } from '@descent/optim';
import { lineMse } from '../fixtures/pool-linear.js';

const pool = createGradientPool({ module: new URL('../fixtures/pool-linear.ts', import.meta.url), export: 'pooledLineMse', workers: 2 });
afterAll(() => pool.close());

type P = { w: NdArray; b: NdArray };
/** y = 2x + 1 at x = 0 … n − 1. */
const line = (n: number) => ({
  inputs: ndarray(Float64Array.from({ length: n }, (_, i) => i), [n, 1]),
  targets: ndarray(Float64Array.from({ length: n }, (_, i) => 2 * i + 1), [n]),
});
const options = (gradient: object): TrainOptions<unknown, P> =>
  ({
    params: { w: ndarray(new Float64Array([0.5])), b: ndarray(new Float64Array([-0.25])) },
    loss: lineMse,
    data: line(10),
    batchSize: 4,
    epochs: 3,
    optimizer: adam({ lr: 0.05 }),
    seed: 7,
    progress: false,
    gradient,
  }) as TrainOptions<unknown, P>;
const snapshot = (p: P) => ({ w: Array.from(p.w.data as Float64Array), b: Array.from(p.b.data as Float64Array) });

describe('trainAsync with a worker pool as the gradient source', () => {
  it('gives train’s run bit for bit (central and forward differences), counting the pool’s calls', async () => {
    for (const scheme of ['central', 'forward'] as const) {
      const counter = { evaluations: 0 };
      const sync = train(options({ scheme, counter }));
      const poolCounter = { evaluations: 0 };
      const result = await trainAsync({ ...options({ pool, scheme, counter: poolCounter }) });
      expect(snapshot(result.params), scheme).toEqual(snapshot(sync.params));
      expect(result.history, scheme).toEqual(sync.history);
      expect(poolCounter.evaluations, scheme).toBe(counter.evaluations);
      expect(counter.evaluations, scheme).toBeGreaterThan(0);
    }
  });

  it('Float32 params: the vector is Float32 too, so the steps are float32’s, as in train', async () => {
    const float32 = (): P => ({ w: ndarray(new Float32Array([0.5])), b: ndarray(new Float32Array([-0.25])) });
    const sync = train({ ...options({}), params: float32() });
    const result = await trainAsync({ ...options({ pool }), params: float32() });
    expect(snapshot(result.params)).toEqual(snapshot(sync.params));
    expect(result.history).toEqual(sync.history);
  });

  it('refuses params of mixed precision, naming trainAsync', async () => {
    const mixed = { w: ndarray(new Float32Array([0.5])), b: ndarray(new Float64Array([-0.25])) };
    await expect(trainAsync({ ...options({ pool }), params: mixed })).rejects.toThrow(/^trainAsync: with a gradient pool, the params must all be Float32Array or all be Float64/);
  });
});
