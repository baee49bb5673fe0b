/**
 * gradCheck's full mode reports each element's relative error
 * |a − n| / max(tiny, |a| + |n|), shaped like x (one-array form) or like each
 * parameter (named form): a planted error shows at its element only, with
 * the value computed from the report's own numbers.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradCheck } from '@descent/core';
import { elements } from '../helpers.js';

describe('gradCheck relativeErrors (full mode)', () => {
  it('one array (a transposed 3×2 view): shaped [3, 2]; the planted element has rel error 0.01/(3.01 + 3)·… ≈ 1.66e-3, the others < 1e-9', () => {
    const x = ndarray(Float64Array.from([1, 2, 3, -1, 0.5, 1.5]), [2, 3]).transpose(1, 0);
    const f = (v: NdArray): number => elements(v).reduce((s, t) => s + t ** 3 / 3, 0);
    const analytic = ndarray(Float64Array.from(elements(x), (t) => t * t), [3, 2]);
    analytic.set(2, 0, analytic.get(2, 0) + 0.01); // x[2,0] = 3: true 9, claimed 9.01
    const report = gradCheck(f, analytic, x);
    const errors = report.relativeErrors!;
    expect(errors.shape).toEqual([3, 2]);
    expect(report.mode).toBe('full');
    expect(errors.get(2, 0)).toBeCloseTo(0.01 / 18.01, 8);
    expect(errors.get(2, 0)).toBe(report.maxRelError);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 2; j++) if (i !== 2 || j !== 0) expect(errors.get(i, j)).toBeLessThan(1e-9);
    expect(report.worstIndex).toEqual([2, 0]);
  });
  it('named parameters: one array per key, shaped like it; worstKey and worstIndex point at the planted error', () => {
    const W = ndarray(Float64Array.from([0.5, -1, 2, 1.5]), [2, 2]);
    const b = ndarray(Float64Array.from([3]), [1]);
    const loss = (): number => elements(W).reduce((s, t) => s + t * t, 0) + b.get(0) * W.get(1, 1);
    const dW = ndarray(Float64Array.from([1, -2, 4, 3 + 3]), [2, 2]); // 2W + (b at [1,1])
    const db = ndarray(Float64Array.from([1.5 * 1.1]), [1]); // true W[1,1] = 1.5, claimed 10% more
    const report = gradCheck(loss, { W: dW, b: db }, { W, b });
    const errors = report.relativeErrors!;
    expect(Object.keys(errors)).toEqual(['W', 'b']);
    expect(errors.W!.shape).toEqual([2, 2]);
    expect(errors.b!.get(0)).toBeCloseTo(0.15 / 3.15, 8);
    expect(Math.max(...elements(errors.W!))).toBeLessThan(1e-9);
    expect(report.worstKey).toBe('b');
    expect(report.worstIndex).toEqual([0]);
  });
});
