/**
 * scipy's test_check_derivative (check_derivative compares a Jacobian
 * function with approx_derivative and returns the worst relative error)
 * against gradCheck, per output of scipy's vector functions (gradCheck checks
 * the gradient of a scalar f): a right gradient agrees far inside scipy's
 * 1e-9 (full mode, scheme richardson) and 1e-6 (central); a gradient that is
 * identically 0 where f is flat agrees exactly (scipy: accuracy == 0).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradCheck } from '@descent/core';
import { vectorVectorJacobian } from '../scipy-functions.js';

describe('scipy fun_vector_vector at (−10, 10), one output at a time', () => {
  const outputs: ((x: NdArray) => number)[] = [
    (x) => x.get(0) * Math.sin(x.get(1)),
    (x) => x.get(1) * Math.cos(x.get(0)),
    (x) => x.get(0) ** 3 * x.get(1) ** -0.5,
  ];
  it('central to 1e-6 and richardson to 1e-9 relative', () => {
    outputs.forEach((f, i) => {
      const grad = (x: NdArray): NdArray => ndarray(vectorVectorJacobian(x.get(0), x.get(1))[i]!.slice(), [2]);
      const central = gradCheck(f, grad, ndarray([-10, 10]));
      expect(central.passed, `output ${i}`).toBe(true);
      expect(central.maxRelError, `output ${i}`).toBeLessThan(1e-6);
      const rich = gradCheck(f, grad, ndarray([-10, 10]), { scheme: 'richardson' });
      expect(rich.maxRelError, `output ${i}`).toBeLessThan(1e-9);
    });
  });
});

describe('scipy fun_zero_jacobian at (0, 0): (x₀x₁, cos(x₀x₁)) has a zero Jacobian there', () => {
  it('both outputs check with error exactly 0', () => {
    // f(±h, 0) = 0 and cos(±h·0) = 1 exactly: every difference is 0, and so is the analytic gradient
    const zero = (): NdArray => ndarray([0, 0]);
    for (const f of [(x: NdArray) => x.get(0) * x.get(1), (x: NdArray) => Math.cos(x.get(0) * x.get(1))]) {
      const report = gradCheck(f, zero, ndarray([0, 0]));
      expect([report.maxAbsError, report.maxRelError, report.passed]).toEqual([0, 0, true]);
    }
  });
});
