import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, NotANumberError } from '@descent/core';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import type { TrainOptions } from '../../src/train/options.js';
import { line, mse, snapshot, wb } from './train-fixtures.js';

function base(): TrainOptions<unknown> {
  return { params: wb(1, 2), loss: mse, data: line(4), batchSize: 2, epochs: 1, optimizer: sgd() as TrainOptions<unknown>['optimizer'], seed: 1, progress: false };
}

function attempt(change: Record<string, unknown>): () => unknown {
  return () => train({ ...base(), ...change } as TrainOptions<unknown>);
}

describe('train: bad options fail before any work, naming the option and the fix', () => {
  it('batchSize and epochs must be integers ≥ 1', () => {
    expect(attempt({ batchSize: 0 })).toThrow(ArgumentRangeError);
    expect(attempt({ batchSize: 0 })).toThrow('train: batchSize must be an integer ≥ 1, got 0; e.g. 32, or 4 for full-batch training.');
    expect(attempt({ batchSize: 2.5 })).toThrow(/batchSize must be an integer ≥ 1, got 2.5/);
    expect(attempt({ batchSize: '2' })).toThrow(InvalidArgumentError);
    expect(attempt({ epochs: -1 })).toThrow(/epochs must be an integer ≥ 1, got -1/);
  });

  it('inputs and targets must have the same number of samples', () => {
    const data = { inputs: ndarray(new Float64Array(6), [3, 2]), targets: ndarray(new Float64Array(4), [4]) };
    expect(attempt({ data })).toThrow(
      'train: data.inputs has 3 samples (shape [3, 2]) but data.targets has 4 (shape [4]); give one target per input row.',
    );
    expect(attempt({ data: { inputs: [1, 2], targets: ndarray(new Float64Array(2)) } })).toThrow(/data.inputs must be an ndarray.*got a plain array/);
    expect(attempt({ data: { inputs: ndarray(new Float64Array(0), [0, 2]), targets: ndarray(new Float64Array(0), [0]) } })).toThrow(/data has no samples/);
  });

  it('validation rows must have the training rows’ shape', () => {
    const validation = { inputs: ndarray(new Float64Array(4), [2, 2]), targets: ndarray(new Float64Array(2), [2]) };
    expect(attempt({ validation })).toThrow('train: validation.inputs has shape [2, 2] but data.inputs has shape [4, 1]; all axes but the first must agree.');
  });

  it('unknown options, a missing seed, a bad optimizer, params or earlyStopping metric are named', () => {
    expect(attempt({ batch_size: 2 })).toThrow(/unknown option 'batch_size'; the options are params, loss, data, batchSize/);
    expect(attempt({ seed: undefined })).toThrow('train: seed must be an integer in [0, 2^53 − 1], got nothing (the option is missing); pass e.g. seed: 42 so the run can be reproduced.');
    expect(attempt({ optimizer: { lr: 0.1 } })).toThrow(/optimizer must be a GradientTransformation \{ init, update \}/);
    expect(attempt({ params: ndarray(new Float64Array(2)) })).toThrow(/params must be a record of named ndarrays such as \{ W, b \}, got an ndarray of shape \[2\]; wrap a single array as \{ x \}/);
    expect(attempt({ params: { w: ndarray(Float64Array.of(NaN)) } })).toThrow('train: params.w holds NaN or ±Infinity; start from finite values (e.g. small random numbers).');
    expect(attempt({ earlyStopping: { metric: 'accuracy', mode: 'max', patience: 2 } })).toThrow(
      "train: earlyStopping.metric 'accuracy' is neither 'loss' nor a key of metrics (none given); add it to metrics or watch 'loss'.",
    );
    expect(attempt({ gradient: 'analytic' })).toThrow(`train: gradient must be core's numerical options such as { h: 1e-6 } or a function (params, batch, grads) => loss, got the string "analytic".`);
    expect(attempt({ dropLast: true, batchSize: 5 })).toThrow(/with dropLast true, batchSize 5 above the 4 samples leaves no batch/);
    expect(attempt({ shuffle: 'yes' })).toThrow('train: shuffle must be true or false, got the string "yes"; the default is true.');
  });

  it('a loss that returns a non-number is reported; the parameters stay as they were', () => {
    const options = { ...base(), loss: () => '0.5' as unknown as number };
    expect(() => train(options)).toThrow(NotANumberError);
    expect(() => train(options)).toThrow('train: loss must return a number, but returned the string "0.5" at epoch 1, batch 1; convert it with Number(…).');
    expect(snapshot(options.params)).toEqual({ w: [1], b: [2] });
  });
});
