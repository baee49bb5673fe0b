/**
 * The strong-Wolfe line search (Nocedal–Wright bracketing and zoom): hand-derived
 * trial sequences on quadratics and a cubic, the sufficient-decrease and curvature
 * conditions at every answer, gradients only at trials that decrease f, and the
 * honest failures (no decrease, precision loss, unbounded, non-finite values).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WOLFE_DEFAULTS, wolfeSearch as wolfeSearchLoop } from '../../../src/minimize/line-search/wolfe.js';
import { settle } from '../../../src/drive/run-sync.js';
import { line, wolfeHolds } from './line-fixtures.js';

/** The search run to its end (its φ makes no request). */
const wolfeSearch = (...args: Parameters<typeof wolfeSearchLoop>) => settle(wolfeSearchLoop(...args));

describe('wolfeSearch', () => {
  it('accepts α₀ = 1 on φ = (α − 2)²: φ(1) = 1 ≤ 4 − 4e-4 and |φ′(1)| = 2 ≤ 0.9·4', () => {
    const phi = (a: number): number => (a - 2) ** 2;
    const l = line(phi, (a) => 2 * (a - 2));
    const out = wolfeSearch(l, 4, -4, 1, WOLFE_DEFAULTS);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 1, value: 1, slope: -2, current: true, values: 1, slopes: 1 });
  });

  it('zooms by the quadratic through φ(0), φ′(0), φ(4) on φ = (α − 1)², landing on the minimizer 1', () => {
    // φ(4) = 9 fails the decrease test: bracket [0, 4]; q(α) = 1 − 2α + ((9 − 1 + 8)/16)α² = (α − 1)², minimizer 1,
    // inside the safeguard [0.4, 3.6]; φ′(1) = 0.
    const l = line((a) => (a - 1) ** 2, (a) => 2 * (a - 1));
    const out = wolfeSearch(l, 1, -2, 4, WOLFE_DEFAULTS);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 1, value: 0, slope: 0, values: 2, slopes: 1 });
    expect(l.values).toEqual([4, 1]);
    expect(l.slopes).toEqual([1]); // no gradient at the rejected trial 4
  });

  it('takes the hand-derived steps 3 → 0.5 → 0.78125 on the cubic φ = α³/3 − α (c2 = 0.5)', () => {
    // φ(3) = 6 > 0: zoom on [0, 3]; quadratic from φ(0) = 0, φ′(0) = −1, φ(3) = 6: curvature 6 + 3 = 9, α = 9/18 = 0.5.
    // φ(0.5) = −0.458333 decreases, φ′(0.5) = −0.75: |−0.75| > 0.5, still descending → lo = 0.5.
    // Quadratic from (0.5, −0.458333, −0.75) to φ(3) = 6: h = 2.5, curvature 6 + 0.458333 + 1.875 = 8.333333,
    // α = 0.5 + 0.75·6.25/16.666667 = 0.78125; φ′ = 0.78125² − 1 = −0.389648, |·| ≤ 0.5: Wolfe.
    const phi = (a: number): number => a ** 3 / 3 - a;
    const dphi = (a: number): number => a * a - 1;
    const l = line(phi, dphi);
    const out = wolfeSearch(l, 0, -1, 3, { ...WOLFE_DEFAULTS, c2: 0.5 });
    expect(l.values[0]).toBe(3);
    expect(l.values[1]).toBeCloseTo(0.5, 14);
    expect(out.status).toBe('wolfe');
    expect(out.alpha).toBeCloseTo(0.78125, 12);
    expect(out.slope).toBeCloseTo(-0.389648, 6);
    expect(out.values).toBe(3);
    expect(out.slopes).toBe(2);
    expect(wolfeHolds(phi, dphi, out.alpha, 1e-4, 0.5)).toEqual({ decrease: true, curvature: true });
  });

  it('extrapolates within [1.1, 4]× the last increase: φ = (α − 20)² goes 1 → 5', () => {
    // φ′(0) = −40; α = 1: φ′ = −38, |−38| > 36, still descending. The cubic through (0, 400, −40), (1, 361, −38) is φ,
    // minimized at 20, clamped to 1 + 4·1 = 5, where |φ′(5)| = 30 ≤ 36.
    const phi = (a: number): number => (a - 20) ** 2;
    const l = line(phi, (a) => 2 * (a - 20));
    const out = wolfeSearch(l, 400, -40, 1, WOLFE_DEFAULTS);
    expect(l.values).toEqual([1, 5]);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 5, slopes: 2 });
  });

  it('stops at alphaMax with a decreasing step when the curvature test cannot be met below it ("armijo")', () => {
    const l = line((a) => (a - 20) ** 2, (a) => 2 * (a - 20));
    const out = wolfeSearch(l, 400, -40, 1, { ...WOLFE_DEFAULTS, c2: 0.5, alphaMax: 2 });
    expect(l.values).toEqual([1, 2]);
    expect(out).toMatchObject({ status: 'armijo', alpha: 2, value: 324, slope: -36, current: true });
  });

  it('shrinks by 0.2 toward the last good step after a non-finite φ and never asks for its slope', () => {
    const l = line((a) => (a > 2 ? NaN : (a - 1) ** 2), (a) => 2 * (a - 1));
    const out = wolfeSearch(l, 1, -2, 4, WOLFE_DEFAULTS);
    expect(l.values).toEqual([4, 0.8]);
    expect(l.slopes).toEqual([0.8]);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 0.8 });
  });

  it("reports 'noDecrease' (α = 0, not current) when no trial decreases f within maxTrials", () => {
    // A direction claimed to descend (φ′(0) = −1) along which φ(α) = α increases.
    const l = line((a) => a, () => 1);
    const out = wolfeSearch(l, 0, -1, 1, WOLFE_DEFAULTS);
    expect(out).toMatchObject({ status: 'noDecrease', alpha: 0, value: 0, current: false, values: 20, slopes: 0 });
  });

  it("reports 'precisionLoss' when f stops changing: φ = 1e8 − 1e-9·α rounds to 1e8 (ulp 1.5e-8)", () => {
    // φ(1) = 1e8 exactly: no strict decrease. The bracket's predicted change 1·1e-9 is below eps·1e8 = 2.2e-8,
    // so no step can show a decrease: stop after one trial.
    const l = line((a) => 1e8 - 1e-9 * a, () => -1e-9);
    const out = wolfeSearch(l, 1e8, -1e-9, 1, WOLFE_DEFAULTS);
    expect(out).toMatchObject({ status: 'precisionLoss', alpha: 0, values: 1 });
  });

  it("reports 'unbounded' when φ reaches −∞ while extrapolating", () => {
    // φ = −α until 5: the cubic through two points of a line has no minimizer, so the step grows by 4×: 1 → 5.
    const l = line((a) => (a >= 5 ? -Infinity : -a), () => -1);
    const out = wolfeSearch(l, 0, -1, 1, WOLFE_DEFAULTS);
    expect(out).toMatchObject({ status: 'unbounded', alpha: 5, value: -Infinity });
  });

  it('satisfies both strong Wolfe conditions on random convex quadratics and steps', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (curvature, minimizer, alpha0) => {
          const phi = (a: number): number => curvature * (a - minimizer) ** 2;
          const dphi = (a: number): number => 2 * curvature * (a - minimizer);
          const out = wolfeSearch(line(phi, dphi), phi(0), dphi(0), alpha0, WOLFE_DEFAULTS);
          expect(out.status).toBe('wolfe');
          expect(wolfeHolds(phi, dphi, out.alpha)).toEqual({ decrease: true, curvature: true });
        },
      ),
    );
  });
});
