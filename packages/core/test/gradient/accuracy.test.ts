/**
 * Accuracy of the default step against analytic gradients at n = 10.
 *
 * Error model, relative step h = c·max(1,|x|): central ≈ h²/6·|f'''| +
 * eps·|f|/h, minimised at c = eps^(1/3) ≈ 6e-6, giving ~eps^(2/3) ≈ 4e-11
 * times the function's scale; five-point ≈ h⁴/30·|f⁽⁵⁾| + eps·|f|/h at
 * c = eps^(1/5) ≈ 7e-4, giving ~eps^(4/5) ≈ 3e-13 times that scale. The
 * targets (3e-10 central, 3e-12 five-point, max relative error over the
 * coordinates) leave a factor ~10 for the ratio |f|/|∂f/∂xᵢ| of these functions.
 * Measured when written: Rosenbrock central ≤ 1.01e-10, five-point ≤ 9.7e-13;
 * Σ eˣ·sin x central ≤ 1.07e-10, five-point ≤ 7.6e-13.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from '@descent/core';
import { expSin, expSinGradient, POINT, rosenbrock, rosenbrockGradient } from '../functions.js';
import { elements } from '../helpers.js';

function maxRelativeError(f: (v: NdArray) => number, gradient: (x: number[]) => number[], scheme: 'central' | 'five-point'): number {
  const numeric = elements(numericalGradient(f, ndarray(Float64Array.from(POINT), [POINT.length]), { scheme }));
  const exact = gradient(POINT);
  return Math.max(...exact.map((g, i) => Math.abs(numeric[i]! - g) / Math.abs(g)));
}

describe('default-step accuracy at n = 10', () => {
  it('Rosenbrock: central ≤ 3e-10, five-point ≤ 3e-12', () => {
    expect(maxRelativeError(rosenbrock, rosenbrockGradient, 'central')).toBeLessThanOrEqual(3e-10);
    expect(maxRelativeError(rosenbrock, rosenbrockGradient, 'five-point')).toBeLessThanOrEqual(3e-12);
  });
  it('Σ eˣ·sin x: central ≤ 3e-10, five-point ≤ 3e-12', () => {
    expect(maxRelativeError(expSin, expSinGradient, 'central')).toBeLessThanOrEqual(3e-10);
    expect(maxRelativeError(expSin, expSinGradient, 'five-point')).toBeLessThanOrEqual(3e-12);
  });
  it('a fixed h = 1e-4 is worse than the default, as the error model predicts (h²/6·|f′′′| ≈ 1e-9·|f′′′|)', () => {
    const x = ndarray(Float64Array.from(POINT), [POINT.length]);
    const fixed = elements(numericalGradient(expSin, x, { h: 1e-4 }));
    const exact = expSinGradient(POINT);
    const worst = Math.max(...exact.map((g, i) => Math.abs(fixed[i]! - g) / Math.abs(g)));
    expect(worst).toBeGreaterThan(3e-10);
    expect(worst).toBeLessThan(1e-7);
  });
});
