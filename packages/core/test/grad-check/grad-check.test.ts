/**
 * gradCheck: a correct analytic gradient passes (errors at the level of the
 * central difference, ~1e-10); a deliberately wrong one fails, and the report
 * points at the wrong element (worstIndex, worstKey) with its error sizes.
 *
 * f(x) = Σᵢⱼ xᵢⱼ³ / 3 + x₀₀·x₁₁ on a 2×3 array, ∇f = x² + (x₁₁ at [0,0], x₀₀ at [1,1]).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATOL, DEFAULT_RTOL, gradCheck } from '@descent/core';
import { elements } from '../helpers.js';

const f = (v: NdArray): number => elements(v).reduce((s, t) => s + (t * t * t) / 3, 0) + v.get(0, 0) * v.get(1, 1);

function gradient(v: NdArray): NdArray {
  const g = ndarray(new Float64Array(6), [2, 3]);
  for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) g.set(i, j, v.get(i, j) ** 2);
  g.set(0, 0, g.get(0, 0) + v.get(1, 1));
  g.set(1, 1, g.get(1, 1) + v.get(0, 0));
  return g;
}

const point = (): NdArray => ndarray(Float64Array.from([0.5, -1.5, 2, 1.25, -0.75, 3]), [2, 3]);

describe('gradCheck, one array', () => {
  it('defaults are rtol 1e-6, atol 1e-8', () => {
    expect([DEFAULT_RTOL, DEFAULT_ATOL]).toEqual([1e-6, 1e-8]);
  });
  it('a correct gradient (given as an array or as a function) passes with errors ~1e-10', () => {
    const x = point();
    for (const analytic of [gradient(x), gradient]) {
      const report = gradCheck(f, analytic, x);
      expect(report.passed).toBe(true);
      expect(report.maxRelError).toBeLessThan(1e-9);
      expect(report.maxAbsError).toBeLessThan(1e-8);
      expect(report.evaluations).toBe(12);
      expect(report.worstKey).toBeUndefined();
    }
  });
  it('a wrong element fails: worstIndex [1,2], abs error 0.09, rel error 0.09/(9.09+9)', () => {
    const x = point();
    const wrong = gradient(x);
    wrong.set(1, 2, 9.09); // true value 3² = 9
    const report = gradCheck(f, wrong, x);
    expect(report.passed).toBe(false);
    expect(report.worstIndex).toEqual([1, 2]);
    expect(report.maxAbsError).toBeCloseTo(0.09, 8);
    expect(report.maxRelError).toBeCloseTo(0.09 / 18.09, 8);
  });
  it('a forgotten cross term fails at [0,0] (missing x₁₁ = −0.75)', () => {
    const x = point();
    const wrong = gradient(x);
    wrong.set(0, 0, 0.25); // x₀₀² only
    const report = gradCheck(f, wrong, x);
    expect(report.passed).toBe(false);
    expect(report.worstIndex).toEqual([0, 0]);
    // numeric ≈ 0.25 − 0.75 = −0.5: |0.25 − (−0.5)| = 0.75, relative 0.75 / 0.75 = 1
    expect(report.maxAbsError).toBeCloseTo(0.75, 8);
    expect(report.maxRelError).toBeCloseTo(1, 8);
  });
  it('an error below atol passes even where the relative error is large', () => {
    const x = ndarray(Float64Array.from([0]), [1]);
    // f = x³/3 at 0: gradient 0, and central gives ((h³/3) − (−h³/3))/2h = h²/3 with
    // h = eps^(1/3) (≈ 1.2e-11). Claim 5e-9: abs error ≈ 5e-9 ≤ 1e-8, rel error ≈ 0.995.
    const n = Math.cbrt(Number.EPSILON) ** 2 / 3;
    const report = gradCheck((v) => v.get(0) ** 3 / 3, ndarray(Float64Array.from([5e-9]), [1]), x);
    expect(report.passed).toBe(true);
    expect(report.maxAbsError).toBeCloseTo(5e-9 - n, 18);
    expect(report.maxRelError).toBeCloseTo((5e-9 - n) / (5e-9 + n), 6);
    expect(report.maxRelError).toBeGreaterThan(DEFAULT_RTOL);
  });
  it("passes stepUnderflow on: with 'zero' a vanished step gives numeric 0 instead of a RangeError", () => {
    // 1e13 ± 1e-4 === 1e13 (spacing 2⁻⁹): numeric gradient 0, analytic 2e13
    const x = ndarray(Float64Array.from([1e13]), [1]);
    const square = (v: NdArray): number => v.get(0) ** 2;
    expect(() => gradCheck(square, ndarray([2e13], [1]), x, { h: 1e-4 })).toThrow(RangeError);
    const report = gradCheck(square, ndarray([2e13], [1]), x, { h: 1e-4, stepUnderflow: 'zero' });
    expect(report.passed).toBe(false);
    expect(report.maxAbsError).toBe(2e13);
    expect(report.maxRelError).toBe(1);
  });
  it('accumulates into options.counter', () => {
    const counter = { evaluations: 4 };
    gradCheck(f, gradient, point(), { counter, scheme: 'forward' });
    expect(counter.evaluations).toBe(4 + 7);
  });
});

describe('gradCheck, named parameters', () => {
  // loss = Σ W² + b·W₀, ∂/∂W = 2W + (b at 0), ∂/∂b = W₀
  const W = ndarray(Float64Array.from([1.5, -2, 0.5]), [3]);
  const b = ndarray(Float64Array.from([0.25]), [1]);
  const loss = (): number => elements(W).reduce((s, t) => s + t * t, 0) + b.get(0) * W.get(0);
  it('a correct record passes', () => {
    const report = gradCheck(loss, { W: ndarray(Float64Array.from([3.25, -4, 1]), [3]), b: ndarray(Float64Array.from([1.5]), [1]) }, { W, b });
    expect(report.passed).toBe(true);
    expect(report.maxRelError).toBeLessThan(1e-9);
    expect(report.evaluations).toBe(8);
  });
  it('a wrong b is reported as worstKey b, worstIndex [0]', () => {
    const report = gradCheck(loss, { W: ndarray(Float64Array.from([3.25, -4, 1]), [3]), b: ndarray(Float64Array.from([1.4]), [1]) }, { W, b });
    expect(report.passed).toBe(false);
    expect(report.worstKey).toBe('b');
    expect(report.worstIndex).toEqual([0]);
    expect(report.maxAbsError).toBeCloseTo(0.1, 8);
    expect(report.maxRelError).toBeCloseTo(0.1 / 2.9, 8);
  });
});
