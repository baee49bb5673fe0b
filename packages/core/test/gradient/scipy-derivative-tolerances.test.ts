/**
 * scipy.differentiate's TestDerivative.test_convergence, test_step_parameters,
 * test_initial_step, test_maxiter_callback and test_special_cases against
 * derivative() / numericalDiff: scipy's atol, rtol, initial_step and maxiter
 * are our richardson.atol, richardson.rtol, h and richardson.maxLevels (2
 * calls per level after f(x)). The reference derivative is analytic: the
 * scaled Cauchy CDF atan(x)/π has derivative 1/(π(1 + x²)), 1/(2π) at 1.
 */
import { describe, expect, it } from 'vitest';
import { derivative, numericalDiff } from '@descent/core';

const F = (x: number): number => Math.atan(x) / Math.PI;
const REF = 1 / (2 * Math.PI);

describe('scipy test_convergence: tolerances bound the actual error', () => {
  it('atol 1e-3 then 1e-6: within each, and the tighter one is more accurate', () => {
    const loose = derivative(F, 1, { richardson: { atol: 1e-3 } });
    const tight = derivative(F, 1, { richardson: { atol: 1e-6 } });
    expect(Math.abs(loose.value - REF)).toBeLessThan(1e-3);
    expect(Math.abs(tight.value - REF)).toBeLessThan(1e-6);
    expect(Math.abs(tight.value - REF)).toBeLessThan(Math.abs(loose.value - REF));
    expect([loose.status, tight.status]).toEqual(['converged', 'converged']);
    expect(loose.evaluations).toBeLessThan(tight.evaluations); // a looser tolerance stops earlier
  });

  it('rtol 1e-3 then 1e-6: within each relative to f′', () => {
    const loose = derivative(F, 1, { richardson: { rtol: 1e-3 } });
    const tight = derivative(F, 1, { richardson: { rtol: 1e-6 } });
    expect(Math.abs(loose.value - REF)).toBeLessThan(1e-3 * REF);
    expect(Math.abs(tight.value - REF)).toBeLessThan(1e-6 * REF);
    expect(Math.abs(tight.value - REF)).toBeLessThan(Math.abs(loose.value - REF));
  });
});

describe('scipy test_step_parameters / test_initial_step: a smaller first step is more accurate at a fixed number of levels', () => {
  it('two levels from h = 0.5 against h = 0.05', () => {
    const wide = derivative(F, 1, { h: 0.5, richardson: { maxLevels: 2 } });
    const narrow = derivative(F, 1, { h: 0.05, richardson: { maxLevels: 2 } });
    expect(Math.abs(narrow.value - REF)).toBeLessThan(Math.abs(wide.value - REF));
  });

  it('central differences of exp at 0 with h = logspace(−3, 0, 10): the error grows with h (truncation h²/6)', () => {
    const errors = Array.from({ length: 10 }, (_, i) => Math.abs(numericalDiff(Math.exp, 0, { h: 10 ** (-3 + i / 3) }) - 1));
    for (let i = 1; i < 10; i++) expect(errors[i]!).toBeGreaterThan(errors[i - 1]!);
    // and each is the central difference's truncation (cosh h − 1 ≈ h²/6 + h⁴/120 … relative: sinh(h)/h − 1)
    errors.forEach((e, i) => {
      const h = 10 ** (-3 + i / 3);
      expect(Math.abs(e - (Math.sinh(h) / h - 1))).toBeLessThan(1e-12);
    });
  });
});

describe('scipy test_maxiter_callback: the level limit', () => {
  it('maxLevels 3 with rtol 1e-15 at 0.612814: not converged, f(x) + 2·3 = 7 calls', () => {
    const r = derivative(F, 0.612814, { richardson: { maxLevels: 3, rtol: 1e-15 } });
    expect(r.status).toBe('not-converged');
    expect(r.evaluations).toBe(7);
    const ref = 1 / (Math.PI * (1 + 0.612814 ** 2));
    expect(r.error).toBeGreaterThanOrEqual(Math.abs(r.value - ref)); // the error of an unconverged estimate still bounds it
  });
});

describe('scipy test_special_cases', () => {
  it('x⁹⁹ − 1 at 7 with rtol 1e-10: 99·7⁹⁸ (≈ 6.5e84) to 1e-10, converged', () => {
    const r = derivative((x) => x ** 99 - 1, 7, { richardson: { rtol: 1e-10 } });
    expect(r.status).toBe('converged');
    expect(Math.abs(r.value / (99 * 7 ** 98) - 1)).toBeLessThan(1e-10);
  });

  it('2xⁿ at 1.5 for n = 0…5: 2n·1.5ⁿ⁻¹ to 1e-15 relative (scipy), converged within 4 levels', () => {
    for (let n = 0; n <= 5; n++) {
      const r = derivative((x) => 2 * x ** n, 1.5);
      const ref = 2 * n * 1.5 ** (n - 1);
      expect(Math.abs(r.value - ref), `n=${n}`).toBeLessThanOrEqual(1e-15 * Math.max(Math.abs(ref), 1));
      expect(r.status, `n=${n}`).toBe('converged');
      // central differences are exact for degree ≤ 2, one extrapolation for ≤ 4, two for ≤ 6; one more level confirms
      expect(r.evaluations, `n=${n}`).toBeLessThanOrEqual(9);
    }
  });

  it('c·x − 1 with c = 3 at 2: 3 exactly', () => {
    expect(derivative((x) => 3 * x - 1, 2).value).toBe(3);
  });
});
