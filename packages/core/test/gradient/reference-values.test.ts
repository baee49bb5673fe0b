/**
 * Reference values: with h = 1e-4, central differences and quotient: 'nominal',
 * numericalDiff and numericalGradient reproduce the book's printed numbers bit
 * for bit: the float64 storage holds x ± 1e-4 as computed, and the quotient
 * divides by the nominal 2h = 2e-4, exactly as (f(x+h) − f(x−h)) / (2*h) in
 * the book. (The default quotient divides by the step actually stored,
 * (x+h) − (x−h), which is not exactly 2e-4 at x = 3, so the last bits differ.)
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalDiff, numericalGradient } from '@descent/core';
import { elements } from '../helpers.js';

const H = { h: 1e-4, quotient: 'nominal' } as const;

describe('numericalDiff reproduces the book', () => {
  // f(x) = 0.01x² + 0.1x, f'(x) = 0.02x + 0.1: exact 0.2 at 5 and 0.3 at 10;
  // the printed values carry the rounding of the two f evaluations.
  const f = (x: number): number => 0.01 * x ** 2 + 0.1 * x;
  it('at x = 5 gives 0.1999999999990898', () => {
    expect(numericalDiff(f, 5, H)).toBe(0.1999999999990898);
  });
  it('at x = 10 gives 0.2999999999986347', () => {
    expect(numericalDiff(f, 10, H)).toBe(0.2999999999986347);
  });
  it('of x0² + 4² at x0 = 3 gives 6.00000000000378 (partial derivative, exact 6)', () => {
    expect(numericalDiff((x0) => x0 * x0 + 4.0 ** 2, 3, H)).toBe(6.00000000000378);
  });
});

describe('numericalGradient reproduces the book', () => {
  // f(x) = x0² + x1², ∇f = (2x0, 2x1)
  const f = (x: NdArray): number => x.get(0) * x.get(0) + x.get(1) * x.get(1);
  const cases: [number[], number[]][] = [
    [[3, 4], [6.00000000000378, 7.999999999999119]],
    [[0, 2], [0, 4.000000000004]],
    [[3, 0], [6.000000000012662, 0]],
  ];
  for (const [point, expected] of cases) {
    it(`at (${point.join(', ')}) gives [${expected.join(', ')}]`, () => {
      const g = numericalGradient(f, ndarray(new Float64Array(point), [2]), H);
      expect(elements(g)).toEqual(expected);
      expect(g.data).toBeInstanceOf(Float64Array);
      expect(g.shape).toEqual([2]);
    });
  }
});

describe("book compatibility when x ± h itself rounds (quotient: 'nominal')", () => {
  it('at x = 1e12, h = 1e-4 the quotient is the literal book formula (nominal 2h), 2684354560000', () => {
    // 1e12 + 1e-4 rounds to 1e12 + 2⁻¹³ (spacing 1.22e-4), so the applied step
    // is 1.22e-4, not 1e-4; like the book's Python, the quotient still divides
    // by 2e-4. The 22% larger step gives 2.44e12 and the rounding of f (one
    // ulp of 1e24 ≈ 1.3e8 is 6.7e11 after dividing by 2e-4) the rest:
    // 2.684e12 instead of 2e12. h: 'auto' avoids both; the default 'actual'
    // quotient avoids the first (see quotient.test.ts).
    const square = (v: NdArray): number => v.get(0) ** 2;
    const g = numericalGradient(square, ndarray(Float64Array.from([1e12]), [1]), H);
    expect(g.get(0)).toBe(((1e12 + 1e-4) ** 2 - (1e12 - 1e-4) ** 2) / (2 * 1e-4));
    expect(g.get(0)).toBe(2684354560000);
    expect(numericalGradient(square, ndarray(Float64Array.from([1e12]), [1])).get(0) / 2e12).toBeCloseTo(1, 9);
  });
});
