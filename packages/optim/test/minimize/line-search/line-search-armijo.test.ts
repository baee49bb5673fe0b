/**
 * Armijo backtracking with safeguarded quadratic interpolation: hand-derived
 * trial sequences (exact interpolation, the [0.1α, 0.5α] clamp, the 0.1 shrink
 * after a non-finite value), never a gradient, and the honest failures.
 */
import { describe, expect, it } from 'vitest';
import { armijoSearch as armijoSearchLoop } from '../../../src/minimize/line-search/armijo.js';
import { settle } from '../../../src/drive/run-sync.js';
import { line } from './line-fixtures.js';

const OPTIONS = { c1: 1e-4, maxTrials: 20 };

/** The search run to its end (its φ makes no request). */
const armijoSearch = (...args: Parameters<typeof armijoSearchLoop>) => settle(armijoSearchLoop(...args));

describe('armijoSearch', () => {
  it('interpolates exactly on a quadratic: φ = (α − 1)² from α₀ = 4 → 1, no gradient asked', () => {
    const l = line((a) => (a - 1) ** 2, () => NaN);
    const out = armijoSearch(l, 1, -2, 4, OPTIONS);
    expect(l.values).toEqual([4, 1]);
    expect(l.slopes).toEqual([]);
    expect(out).toMatchObject({ status: 'armijo', alpha: 1, value: 0, current: true, values: 2, slopes: 0 });
    expect(out.slope).toBeNaN();
  });

  it('clamps the interpolated step to [0.1α, 0.5α]: φ = 100α² − α goes 1 → 0.1 → 0.01 → 0.005', () => {
    // The quadratic through φ(0) = 0, φ′(0) = −1 and any φ(α) is φ itself, minimizer 0.005. From 1: clamp to 0.1
    // (φ = 0.9 fails); from 0.1: clamp to 0.01 (φ = 0: no strict decrease); from 0.01: 0.005 ∈ [0.001, 0.005], φ = −0.0025.
    const l = line((a) => 100 * a * a - a, () => NaN);
    const out = armijoSearch(l, 0, -1, 1, OPTIONS);
    expect(l.values).toHaveLength(4);
    [1, 0.1, 0.01, 0.005].forEach((a, k) => expect(l.values[k]).toBeCloseTo(a, 15));
    expect(out.alpha).toBeCloseTo(0.005, 15);
  });

  it('shrinks by 0.1 after a non-finite value', () => {
    const l = line((a) => (a > 2 ? Infinity : (a - 1) ** 2), () => NaN);
    expect(armijoSearch(l, 1, -2, 4, OPTIONS).alpha).toBeCloseTo(0.4, 15);
  });

  it('fails honestly: noDecrease after maxTrials, precisionLoss when f stops changing, unbounded at −∞', () => {
    expect(armijoSearch(line((a) => a, () => NaN), 0, -1, 1, OPTIONS)).toMatchObject({ status: 'noDecrease', alpha: 0, values: 20 });
    expect(armijoSearch(line((a) => 1e8 - 1e-9 * a, () => NaN), 1e8, -1e-9, 1, OPTIONS)).toMatchObject({ status: 'precisionLoss', alpha: 0 });
    expect(armijoSearch(line(() => -Infinity, () => NaN), 0, -1, 1, OPTIONS).status).toBe('unbounded');
  });
});
