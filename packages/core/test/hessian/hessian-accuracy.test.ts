/**
 * hessian on Rosenbrock (n = 10, issue 10's point): relative error ≤ 1e-6
 * against the analytic Hessian, exactly symmetric, 2n² + 1 calls of f; with
 * the analytic gradient, 2n calls of it.
 *
 * Error budget of the second differences, step h = eps^(1/4)·max(1,|xᵢ|) ≈
 * 1.2e-4·|xᵢ|: truncation h²/12·|∂⁴f| with ∂⁴f/∂xᵢ⁴ = 2400 → ≈ 4e-6 absolute
 * (relative to max|H| ≈ 4000: 1e-9); rounding ≈ 4·eps·|f|/h² with |f| ≈ 2000
 * → ≈ 1e-4 absolute at worst, 3e-8 of max|H|. So 1e-6 of max|H| leaves
 * room, and every nonzero entry (the smallest is |−400·0.7| = 280) is within
 * 1e-6 relative too.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { hessian, hessianInto } from '@descent/core';
import { ROSENBROCK_X, rosenbrock, rosenbrockGradient, rosenbrockHessian } from '../rosenbrock.js';

const n = ROSENBROCK_X.length;
const exact = rosenbrockHessian(ROSENBROCK_X);
const largest = Math.max(...exact.flat().map(Math.abs));

function errors(H: ndarray.NdArray): { max: number; nonzero: number } {
  let max = 0;
  let nonzero = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const e = Math.abs(H.get(i, j) - exact[i]![j]!);
      max = Math.max(max, e);
      if (exact[i]![j] !== 0) nonzero = Math.max(nonzero, e / Math.abs(exact[i]![j]!));
    }
  }
  return { max: max / largest, nonzero };
}

describe('hessian on Rosenbrock, n = 10', () => {
  it('second differences of f: relative error ≤ 1e-6, symmetric, 2n² + 1 = 201 calls', () => {
    const counter = { evaluations: 0 };
    const H = hessian(rosenbrock, ndarray(Float64Array.from(ROSENBROCK_X), [n]), { counter });
    expect(H.shape).toEqual([n, n]);
    const { max, nonzero } = errors(H);
    expect(max).toBeLessThanOrEqual(1e-6);
    expect(nonzero).toBeLessThanOrEqual(1e-6);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(H.get(i, j)).toBe(H.get(j, i));
    expect(counter.evaluations).toBe(2 * n * n + 1);
  });
  it('from the analytic gradient: relative error ≤ 1e-9, symmetric, 2n = 20 calls of the gradient, f never called', () => {
    const counter = { evaluations: 0 };
    const never = (): number => {
      throw new Error('f is not called');
    };
    const H = hessian(never, ndarray(Float64Array.from(ROSENBROCK_X), [n]), { gradient: rosenbrockGradient, counter });
    const { max, nonzero } = errors(H);
    expect(max).toBeLessThanOrEqual(1e-9);
    expect(nonzero).toBeLessThanOrEqual(1e-9);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(H.get(i, j)).toBe(H.get(j, i));
    expect(counter.evaluations).toBe(2 * n);
  });
  it('a small case by hand: f = x₀²x₁ + x₁³ at (1, 2) → [[4, 2], [2, 12]]; into a transposed destination', () => {
    const f = (v: ndarray.NdArray): number => v.get(0) ** 2 * v.get(1) + v.get(1) ** 3;
    const out = ndarray(new Float64Array(4), [2, 2]).transpose(1, 0);
    expect(hessianInto(out, f, ndarray(Float64Array.from([1, 2]), [2]))).toBe(out);
    [[4, 2], [2, 12]].forEach((row, i) => row.forEach((value, j) => expect(out.get(i, j)).toBeCloseTo(value, 6)));
  });
  it("quotient 'nominal' with a fixed h: the textbook formulas (f(x+h) − 2f + f(x−h))/h², (f₊₊ − f₊₋ − f₋₊ + f₋₋)/4h²", () => {
    const f = (v: ndarray.NdArray): number => Math.exp(v.get(0)) * Math.sin(v.get(1));
    const h = 1e-3;
    const H = hessian(f, ndarray(Float64Array.from([0.5, 1]), [2]), { h, quotient: 'nominal' });
    const g = (a: number, b: number): number => Math.exp(a) * Math.sin(b);
    expect(H.get(0, 0)).toBe((g(0.5 + h, 1) - g(0.5, 1) - (g(0.5, 1) - g(0.5 - h, 1))) / (h * h));
    expect(H.get(0, 1)).toBe((g(0.5 + h, 1 + h) - g(0.5 + h, 1 - h) - (g(0.5 - h, 1 + h) - g(0.5 - h, 1 - h))) / (4 * h * h));
  });
});
