/**
 * After a non-finite stop, `steps` and the message count only the steps whose
 * params were kept. The loss or gradient is checked at the params a step
 * produced, so when it is not finite that step is undone (params restored to
 * the values before it) and no longer counted.
 */
import { describe, expect, it } from 'vitest';
import { sgd, train } from '@descent/optim';
import { line, snapshot, wb, type P } from './train-fixtures.js';

describe('train: steps after a rollback', () => {
  it('constant gradient −1, lr 0.5: w_k = 0.5k; the loss is NaN at w = 1.5, so step 3 is undone → steps 2, w = 1', () => {
    // 4 samples, batches of 2: steps 1–2 in epoch 1, step 3 at epoch 2 batch 1 (w 1 → 1.5), NaN at epoch 2 batch 2.
    const seenW: number[] = [];
    const result = train({
      params: wb(0, 0),
      loss: () => 0,
      gradient: (p: P, _batch, grads: P) => {
        const w = p['w']!.get(0);
        seenW.push(w);
        grads['w']!.set(0, -1);
        return w >= 1.5 ? Number.NaN : w;
      },
      data: line(4),
      batchSize: 2,
      epochs: 5,
      optimizer: sgd({ lr: 0.5 }),
      seed: 1,
      shuffle: false,
      progress: false,
    });
    expect(seenW).toEqual([0, 0.5, 1, 1.5]);
    expect(result.stopped.reason).toBe('non-finite');
    expect(snapshot(result.params)).toEqual({ w: [1], b: [0] });
    expect(result.steps).toBe(2);
    expect(result.epochs).toBe(1);
    expect(result.stopped.message).toBe(
      'stopped in epoch 2, batch 2: the loss is NaN; params were restored to the last values whose loss and gradient were finite, ' +
        'those after step 2; step 3, which led here, was undone (after 2 steps) — lower the learning rate, clip the gradients, or check the loss for overflow',
    );
  });

  it('a non-finite loss at the very start: nothing to undo, steps 0, the initial params', () => {
    const result = train({ params: wb(3, 1), loss: () => Number.NaN, data: line(2), batchSize: 2, epochs: 2, optimizer: sgd(), seed: 1, progress: false });
    expect(result.steps).toBe(0);
    expect(snapshot(result.params)).toEqual({ w: [3], b: [1] });
    expect(result.stopped.message).toContain('the initial values; no step was taken (after 0 steps)');
  });

  it('onEpoch saw the steps of the completed epochs; the final count excludes the undone step', () => {
    const seenSteps: number[] = [];
    const result = train({
      params: wb(0, 0),
      loss: () => 0,
      gradient: (p: P, _batch, grads: P) => {
        grads['w']!.set(0, -1);
        return p['w']!.get(0) >= 2 ? Number.NaN : 0; // w = 0.5·steps: NaN after step 4
      },
      data: line(4),
      batchSize: 2,
      epochs: 5,
      optimizer: sgd({ lr: 0.5 }),
      seed: 1,
      onEpoch: (info) => void seenSteps.push(info.steps),
      progress: false,
    });
    expect(seenSteps).toEqual([2, 4]);
    expect(result.steps).toBe(3);
    expect(snapshot(result.params)).toEqual({ w: [1.5], b: [0] });
  });
});
