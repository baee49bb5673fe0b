/**
 * trainAsync drives train's own loop: with an async loss (gradient function,
 * metrics) giving the same values, the run — params, history, stop — is
 * bit-identical to train's, numerical gradients included at any concurrency;
 * its signal stops it before the next evaluation with the params of the last
 * completed step; its errors are train's.
 */
import { describe, expect, it } from 'vitest';
import { FunctionThrewError, NotANumberError } from '@descent/core';
import { adam, sgd, train, trainAsync, type Batch, type TrainOptions } from '@descent/optim';
import { line, mse, mseGradient, snapshot, wb, type P } from './train-fixtures.js';

let tick = 0;
const later = <T>(value: T): Promise<T> => new Promise((resolve) => (tick++ % 2 === 0 ? setTimeout(() => resolve(value), 0) : queueMicrotask(() => resolve(value))));
const asyncMse = (p: P, batch: Batch): Promise<number> => later(mse(p, batch));

function options(extra: Partial<TrainOptions<unknown, P>> = {}): TrainOptions<unknown, P> {
  return { params: wb(0.5, -0.25), loss: mse, data: line(10), batchSize: 3, epochs: 4, optimizer: adam({ lr: 0.05 }), seed: 7, progress: false, ...extra } as TrainOptions<unknown, P>;
}

describe('trainAsync gives train’s results bit for bit', () => {
  it.each([1, 4])('numerical gradient (central), validation loss, a metric and early stopping, concurrency %i', async (concurrency) => {
    const extra = { validation: line(5), earlyStopping: { metric: 'loss', mode: 'min' as const, patience: 2 } };
    const sync = train(options({ ...extra, metrics: { mse } }));
    const result = await trainAsync({ ...options(extra), loss: asyncMse, metrics: { mse: asyncMse }, concurrency });
    expect(snapshot(result.params)).toEqual(snapshot(sync.params));
    expect(result.history).toEqual(sync.history);
    expect(result.stopped).toEqual(sync.stopped);
    expect(result.steps).toBe(sync.steps);
  });

  it('a synchronous loss (core’s synchronous kernel first), and one answering with a Promise now and then mid-gradient (that pass undone): same bits and counts', async () => {
    const counter = { evaluations: 0 };
    let syncCalls = 0;
    const sync = train(options({ gradient: { counter }, loss: (p: P, batch: Batch) => (syncCalls++, mse(p, batch)) }));
    let calls = 0;
    const mixed = (p: P, batch: Batch): number | Promise<number> => (++calls % 5 === 0 ? later(mse(p, batch)) : mse(p, batch));
    for (const loss of [mse, mixed]) {
      const asyncCounter = { evaluations: 0 };
      const result = await trainAsync({ ...options({ gradient: { counter: asyncCounter } }), loss, concurrency: 2 });
      expect(snapshot(result.params)).toEqual(snapshot(sync.params));
      expect(result.history).toEqual(sync.history);
      expect(asyncCounter.evaluations).toBe(counter.evaluations);
    }
    expect(calls).toBeGreaterThan(syncCalls); // the undone passes' calls were made, but not counted
  });

  it('analytic gradient that answers later; the numerical counter counts as train’s', async () => {
    const sync = train(options({ gradient: mseGradient, optimizer: sgd({ lr: 0.1 }) }));
    const result = await trainAsync({ ...options({ optimizer: sgd({ lr: 0.1 }) }), loss: asyncMse, gradient: (p: P, b: Batch, g: P) => later(mseGradient(p, b, g)) });
    expect(snapshot(result.params)).toEqual(snapshot(sync.params));
    expect(result.history).toEqual(sync.history);
    const counters = [{ evaluations: 0 }, { evaluations: 0 }];
    train(options({ gradient: { counter: counters[0]! } }));
    await trainAsync({ ...options(), loss: asyncMse, gradient: { counter: counters[1]! }, concurrency: 3 });
    // 2 elements × 2 calls (central) per step, 4 steps per epoch (batches 3, 3, 3, 1), 4 epochs
    expect(counters[0]!.evaluations).toBe(2 * 2 * 4 * 4);
    expect(counters[1]!.evaluations).toBe(counters[0]!.evaluations);
  });
});

describe('trainAsync: abort and errors', () => {
  it('an abort (on the 9th loss call) stops before another call starts; params are those after the last completed step', async () => {
    const controller = new AbortController();
    let calls = 0;
    let afterAbort = 0;
    const slowLoss = async (p: P, batch: Batch): Promise<number> => {
      if (controller.signal.aborted) afterAbort++;
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (calls === 9) controller.abort();
      return mse(p, batch);
    };
    const result = await trainAsync({ ...options({ signal: controller.signal }), loss: slowLoss, concurrency: 1 });
    expect(afterAbort).toBe(0);
    expect(calls).toBe(9);
    expect(result.stopped.reason).toBe('aborted');
    // each step makes 1 + 2·2 = 5 loss calls (the loss, then central differences of w and b):
    // the 9th is inside step 2, so one step was completed
    expect(result.steps).toBe(1);
    expect(result.stopped.message).toMatch(/^aborted by the signal at epoch 1, batch 2, after 1 steps/);
    // the same params as a synchronous run stopped after its first step
    const stopAfterOne = new AbortController();
    let syncCalls = 0;
    const oneStep = train(options({ signal: stopAfterOne.signal, loss: (p: P, b: Batch) => (++syncCalls === 5 && stopAfterOne.abort(), mse(p, b)) }));
    expect(oneStep.steps).toBe(1);
    expect(snapshot(result.params)).toEqual(snapshot(oneStep.params));
  });

  it('a loss resolving to a string is a NotANumberError; a rejection a FunctionThrewError whose cause is the rejection', async () => {
    await expect(trainAsync({ ...options(), loss: async () => '0.5' as unknown as number })).rejects.toThrow(NotANumberError);
    const cause = new Error('remote loss failed');
    const error = await trainAsync({ ...options(), loss: async () => Promise.reject(cause) }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error!.message).toBe('trainAsync: loss threw at epoch 1, batch 1: remote loss failed');
    expect(error!.cause).toBe(cause);
  });

  it('errors name trainAsync, not train: a bad option, and a loss failing inside the numerical gradient (with the coordinate)', async () => {
    await expect(trainAsync({ ...options(), batchSize: 0 })).rejects.toThrow(/^trainAsync: batchSize must be an integer ≥ 1, got 0/);
    const cause = new Error('remote loss failed');
    let calls = 0;
    const error = await trainAsync({ ...options(), loss: async (p, batch) => (++calls === 3 ? Promise.reject(cause) : options().loss(p, batch)), gradient: {}, concurrency: 1 }).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error).toBeInstanceOf(FunctionThrewError);
    // the 3rd call (concurrency 1, in train's order) is one of w[0]'s central nodes
    expect(error!.message).toBe('trainAsync: loss threw when w[0] was perturbed at epoch 1, batch 1: remote loss failed');
    expect(error!.cause).toBe(cause);
  });
});
