/**
 * scipy's TestApproxDerivativesDense (optimize/tests/test__numdiff.py) against
 * our API: approx_derivative's '2-point' is scheme 'forward', '3-point' is
 * 'central' (the default of both), abs_step is a fixed `h`, rel_step r is
 * h = r·max(1,|x|). Expected values are the analytic derivatives; the
 * tolerances are scipy's ('cs' is not ours and is not ported), and for the
 * schemes scipy lacks (five-point, richardson) the bound their order gives.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { jacobian, numericalDiff, numericalGradient } from '@descent/core';
import { elements } from '../helpers.js';
import { maxRelativeError, storages, vectorScalar, vectorScalarGradient, vectorVector, vectorVectorJacobian } from '../scipy-functions.js';

const relativeError = (value: number, truth: number): number => Math.abs(value - truth) / Math.abs(truth);

describe('scalar → scalar: sinh at 1, derivative cosh 1', () => {
  it('forward to 1e-6, central to 1e-9 (scipy), five-point and richardson tighter', () => {
    const truth = Math.cosh(1);
    expect(relativeError(numericalDiff(Math.sinh, 1, { scheme: 'forward' }), truth)).toBeLessThan(1e-6);
    expect(relativeError(numericalDiff(Math.sinh, 1), truth)).toBeLessThan(1e-9);
    // five-point: h = eps^(1/5) ≈ 7.4e-4, truncation h⁴/30·|f⁽⁵⁾/f′| ≈ 1e-14, rounding ≈ eps/h ≈ 3e-13
    expect(relativeError(numericalDiff(Math.sinh, 1, { scheme: 'five-point' }), truth)).toBeLessThan(1e-12);
    expect(relativeError(numericalDiff(Math.sinh, 1, { scheme: 'richardson' }), truth)).toBeLessThan(1e-13);
  });

  it('with scipy abs_step = 1.49e-8 as a fixed h: forward 1e-6, central 1e-9', () => {
    const truth = Math.cosh(1);
    expect(relativeError(numericalDiff(Math.sinh, 1, { scheme: 'forward', h: 1.49e-8 }), truth)).toBeLessThan(1e-6);
    // central at h = 1.49e-8: truncation h²/6 ≈ 4e-17; the rounding bound eps·|f/f′|/h ≈ 1.1e-8 is a worst case —
    // sinh(1 ± h) round by well under an ulp each here (3.6e-10 measured, deterministic), so scipy's 1e-9 holds
    expect(relativeError(numericalDiff(Math.sinh, 1, { h: 1.49e-8 }), truth)).toBeLessThan(1e-9);
  });
});

describe('scalar → vector: F(x) = (x², tan x, eˣ) at 0.5, J = (2x, 1/cos²x, eˣ)ᵀ', () => {
  const F = (x: NdArray, out: NdArray): void => {
    out.set(0, x.get(0) ** 2);
    out.set(1, Math.tan(x.get(0)));
    out.set(2, Math.exp(x.get(0)));
  };
  const truth = [[1], [Math.cos(0.5) ** -2], [Math.exp(0.5)]];
  it('forward to 1e-6, central to 1e-9', () => {
    expect(maxRelativeError(jacobian(F, ndarray([0.5]), { outputs: 3, scheme: 'forward' }), truth)).toBeLessThan(1e-6);
    expect(maxRelativeError(jacobian(F, ndarray([0.5]), { outputs: 3 }), truth)).toBeLessThan(1e-9);
    expect(maxRelativeError(jacobian(F, ndarray([0.5]), { outputs: 3, scheme: 'richardson' }), truth)).toBeLessThan(1e-13);
  });
});

describe('vector → scalar: f = sin(x₀x₁)·ln x₀ at (100, −0.5)', () => {
  const truth = vectorScalarGradient(100, -0.5);
  const gradientError = (g: NdArray): number => Math.max(...elements(g).map((v, i) => relativeError(v, truth[i]!)));
  it('forward to 1e-6, central to 1e-7 (scipy)', () => {
    expect(gradientError(numericalGradient(vectorScalar, ndarray([100, -0.5]), { scheme: 'forward' }))).toBeLessThan(1e-6);
    expect(gradientError(numericalGradient(vectorScalar, ndarray([100, -0.5])))).toBeLessThan(1e-7);
  });

  it('with abs_step 1.49e-8: forward 1e-6, central 3e-9', () => {
    expect(gradientError(numericalGradient(vectorScalar, ndarray([100, -0.5]), { scheme: 'forward', h: 1.49e-8 }))).toBeLessThan(1e-6);
    expect(gradientError(numericalGradient(vectorScalar, ndarray([100, -0.5]), { h: 1.49e-8 }))).toBeLessThan(3e-9);
  });

  it('richardson to 1e-12: sin(100·x₁) oscillates with period 0.063, far below the first step 0.5 (aliased; scipy.differentiate does not converge here)', () => {
    expect(gradientError(numericalGradient(vectorScalar, ndarray([100, -0.5]), { scheme: 'richardson' }))).toBeLessThan(1e-12);
  });
});

describe('vector → vector: scipy fun_vector_vector at (−100, 0.2)', () => {
  const truth = vectorVectorJacobian(-100, 0.2);
  it('forward to 1e-5, central to 1e-6 (scipy), five-point to 2e-6, richardson to 1e-12', () => {
    expect(maxRelativeError(jacobian(vectorVector, ndarray([-100, 0.2]), { outputs: 3, scheme: 'forward' }), truth)).toBeLessThan(1e-5);
    expect(maxRelativeError(jacobian(vectorVector, ndarray([-100, 0.2]), { outputs: 3 }), truth)).toBeLessThan(1e-6);
    // five-point at x₀ = −100: h = eps^(1/5)·100 ≈ 0.074 against sin/cos of unit scale: h⁴/30 ≈ 1.0e-6
    expect(maxRelativeError(jacobian(vectorVector, ndarray([-100, 0.2]), { outputs: 3, scheme: 'five-point' }), truth)).toBeLessThan(2e-6);
    expect(maxRelativeError(jacobian(vectorVector, ndarray([-100, 0.2]), { outputs: 3, scheme: 'richardson' }), truth)).toBeLessThan(1e-12);
  });

  it('custom step (scipy rel_step 1e-4 at (−0.1, 0.1) is h = 1e-4): forward 1e-2, central 1e-4', () => {
    const near = vectorVectorJacobian(-0.1, 0.1);
    expect(maxRelativeError(jacobian(vectorVector, ndarray([-0.1, 0.1]), { outputs: 3, scheme: 'forward', h: 1e-4 }), near)).toBeLessThan(1e-2);
    expect(maxRelativeError(jacobian(vectorVector, ndarray([-0.1, 0.1]), { outputs: 3, h: 1e-4 }), near)).toBeLessThan(1e-4);
  });

  it('on a step(-1) view and a plain Array equals the Float64Array result bit for bit; on Float32Array storage to 1e-2', () => {
    const dense = elements(jacobian(vectorVector, ndarray(new Float64Array([-0.1, 0.1])), { outputs: 3 }));
    for (const { name, x } of storages([-0.1, 0.1])) {
      const J = jacobian(vectorVector, x, { outputs: 3 });
      if (name === 'Float32Array') {
        // float32 x: h = 2^(−23/3) ≈ 4.9e-3, truncation h²/6·|f‴/f′| ≤ 4e-6·375/6·… ≈ 1.5e-3 (x₁^(−1/2) at 0.1), at the stored x
        expect(maxRelativeError(J, vectorVectorJacobian(Math.fround(-0.1), Math.fround(0.1)))).toBeLessThan(1e-2);
      } else expect(elements(J)).toEqual(dense);
      expect(elements(x)).toEqual(name === 'Float32Array' ? [Math.fround(-0.1), Math.fround(0.1)] : [-0.1, 0.1]);
    }
  });
});
