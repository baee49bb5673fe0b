// chapter4Gradient: the numerical gradient of the tiny net's loss over chosen weights, timed; the incremental and the
// full-pass loss give the same numbers, and views of the weights give those elements of the whole gradient.
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { chapter4Gradient } from '../lib/chapter4-gradient.js';
import { TwoLayerNet } from '../lib/two-layer-net.js';
import { sparseBatch } from './sparse-batch.js';

const ROWS = 5;
const INPUTS = 12;
const HIDDEN = 4;
const CLASSES = 3;

const batch = (seed: number) => sparseBatch(seed, ROWS, INPUTS, CLASSES);

describe('chapter4Gradient', () => {
  it('gives the same gradient incrementally and by full passes, on all weights or on views of some, and counts 2 losses per weight', () => {
    const { x, t } = batch(6);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 8);
    const fast = chapter4Gradient(net, x, t, { h: 1e-4 });
    const slow = chapter4Gradient(net, x, t, { h: 1e-4, incremental: false });
    const weights = INPUTS * HIDDEN + HIDDEN + HIDDEN * CLASSES + CLASSES;
    expect([fast.weights, fast.losses, slow.losses]).toEqual([weights, 2 * weights, 2 * weights]);
    for (const key of ['W1', 'b1', 'W2', 'b2']) expect(fast.gradient[key]!.data).toEqual(slow.gradient[key]!.data);
    // rows 3 … 4 of W1 through a view: the same numbers as those rows of the whole gradient
    const part = chapter4Gradient(net, x, t, { h: 1e-4, params: { W1: net.params.W1.hi(5, HIDDEN).lo(3, 0) } });
    expect(part.weights).toBe(2 * HIDDEN);
    expect(Array.from(part.gradient.W1!.data as Float64Array)).toEqual(Array.from((fast.gradient.W1!.data as Float64Array).subarray(3 * HIDDEN, 5 * HIDDEN)));
    expect(fast.msPerWeight).toBeCloseTo(fast.ms / weights, 12);
  });

  it('splits any view of W1 by column (rows, a transposed view, one column), and leaves other arrays to the general path, with the full-pass numbers', () => {
    const { x, t } = batch(7);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 9);
    const W1 = net.params.W1;
    const stranger = ndarray(new Float64Array([1, 2, 3]), [3]); // not read by the loss: its gradient is 0
    // disjoint parts of W1: rows 2–3 from column 1 on, rows 0–1 × columns 0–1 seen transposed, column 0 from row 4 on
    const views = { rows: W1.hi(4, HIDDEN).lo(2, 1), transposed: W1.transpose(1, 0).hi(2, 2), column: W1.lo(4, 0).pick(null, 0), stranger };
    const fast = chapter4Gradient(net, x, t, { h: 1e-4, params: views });
    const slow = chapter4Gradient(net, x, t, { h: 1e-4, params: views, incremental: false });
    for (const key of Object.keys(views)) {
      expect(fast.gradient[key]!.shape).toEqual(views[key as keyof typeof views].shape);
      expect(fast.gradient[key]!.data).toEqual(slow.gradient[key]!.data);
    }
    expect(Array.from(fast.gradient.stranger!.data as Float64Array)).toEqual([0, 0, 0]);
  });

  it('refuses views that share elements, like numericalGradients (AliasedMemoryError, code ALIASED_MEMORY), on both paths', () => {
    const { x, t } = batch(8);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 10);
    const params = { rows: net.params.W1.hi(3, HIDDEN), column: net.params.W1.pick(null, 1) }; // both hold W1[0..2, 1]
    for (const incremental of [true, false]) {
      expect(() => chapter4Gradient(net, x, t, { h: 1e-4, params, incremental })).toThrow(expect.objectContaining({ code: 'ALIASED_MEMORY' }));
    }
  });
});
