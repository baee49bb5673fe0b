// The network reads any ndarray view (transposed, strided, offset, reversed) as its row-major values.
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { Random } from '@descent/optim';
import { normal } from '../lib/random.js';
import { RowMajorReader } from '../lib/row-major.js';
import { TwoLayerNet } from '../lib/two-layer-net.js';

describe('ndarray views', () => {
  it('RowMajorReader packs a transposed view in logical order', () => {
    const a = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]);
    expect(Array.from(new RowMajorReader().read(a.transpose(1, 0)))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  it('RowMajorReader reads offset, stepped and reversed views', () => {
    const reader = new RowMajorReader();
    const v = ndarray(new Float64Array([0, 1, 2, 3, 4, 5, 6, 7]));
    expect(Array.from(reader.read(v.hi(6).lo(2)))).toEqual([2, 3, 4, 5]);
    expect(Array.from(reader.read(v.step(-2)))).toEqual([7, 5, 3, 1]);
    expect(Array.from(reader.read(ndarray([1, 2, 3, 4], [2, 2]).pick(null, 1)))).toEqual([2, 4]);
  });

  it('TwoLayerNet gives the same loss, accuracy and gradient for a batch stored transposed', () => {
    const rng = Random.fromSeed(9);
    const rows = 5;
    const cols = 4;
    const x = ndarray(Float64Array.from({ length: rows * cols }, () => normal(rng)), [rows, cols]);
    // the same values stored column-major, seen through a transposed view
    const colMajor = ndarray(new Float64Array(rows * cols), [cols, rows]);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) colMajor.set(j, i, x.get(i, j));
    const xView = colMajor.transpose(1, 0);
    const t = ndarray(new Float64Array([2, 0, 1, 1, 0]));
    const tReversed = ndarray(new Float64Array([0, 1, 1, 0, 2])).step(-1);
    const net = new TwoLayerNet(cols, 3, 3, 0.5, 4);
    expect(net.loss(xView, tReversed)).toBe(net.loss(x, t));
    expect(net.accuracy(xView, tReversed)).toBe(net.accuracy(x, t));
    expect(net.gradient(xView, tReversed).W1.data).toEqual(net.gradient(x, t).W1.data);
  });
});
