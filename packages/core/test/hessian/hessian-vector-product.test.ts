/**
 * hessianVectorProduct on Rosenbrock (n = 10, issue 10's point) along a
 * fixed direction: ‖Hv − H·v‖/‖H·v‖ ≤ 1e-6 from the numerical gradient (4n
 * calls of f) and ≤ 1e-9 from the analytic gradient (2 calls of it).
 *
 * Numerical gradient inside: central with h = eps^(1/3)·max(1,|xᵢ|), whose
 * rounding noise is ≈ eps·|f|/h ≈ 4e-11·|f| per element; differenced along v
 * with t = eps^(1/4)·‖x‖/‖v‖ ≈ 1.2e-4·4.0/2.3 ≈ 2.1e-4 it becomes
 * ≈ 2e-7·|f| ≈ 3e-4 per element (f = 1698 here), against ‖H·v‖ = 4238: a
 * bound of ≈ 2e-7 relative (measured 2.5e-8). The analytic gradient leaves only the
 * truncation t² with t ≈ eps^(1/3): measured 2e-11.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { hessianVectorProduct, hessianVectorProductInto } from '@descent/core';
import { ROSENBROCK_X, rosenbrock, rosenbrockGradient, rosenbrockHessian } from '../rosenbrock.js';

const n = ROSENBROCK_X.length;
const direction = Array.from({ length: n }, (_, i) => Math.cos(i + 0.5));
const exact = rosenbrockHessian(ROSENBROCK_X).map((row) => row.reduce((s, h, j) => s + h * direction[j]!, 0));
const relative = (got: ndarray.NdArray): number => Math.hypot(...exact.map((e, i) => got.get(i) - e)) / Math.hypot(...exact);

describe('hessianVectorProduct on Rosenbrock, n = 10', () => {
  it('numerical gradient: relative error ≤ 1e-6 in 4n = 40 calls of f', () => {
    const counter = { evaluations: 0 };
    const x = ndarray(Float64Array.from(ROSENBROCK_X), [n]);
    const Hv = hessianVectorProduct(rosenbrock, x, ndarray(Float64Array.from(direction), [n]), { counter });
    expect(relative(Hv)).toBeLessThanOrEqual(1e-6);
    expect(counter.evaluations).toBe(4 * n);
    expect(Array.from(x.data as Float64Array)).toEqual(ROSENBROCK_X);
  });
  it('analytic gradient: relative error ≤ 1e-9 in 2 calls of it', () => {
    const counter = { evaluations: 0 };
    const Hv = hessianVectorProduct(rosenbrock, ndarray(Float64Array.from(ROSENBROCK_X), [n]), ndarray(Float64Array.from(direction), [n]), {
      gradient: rosenbrockGradient,
      counter,
    });
    expect(relative(Hv)).toBeLessThanOrEqual(1e-9);
    expect(counter.evaluations).toBe(2);
  });
  it('H·eᵢ is column i of H; into a caller’s array; H·0 = 0 without a call', () => {
    const f = (a: ndarray.NdArray): number => a.get(0) ** 2 * a.get(1) + a.get(1) ** 3; // H at (1, 2) = [[4, 2], [2, 12]]
    const x = ndarray(Float64Array.from([1, 2]), [2]);
    const out = ndarray(new Float64Array(2), [2]);
    expect(hessianVectorProductInto(out, f, x, ndarray(Float64Array.from([0, 1]), [2]))).toBe(out);
    expect(out.get(0)).toBeCloseTo(2, 6);
    expect(out.get(1)).toBeCloseTo(12, 6);
    const counter = { evaluations: 0 };
    const zero = hessianVectorProduct(f, x, ndarray(new Float64Array(2), [2]), { counter });
    expect(Array.from(zero.data as Float64Array)).toEqual([0, 0]);
    expect(counter.evaluations).toBe(0);
  });
  it('a direction of any scale: H·(2⁶⁰v) = 2⁶⁰·H·v', () => {
    const x = ndarray(Float64Array.from(ROSENBROCK_X), [n]);
    const Hv = hessianVectorProduct(rosenbrock, x, ndarray(Float64Array.from(direction), [n]), { gradient: rosenbrockGradient });
    const big = hessianVectorProduct(rosenbrock, x, ndarray(Float64Array.from(direction, (d) => d * 2 ** 60), [n]), { gradient: rosenbrockGradient });
    for (let i = 0; i < n; i++) expect(big.get(i) / 2 ** 60).toBe(Hv.get(i));
  });
});
