import { describe, expect, it } from 'vitest';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import { line, mse, mseGradient, snapshot, wb, type P } from './train-fixtures.js';

/** A metric that returns the crafted sequence one value per epoch, whatever the params. */
function crafted(values: number[]): () => number {
  let epoch = 0;
  return () => values[epoch++]!;
}

function run(restoreBest: boolean | undefined) {
  const perEpoch: Record<string, number[]>[] = [];
  const result = train({
    params: wb(),
    loss: mse,
    gradient: mseGradient,
    data: line(4),
    validation: line(2),
    batchSize: 2,
    epochs: 20,
    optimizer: sgd({ lr: 0.01 }),
    seed: 5,
    metrics: { accuracy: crafted([0.5, 0.6, 0.7, 0.65, 0.68, 0.69, 0.9, 0.95]) },
    earlyStopping: { metric: 'accuracy', mode: 'max', patience: 3, restoreBest },
    onEpoch: (info) => {
      perEpoch.push(snapshot(info.params));
    },
    progress: false,
  });
  return { result, perEpoch };
}

describe('train: early stopping', () => {
  it('stops after `patience` epochs without a new best and restores the best epoch (restoreBest default)', () => {
    // accuracy 0.5, 0.6, 0.7 (best, epoch 3), then 0.65, 0.68, 0.69: three epochs without improvement → stop after 6.
    const { result, perEpoch } = run(undefined);
    expect(result.stopped.reason).toBe('early-stopping');
    expect(result.stopped.message).toBe(
      'early stopping after epoch 6: accuracy did not improve for 3 epochs; best 0.7 at epoch 3 (params restored to that epoch)',
    );
    expect(result.epochs).toBe(6);
    expect(result.history.map((h) => h.metrics['accuracy'])).toEqual([0.5, 0.6, 0.7, 0.65, 0.68, 0.69]);
    expect(perEpoch).toHaveLength(6);
    expect(snapshot(result.params)).toEqual(perEpoch[2]);
    expect(snapshot(result.params)).not.toEqual(perEpoch[5]);
  });

  it('keeps the last epoch params with restoreBest: false', () => {
    const { result, perEpoch } = run(false);
    expect(result.epochs).toBe(6);
    expect(snapshot(result.params)).toEqual(perEpoch[5]);
  });

  it("watches the validation loss with metric 'loss'", () => {
    // Constant parameters (zero gradient) and a validation loss that rises after epoch 2: stop after epoch 4.
    const validationLosses = [3, 2, 2.5, 2.6, 1];
    let call = 0;
    const result = train({
      params: wb(),
      loss: (_p: P, batch) => (batch.size === 3 ? validationLosses[call++]! : 0),
      gradient: () => 0,
      data: line(4),
      validation: line(3),
      batchSize: 4,
      epochs: 10,
      optimizer: sgd(),
      seed: 5,
      earlyStopping: { metric: 'loss', mode: 'min', patience: 2 },
      progress: false,
    });
    expect(result.history.map((h) => h.validationLoss)).toEqual([3, 2, 2.5, 2.6]);
    expect(result.stopped.message).toContain('best 2 at epoch 2');
  });
});
