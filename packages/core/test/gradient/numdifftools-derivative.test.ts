/**
 * numdifftools' TestDerivative (test_numdifftools.py) against numericalDiff
 * and derivative(): nd.Derivative is adaptive (extrapolated over a sequence
 * of steps), like our derivative(); the fixed schemes get the tolerance
 * their order gives. Higher derivatives (n > 1) and complex steps are not
 * ours and are not ported.
 */
import { describe, expect, it } from 'vitest';
import { derivative, NonFiniteValueError, numericalDiff } from '@descent/core';
import { expectThrows } from '../helpers.js';

describe('numdifftools test_derivative_exp / test_derivative_sin / backward sinh', () => {
  it('exp at 0: 1 to 1e-8 (numdifftools), central and derivative()', () => {
    expect(Math.abs(numericalDiff(Math.exp, 0) - 1)).toBeLessThan(1e-8);
    expect(Math.abs(derivative(Math.exp, 0).value - 1)).toBeLessThan(1e-14);
  });

  it('sin on linspace(0, 2π, 13): cos x to atol 1e-8', () => {
    for (let i = 0; i < 13; i++) {
      const x = (2 * Math.PI * i) / 12;
      expect(Math.abs(numericalDiff(Math.sin, x) - Math.cos(x)), `x=${x}`).toBeLessThan(1e-8);
      expect(Math.abs(derivative(Math.sin, x).value - Math.cos(x)), `x=${x}`).toBeLessThan(1e-14);
    }
  });

  it('backward sinh at 0 looks only below 0 and gives cosh 0 = 1 to 1e-7', () => {
    const seen: number[] = [];
    const value = numericalDiff(
      (x) => {
        seen.push(x);
        return Math.sinh(x);
      },
      0,
      { scheme: 'backward' },
    );
    expect(Math.abs(value - 1)).toBeLessThan(1e-7); // truncation h·sinh″(0)/2 = 0; h²/6 ≈ 4e-17
    expect(seen.every((x) => x <= 0)).toBe(true);
  });
});

describe('numdifftools test_central_and_forward_derivative_on_log: ln at 0.001, f′ = 1000', () => {
  it('derivative() to 1e-7 relative (numdifftools), centred or one-sided above 0', () => {
    expect(Math.abs(derivative(Math.log, 0.001).value / 1000 - 1)).toBeLessThan(1e-7);
    expect(Math.abs(derivative(Math.log, 0.001, { bounds: { lower: 0 } }).value / 1000 - 1)).toBeLessThan(1e-7);
  });

  it('central with its fixed automatic step h ≈ 6.1e-6: truncation h²/6·|f‴/f′| = h²/(3x²) ≈ 1.2e-5', () => {
    expect(Math.abs(numericalDiff(Math.log, 0.001) / 1000 - 1)).toBeLessThan(2e-5);
  });
});

describe('numdifftools test_fun_with_additional_parameters: b·a·x³ with a = 1, b = 2', () => {
  const f = (x: number): number => 2 * 1 * x * x * x;
  it('at 0: 0 to 1e-13 (numdifftools; central: its truncation 2h² ≈ 7.3e-11 at h ≈ 6.1e-6), at 1: 6 (every scheme, to its order)', () => {
    for (const scheme of ['forward', 'backward', 'central', 'five-point', 'richardson'] as const) {
      // forward/backward at 0: 2h³/h = 2h² ≈ 4.4e-16; five-point and richardson are exact on a cubic
      expect(Math.abs(numericalDiff(f, 0, { scheme })), scheme).toBeLessThan(scheme === 'central' ? 1e-10 : 1e-13);
      const tolerance = scheme === 'forward' || scheme === 'backward' ? 1e-7 : 1e-9; // forward: h·f″/2 = 6h ≈ 9e-8
      expect(Math.abs(numericalDiff(f, 1, { scheme }) - 6), scheme).toBeLessThan(tolerance);
    }
  });
});

describe('numdifftools test_infinite_functions: f ≡ ∞', () => {
  it('is refused with a NonFiniteValueError (numdifftools returns NaN)', () => {
    expectThrows(() => numericalDiff(() => Infinity, 0), NonFiniteValueError, 'NON_FINITE_VALUE', /f returned Infinity at x=/);
    expectThrows(() => derivative(() => Infinity, 0), NonFiniteValueError, 'NON_FINITE_VALUE', /f returned Infinity at x=/);
  });
});
