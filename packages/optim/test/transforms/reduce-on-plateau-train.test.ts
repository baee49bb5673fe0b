/**
 * reduceOnPlateau with train: train passes each batch's loss to the optimizer
 * as update's extras `{ value }`, so the scale drops when the loss stalls.
 */
import { describe, expect, it } from 'vitest';
import { chain, reduceOnPlateau, sgd, train } from '@descent/optim';
import { line, mse, mseGradient, wb, type P } from '../train/train-fixtures.js';

describe('reduceOnPlateau in train', () => {
  it('receives every batch loss: a constant loss halves the step at each epoch (hand-derived)', () => {
    // One batch per epoch; the gradient is (w: 1, b: 0) and the loss 3 every time.
    // reduceOnPlateau(factor 0.5, patience 1): 3 improves on best = ∞ (scale 1), then 3, 3, 3
    // do not improve on 3, so the scale halves at each: 1, 0.5, 0.25, 0.125.
    // sgd lr 0.1: w = −0.1·(1 + 0.5 + 0.25 + 0.125) = −0.1875; b stays 0.
    const params = wb(0, 0);
    const result = train({
      params,
      loss: () => 3,
      gradient: (_p: P, _batch, grads: P) => {
        grads['w']!.set(0, 1);
        grads['b']!.set(0, 0);
        return 3;
      },
      data: line(4),
      batchSize: 4,
      epochs: 4,
      optimizer: chain(sgd({ lr: 0.1 }), reduceOnPlateau({ factor: 0.5, patience: 1 })),
      seed: 1,
      progress: false,
    });
    expect(result.stopped.reason).toBe('completed');
    expect(params['w']!.get(0)).toBeCloseTo(-0.1875, 15);
    expect(params['b']!.get(0)).toBe(0);
  });

  it('gives the bits of a hand-written loop that passes the batch loss (least squares)', () => {
    // A step too large for the problem: on y = 2x + 1, x = 0 … 3 the MSE Hessian is [[7, 3], [3, 2]]
    // (eigenvalues (9 ± √61)/2 ≈ 8.41, 0.59), so sgd is stable only for lr < 2/8.41 ≈ 0.238 and
    // lr 0.3 alone diverges; the plateau halves the step each time the loss rises, until it falls.
    const optimizer = (): ReturnType<typeof chain> => chain(sgd({ lr: 0.3 }), reduceOnPlateau({ factor: 0.5, patience: 1 }));
    const data = line(4);
    const params = wb(0, 0);
    train({ params, loss: mse, gradient: mseGradient, data, batchSize: 4, epochs: 30, optimizer: optimizer(), seed: 1, progress: false });

    const manual = wb(0, 0);
    const grads = wb(0, 0);
    const opt = optimizer();
    let state = opt.init(manual);
    const batch = { inputs: data.inputs, targets: data.targets, size: 4 };
    for (let epoch = 0; epoch < 30; epoch++) {
      const loss = mseGradient(manual, batch as never, grads);
      state = opt.update(grads, state, manual, { value: loss });
      for (const key of ['w', 'b']) manual[key]!.set(0, manual[key]!.get(0) + grads[key]!.get(0));
    }
    expect([params['w']!.get(0), params['b']!.get(0)]).toEqual([manual['w']!.get(0), manual['b']!.get(0)]);
    expect(state[1].scale).toBeLessThan(1); // the plateau did act
    expect(mse(params, batch as never)).toBeLessThan(mse(wb(0, 0), batch as never));
  });
});
