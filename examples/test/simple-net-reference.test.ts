// SimpleNet reproduces the book's worked example (section 4.4.1).
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from '@descent/core';
import { SimpleNet } from '../lib/simple-net.js';

const W = [
  [0.47355232, 0.9977393, 0.84668094],
  [0.85557411, 0.03563661, 0.69422093],
];
// The book's output of numerical_gradient(f, net.W) for x = [0.6, 0.9], t = [0, 0, 1].
const DW = [
  [0.21924757, 0.14356243, -0.36281],
  [0.32887136, 0.21534364, -0.544215],
];

describe('SimpleNet on the book reference', () => {
  const x = ndarray(new Float64Array([0.6, 0.9]));
  const t = ndarray(new Float64Array([0, 0, 1]));

  it('scores x·W', () => {
    const net = new SimpleNet({ weights: W });
    const p = net.predict(x);
    // 0.6·0.47355232 + 0.9·0.85557411 = 1.054148091, etc.
    expect(Array.from(p.data as Float64Array)).toEqual([
      expect.closeTo(1.054148091, 12),
      expect.closeTo(0.630716529, 12),
      expect.closeTo(1.132807401, 12),
    ]);
  });

  it('loss is 0.9280682857864075 (with the 1e-7 inside the log)', () => {
    const net = new SimpleNet({ weights: W });
    expect(net.loss(x, t)).toBeCloseTo(0.9280682857864075, 14);
  });

  it('labels give the same loss as one-hot targets', () => {
    const net = new SimpleNet({ weights: W });
    expect(net.loss(x, ndarray(new Float64Array([2])))).toBe(net.loss(x, t));
  });

  it('numerical dW matches the book to 1e-6 (central differences, h = 1e-4 as in the book)', () => {
    const net = new SimpleNet({ weights: W });
    const before = Float64Array.from(net.W.data as Float64Array);
    const dW = numericalGradient(() => net.loss(x, t), net.W, { h: 1e-4, quotient: 'nominal' });
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) expect(Math.abs(dW.get(i, j) - DW[i]![j]!)).toBeLessThan(1e-6);
    }
    // the weights were perturbed in place and must be back exactly
    expect(net.W.data).toEqual(before);
  });

  it('rejects weights that are not 2×3', () => {
    expect(() => new SimpleNet({ weights: [[1, 2, 3]] })).toThrow(/2×3/);
  });
});
