/**
 * scipy's test_fp (gh-12991): approx_derivative with float32 parameters.
 * The step follows the storage's epsilon (forward: 2^(−23/2)·max(1, |p|)),
 * and the error of a forward difference stays within scipy's bound
 * t₀ + t₁ = (h/2)·max|f″| + (eps/h)·max|f| at that step.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { autoStep, autoStepBase, FLOAT32_EPSILON, FLOAT64_EPSILON, jacobian, numericalGradient } from '@descent/core';
import { elements } from '../helpers.js';

describe('scipy test_fp: residuals p₀ + p₁x − y on linspace(0, 1, 100)', () => {
  const xs = Array.from({ length: 100 }, (_, i) => i / 99);
  const ys = xs.map((x) => Math.sin(7 * x)); // any data: the Jacobian does not depend on it
  const F = (p: NdArray, out: NdArray): void => {
    xs.forEach((x, i) => out.set(i, p.get(0) + p.get(1) * x - ys[i]!));
  };
  it('float32 parameters give the float64 Jacobian [1, xᵢ] to atol 1e-3 (scipy) — in fact to 1e-7', () => {
    const J64 = jacobian(F, ndarray(new Float64Array([-1, -1])), { outputs: 100, scheme: 'forward' });
    const J32 = jacobian(F, ndarray(new Float32Array([-1, -1])), { outputs: 100, scheme: 'forward' });
    const a = elements(J64);
    elements(J32).forEach((v, k) => expect(Math.abs(v - a[k]!), `entry ${k}`).toBeLessThan(1e-3));
    // linear residuals: the difference quotient over the stored nodes is exact up to the rounding of f (float64)
    xs.forEach((x, i) => {
      expect(Math.abs(J32.get(i, 0) - 1)).toBeLessThan(1e-7);
      expect(Math.abs(J32.get(i, 1) - x)).toBeLessThan(1e-7);
    });
  });
});

describe("scipy test_fp: the forward difference of sin at 1 is within scipy's error bound", () => {
  for (const [name, eps, data] of [
    ['Float32Array', FLOAT32_EPSILON, new Float32Array([1])],
    ['Float64Array', FLOAT64_EPSILON, new Float64Array([1])],
  ] as const) {
    it(name, () => {
      const h = autoStep(1, autoStepBase('forward', eps), name === 'Float32Array');
      // t₀ = h/2·max(|sin 1|, |sin(1 + h)|) (truncation, |f″| = |sin|), t₁ = eps/h·max(|sin 1|, |sin(1 + h)|) (rounding)
      const top = Math.max(Math.abs(Math.sin(1)), Math.abs(Math.sin(1 + h)));
      const bound = (h / 2) * top + (eps / h) * top;
      const g = numericalGradient((v: NdArray) => Math.sin(v.get(0)), ndarray(data), { scheme: 'forward' });
      expect(Math.abs(g.get(0) - Math.cos(1))).toBeLessThan(bound);
    });
  }
});
