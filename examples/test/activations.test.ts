// Sigmoid and ReLU, forward and backward, on hand-computed values.
import { describe, expect, it } from 'vitest';
import { reluBackwardInto, reluInto, sigmoidBackwardInto, sigmoidInto } from '../lib/layers.js';

describe('activations', () => {
  it('sigmoid: σ(0) = 1/2, σ(ln 3) = 3/4, σ(−ln 3) = 1/4, and no NaN at ±1000', () => {
    const y = sigmoidInto(new Float64Array(5), new Float64Array([0, Math.log(3), -Math.log(3), 1000, -1000]));
    expect(y[0]).toBe(0.5);
    expect(y[1]).toBeCloseTo(0.75, 15);
    expect(y[2]).toBeCloseTo(0.25, 15);
    expect(y[3]).toBe(1);
    expect(y[4]).toBe(0);
  });

  it("sigmoid backward: dx = dout·y·(1 − y), e.g. 2·0.75·0.25 = 0.375", () => {
    const dx = sigmoidBackwardInto(new Float64Array(2), new Float64Array([2, 1]), new Float64Array([0.75, 0.5]));
    expect(Array.from(dx)).toEqual([0.375, 0.25]);
  });

  it('ReLU: max(0, x) forward; backward passes dout only where x > 0 (0 at x = 0)', () => {
    expect(Array.from(reluInto(new Float64Array(3), new Float64Array([-2, 0, 3])))).toEqual([0, 0, 3]);
    expect(Array.from(reluBackwardInto(new Float64Array(3), new Float64Array([5, 6, 7]), new Float64Array([-2, 0, 3])))).toEqual([0, 0, 7]);
  });

  it('rejects arrays of different lengths', () => {
    expect(() => sigmoidInto(new Float64Array(2), new Float64Array(3))).toThrow(/out has 2 elements but x has 3/);
  });
});
