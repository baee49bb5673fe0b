/**
 * numdifftools' TestJacobian, TestGradient and directional-derivative tests
 * (test_numdifftools.py) against jacobian, numericalGradient and
 * directionalDerivative, with the analytic values derived beside each case.
 * numdifftools' default tolerance is assert_allclose's rtol 1e-7.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { directionalDerivative, jacobian, numericalGradient } from '@descent/core';
import { elements } from '../helpers.js';
import { maxAbsoluteError, maxRelativeError, storages } from '../scipy-functions.js';

describe('numdifftools test_scalar_to_vector: F(x) = (x, x², x³), J = (1, 2x, 3x²)ᵀ', () => {
  const F = (x: NdArray, out: NdArray): void => {
    out.set(0, x.get(0));
    out.set(1, x.get(0) ** 2);
    out.set(2, x.get(0) ** 3);
  };
  it('at −1000 … 1000 to rtol 1e-3 + atol 1e-6 (numdifftools), every scheme', () => {
    for (const v of [-1000, -3.7, -1e-3, 0, 2.2e-14, 0.5, 7.65, 1000]) {
      for (const scheme of ['forward', 'backward', 'central', 'five-point', 'richardson'] as const) {
        const J = jacobian(F, ndarray([v]), { outputs: 3, scheme });
        [1, 2 * v, 3 * v * v].forEach((t, i) => expect(Math.abs(J.get(i, 0) - t), `${scheme} x=${v} row ${i}`).toBeLessThanOrEqual(1e-6 + 1e-3 * Math.abs(t)));
      }
    }
  });
});

describe('numdifftools test_on_scalar_function: f = x₀x₁x₂ + e^(x₀)x₁ at (3, 5, 7)', () => {
  // ∇f = (x₁x₂ + e^(x₀)x₁, x₀x₂ + e^(x₀), x₀x₁) = (35 + 5e³, 21 + e³, 15)
  const f = (x: NdArray): number => x.get(0) * x.get(1) * x.get(2) + Math.exp(x.get(0)) * x.get(1);
  const truth = [35 + 5 * Math.exp(3), 21 + Math.exp(3), 15];
  it('135.42768462, 41.08553692, 15 to 1e-7 (central, five-point, richardson) and 1e-6 (forward: h·|f″|/2 ≈ 1.5e-8·3·100/2/41)', () => {
    for (const { name, x } of storages([3, 5, 7])) {
      if (name === 'Float32Array') continue; // 3, 5, 7 are exact in float32 but its steps are 2¹¹·⁵ larger: see below
      for (const scheme of ['forward', 'central', 'five-point', 'richardson'] as const) {
        const g = elements(numericalGradient(f, x, { scheme }));
        g.forEach((v, i) => expect(Math.abs(v / truth[i]! - 1), `${name} ${scheme} ∂${i}`).toBeLessThan(scheme === 'forward' ? 1e-6 : 1e-7));
      }
    }
    // Float32Array: central h = 2^(−23/3)·7 ≈ 0.034 at x₂; ∂₂ is exact (f is linear in x₂), ∂₀: h²/6·|f‴/f′| ≈ (0.015)²/6·100/135 ≈ 3e-5
    const g32 = elements(numericalGradient(f, ndarray(new Float32Array([3, 5, 7])), { scheme: 'central' }));
    g32.forEach((v, i) => expect(Math.abs(v / truth[i]! - 1), `float32 ∂${i}`).toBeLessThan(1e-4));
  });
});

describe('numdifftools test_on_vector_valued_function: residuals (c₀ + c₁e^(c₂x) − y)² at the exact parameters', () => {
  // each residual rᵢ is 0 at c = (1, 2, 0.75) (up to rounding), so ∂(rᵢ²)/∂c = 2rᵢ∂rᵢ/∂c ≈ 0
  const xs = Array.from({ length: 10 }, (_, i) => i / 10);
  const ys = xs.map((x) => 1 + 2 * Math.exp(0.75 * x));
  const F = (c: NdArray, out: NdArray): void => {
    xs.forEach((x, i) => out.set(i, (c.get(0) + c.get(1) * Math.exp(c.get(2) * x) - ys[i]!) ** 2));
  };
  it('the Jacobian is 0 to atol 1e-12 (numdifftools, extrapolated) with richardson; five-point to 1e-11', () => {
    expect(Math.max(...elements(jacobian(F, ndarray([1, 2, 0.75]), { outputs: 10, scheme: 'richardson' })).map(Math.abs))).toBeLessThan(1e-12);
    // five-point: h⁴/30·|(r²)⁽⁵⁾| with h = eps^(1/5) ≈ 7.4e-4 (h⁴/30 ≈ 1e-14) and |(r²)⁽⁵⁾| = |10r′r⁗ + 20r″r‴| ≲ 300
    expect(Math.max(...elements(jacobian(F, ndarray([1, 2, 0.75]), { outputs: 10, scheme: 'five-point' })).map(Math.abs))).toBeLessThan(1e-11);
  });

  it('central: its truncation ((r′h + r″h²/2)² − (r′h − r″h²/2)²)/2h = r′r″h², at most 11.3·(6.06e-6)² ≈ 4.1e-10', () => {
    // largest |∂rᵢ/∂c₂·∂²rᵢ/∂c₂²| = 2x e^(0.75x)·2x² e^(0.75x) at x = 0.9: 3.54·3.18 ≈ 11.3
    const J = jacobian(F, ndarray([1, 2, 0.75]), { outputs: 10 });
    expect(Math.max(...elements(J).map(Math.abs))).toBeLessThan(5e-10);
  });
});

describe('numdifftools test_on_matrix_valued_function: F = (x₀² + x₁², x₀³ + x₁³)', () => {
  // J = [[2x₀, 2x₁], [3x₀², 3x₁²]]
  const F = (x: NdArray, out: NdArray): void => {
    out.set(0, x.get(0) ** 2 + x.get(1) ** 2);
    out.set(1, x.get(0) ** 3 + x.get(1) ** 3);
  };
  it('[[2, 4], [3, 12]] at (1, 2) and [[6, 8], [27, 48]] at (3, 4), to 1e-7', () => {
    expect(maxRelativeError(jacobian(F, ndarray([1, 2]), { outputs: 2 }), [[2, 4], [3, 12]])).toBeLessThan(1e-7);
    expect(maxRelativeError(jacobian(F, ndarray([3, 4]), { outputs: 2 }), [[6, 8], [27, 48]])).toBeLessThan(1e-7);
  });

  it('F returning its outputs (no out argument) gives the same Jacobian', () => {
    const returning = (x: NdArray): number[] => [x.get(0) ** 2 + x.get(1) ** 2, x.get(0) ** 3 + x.get(1) ** 3];
    expect(elements(jacobian(returning, ndarray([3, 4])))).toEqual(elements(jacobian(F, ndarray([3, 4]), { outputs: 2 })));
  });
});

describe('numdifftools test_issue_27a: F(x) = x² elementwise, n = 500 at ones', () => {
  it('2·I exactly enough (1e-7), diagonal sparsity in 1 group of 2 calls', () => {
    const n = 500;
    const F = (x: NdArray, out: NdArray): void => {
      for (let i = 0; i < n; i++) out.set(i, x.get(i) ** 2);
    };
    const truth = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 2 : 0)));
    const pairs = Array.from({ length: n }, (_, i) => [i, i] as [number, number]);
    const counter = { evaluations: 0 };
    const J = jacobian(F, ndarray(new Float64Array(n).fill(1)), { outputs: n, sparsity: pairs, counter });
    expect(maxAbsoluteError(J, truth)).toBeLessThan(2e-7);
    expect(counter.evaluations).toBe(2);
  });
});

describe('numdifftools TestGradient', () => {
  it('test_gradient: Σx² at (1, 2, 3) is (2, 4, 6), every scheme to 1e-7', () => {
    const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2 + x.get(2) ** 2;
    for (const scheme of ['forward', 'backward', 'central', 'five-point', 'richardson'] as const) {
      // forward/backward on a quadratic: off by exactly h = 2^(−26)·max(1, x) ≈ 1.5e-8·x, i.e. 7.5e-9 relative
      elements(numericalGradient(f, ndarray([1, 2, 3]), { scheme })).forEach((v, i) => expect(Math.abs(v / (2 * (i + 1)) - 1), `${scheme} ∂${i}`).toBeLessThan(1e-7));
    }
  });

  it('test_directional_diff: numdifftools rosen (1 − x₀)² + 105(x₁ − x₀²)² at (2, 3) along (1, −1)/√2 is 743.87633380824832', () => {
    // ∇ = (−2(1 − x₀) − 420x₀(x₁ − x₀²), 210(x₁ − x₀²)) = (842, −210); ·(1, −1)/√2 = 1052/√2
    const rosen105 = (x: NdArray): number => (1 - x.get(0)) ** 2 + 105 * (x.get(1) - x.get(0) ** 2) ** 2;
    const v = ndarray([Math.SQRT1_2, -Math.SQRT1_2]);
    expect(Math.abs(directionalDerivative(rosen105, ndarray([2, 3]), v) / (1052 / Math.SQRT2) - 1)).toBeLessThan(1e-7);
    expect(Math.abs(1052 / Math.SQRT2 - 743.87633380824832)).toBeLessThan(1e-12);
    const g = elements(numericalGradient(rosen105, ndarray([2, 3])));
    expect(Math.abs((g[0]! - g[1]!) * Math.SQRT1_2 - 743.87633380824832)).toBeLessThan(1e-4);
  });

  it('test_issue_39: 1/(e^(x₀) + cos x₁ + 10) at (1, 2) is (−0.017961123762187736, 0.0060082083648822)', () => {
    // ∇ = (−e^(x₀), sin x₁)/(e^(x₀) + cos x₁ + 10)²
    const f = (x: NdArray): number => 1 / (Math.exp(x.get(0)) + Math.cos(x.get(1)) + 10);
    const d = (Math.E + Math.cos(2) + 10) ** 2;
    expect(Math.abs(-Math.E / d - -0.017961123762187736)).toBeLessThan(1e-15);
    const g = elements(numericalGradient(f, ndarray([1, 2]), { scheme: 'richardson' }));
    expect(Math.abs(g[0]! / -0.017961123762187736 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(g[1]! / 0.0060082083648822 - 1)).toBeLessThan(1e-12);
  });
});
