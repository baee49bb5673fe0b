/**
 * When training stops by an error, the progress reporter is told so — and if
 * its `finish` throws too (a display that is gone, a closed stream), the
 * caller still gets the training's error: the loss's FunctionThrewError from
 * train and trainAsync, not the reporter's. The params hold the values after
 * the last completed step.
 */
import { describe, expect, it } from 'vitest';
import { FunctionThrewError } from '@descent/core';
import { sgd, train, trainAsync, type Batch, type ProgressReporter } from '@descent/optim';
import { line, mse, wb, type P } from './train-fixtures.js';

/** mse, throwing at its `k`-th call. */
function failingAt(k: number): (p: P, batch: Batch) => number {
  let calls = 0;
  return (p, batch) => {
    if (++calls === k) throw new RangeError(`call ${k}`);
    return mse(p, batch);
  };
}

const finishThrows = (): ProgressReporter & { finished: string[] } => {
  const finished: string[] = [];
  return {
    finished,
    step() {},
    epoch() {},
    finish(message: string) {
      finished.push(message);
      throw new Error('display gone');
    },
  };
};

const options = (k: number) => ({ params: wb(0.5, -0.25), loss: failingAt(k), data: line(6), batchSize: 3, epochs: 4, optimizer: sgd({ lr: 0.01 }), seed: 3 });

describe('a reporter whose finish throws after a training error', () => {
  it('train throws the loss’s FunctionThrewError; finish was told', () => {
    const reporter = finishThrows();
    // the 8th call: the 2nd step's gradient (step 1 = loss + 4 central-difference calls, step 2 starts at call 6)
    const o = { ...options(8), progress: reporter };
    const error = (() => {
      try {
        train(o);
      } catch (e) {
        return e;
      }
      return undefined;
    })() as FunctionThrewError;
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect((error.cause as Error).message).toBe('call 8');
    expect(reporter.finished).toEqual(['training stopped by an error after 1 steps']);
    // one sgd step from (0.5, −0.25) was kept: w moved
    expect(o.params['w']!.get(0)).not.toBe(0.5);
  });

  it('trainAsync rejects with the loss’s FunctionThrewError (an async loss; a progress function failing on the last line)', async () => {
    const lines: string[] = [];
    const progress = (text: string): void => {
      lines.push(text);
      if (text.includes('stopped by an error')) throw new Error('display gone');
    };
    const o = options(8);
    const error = (await trainAsync({ ...o, loss: async (p: P, b: Batch) => o.loss(p, b), progress }).catch((e: unknown) => e)) as FunctionThrewError;
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect((error.cause as Error).message).toBe('call 8');
    expect(lines.at(-1)).toMatch(/training stopped by an error after 1 steps/);
  });
});
