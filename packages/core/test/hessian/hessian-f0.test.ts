/**
 * hessian reuses a known f(x) (options.f0): 2n² calls instead of 2n² + 1, and
 * the same bits as without it (f0 replaces exactly the one call at x).
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { hessian } from '@descent/core';

// f = x₀²·x₁ + x₁³: H = [[2x₁, 2x₀], [2x₀, 6x₁]] = [[4, 2], [2, 12]] at (1, 2); f(1, 2) = 1·2 + 8 = 10.
const f = (v: ndarray.NdArray): number => v.get(0) ** 2 * v.get(1) + v.get(1) ** 3;

describe('hessian with f0', () => {
  it('saves the call at x and gives the same bits', () => {
    const without = { evaluations: 0 };
    const withF0 = { evaluations: 0 };
    const a = hessian(f, ndarray(new Float64Array([1, 2]), [2]), { counter: without });
    const b = hessian(f, ndarray(new Float64Array([1, 2]), [2]), { counter: withF0, f0: 10 });
    expect(without.evaluations).toBe(2 * 2 * 2 + 1);
    expect(withF0.evaluations).toBe(2 * 2 * 2);
    expect(Array.from(b.data as Float64Array)).toEqual(Array.from(a.data as Float64Array));
    expect(b.get(0, 0)).toBeCloseTo(4, 6);
    expect(b.get(0, 1)).toBeCloseTo(2, 6);
    expect(b.get(1, 1)).toBeCloseTo(12, 5);
  });
});
