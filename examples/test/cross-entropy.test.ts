// crossEntropy: the book's hand values, +1e-7 inside the log, batch average, one-hot or labels.
import { describe, expect, it } from 'vitest';
import { crossEntropy } from '../lib/layers.js';

// The book's example (section 4.2.2): the true class is 2.
const Y_GOOD = [0.1, 0.05, 0.6, 0.0, 0.05, 0.1, 0.0, 0.1, 0.0, 0.0];
const Y_BAD = [0.1, 0.05, 0.1, 0.0, 0.05, 0.1, 0.0, 0.6, 0.0, 0.0];
const T = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0];

describe('crossEntropy', () => {
  it("gives the book's values −ln(0.6 + 1e-7) and −ln(0.1 + 1e-7)", () => {
    expect(crossEntropy(new Float64Array(Y_GOOD), new Float64Array(T), 1, 10)).toBeCloseTo(0.510825457099338, 14);
    expect(crossEntropy(new Float64Array(Y_BAD), new Float64Array(T), 1, 10)).toBeCloseTo(2.302584092994546, 14);
  });

  it('adds 1e-7 inside the log, so a zero probability costs −ln(1e-7) ≈ 16.118, not ∞', () => {
    const loss = crossEntropy(new Float64Array([1, 0]), new Float64Array([0, 1]), 1, 2);
    expect(loss).toBeCloseTo(-Math.log(1e-7), 12);
    expect(loss).toBeCloseTo(16.11809565095832, 10);
  });

  it('averages over the batch and accepts labels or one-hot rows alike', () => {
    const y = new Float64Array([...Y_GOOD, ...Y_BAD]);
    const oneHot = crossEntropy(y, new Float64Array([...T, ...T]), 2, 10);
    const labels = crossEntropy(y, new Float64Array([2, 2]), 2, 10);
    // (0.510825457099338 + 2.302584092994546) / 2
    expect(oneHot).toBeCloseTo(1.406704775046942, 14);
    expect(labels).toBe(oneHot);
  });

  it('rejects targets of the wrong length and labels outside [0, cols)', () => {
    expect(() => crossEntropy(new Float64Array(Y_GOOD), new Float64Array([1, 2, 3]), 1, 10)).toThrow(/targets have 3 elements/);
    expect(() => crossEntropy(new Float64Array(Y_GOOD), new Float64Array([10]), 1, 10)).toThrow(/label 10/);
  });
});
