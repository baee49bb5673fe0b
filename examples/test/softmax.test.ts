// softmaxInto: hand-computed values, and the row max subtracted so huge scores stay finite.
import { describe, expect, it } from 'vitest';
import { softmaxInto } from '../lib/layers.js';

describe('softmaxInto', () => {
  it('matches e^x / Σ e^x on each row', () => {
    // e^1, e^2, e^3 = 2.718281828, 7.389056099, 20.08553692; sum 30.19287485
    // → 0.0900305732, 0.2447284711, 0.6652409558. Row 2: equal scores → 1/2 each.
    const out = softmaxInto(new Float64Array(3), new Float64Array([1, 2, 3]), 1, 3);
    expect(out[0]).toBeCloseTo(0.0900305732, 10);
    expect(out[1]).toBeCloseTo(0.2447284711, 10);
    expect(out[2]).toBeCloseTo(0.6652409558, 10);
    const two = softmaxInto(new Float64Array(4), new Float64Array([1, 2, -5, -5]), 2, 2);
    expect(two[2]).toBe(0.5);
    expect(two[3]).toBe(0.5);
  });

  it('stays finite for scores whose exponential overflows (1000 + k gives the same as k)', () => {
    const big = softmaxInto(new Float64Array(3), new Float64Array([1000, 1001, 1002]), 1, 3);
    const small = softmaxInto(new Float64Array(3), new Float64Array([0, 1, 2]), 1, 3);
    expect(Array.from(big)).toEqual(Array.from(small));
    expect(big[2]).toBeCloseTo(0.6652409558, 10);
  });

  it('rows sum to 1 and may be computed in place', () => {
    const x = new Float64Array([0.3, 2.9, 4.0, -1, 0, 1]);
    softmaxInto(x, x, 2, 3);
    expect(x[0]! + x[1]! + x[2]!).toBeCloseTo(1, 15);
    expect(x[3]! + x[4]! + x[5]!).toBeCloseTo(1, 15);
    // the book's example: softmax([0.3, 2.9, 4.0]) = [0.01821127, 0.24519181, 0.73659691]
    expect(x[0]).toBeCloseTo(0.01821127, 8);
    expect(x[1]).toBeCloseTo(0.24519181, 8);
    expect(x[2]).toBeCloseTo(0.73659691, 8);
  });
});
