// The chapter-4 gradient computed by a pool of 2 worker threads (lib/chapter4-pool.ts,
// loss module lib/net-loss.ts) has the bits of chapter4Gradient in this process,
// on every weight of a small TwoLayerNet(8, 5, 3) and a batch of 4 — also when
// the batch is given as views — and leaves the network's weights untouched.
import ndarray from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { chapter4Gradient } from '../lib/chapter4-gradient.js';
import { createNetLossPool, flatWeights, poolChapter4Gradient } from '../lib/chapter4-pool.js';
import { TwoLayerNet } from '../lib/two-layer-net.js';

const [N, I, H, O] = [4, 8, 5, 3];
const net = new TwoLayerNet(I, H, O, 0.5, 7); // weightInitStd 0.5: gradients well away from 0
// a batch of 4 with distinct, non-trivial inputs: x[n][i] = sin(1 + n·I + i)
const x = ndarray(Float64Array.from({ length: N * I }, (_, k) => Math.sin(1 + k)), [N, I]);
const t = ndarray(new Float64Array([0, 2, 1, 2]), [N]);
const BOOK = { h: 1e-4, quotient: 'nominal' as const };
const pool = createNetLossPool(2);
afterAll(() => pool.close());

/** Every element of a and b has the same bits (Object.is: -0 ≠ 0, NaN = NaN). */
function sameBits(a: ndarray.NdArray, b: ndarray.NdArray): boolean {
  const [rows, cols] = a.shape.length === 2 ? (a.shape as [number, number]) : [a.shape[0]!, 0];
  expect(b.shape).toEqual(a.shape);
  for (let i = 0; i < rows; i++) {
    if (cols === 0) {
      if (!Object.is(a.get(i), b.get(i))) return false;
    } else for (let j = 0; j < cols; j++) if (!Object.is(a.get(i, j), b.get(i, j))) return false;
  }
  return true;
}

describe('poolChapter4Gradient (2 workers) vs chapter4Gradient in process', () => {
  it('every one of the 63 weights (8·5 + 5 + 5·3 + 3) has the same bits, and the weights are unchanged', async () => {
    const before = flatWeights(net);
    const pooled = await poolChapter4Gradient(pool, net, x, t, BOOK);
    const local = chapter4Gradient(net, x, t, BOOK).gradient;
    expect(pooled.weights).toBe(63);
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(sameBits(pooled.gradient[key], local[key]!)).toBe(true);
    expect(Array.from(flatWeights(net))).toEqual(Array.from(before));
    // and it is a gradient: b2's partials of a mean softmax cross-entropy sum to 0 (softmax sums to 1, one-hot to 1),
    // up to the central difference's rounding (~ε·L/h ≈ 1e-12 per element)
    const b2 = pooled.gradient.b2;
    expect(Math.abs(b2.get(0) + b2.get(1) + b2.get(2))).toBeLessThan(1e-9);
    // and close to backprop (central differences: error O(h²) ≈ 1e-8 relative)
    const exact = net.gradient(x, t);
    for (let i = 0; i < I; i++) for (let j = 0; j < H; j++) expect(pooled.gradient.W1.get(i, j)).toBeCloseTo(exact.W1.get(i, j), 7);
  });

  it('a batch given as views (a transposed copy, a reversed label array) gives the same bits', async () => {
    const xt = ndarray(new Float64Array(N * I), [I, N]).transpose(1, 0);
    for (let n = 0; n < N; n++) for (let i = 0; i < I; i++) xt.set(n, i, x.get(n, i));
    const tr = ndarray(new Float64Array([2, 1, 2, 0]), [N]).step(-1);
    const fromViews = await poolChapter4Gradient(pool, net, xt, tr, BOOK);
    const local = chapter4Gradient(net, x, t, BOOK).gradient;
    for (const key of ['W1', 'b1', 'W2', 'b2'] as const) expect(sameBits(fromViews.gradient[key], local[key]!)).toBe(true);
  });

  it('one-hot targets are refused with InvalidArgumentError (the loss module reads labels)', async () => {
    const oneHot = ndarray(new Float64Array(N * O), [N, O]);
    await expect(poolChapter4Gradient(pool, net, x, oneHot, BOOK)).rejects.toThrow(InvalidArgumentError);
    await expect(poolChapter4Gradient(pool, net, x, oneHot, BOOK)).rejects.toThrow(/labels of shape \[4\]/);
  });
});
