import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import type { Batch } from '../../src/train/batches.js';
import { wb, type P } from './train-fixtures.js';

// Targets 1 … 5; the "loss" of a batch is the mean of its targets and the gradient is zero, so the
// parameters never move and every number in the history can be computed by hand.
const data = { inputs: ndarray(new Float64Array(5), [5, 1]), targets: ndarray(Float64Array.from([1, 2, 3, 4, 5]), [5]) };
const validation = { inputs: ndarray(new Float64Array(2), [2, 1]), targets: ndarray(Float64Array.from([10, 20]), [2]) };
const meanTarget = (_p: P, batch: Batch): number => {
  let sum = 0;
  for (let i = 0; i < batch.size; i++) sum += batch.targets.get(i);
  return sum / batch.size;
};
const sumTargets = (_p: P, all: Batch): number => {
  let sum = 0;
  for (let i = 0; i < all.size; i++) sum += all.targets.get(i);
  return sum;
};

function run(options: { dropLast?: boolean; withValidation?: boolean; epochs?: number }) {
  return train({
    params: wb(),
    loss: meanTarget,
    gradient: (p: P, batch: Batch) => meanTarget(p, batch),
    data,
    validation: options.withValidation === true ? validation : undefined,
    metrics: { sum: sumTargets },
    batchSize: 2,
    epochs: options.epochs ?? 3,
    optimizer: sgd(),
    seed: 4,
    shuffle: false,
    dropLast: options.dropLast,
    progress: false,
  });
}

describe('train: history', () => {
  it('records the mean batch loss per epoch and metrics on the training data', () => {
    // Batches [1, 2], [3, 4], [5]: batch means 1.5, 3.5, 5 → epoch loss (1.5 + 3.5 + 5)/3 = 10/3.
    const result = run({ epochs: 3 });
    expect(result.history).toHaveLength(3);
    expect(result.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    for (const h of result.history) {
      expect(h.loss).toBeCloseTo(10 / 3, 15);
      expect(h.metrics).toEqual({ sum: 15 });
      expect(h.validationLoss).toBeUndefined();
    }
    expect(result.steps).toBe(9);
    expect(result.stopped).toEqual({ reason: 'completed', message: 'completed 3 epochs (9 steps)' });
  });

  it('with dropLast the 5th sample is never seen: loss (1.5 + 3.5)/2 = 2.5', () => {
    const result = run({ dropLast: true, epochs: 2 });
    expect(result.history.map((h) => h.loss)).toEqual([2.5, 2.5]);
    expect(result.steps).toBe(4);
  });

  it('with validation data, metrics and the validation loss are computed on it', () => {
    // Validation targets 10, 20: sum 30, mean 15.
    const result = run({ withValidation: true, epochs: 1 });
    expect(result.history).toEqual([{ epoch: 1, loss: (1.5 + 3.5 + 5) / 3, validationLoss: 15, metrics: { sum: 30 } }]);
  });
});
