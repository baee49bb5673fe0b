/**
 * A throwing analytic gradient function is a FunctionThrewError (code
 * 'FUNCTION_THREW') — as a throwing f or loss is — whose message names the
 * public function, says it was the gradient function and where, and whose
 * `cause` is the original error. User callbacks (onEpoch, metrics, a
 * schedule) keep throwing their own errors unchanged.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { sgd, train, trainAsync, type Batch } from '@descent/optim';
import { expectFunctionThrew, rejection, thrown } from '../helpers.js';

const boom = new Error('boom');

const expectWrapped = (error: unknown, message: RegExp): void => expectFunctionThrew(error, boom, message);

// train on one sample, one batch per epoch: y = w·x with x = 1, target 0; the loss is w², its gradient 2w.
const data = { inputs: ndarray(new Float64Array([1]), [1, 1]), targets: ndarray(new Float64Array([0])) };
const loss = (p: { w: NdArray }, _batch: Batch): number => p.w.get(0) ** 2;
const trainOptions = (gradient: (p: { w: NdArray }, b: Batch, g: { w: NdArray }) => number) => ({
  params: { w: ndarray(new Float64Array([3])) },
  loss,
  gradient,
  data,
  batchSize: 1,
  epochs: 3,
  optimizer: sgd({ lr: 0.1 }),
  seed: 1,
  progress: false as const,
});
/** A train gradient that throws on its `failAt`-th call (one call per step: epoch k is call k). */
function trainGradientFailingAt(failAt: number): (p: { w: NdArray }, b: Batch, g: { w: NdArray }) => number {
  let calls = 0;
  return (p, _b, g) => {
    if (++calls === failAt) throw boom;
    g.w.set(0, 2 * p.w.get(0));
    return p.w.get(0) ** 2;
  };
}

describe('train: a throwing gradient function is a FunctionThrewError', () => {
  it('train, at epoch 2, batch 1', () => {
    expectWrapped(thrown(() => train(trainOptions(trainGradientFailingAt(2)))), /^train: the gradient function threw at epoch 2, batch 1: boom$/);
  });

  it('trainAsync, at epoch 3, batch 1', async () => {
    expectWrapped(await rejection(() => trainAsync(trainOptions(trainGradientFailingAt(3)))), /^trainAsync: the gradient function threw at epoch 3, batch 1: boom$/);
  });
});

describe('train: callbacks keep their own errors', () => {
  it("train's onEpoch and metrics", () => {
    const stop = new Error('stop here');
    const throwing = (): never => {
      throw stop;
    };
    expect(thrown(() => train({ ...trainOptions(trainGradientFailingAt(0)), onEpoch: throwing }))).toBe(stop);
    expect(thrown(() => train({ ...trainOptions(trainGradientFailingAt(0)), metrics: { m: throwing } }))).toBe(stop);
  });

  it('a schedule inside the optimizer', () => {
    const stop = new Error('stop here');
    const lr = (): number => {
      throw stop;
    };
    expect(thrown(() => train({ ...trainOptions(trainGradientFailingAt(0)), optimizer: sgd({ lr }) }))).toBe(stop);
  });
});
