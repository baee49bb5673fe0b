/**
 * numdifftools' TestHessian and TestHessdiag (test_numdifftools.py) against
 * hessian(): second differences of f at the automatic step (the bound their
 * order gives) and, with the analytic gradient, scheme 'richardson'.
 * numdifftools' complex and multicomplex methods are not ours.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { hessian } from '@descent/core';
import { maxAbsoluteError, storages } from '../scipy-functions.js';

describe('numdifftools test_hessian_cos_x_y_at_0_0: cos(x − y) at (0, 0)', () => {
  // H = −cos(x − y)·[[1, −1], [−1, 1]] = [[−1, 1], [1, −1]]
  const f = (v: NdArray): number => Math.cos(v.get(0) - v.get(1));
  const truth = [
    [-1, 1],
    [1, -1],
  ];
  it('to 1e-7 (numdifftools rtol) on every storage in float64: h = eps^(1/4), truncation h²/12 ≈ 1.2e-9, rounding 4eps/h² ≈ 6e-8', () => {
    for (const { name, x } of storages([0, 0])) {
      // float32: h = 2^(−23/4) ≈ 0.0186; the mixed entry's truncation h²(f_xxxy + f_xyyy)/6 = 2h²/6 ≈ 1.15e-4
      expect(maxAbsoluteError(hessian(f, x), truth), name).toBeLessThan(name === 'Float32Array' ? 2e-4 : 1e-7);
    }
  });
});

describe('numdifftools TestHessian.test_on_scalar_function: xyz + eˣy at (3, 5, 7)', () => {
  // H = [[eˣy, eˣ + z, y], [eˣ + z, 0, x], [y, x, 0]]
  const f = (v: NdArray): number => v.get(0) * v.get(1) * v.get(2) + Math.exp(v.get(0)) * v.get(1);
  const e3 = Math.exp(3);
  const truth = [
    [e3 * 5, e3 + 7, 5],
    [e3 + 7, 0, 3],
    [5, 3, 0],
  ];
  it('to atol 1e-4 (numdifftools) by second differences; to 1e-9 with the gradient and richardson', () => {
    expect(maxAbsoluteError(hessian(f, ndarray([3, 5, 7])), truth)).toBeLessThan(1e-4);
    const gradient = (v: NdArray, out: NdArray): void => {
      const [x, y, z] = [v.get(0), v.get(1), v.get(2)];
      out.set(0, y * z + Math.exp(x) * y);
      out.set(1, x * z + Math.exp(x));
      out.set(2, x * y);
    };
    expect(maxAbsoluteError(hessian(f, ndarray([3, 5, 7]), { gradient, scheme: 'richardson' }), truth)).toBeLessThan(1e-9);
  });
});

describe('numdifftools TestHessdiag.test_default_step: x₀ + x₁² + x₂³ at (1, 2, 3)', () => {
  // diag H = (0, 2, 6x₂) = (0, 2, 18); off-diagonal 0
  const f = (v: NdArray): number => v.get(0) + v.get(1) ** 2 + v.get(2) ** 3;
  it('the diagonal (0, 2, 18): second differences are exact in truncation here (f⁗ = 0), rounding 4eps·|f|/h² ≈ 3e-7 at x₂ = 3', () => {
    const H = hessian(f, ndarray([1, 2, 3]));
    expect(Math.abs(H.get(0, 0))).toBeLessThan(1e-6);
    expect(Math.abs(H.get(1, 1) - 2)).toBeLessThan(1e-6);
    expect(Math.abs(H.get(2, 2) - 18)).toBeLessThan(1e-6);
    for (const [i, j] of [[0, 1], [0, 2], [1, 2]] as const) expect(Math.abs(H.get(i, j)), `[${i},${j}]`).toBeLessThan(1e-6);
  });

  it('to 1e-8 (numdifftools) with the gradient and richardson', () => {
    const gradient = (v: NdArray, out: NdArray): void => {
      out.set(0, 1);
      out.set(1, 2 * v.get(1));
      out.set(2, 3 * v.get(2) ** 2);
    };
    const H = hessian(f, ndarray([1, 2, 3]), { gradient, scheme: 'richardson' });
    expect(maxAbsoluteError(H, [[0, 0, 0], [0, 2, 0], [0, 0, 18]])).toBeLessThan(1e-8);
  });
});
