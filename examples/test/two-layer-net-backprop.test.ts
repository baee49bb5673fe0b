// TwoLayerNet's backprop gradient equals the numerical one (central differences) to rel. error 1e-6.
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { Random } from '@descent/optim';
import { normal } from '../lib/random.js';
import { TwoLayerNet, type TwoLayerParams } from '../lib/two-layer-net.js';

/** max over elements of |a − n| / max(|a| + |n|, 1e-12) */
function maxRelError(a: TwoLayerParams, n: TwoLayerParams): number {
  let worst = 0;
  for (const key of ['W1', 'b1', 'W2', 'b2']) {
    const x = a[key]!.data as Float64Array;
    const y = n[key]!.data as Float64Array;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i]! - y[i]!) / Math.max(Math.abs(x[i]!) + Math.abs(y[i]!), 1e-12));
  }
  return worst;
}

describe('TwoLayerNet backprop vs numerical gradient', () => {
  const rng = Random.fromSeed(5);
  const x = ndarray(Float64Array.from({ length: 6 * 4 }, () => normal(rng)), [6, 4]);
  const labels = ndarray(new Float64Array([0, 1, 2, 2, 1, 0]));
  const oneHot = ndarray(new Float64Array(6 * 3), [6, 3]);
  for (let i = 0; i < 6; i++) oneHot.set(i, labels.get(i), 1);

  it('agree with label targets (central differences: error O(h²) ≈ 1e-10 relative)', () => {
    // weightInitStd 0.5 so that every gradient entry is far from zero
    const net = new TwoLayerNet(4, 5, 3, 0.5, 11);
    const relError = maxRelError(net.gradient(x, labels), net.numericalGradient(x, labels));
    expect(relError).toBeLessThan(1e-6);
  });

  it('agree with one-hot targets, and both target forms give the same gradient', () => {
    const net = new TwoLayerNet(4, 5, 3, 0.5, 11);
    const g = net.gradient(x, oneHot);
    expect(maxRelError(g, net.numericalGradient(x, oneHot))).toBeLessThan(1e-6);
    expect(g.W1.data).toEqual(net.gradient(x, labels).W1.data);
  });

  it('agree at the book initialisation (std 0.01), where softmax outputs are near 1/3', () => {
    const net = new TwoLayerNet(4, 5, 3, 0.01, 3);
    expect(maxRelError(net.gradient(x, labels), net.numericalGradient(x, labels))).toBeLessThan(1e-6);
  });

  it('gradientInto returns the loss and leaves the parameters untouched', () => {
    const net = new TwoLayerNet(4, 5, 3, 0.5, 11);
    const before = Float64Array.from(net.params.W1.data as Float64Array);
    const grads = net.zeroParams();
    expect(net.gradientInto(grads, x, labels)).toBe(net.loss(x, labels));
    expect(net.params.W1.data).toEqual(before);
  });
});
