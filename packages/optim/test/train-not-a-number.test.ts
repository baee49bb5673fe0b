/**
 * The loss, the gradient function and the metrics must return numbers. A
 * string, a bigint or a Promise (an async function) is a NotANumberError naming
 * the function, the value and where (epoch, batch, and the perturbed element
 * inside the numerical gradient); a rejected Promise is caught, so no unhandled
 * rejection remains. An exception of the loss is a FunctionThrewError whose
 * cause is the loss's own error. The params are left as they were.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FunctionThrewError, NotANumberError } from '@descent/core';
import { sgd, train, type TrainOptions } from '@descent/optim';
import { line, mse, mseGradient, snapshot, wb, type P } from './train-fixtures.js';

function run(change: Record<string, unknown>): { error: Error; params: P } {
  const params = wb(1, 2);
  try {
    train({ params, loss: mse, data: line(4), batchSize: 2, epochs: 2, optimizer: sgd(), seed: 1, progress: false, ...change } as TrainOptions<unknown>);
  } catch (error) {
    return { error: error as Error, params };
  }
  throw new Error('expected a throw');
}

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(() => {
  process.off('unhandledRejection', onUnhandled);
});

describe('train: functions returning something other than a number', () => {
  it('an async loss is refused at its first call; its rejection is caught', async () => {
    const { error, params } = run({
      loss: async () => {
        throw new Error('async failure');
      },
    });
    expect(error).toBeInstanceOf(NotANumberError);
    expect((error as NotANumberError).value).toBeInstanceOf(Promise);
    expect(error.message).toBe(
      'train: loss returned a Promise at epoch 1, batch 1, so it is an async function; train calls loss synchronously and needs a number — ' +
        'compute the value synchronously (any rejection of that Promise has been caught).',
    );
    expect(snapshot(params)).toEqual({ w: [1], b: [2] });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });

  it('a bigint inside the numerical gradient names the perturbed element', () => {
    let calls = 0;
    const { error } = run({ loss: (p: P, batch: Parameters<typeof mse>[1]) => (++calls === 3 ? 5n : mse(p, batch)) });
    // call 1: the loss at the point; calls 2, 3: w[0] perturbed up and down
    expect(error).toMatchObject({ code: 'NOT_A_NUMBER', coordinate: 'w[0]', value: 5n });
    expect(error.message).toBe('train: loss must return a number, but returned bigint 5 when w[0] was perturbed at epoch 1, batch 1; convert it with Number(…).');
  });

  it('an analytic gradient function returning a string, and a metric returning a Promise', async () => {
    expect(run({ gradient: () => '0.1' }).error.message).toBe(
      'train: the gradient function must return a number, but returned the string "0.1" at epoch 1, batch 1; convert it with Number(…).',
    );
    const { error } = run({ gradient: mseGradient, metrics: { accuracy: async () => 1 } });
    expect(error).toBeInstanceOf(NotANumberError);
    expect(error.message).toMatch(/^train: metrics\.accuracy returned a Promise after epoch 1, so it is an async function/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });

  it('a loss that throws inside the numerical gradient: FunctionThrewError with the coordinate and the original error', () => {
    const original = new RangeError('log of a negative number');
    let calls = 0;
    const { error } = run({
      loss: (p: P, batch: Parameters<typeof mse>[1]) => {
        if (++calls === 4) throw original;
        return mse(p, batch);
      },
    });
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error).toMatchObject({ code: 'FUNCTION_THREW', coordinate: 'b[0]' });
    expect(error.cause).toBe(original);
    expect(error.message).toBe('train: loss threw when b[0] was perturbed at epoch 1, batch 1: log of a negative number');
  });
});
