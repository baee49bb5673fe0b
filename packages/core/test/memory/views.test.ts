/**
 * Views: numericalGradient addresses x[i₀,…] at offset + Σ i_k·stride_k, so on
 * a transposed, sliced (hi/lo), reversed (step(-1)), picked, 3-D or offset
 * view it returns the analytic gradient, the very same numbers as on a
 * contiguous copy, and never touches buffer elements outside the view.
 *
 * f(v) = Σ_k c_k·v_k² + sin(v_k) over the view's elements in row-major order
 * (c_k = 1 + (k mod 3)), so ∂f/∂v_k = 2·c_k·v_k + cos(v_k). Bound for central
 * differences with the auto step h = eps^(1/3)·max(1,|v_k|): truncation
 * h²/6·|f'''| ≤ h²/6·max(1,…) (f''' = −cos, the quadratic part has none) plus
 * rounding of f: a few ulps of F = Σ|terms| divided by 2h, i.e. 8·eps·F/(2h).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient, numericalGradientInto } from '@descent/core';
import { elements, sameBits, snapshot } from '../helpers.js';

const EPS = Number.EPSILON;

function f(v: NdArray): number {
  let s = 0;
  elements(v).forEach((x, k) => {
    s += (1 + (k % 3)) * x * x + Math.sin(x);
  });
  return s;
}

function analytic(values: number[]): number[] {
  return values.map((x, k) => 2 * (1 + (k % 3)) * x + Math.cos(x));
}

function bound(values: number[], x: number): number {
  const F = values.reduce((s, v, k) => s + (1 + (k % 3)) * v * v + 1, 0);
  const h = Math.cbrt(EPS) * Math.max(1, Math.abs(x));
  return (h * h) / 6 + (8 * EPS * F) / (2 * h);
}

/** A buffer of n distinct values in [−2, 2]. */
function buffer(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => 2 * Math.sin(1.7 * i + 0.3));
}

function checkView(view: NdArray): void {
  const before = snapshot(view.data as Float64Array);
  const values = elements(view);
  const g = numericalGradient(f, view);
  expect(g.shape).toEqual(view.shape);
  const got = elements(g);
  const expected = analytic(values);
  got.forEach((gk, k) => expect(Math.abs(gk - expected[k]!)).toBeLessThanOrEqual(bound(values, values[k]!)));
  // the same numbers as on a contiguous row-major copy
  const copy = ndarray(Float64Array.from(values), view.shape.slice());
  expect(got).toEqual(elements(numericalGradient(f, copy)));
  // the whole buffer, inside and outside the view, is bit-identical
  expect(sameBits(snapshot(view.data as Float64Array), before)).toBe(true);
}

describe('numericalGradient on views', () => {
  it('transposed 4×5 → 5×4 (strides [1, 5])', () => {
    const v = ndarray(buffer(20), [4, 5]).transpose(1, 0);
    expect(v.stride).toEqual([1, 5]);
    checkView(v);
  });
  it('hi/lo window [1..5) × [2..6) of a 6×7 array', () => {
    checkView(ndarray(buffer(42), [6, 7]).hi(5, 6).lo(1, 2));
  });
  it('reversed 1-D view step(-1)', () => {
    const v = ndarray(buffer(12), [12]).step(-1);
    expect(v.stride).toEqual([-1]);
    checkView(v);
  });
  it('every other row, columns reversed: step(2, -1)', () => {
    checkView(ndarray(buffer(35), [7, 5]).step(2, -1));
  });
  it('a picked column (stride 5) and a picked row', () => {
    checkView(ndarray(buffer(20), [4, 5]).pick(null, 2));
    checkView(ndarray(buffer(20), [4, 5]).pick(1, null));
  });
  it('3-D 3×4×5 with permuted axes and a reversed axis', () => {
    checkView(ndarray(buffer(60), [3, 4, 5]).transpose(2, 0, 1).step(1, -1, 1));
  });
  it('a 3×3 block at offset 7 with row stride 4 inside 20 elements', () => {
    const v = ndarray(buffer(20), [3, 3], [4, 1], 7);
    checkView(v);
  });
  it('a rank-0 view (pick of every axis) differentiates its single element', () => {
    const v = ndarray(buffer(6), [2, 3]).pick(1, 2);
    expect(v.shape).toEqual([]);
    const g = numericalGradient((a) => a.get() ** 3, v, { h: 1e-4 });
    // central on x³: (3x²h·2 + 2h³)/2h = 3x² + h²
    const x0 = v.get();
    expect(g.get()).toBeCloseTo(3 * x0 * x0 + 1e-8, 10);
  });
});

describe('out as a strided view', () => {
  it('numericalGradientInto writes only through the view, other out elements untouched', () => {
    const x = ndarray(buffer(12), [3, 4]);
    // out: the transpose of a 4×3 block at offset 2 inside 20 sentinels
    const outBuffer = new Float64Array(20).fill(-99);
    const out = ndarray(outBuffer, [4, 3], [3, 1], 2).transpose(1, 0);
    expect(out.shape).toEqual([3, 4]);
    const result = numericalGradientInto(out, f, x);
    expect(result).toBe(out);
    expect(elements(out)).toEqual(elements(numericalGradient(f, x)));
    expect(Array.from(outBuffer.subarray(0, 2))).toEqual([-99, -99]);
    expect(Array.from(outBuffer.subarray(14))).toEqual([-99, -99, -99, -99, -99, -99]);
  });
  it('numericalGradient with options.out returns that view', () => {
    const x = ndarray(buffer(6), [6]);
    const outBuffer = new Float64Array(12).fill(7);
    const out = ndarray(outBuffer, [6], [-2], 11);
    expect(numericalGradient(f, x, { out })).toBe(out);
    expect(elements(out)).toEqual(elements(numericalGradient(f, x)));
    // odd positions were written (11, 9, …, 1), even ones still 7
    expect(Array.from(outBuffer).filter((_, i) => i % 2 === 0)).toEqual([7, 7, 7, 7, 7, 7]);
  });
});
