/**
 * The Moré–Thuente line search: hand-derived trial sequences through its cases
 * (accepted first trial, case 1 bracketing on a cubic, case 3 extrapolation
 * clamped to the [α, 5α] window), the strong Wolfe conditions at every answer,
 * and the same honest failures as the Wolfe search.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { moreThuenteSearch as moreThuenteSearchLoop } from '../../../src/minimize/line-search/more-thuente.js';
import { settle } from '../../../src/drive/run-sync.js';
import { WOLFE_DEFAULTS } from '../../../src/minimize/line-search/wolfe.js';
import { line, wolfeHolds } from './line-fixtures.js';

/** The search run to its end (its φ makes no request). */
const moreThuenteSearch = (...args: Parameters<typeof moreThuenteSearchLoop>) => settle(moreThuenteSearchLoop(...args));

describe('moreThuenteSearch', () => {
  it('accepts α₀ = 1 on φ = (α − 2)²', () => {
    const out = moreThuenteSearch(line((a) => (a - 2) ** 2, (a) => 2 * (a - 2)), 4, -4, 1, WOLFE_DEFAULTS);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 1, value: 1, slope: -2, current: true, values: 1, slopes: 1 });
  });

  it('case 1 on φ = α³/3 − α from α₀ = 3: the cubic minimizer 1 and the quadratic 0.5 average to 0.75', () => {
    // φ(3) = 6 > φ(0): bracketed. The cubic through (0, 0, −1), (3, 6, 8) is φ itself, minimizer 1; the quadratic through
    // φ(0), φ′(0), φ(3) has minimizer 0 + (−1/((0 − 6)/3 − 1)/2)·3 = 0.5. The cubic is farther from stx = 0, so the step is
    // 1 + (0.5 − 1)/2 = 0.75, where |φ′| = 0.4375 ≤ 0.9.
    const phi = (a: number): number => a ** 3 / 3 - a;
    const dphi = (a: number): number => a * a - 1;
    const l = line(phi, dphi);
    const out = moreThuenteSearch(l, 0, -1, 3, WOLFE_DEFAULTS);
    expect(l.values).toEqual([3, 0.75]);
    expect(l.slopes).toEqual([3, 0.75]); // a slope at every trial, the rejected one too
    expect(out).toMatchObject({ status: 'wolfe', alpha: 0.75, value: -0.609375, slope: -0.4375 });
  });

  it('case 3 on φ = (α − 20)²: cubic and secant steps both say 20, clamped to the first window [0, 5α₀]', () => {
    // At α = 1: f = 361, φ′ = −38 (|−38| > 36), same sign as φ′(0) = −40 and smaller: case 3. θ = 3·39 − 78 = 39,
    // γ = −40·√(0.950625 − 0.95) = −1, r = (−1 + 38 + 39)/(−2 + 38 − 40) = −19, step 1 + 19 = 20; the secant gives 20 too;
    // the window after the first trial is [0, 1 + 4·1]: 5, where |φ′(5)| = 30 ≤ 36.
    const l = line((a) => (a - 20) ** 2, (a) => 2 * (a - 20));
    const out = moreThuenteSearch(l, 400, -40, 1, WOLFE_DEFAULTS);
    expect(l.values).toEqual([1, 5]);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 5, value: 225, slope: -30 });
  });

  it('lands on the minimizer of a quadratic after one bracketing trial: φ = (α − 1)² from 4', () => {
    const l = line((a) => (a - 1) ** 2, (a) => 2 * (a - 1));
    const out = moreThuenteSearch(l, 1, -2, 4, WOLFE_DEFAULTS);
    expect(l.values).toEqual([4, 1]);
    expect(out).toMatchObject({ status: 'wolfe', alpha: 1, value: 0, slope: 0 });
  });

  it('fails honestly: noDecrease after maxTrials, precisionLoss at f = 1e8, unbounded at −∞', () => {
    expect(moreThuenteSearch(line((a) => a, () => 1), 0, -1, 1, WOLFE_DEFAULTS)).toMatchObject({ status: 'noDecrease', alpha: 0, current: false });
    // φ = 1e8 + 1e-9·(α² − α): its dip of 2.5e-10 at α = ½ is below the ulp of 1e8 (1.5e-8), so no step shows a decrease.
    const flat = line((a) => 1e8 + 1e-9 * (a * a - a), (a) => 1e-9 * (2 * a - 1));
    expect(moreThuenteSearch(flat, 1e8, -1e-9, 1, WOLFE_DEFAULTS)).toMatchObject({ status: 'precisionLoss', alpha: 0 });
    expect(moreThuenteSearch(line((a) => (a >= 5 ? -Infinity : -a), () => -1), 0, -1, 1, WOLFE_DEFAULTS)).toMatchObject({ status: 'unbounded', alpha: 5 });
  });

  it('shrinks toward the best step after a non-finite φ', () => {
    const l = line((a) => (a > 2 ? Infinity : (a - 1) ** 2), (a) => 2 * (a - 1));
    const out = moreThuenteSearch(l, 1, -2, 4, WOLFE_DEFAULTS);
    expect(l.values[1]).toBeCloseTo(0.8, 14);
    expect(out.status).toBe('wolfe');
    expect(wolfeHolds((a) => (a - 1) ** 2, (a) => 2 * (a - 1), out.alpha)).toEqual({ decrease: true, curvature: true });
  });

  it('satisfies both strong Wolfe conditions on random quartics with a minimizer (α − b)²((α − b)² + c)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 50, noNaN: true }),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (b, c, alpha0) => {
          const phi = (a: number): number => (a - b) ** 2 * ((a - b) ** 2 + c);
          const dphi = (a: number): number => 4 * (a - b) ** 3 + 2 * c * (a - b);
          const out = moreThuenteSearch(line(phi, dphi), phi(0), dphi(0), alpha0, WOLFE_DEFAULTS);
          expect(out.status).toBe('wolfe');
          expect(wolfeHolds(phi, dphi, out.alpha)).toEqual({ decrease: true, curvature: true });
        },
      ),
    );
  });
});
