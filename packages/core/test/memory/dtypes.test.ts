/**
 * Storage types: Float32Array rounds x ± h, so the quotient divides by the
 * difference of the values it actually stored, and h: 'auto' takes the float32
 * epsilon 2⁻²³; plain arrays behave exactly like Float64Array; integer typed
 * arrays are refused with a TypeError before f is ever called.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it, vi } from 'vitest';
import { FLOAT32_EPSILON, numericalGradient, representableStep } from '@descent/core';
import { elements } from '../helpers.js';

const sumOfSquares = (v: NdArray): number => {
  let s = 0;
  for (let i = 0; i < v.shape[0]!; i++) s += v.get(i) * v.get(i);
  return s;
};

describe('Float32Array', () => {
  it('a fixed h = 1e-4 divides by the stored difference, not by the nominal 2h', () => {
    const x = ndarray(new Float32Array([3]), [1]);
    const g = numericalGradient(sumOfSquares, x, { h: 1e-4 });
    // The storage holds up = fround(3.0001), down = fround(2.9999); f = x² is
    // evaluated in double, so (up² − down²)/(up − down) = up + down = 6 up to
    // one rounding of f: the kernel's answer is 6 to ~1e-12.
    const up = Math.fround(3 + 1e-4);
    const down = Math.fround(3 - 1e-4);
    expect(Math.abs(g.get(0) - 6)).toBeLessThan(1e-10);
    expect(g.get(0)).toBe((up * up - down * down) / (up - down));
    // The nominal quotient (up² − down²)/2e-4 = 6·(up − down)/2e-4 would be off by ~1e-3 relative
    // (float32 spacing at 3 is 2.4e-7, i.e. ~1e-3 of h).
    const nominal = (up * up - down * down) / 2e-4;
    expect(up - down).not.toBe(2e-4);
    expect(Math.abs(nominal - 6)).toBeGreaterThan(1e-3);
  });

  it("h: 'auto' uses the float32 epsilon: the step f sees is representableStep(x, cbrt(2⁻²³)·max(1,|x|))", () => {
    const values = [3, -0.25, 100];
    const x = ndarray(new Float32Array(values), [3]);
    const seen: number[] = [];
    const g = numericalGradient(
      (v) => {
        seen.push(v.get(0), v.get(1), v.get(2));
        return sumOfSquares(v);
      },
      x,
    );
    // first call: x[0] moved up by h₀ = fround-representable step ≈ 4.92e-3·3
    const h0 = representableStep(3, Math.cbrt(FLOAT32_EPSILON) * 3, true);
    expect(seen[0]! - 3).toBe(h0);
    expect(h0).toBeGreaterThan(1e-2); // far larger than the float64 step 6e-6·3 = 1.8e-5
    expect(Math.cbrt(FLOAT32_EPSILON)).toBeCloseTo(4.921566601151848e-3, 15);
    // On x² the secant through the stored nodes has slope up + down exactly
    // (up to the rounding of f in double). x + h is exact by construction, but
    // x − h may round to a float32 neighbour, moving the midpoint by at most
    // half a float32 spacing: |g − 2x| ≤ f''·spacing/2 = spacing(|x| + h).
    elements(g).forEach((gi, i) => {
      const up = seen[3 * (2 * i) + i]!;
      const down = seen[3 * (2 * i + 1) + i]!;
      // rounding of the two f values (F ≈ Σx² ≈ 1e4): a few eps·F over up − down
      const F = values.reduce((sum, v) => sum + (Math.abs(v) + 1) ** 2, 0);
      expect(Math.abs(gi - (up + down))).toBeLessThan((4 * Number.EPSILON * F) / (up - down));
      const spacing = 2 ** (Math.floor(Math.log2(Math.abs(values[i]!) + 1)) - 23);
      expect(Math.abs(gi - 2 * values[i]!)).toBeLessThanOrEqual(spacing);
    });
  });

  it('five-point on float32 fits the cubic through the stored nodes: exact on x³, the nominal formula is not', () => {
    // h = 1e-2: the four nodes x ± h, x ± 2h are rounded to float32, so the
    // nominal weights (1, −8, 8, −1)/12h no longer match them. The kernel uses
    // the derivative at x of the cubic through the four stored nodes, which is
    // x³ itself: the result is 3x² up to the rounding of f (~1e-12).
    for (const x0 of [3, 0.1, -7.3]) {
      const x = ndarray(Float32Array.from([x0]), [1]);
      const xs = Math.fround(x0);
      const nodes: number[] = [];
      const g = numericalGradient(
        (v) => {
          nodes.push(v.get(0));
          return v.get(0) ** 3;
        },
        x,
        { h: 1e-2, scheme: 'five-point' },
      );
      expect(Math.abs(g.get(0) - 3 * xs * xs)).toBeLessThan(1e-11);
      const [m2, m1, p1, p2] = nodes as [number, number, number, number];
      const nominal = (m2 ** 3 - 8 * m1 ** 3 + 8 * p1 ** 3 - p2 ** 3) / (12 * 1e-2);
      expect(Math.abs(nominal - 3 * xs * xs)).toBeGreaterThan(1e-9);
    }
  });

  it('restores the float32 values exactly', () => {
    const x = ndarray(new Float32Array([0.1, 1 / 3, -7.7]), [3]);
    const before = Array.from(x.data as Float32Array);
    numericalGradient(sumOfSquares, x, { h: 1e-3 });
    expect(Array.from(x.data as Float32Array)).toEqual(before);
  });
});

describe('plain Array storage', () => {
  it('gives the same numbers as Float64Array, bit for bit', () => {
    const a = numericalGradient(sumOfSquares, ndarray([3, 4], [2]), { h: 1e-4, quotient: 'nominal' });
    expect(elements(a)).toEqual([6.00000000000378, 7.999999999999119]); // the book's numbers
    const actual = numericalGradient(sumOfSquares, ndarray([3, 4], [2]), { h: 1e-4 });
    expect(elements(actual)).toEqual(elements(numericalGradient(sumOfSquares, ndarray(new Float64Array([3, 4]), [2]), { h: 1e-4 })));
    const auto = numericalGradient(sumOfSquares, ndarray([0.3, -2.5, 40], [3]));
    expect(elements(auto)).toEqual(elements(numericalGradient(sumOfSquares, ndarray(new Float64Array([0.3, -2.5, 40]), [3]))));
  });
});

describe('integer storage is refused', () => {
  for (const [name, data] of [
    ['Int32Array', new Int32Array([1, 2, 3])],
    ['Uint8Array', new Uint8Array([1, 2, 3])],
  ] as const) {
    it(`${name}: TypeError naming the type and the fix, f never called`, () => {
      const f = vi.fn(() => 0);
      const x = ndarray(data as unknown as Float64Array, [3]);
      expect(() => numericalGradient(f, x)).toThrow(TypeError);
      expect(() => numericalGradient(f, x)).toThrow(`numericalGradient: x holds ${name}(3) data, which is integer-typed`);
      expect(() => numericalGradient(f, x)).toThrow('Float64Array.from(x.data)');
      expect(f).not.toHaveBeenCalled();
      expect(Array.from(data)).toEqual([1, 2, 3]);
    });
  }
});
