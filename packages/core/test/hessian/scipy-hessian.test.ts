/**
 * scipy.differentiate's TestHessian (test_example, test_float32, test_nfev)
 * against hessian(): the Rosenbrock Hessian (rosen_hess, derived in
 * scipy-functions.ts). scipy's hessian differentiates adaptively to atol
 * 1e-8; ours reaches that with the analytic gradient and scheme 'richardson'
 * (the Jacobian of ∇f extrapolated per column). Second differences of f alone
 * have a fixed step and the bound their order gives.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, hessian } from '@descent/core';
import { elements, expectThrows } from '../helpers.js';
import { maxAbsoluteError, storages } from '../scipy-functions.js';
import { rosenbrock as rosen, rosenbrockGradient as rosenGradient, rosenbrockHessian as rosenHessian } from '../rosenbrock.js';

const X = [0.3, 0.7, 0.2];
const H = rosenHessian(X);

describe('scipy test_example: the Rosenbrock Hessian at (0.3, 0.7, 0.2)', () => {
  it('with the gradient and scheme richardson to scipy atol 1e-8 (measured 2e-13)', () => {
    expect(maxAbsoluteError(hessian(rosen, ndarray(X.slice()), { gradient: rosenGradient, scheme: 'richardson' }), H)).toBeLessThan(1e-8);
  });

  it('with the gradient, central: h = eps^(1/3), truncation h²/6·|∂³∇f| ≈ 3.7e-11·2400/6 ≈ 1.5e-8 → 1e-7', () => {
    expect(maxAbsoluteError(hessian(rosen, ndarray(X.slice()), { gradient: rosenGradient }), H)).toBeLessThan(1e-7);
  });

  it('by second differences of f: h = eps^(1/4) ≈ 1.2e-4, truncation h²/12·|f⁗| ≈ 1.5e-8·2400/12 ≈ 3e-6 → 1e-5', () => {
    expect(maxAbsoluteError(hessian(rosen, ndarray(X.slice())), H)).toBeLessThan(1e-5);
  });

  it('scheme richardson without the gradient is refused, naming the fix', () => {
    expectThrows(() => hessian(rosen, ndarray(X.slice()), { scheme: 'richardson' }), ArgumentRangeError, 'OUT_OF_RANGE', /hessian: scheme 'richardson' needs options\.gradient/);
  });
});

describe('scipy test_float32 and the other storages', () => {
  it('a step(-1) view and a plain Array give the Float64Array result bit for bit; Float32Array to 1e-2 of each nonzero entry', () => {
    const reference = elements(hessian(rosen, ndarray(new Float64Array(X))));
    for (const { name, x } of storages(X)) {
      const result = hessian(rosen, x);
      if (name !== 'Float32Array') {
        expect(elements(result), name).toEqual(reference);
        continue;
      }
      // float32 x: h = 2^(−23/4) ≈ 0.019, truncation h²/12·|f⁗| ≈ 3.1e-5·2400/12 ≈ 7e-3 absolute on entries of 100s
      const stored = X.map(Math.fround);
      const truth = rosenHessian(stored);
      const smallest = Math.min(...truth.flat().filter((v) => v !== 0).map(Math.abs)); // |H₀₁| = 400·0.3 = 120
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          if (truth[i]![j] === 0) expect(Math.abs(result.get(i, j)), `[${i},${j}]`).toBeLessThan(1e-2 * smallest); // scipy's atol for the zero entries
          else expect(Math.abs(result.get(i, j) / truth[i]![j]! - 1), `[${i},${j}]`).toBeLessThan(1e-2);
        }
      }
    }
  });
});

describe('scipy test_nfev: calls of f', () => {
  it('sin(x)·y³ at (0.5, 0.25): 2n² + 1 = 9 calls; with the gradient, central 2n = 4 calls of it and none of f', () => {
    const f = (v: NdArray): number => Math.sin(v.get(0)) * v.get(1) ** 3;
    const counter = { evaluations: 0 };
    hessian(f, ndarray([0.5, 0.25]), { counter });
    expect(counter.evaluations).toBe(9);
    let gradientCalls = 0;
    let fCalls = 0;
    const gradient = (v: NdArray, out: NdArray): void => {
      gradientCalls++;
      out.set(0, Math.cos(v.get(0)) * v.get(1) ** 3);
      out.set(1, 3 * Math.sin(v.get(0)) * v.get(1) ** 2);
    };
    const counted = (v: NdArray): number => {
      fCalls++;
      return f(v);
    };
    const result = hessian(counted, ndarray([0.5, 0.25]), { gradient });
    expect([gradientCalls, fCalls]).toEqual([4, 0]);
    // H = [[−sin x·y³, 3cos x·y²], [3cos x·y², 6 sin x·y]]
    const truth = [
      [-Math.sin(0.5) * 0.25 ** 3, 3 * Math.cos(0.5) * 0.25 ** 2],
      [3 * Math.cos(0.5) * 0.25 ** 2, 6 * Math.sin(0.5) * 0.25],
    ];
    expect(maxAbsoluteError(result, truth)).toBeLessThan(1e-9);
  });
});
