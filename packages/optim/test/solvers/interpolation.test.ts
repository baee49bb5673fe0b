/**
 * Line-search interpolation: the cubic and quadratic minimizers reproduce the
 * minimizer of the function they interpolate when it is a cubic or quadratic,
 * and the safeguard keeps trials inside the bracket.
 */
import { describe, expect, it } from 'vitest';
import { cubicMinimizer, quadraticMinimizer, safeguard } from '../../src/solvers/interpolation.js';

describe('cubicMinimizer', () => {
  it('is exact for a quadratic: φ = (α − 1)², ends 0 and 2', () => {
    expect(cubicMinimizer(0, 1, -2, 2, 1, 2)).toBeCloseTo(1, 14);
  });

  it('is exact for a cubic: φ = α³/3 − α (local minimizer 1), from either end order', () => {
    const phi = (a: number): number => a ** 3 / 3 - a;
    const dphi = (a: number): number => a * a - 1;
    expect(cubicMinimizer(0, phi(0), dphi(0), 3, phi(3), dphi(3))).toBeCloseTo(1, 12);
    expect(cubicMinimizer(3, phi(3), dphi(3), 0, phi(0), dphi(0))).toBeCloseTo(1, 12);
  });

  it('is NaN when the cubic has no local minimizer: φ = −α³ − α on [0, 1] (d₁ = 1, d₁² − da·db = 1 − 4 < 0)', () => {
    const phi = (a: number): number => -(a ** 3) - a;
    const dphi = (a: number): number => -3 * a * a - 1;
    expect(cubicMinimizer(0, phi(0), dphi(0), 1, phi(1), dphi(1))).toBeNaN();
  });
});

describe('quadraticMinimizer', () => {
  it('is exact for φ = (α − 1)²: φ(0) = 1, φ′(0) = −2, φ(3) = 4 gives 1', () => {
    expect(quadraticMinimizer(0, 1, -2, 3, 4)).toBe(1);
  });

  it('works from the right end too: φ = (α − 1)², a = 3 (φ = 4, φ′ = 4), b = 0 (φ = 1) gives 1', () => {
    expect(quadraticMinimizer(3, 4, 4, 0, 1)).toBe(1);
  });

  it('is NaN when the quadratic is not convex (φ(b) below the tangent line)', () => {
    expect(quadraticMinimizer(0, 1, -2, 1, -2)).toBeNaN();
  });
});

describe('safeguard', () => {
  it('keeps a trial 10 % inside either end and maps NaN to the midpoint', () => {
    expect(safeguard(0.001, 0, 1, 0.1)).toBe(0.1);
    expect(safeguard(0.999, 0, 1, 0.1)).toBe(0.9);
    expect(safeguard(0.5, 1, 0, 0.1)).toBe(0.5);
    expect(safeguard(NaN, 2, 4, 0.1)).toBe(3);
  });
});
