import { describe, expect, it } from 'vitest';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import type { Batch } from '../../src/train/batches.js';
import { line, mse, mseGradient, snapshot, wb, type P } from './train-fixtures.js';

describe('train: abort signal and onEpoch', () => {
  it('an AbortSignal stops between steps: the step in progress completes, no further step starts', () => {
    // 4 samples in batches of 2 → 2 steps per epoch; abort during the 5th gradient call (epoch 3, batch 1).
    const controller = new AbortController();
    let calls = 0;
    const seen: Record<string, number[]>[] = [];
    const result = train({
      params: wb(),
      loss: mse,
      gradient: (p: P, batch: Batch, grads: P) => {
        if (++calls === 5) controller.abort();
        seen.push(snapshot(p));
        return mseGradient(p, batch, grads);
      },
      data: line(4),
      batchSize: 2,
      epochs: 10,
      optimizer: sgd({ lr: 0.01 }),
      seed: 2,
      signal: controller.signal,
      progress: false,
    });
    expect(result.stopped.reason).toBe('aborted');
    expect(result.stopped.message).toBe('aborted by the signal in epoch 3 after 5 steps; params hold the values after the last completed step');
    expect(calls).toBe(5);
    expect(result.steps).toBe(5);
    expect(result.epochs).toBe(2);
    expect(snapshot(result.params)).not.toEqual(seen[4]); // the 5th step was applied
  });

  it('an already aborted signal takes no step', () => {
    const params = wb(1, 2);
    const result = train({ params, loss: mse, data: line(4), batchSize: 2, epochs: 3, optimizer: sgd(), seed: 1, signal: AbortSignal.abort(), progress: false });
    expect(result.stopped.reason).toBe('aborted');
    expect(result.steps).toBe(0);
    expect(snapshot(params)).toEqual({ w: [1], b: [2] });
  });

  it('onEpoch gets every epoch with the steps so far; returning false stops after that epoch', () => {
    const infos: { epoch: number; steps: number }[] = [];
    const result = train({
      params: wb(),
      loss: mse,
      gradient: mseGradient,
      data: line(5),
      batchSize: 2,
      epochs: 10,
      optimizer: sgd({ lr: 0.01 }),
      seed: 2,
      onEpoch: (info) => {
        infos.push({ epoch: info.epoch, steps: info.steps });
        return info.epoch < 3;
      },
      progress: false,
    });
    // 5 samples in batches of 2 → 3 steps per epoch.
    expect(infos).toEqual([
      { epoch: 1, steps: 3 },
      { epoch: 2, steps: 6 },
      { epoch: 3, steps: 9 },
    ]);
    expect(result.stopped).toEqual({ reason: 'callback', message: 'stopped by onEpoch after epoch 3' });
    expect(result.epochs).toBe(3);
  });
});
