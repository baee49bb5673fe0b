/**
 * With a worker pool, trainAsync's params travel as one vector x, but its
 * errors and stop messages name the parameter element, as train's own
 * numerical gradient does: a loss throwing when b is perturbed is
 * "loss threw when b[0] was perturbed" (not x[1]), and a loss NaN next to the
 * point stops the run with train's in-process message and params. The
 * vector's element k is the row-major multi-index in its parameter's shape.
 */
import ndarray from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { FunctionThrewError } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { adam, train, trainAsync, type Batch, type TrainOptions } from '@descent/optim';
import { parameterElement } from '../../src/train/pool-coordinates.js';
import { lineMse, type FaultyLineContext } from '../fixtures/pool-linear.js';
import type { P } from './train-fixtures.js';

const pool = createGradientPool({ module: new URL('../fixtures/pool-linear.ts', import.meta.url), export: 'pooledLineMseFaulty', workers: 2 });
afterAll(() => pool.close());

const n = 10;
const options = (): Omit<TrainOptions<unknown, P>, 'loss'> => ({
  params: { w: ndarray(new Float64Array([0.5])), b: ndarray(new Float64Array([-0.25])) },
  data: { inputs: ndarray(Float64Array.from({ length: n }, (_, i) => i), [n, 1]), targets: ndarray(Float64Array.from({ length: n }, (_, i) => 2 * i + 1), [n]) },
  batchSize: 4,
  epochs: 3,
  optimizer: adam({ lr: 0.05 }),
  seed: 7,
  progress: false,
});
/** The pool's loss, in process: lineMse with pooledLineMseFaulty's faults. */
const inProcess = (c: FaultyLineContext) => (p: P, batch: Batch): number => {
  if (c.nanAbove !== undefined && p['w']!.get(0) > c.nanAbove) return Number.NaN;
  if (c.throwAbove !== undefined && p['b']!.get(0) > c.throwAbove) throw new RangeError(`b above ${c.throwAbove}`);
  return lineMse(p as { w: never; b: never }, batch);
};
const caught = (run: () => unknown): unknown => {
  try {
    return run();
  } catch (error) {
    return error;
  }
};

describe('trainAsync with a pool names the parameter element', () => {
  it('a loss that throws when b is perturbed: FunctionThrewError naming b[0], train’s message', async () => {
    const context: FaultyLineContext = { throwAbove: -0.25 };
    const error = (await trainAsync<unknown, P>({ ...options(), loss: lineMse as never, gradient: { pool, context } }).catch((e: unknown) => e)) as FunctionThrewError;
    const expected = caught(() => train<unknown, P>({ ...options(), loss: inProcess(context) })) as FunctionThrewError;
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error.coordinate).toBe('b[0]');
    expect(expected.coordinate).toBe('b[0]');
    expect(error.message).toBe(expected.message.replace(/^train: /, 'trainAsync: '));
    expect(error.message).toMatch(/^trainAsync: loss threw when b\[0\] was perturbed at epoch 1, batch 1: b above -0\.25$/);
  });

  it('a loss NaN when w is perturbed: the run stops as train’s does, its message naming w[0]', async () => {
    const context: FaultyLineContext = { nanAbove: 0.5 };
    const result = await trainAsync<unknown, P>({ ...options(), loss: lineMse as never, gradient: { pool, context } });
    const expected = train<unknown, P>({ ...options(), loss: inProcess(context) });
    expect(result.stopped).toEqual(expected.stopped);
    expect(result.stopped.message).toMatch(/it is NaN when w\[0\] is perturbed/);
    expect([result.params['w']!.get(0), result.params['b']!.get(0)]).toEqual([0.5, -0.25]); // rolled back to the start
  });

  it('parameterElement: row-major multi-indices across the keys', () => {
    const keys = ['W1', 'b1', 'W2'];
    const shapes = [[2, 3], [3], [3, 1]];
    expect([0, 1, 2, 3, 5, 6, 8, 9, 11].map((k) => parameterElement(keys, shapes, k))).toEqual(['W1[0,0]', 'W1[0,1]', 'W1[0,2]', 'W1[1,0]', 'W1[1,2]', 'b1[0]', 'b1[2]', 'W2[0,0]', 'W2[2,0]']);
    expect(parameterElement(keys, shapes, 12)).toBeUndefined();
  });
});
