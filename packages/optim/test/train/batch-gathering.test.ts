import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { Batcher, RowGatherer, wholeBatch } from '../../src/train/batches.js';
import { elements } from '../helpers.js';

// Storage 0 … 11 as a 3×4 matrix M[i][j] = 4i + j; its transpose is 4 samples × 3 features:
// sample s = column s of M = [s, 4 + s, 8 + s].
const storage = Float64Array.from({ length: 12 }, (_, i) => i);
const inputs = ndarray(storage, [3, 4]).transpose(1, 0);
// Targets read backwards through step(-1): labels [30, 20, 10, 0] for samples 0 … 3.
const targets = ndarray(Float64Array.from([0, 10, 20, 30]), [4]).step(-1);

describe('batch gathering', () => {
  it('gathers rows of a transposed view and a reversed view, in the given order (hand-checked)', () => {
    const batcher = new Batcher({ inputs, targets }, 2, false);
    const batch = batcher.batch([3, 1, 0, 2], 0);
    expect(batch.size).toBe(2);
    expect(batch.inputs.shape).toEqual([2, 3]);
    expect(elements(batch.inputs)).toEqual([3, 7, 11, 1, 5, 9]);
    expect(elements(batch.targets)).toEqual([0, 20]);
    const second = batcher.batch([3, 1, 0, 2], 1);
    expect(elements(second.inputs)).toEqual([0, 4, 8, 2, 6, 10]);
    expect(elements(second.targets)).toEqual([30, 10]);
  });

  it('returns contiguous row-major Float64 batches at offset 0', () => {
    const batch = new Batcher({ inputs, targets }, 3, false).batch([2, 0, 1, 3], 0);
    expect(batch.inputs.data).toBeInstanceOf(Float64Array);
    expect(batch.inputs.stride).toEqual([3, 1]);
    expect(batch.inputs.offset).toBe(0);
    expect(Array.from(batch.inputs.data as Float64Array)).toEqual([2, 6, 10, 0, 4, 8, 1, 5, 9]);
  });

  it('reuses one pair of buffers for full batches and a smaller pair for the last batch', () => {
    const batcher = new Batcher({ inputs, targets }, 3, false);
    expect(batcher.batchCount).toBe(2);
    const order = [0, 1, 2, 3];
    const first = batcher.batch(order, 0);
    const last = batcher.batch(order, 1);
    expect(last.size).toBe(1);
    expect(last.inputs.shape).toEqual([1, 3]);
    expect(elements(last.inputs)).toEqual([3, 7, 11]);
    expect(batcher.batch([3, 2, 1, 0], 0)).toBe(first);
    expect(batcher.batch([3, 2, 1, 0], 1)).toBe(last);
    expect(elements(first.inputs)).toEqual([3, 7, 11, 2, 6, 10, 1, 5, 9]);
  });

  it('drops the last smaller batch with dropLast, and gives one batch of n when batchSize exceeds n', () => {
    expect(new Batcher({ inputs, targets }, 3, true).batchCount).toBe(1);
    const full = new Batcher({ inputs, targets }, 10, false);
    expect(full.batchCount).toBe(1);
    expect(full.batch([0, 1, 2, 3], 0).size).toBe(4);
  });

  it('gathers 3-d samples of a sliced (hi/lo) view and 2-d one-hot targets picked from a wider array', () => {
    // 4 samples of shape [2, 2] cut from a [5, 2, 3] array with lo(1, 0, 1): sample s, element (a, b)
    // is storage index 6(s+1) + 3a + (b+1).
    const big = ndarray(Float64Array.from({ length: 30 }, (_, i) => i), [5, 2, 3]);
    const samples = big.lo(1, 0, 1).hi(4, 2, 2);
    const gatherer = new RowGatherer(samples, 'samples');
    const out = new Float64Array(8);
    gatherer.gather(out, [2, 0], 0, 2);
    expect(Array.from(out)).toEqual([19, 20, 22, 23, 7, 8, 10, 11]);
    // One-hot rows taken from column 1 … 3 of a [4, 5] array.
    const wide = ndarray(Float64Array.from([9, 1, 0, 0, 9, 9, 0, 1, 0, 9, 9, 0, 0, 1, 9, 9, 1, 0, 0, 9]), [4, 5]).hi(4, 4).lo(0, 1);
    const oneHot = new Batcher({ inputs: samples, targets: wide }, 2, false).batch([1, 2, 3, 0], 0).targets;
    expect(oneHot.shape).toEqual([2, 3]);
    expect(elements(oneHot)).toEqual([0, 1, 0, 0, 0, 1]);
  });

  it('wholeBatch keeps contiguous Float64 arrays as they are and copies other views once', () => {
    const x = ndarray(Float64Array.from([1, 2, 3, 4]), [2, 2]);
    const t = ndarray(Float64Array.from([0, 1]), [2]);
    const same = wholeBatch({ inputs: x, targets: t });
    expect(same.inputs).toBe(x);
    expect(same.targets).toBe(t);
    const copied = wholeBatch({ inputs: x.transpose(1, 0), targets: t.step(-1) });
    expect(copied.inputs.stride).toEqual([2, 1]);
    expect(Array.from(copied.inputs.data as Float64Array)).toEqual([1, 3, 2, 4]);
    expect(Array.from(copied.targets.data as Float64Array)).toEqual([1, 0]);
  });
});
