/**
 * Step underflow: a fixed h below the spacing of floats at a coordinate
 * (x ± h === x) would give the silently wrong quotient 0/2h. By default it is
 * a RangeError naming the coordinate and the smallest usable h; with
 * stepUnderflow: 'zero' the book's behaviour is reproduced (gradient 0 there).
 * h: 'auto' scales with |x| and never underflows.
 *
 * Spacing of float64 at 1e13 is 2^(43−52) = 2⁻⁹ = 0.001953125, more than twice
 * h = 1e-4, so 1e13 ± 1e-4 rounds back to 1e13; float32 spacing at 1000 is
 * 2^(9−23) ≈ 6.1e-5, more than twice 1e-5.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalDiff, numericalGradient, type DifferenceScheme } from '@descent/core';
import { elements } from '../helpers.js';

const sumOfSquares = (v: NdArray): number => elements(v).reduce((s, x) => s + x * x, 0);

describe("stepUnderflow: 'throw' (default)", () => {
  it('numericalGradient: RangeError naming x[1], its value, the spacing and the fix; x restored', () => {
    const data = Float64Array.from([3, 1e13]);
    const x = ndarray(data, [2]);
    expect(() => numericalGradient(sumOfSquares, x, { h: 1e-4 })).toThrow(RangeError);
    expect(() => numericalGradient(sumOfSquares, x, { h: 1e-4 })).toThrow(
      "numericalGradient: h=0.0001 is below the spacing of floating-point numbers at x[1]=10000000000000 (float64 spacing 0.001953125); use h: 'auto' or h ≥ 0.001953125.",
    );
    expect(Array.from(data)).toEqual([3, 1e13]);
  });
  for (const scheme of ['forward', 'backward', 'five-point'] as DifferenceScheme[]) {
    it(`${scheme} detects it too`, () => {
      expect(() => numericalGradient(sumOfSquares, ndarray(Float64Array.from([1e13]), [1]), { h: 1e-4, scheme })).toThrow(/x\[0\]=10000000000000 /);
    });
  }
  it('five-point: h vanishes at x while 2h does not (1 + 1e-16 === 1, 1 + 2e-16 !== 1)', () => {
    expect(() => numericalDiff((t) => t, 1, { h: 1e-16, scheme: 'five-point' })).toThrow(RangeError);
    expect(() => numericalGradient((v) => v.get(0), ndarray([1], [1]), { h: 1e-16, scheme: 'five-point' })).toThrow(RangeError);
  });
  it('numericalDiff names x', () => {
    expect(() => numericalDiff((t) => t * t, 1e20, { h: 1e-4 })).toThrow(
      "numericalDiff: h=0.0001 is below the spacing of floating-point numbers at x=100000000000000000000 (float64 spacing 16384); use h: 'auto' or h ≥ 16384.",
    );
  });
  it('float32 storage uses the float32 spacing', () => {
    expect(() => numericalGradient(sumOfSquares, ndarray(Float32Array.from([1000]), [1]), { h: 1e-5 })).toThrow(
      "numericalGradient: h=0.00001 is below the spacing of floating-point numbers at x[0]=1000 (float32 spacing 0.00006103515625); use h: 'auto' or h ≥ 0.00006103515625.",
    );
  });
});

describe("stepUnderflow: 'zero' (the book's behaviour)", () => {
  it('the vanished coordinate gets 0, the others the usual quotient', () => {
    // sin keeps f(x) ≈ 9 so that the change at x[0] is not lost in the rounding of f
    const f = (v: NdArray): number => v.get(0) ** 2 + Math.sin(v.get(1));
    const g = numericalGradient(f, ndarray(Float64Array.from([3, 1e13]), [2]), { h: 1e-4, stepUnderflow: 'zero' });
    expect(g.get(0)).toBeCloseTo(6, 9);
    expect(g.get(1)).toBe(0);
  });
  it("numericalDiff returns 0 like the book's numerical_diff with h = 1e-50", () => {
    // the book: (f(x+1e-50) − f(x−1e-50)) / 2e-50 with x = 5: both points are 5, the quotient is 0
    expect(numericalDiff((t) => 0.01 * t ** 2 + 0.1 * t, 5, { h: 1e-50, stepUnderflow: 'zero' })).toBe(0);
  });
  it('all schemes give 0 (not NaN) on a vanished step', () => {
    for (const scheme of ['central', 'forward', 'backward', 'five-point'] as DifferenceScheme[]) {
      const g = numericalGradient(sumOfSquares, ndarray(Float64Array.from([1e13]), [1]), { h: 1e-4, scheme, stepUnderflow: 'zero' });
      // backward divides 0 by the applied step −h, giving −0
      expect(Math.abs(g.get(0))).toBe(0);
    }
  });
});

describe("h: 'auto' never underflows", () => {
  it('gives 2x at 1e13 and at −1e150', () => {
    // relative step 6e-6: central is exact on x² up to rounding (≈ eps/6e-6 ≈ 4e-11 relative)
    for (const x of [1e13, -1e150]) {
      const g = numericalGradient(sumOfSquares, ndarray(Float64Array.from([x]), [1]));
      expect(g.get(0) / (2 * x)).toBeCloseTo(1, 9);
    }
  });
});
