import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import { mse, mseGradient, type P } from './train-fixtures.js';

// y = 2x + 1 on x = −3 … 4: the mean squared error has its exact minimizer at w = 2, b = 1 (zero residual).
const xs = [-3, -2, -1, 0, 1, 2, 3, 4];
// Inputs as a strided view: column 1 of an [8, 2] array whose column 0 is junk.
const inputs = ndarray(Float64Array.from(xs.flatMap((x) => [999, x])), [8, 2]).lo(0, 1);
const targets = ndarray(Float64Array.from(xs.map((x) => 2 * x + 1)), [8]);

// The loss is the shared fixture mse: L = (1/m) Σ (w·x_i + b − y_i)², with the analytic
// gradient mseGradient: ∂L/∂w = (2/m) Σ r_i x_i, ∂L/∂b = (2/m) Σ r_i, r_i = w·x_i + b − y_i.

function fresh(): P {
  return { w: ndarray(new Float64Array(1)), b: ndarray(new Float64Array(1)) };
}

describe('train: linear regression y = 2x + 1', () => {
  it('takes the hand-derived first full-batch SGD step', () => {
    // From w = b = 0: ∂L/∂w = −2·E[x·y] = −2·(2·E[x²] + E[x]) = −2·(2·5.5 + 0.5) = −23,
    // ∂L/∂b = −2·E[y] = −2·(2·0.5 + 1) = −4. With lr 0.05: w = 1.15, b = 0.2. L(0, 0) = E[y²] = 4·E[x²] + 4·E[x] + 1 = 25.
    const result = train({
      params: fresh(),
      loss: mse,
      gradient: mseGradient,
      data: { inputs, targets },
      batchSize: 8,
      epochs: 1,
      optimizer: sgd({ lr: 0.05 }),
      seed: 3,
      progress: false,
    });
    expect(result.params['w']!.get(0)).toBeCloseTo(1.15, 14);
    expect(result.params['b']!.get(0)).toBeCloseTo(0.2, 14);
    expect(result.history[0]!.loss).toBeCloseTo(25, 13);
  });

  it('reaches w = 2, b = 1 with SGD and the analytic gradient', () => {
    // Worst batch Hessian 2·[[E x², E x], [E x, 1]] has λ_max < 21, so lr 0.05 < 2/21 is stable; the slow
    // direction of the full Hessian (λ ≈ 1.89) contracts by ≈ 0.9 per step: 400 steps reach rounding level.
    const result = train({
      params: fresh(),
      loss: mse,
      gradient: mseGradient,
      data: { inputs, targets },
      batchSize: 4,
      epochs: 200,
      optimizer: sgd({ lr: 0.05 }),
      seed: 11,
      progress: false,
    });
    expect(result.stopped.reason).toBe('completed');
    expect(result.steps).toBe(400);
    expect(result.history).toHaveLength(200);
    expect(result.params['w']!.get(0)).toBeCloseTo(2, 12);
    expect(result.params['b']!.get(0)).toBeCloseTo(1, 12);
    expect(result.history[199]!.loss).toBeLessThan(1e-20);
  });

  it('reaches w = 2, b = 1 with SGD and the default numerical gradient', () => {
    // The loss is quadratic, so central differences have no truncation error: only rounding, ~eps·L/h.
    const result = train({
      params: fresh(),
      loss: mse,
      data: { inputs, targets },
      batchSize: 4,
      epochs: 200,
      optimizer: sgd({ lr: 0.05 }),
      seed: 11,
      progress: false,
    });
    expect(result.params['w']!.get(0)).toBeCloseTo(2, 9);
    expect(result.params['b']!.get(0)).toBeCloseTo(1, 9);
  });
});
