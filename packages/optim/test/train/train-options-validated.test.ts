/**
 * train validates all its options before anything runs, under its own name:
 * core's numerical options (h, scheme, counter, stepUnderflow) used to fail
 * only at the first gradient, inside core and after the loss had run; params
 * without any element used to "complete" doing nothing.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteCoordinateError } from '@descent/core';
import { sgd, train, type TrainOptions } from '@descent/optim';
import { line, mse, wb, type P } from './train-fixtures.js';

function attempt(change: Record<string, unknown>): { error: Error; calls: number } {
  let calls = 0;
  const options = {
    params: wb(1, 2),
    loss: (p: P, batch: Parameters<typeof mse>[1]) => (calls++, mse(p, batch)),
    data: line(4),
    batchSize: 2,
    epochs: 1,
    optimizer: sgd(),
    seed: 1,
    progress: false,
    ...change,
  } as TrainOptions<unknown>;
  try {
    train(options);
  } catch (error) {
    return { error: error as Error, calls };
  }
  throw new Error('expected a throw');
}

describe('train: core’s numerical options are checked up front', () => {
  // Core's options are judged by core's rules; the messages must name train, the option and the value.
  it.each([
    [{ h: -1 }, ArgumentRangeError, /^train: .*\bh\b.*-1/],
    [{ h: null }, InvalidArgumentError, /^train: .*\bh\b.*null/],
    [{ scheme: 'centered' }, ArgumentRangeError, /^train: .*scheme.*"centered"/],
    [{ counter: 'n' }, InvalidArgumentError, /^train: .*counter.*"n"/],
    [{ stepUnderflow: false }, InvalidArgumentError, /^train: .*stepUnderflow.*false/],
  ] as const)('numerical %o: refused before the loss runs', (numerical, type, message) => {
    const { error, calls } = attempt({ gradient: numerical });
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(message);
    expect(calls).toBe(0);
  });
  it('gradient given as an array is refused', () => {
    const { error } = attempt({ gradient: [] });
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.message).toBe("train: gradient must be core's numerical options such as { h: 1e-6 } or a function (params, batch, grads) => loss, got an array.");
  });
});

describe('train: params must hold something to train', () => {
  it('an empty record is an ArgumentRangeError, not a run that "completes" doing nothing', () => {
    const { error, calls } = attempt({ params: {} });
    expect(error).toBeInstanceOf(ArgumentRangeError);
    expect(error).toMatchObject({ code: 'OUT_OF_RANGE' });
    expect(error.message).toBe(
      'train: params is an empty record, so there is nothing to train; pass the arrays to train, e.g. { w: ndarray(new Float64Array(3)), b: ndarray(new Float64Array(1)) }.',
    );
    expect(calls).toBe(0);
  });
  it('arrays without elements are named with their shapes', () => {
    const { error } = attempt({ params: { w: ndarray(new Float64Array(0), [0, 3]) } });
    expect(error.message).toMatch(/^train: params hold no elements \(w: \[0, 3\]\), so there is nothing to train/);
  });
  it('a non-finite param names the element and its value', () => {
    const { error } = attempt({ params: { w: ndarray(Float64Array.of(1, -Infinity)), b: ndarray(Float64Array.of(0)) } });
    expect(error).toBeInstanceOf(NonFiniteCoordinateError);
    expect(error).toMatchObject({ coordinate: 'params.w[1]', value: -Infinity });
  });
});
