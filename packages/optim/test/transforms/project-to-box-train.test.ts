/**
 * projectToBox with train: bounded least squares. Fitting y = 2x + 1 on
 * x = 0 … 3 with w ≤ 1.5 has its constrained minimum at w = 1.5 and
 * b = mean(y − 1.5x) = mean(0.5x + 1) = 1 + 0.5·1.5 = 1.75 (the loss is convex;
 * its unconstrained minimum w = 2 lies outside, so w sits on the bound and b
 * minimizes the loss along it). Every step stays inside the box.
 */
import { describe, expect, it } from 'vitest';
import { chain, projectToBox, sgd, train } from '@descent/optim';
import { line, mse, mseGradient, wb } from '../train/train-fixtures.js';

describe('projectToBox in train', () => {
  it('reaches the constrained minimum (w, b) = (1.5, 1.75), never leaving the box', () => {
    const params = wb(0, 0);
    let outside = 0;
    const result = train({
      params,
      loss: mse,
      gradient: mseGradient,
      data: line(4),
      batchSize: 4,
      epochs: 3000,
      optimizer: chain(sgd({ lr: 0.05 }), projectToBox({ w: -Infinity, b: -Infinity }, { w: 1.5, b: Infinity })),
      seed: 1,
      progress: false,
      onEpoch: (info) => {
        if (info.params['w']!.get(0) > 1.5) outside++;
      },
    });
    expect(result.stopped.reason).toBe('completed');
    expect(outside).toBe(0);
    expect(params['w']!.get(0)).toBe(1.5);
    expect(params['b']!.get(0)).toBeCloseTo(1.75, 10);
  });

  it('with numerical gradients too (central differences of the loss)', () => {
    const params = wb(3, 0); // starts outside: the first step brings w back to 1.5
    train({ params, loss: mse, data: line(4), batchSize: 4, epochs: 3000, optimizer: chain(sgd({ lr: 0.05 }), projectToBox(0, 1.5)), seed: 1, progress: false });
    expect(params['w']!.get(0)).toBe(1.5);
    expect(params['b']!.get(0)).toBeCloseTo(1.5, 6); // b ≤ 1.5 too: its unconstrained optimum 1.75 is cut to the bound
  });
});
