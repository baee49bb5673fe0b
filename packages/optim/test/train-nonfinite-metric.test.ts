/**
 * Early stopping watching a value that is NaN (or ±Infinity) stops training at
 * once with its own reason, 'non-finite-metric', keeping the params as they are
 * (finite: every training step was checked). It used to count NaN as "no
 * improvement" and, after `patience` epochs, restore the "best" params — the
 * initial ones ("best NaN at epoch 0").
 */
import { describe, expect, it } from 'vitest';
import { sgd, train } from '@descent/optim';
import { line, mse, mseGradient, snapshot, wb, type P } from './train-fixtures.js';

describe('train: a non-finite watched value', () => {
  it('a NaN validation loss from epoch 1: stop after epoch 1, params those after epoch 1 (not the initial ones)', () => {
    const perEpoch: Record<string, number[]>[] = [];
    const result = train({
      params: wb(0, 0),
      // the validation set has 3 samples, the training batches 2: NaN only on validation
      loss: (p: P, batch) => (batch.size === 3 ? Number.NaN : mse(p, batch)),
      gradient: mseGradient,
      data: line(4),
      validation: line(3),
      batchSize: 2,
      epochs: 10,
      optimizer: sgd({ lr: 0.01 }),
      seed: 2,
      earlyStopping: { metric: 'loss', mode: 'min', patience: 3 },
      onEpoch: (info) => void perEpoch.push(snapshot(info.params)),
      progress: false,
    });
    expect(result.stopped.reason).toBe('non-finite-metric');
    expect(result.epochs).toBe(1);
    expect(result.steps).toBe(2);
    expect(result.history[0]!.validationLoss).toBeNaN();
    expect(snapshot(result.params)).toEqual(perEpoch[0]);
    expect(snapshot(result.params)).not.toEqual({ w: [0], b: [0] });
    expect(result.stopped.message).toBe(
      'stopped after epoch 1: early stopping watches the validation loss, which is NaN; params are kept as they are after epoch 1 ' +
        '(finite: every training step was) — check the validation data and the loss for overflow',
    );
  });

  it('a watched metric that turns NaN after a real best: the same stop, params of that epoch kept', () => {
    let epoch = 0;
    const result = train({
      params: wb(0, 0),
      loss: mse,
      gradient: mseGradient,
      data: line(4),
      batchSize: 4,
      epochs: 10,
      optimizer: sgd({ lr: 0.01 }),
      seed: 2,
      metrics: { accuracy: () => [0.5, 0.7, Number.NaN][epoch++]! },
      earlyStopping: { metric: 'accuracy', mode: 'max', patience: 2 },
      progress: false,
    });
    expect(result.stopped.reason).toBe('non-finite-metric');
    expect(result.epochs).toBe(3);
    expect(result.steps).toBe(3);
    expect(result.stopped.message).toMatch(/^stopped after epoch 3: early stopping watches metric 'accuracy', which is NaN;/);
  });

  it('without early stopping a NaN validation loss is only recorded', () => {
    const result = train({
      params: wb(0, 0),
      loss: (p: P, batch) => (batch.size === 3 ? Number.NaN : mse(p, batch)),
      gradient: mseGradient,
      data: line(4),
      validation: line(3),
      batchSize: 4,
      epochs: 2,
      optimizer: sgd({ lr: 0.01 }),
      seed: 2,
      progress: false,
    });
    expect(result.stopped.reason).toBe('completed');
    expect(result.history.map((h) => h.validationLoss)).toEqual([Number.NaN, Number.NaN]);
  });
});
