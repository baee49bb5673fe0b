/**
 * Schemes and the evaluation counter. Each scheme's truncation error on a
 * polynomial is known in closed form, so the value it returns is predicted:
 *   forward on x³:  ((x+h)³ − x³)/h       = 3x² + 3xh + h²
 *   backward on x³: (x³ − (x−h)³)/h       = 3x² − 3xh + h²
 *   central on x³:  ((x+h)³ − (x−h)³)/2h  = 3x² + h²
 *   five-point: exact on polynomials of degree ≤ 4; on x⁵ at 0:
 *     (−32h⁵ + 8h⁵ + 8h⁵ − 32h⁵)/12h = −4h⁴.
 * Rounding adds about eps·|f|/h, far below the tolerances used here.
 * Counts: N+1 calls (forward, backward), 2N (central), 4N (five-point).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalDiff, numericalGradient, type DifferenceScheme } from '@descent/core';
import { elements } from '../helpers.js';

const cube = (v: NdArray): number => elements(v).reduce((s, x) => s + x * x * x, 0);
const H = 1e-3;
const X = [2, -1.5, 0.5];

describe('truncation error of each scheme on x³ (h = 1e-3)', () => {
  const predicted: Record<Exclude<DifferenceScheme, 'five-point'>, (x: number) => number> = {
    forward: (x) => 3 * x * x + 3 * x * H + H * H,
    backward: (x) => 3 * x * x - 3 * x * H + H * H,
    central: (x) => 3 * x * x + H * H,
  };
  for (const scheme of ['forward', 'backward', 'central'] as const) {
    it(`${scheme}: numericalGradient and numericalDiff match the closed form to 1e-10`, () => {
      const g = elements(numericalGradient(cube, ndarray(Float64Array.from(X), [3]), { h: H, scheme }));
      X.forEach((x, i) => {
        expect(Math.abs(g[i]! - predicted[scheme](x))).toBeLessThan(1e-10);
        expect(Math.abs(numericalDiff((t) => t * t * t, x, { h: H, scheme }) - predicted[scheme](x))).toBeLessThan(1e-10);
      });
      // the error is really there: forward at x=2 is off by 3·2·h + h² ≈ 6e-3
      if (scheme === 'forward') expect(g[0]! - 12).toBeCloseTo(6.001e-3, 9);
    });
  }
  it('five-point is exact on a quartic up to rounding', () => {
    const quartic = (t: number): number => t ** 4 - 2 * t ** 3 + t;
    const dQuartic = (t: number): number => 4 * t ** 3 - 6 * t * t + 1;
    const v = ndarray(Float64Array.from(X), [3]);
    const g = elements(numericalGradient((a) => elements(a).reduce((s, t) => s + quartic(t), 0), v, { h: 1e-2, scheme: 'five-point' }));
    X.forEach((x, i) => {
      expect(Math.abs(g[i]! - dQuartic(x))).toBeLessThan(1e-11);
      expect(Math.abs(numericalDiff(quartic, x, { h: 1e-2, scheme: 'five-point' }) - dQuartic(x))).toBeLessThan(1e-11);
    });
  });
  it('five-point on x⁵ at 0 returns −4h⁴', () => {
    expect(numericalDiff((t) => t ** 5, 0, { h: 1e-2, scheme: 'five-point' })).toBeCloseTo(-4e-8, 20);
    const g = numericalGradient((a) => a.get(0) ** 5, ndarray(new Float64Array(1), [1]), { h: 1e-2, scheme: 'five-point' });
    expect(g.get(0)).toBeCloseTo(-4e-8, 20);
  });
});

describe('counter', () => {
  const expected: Record<DifferenceScheme, number> = { forward: 6, backward: 6, central: 10, 'five-point': 20 };
  for (const scheme of Object.keys(expected) as DifferenceScheme[]) {
    it(`${scheme}: N = 5 coordinates cost ${expected[scheme]} calls, counted and real`, () => {
      let calls = 0;
      const counter = { evaluations: 0 };
      numericalGradient(
        (v) => {
          calls++;
          return cube(v);
        },
        ndarray(new Float64Array([1, 2, 3, 4, 5]), [5]),
        { scheme, counter },
      );
      expect(calls).toBe(expected[scheme]);
      expect(counter.evaluations).toBe(expected[scheme]);
    });
  }
  it('accumulates over calls and counts numericalDiff: 2 per one-sided/central, 4 per five-point', () => {
    const counter = { evaluations: 7 };
    numericalDiff((t) => t, 1, { counter });
    numericalDiff((t) => t, 1, { counter, scheme: 'forward' });
    numericalDiff((t) => t, 1, { counter, scheme: 'five-point' });
    numericalGradient(cube, ndarray(new Float64Array([1, 2]), [2]), { counter });
    expect(counter.evaluations).toBe(7 + 2 + 2 + 4 + 4);
  });
  it('counts the call that threw', () => {
    const counter = { evaluations: 0 };
    let calls = 0;
    const throwing = (v: NdArray): number => {
      if (++calls === 3) throw new Error('third');
      return cube(v);
    };
    expect(() => numericalGradient(throwing, ndarray(new Float64Array([1, 2, 3]), [3]), { counter })).toThrow('third');
    expect(counter.evaluations).toBe(3);
  });
});
