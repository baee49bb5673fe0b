/**
 * The step near ±MAX (issue 7, item 16). On main the automatic step at
 * x = Number.MAX_VALUE was (x + h₀) − x = Infinity, so f was called at
 * ±Infinity and the error advised "try a smaller h" although h was 'auto'.
 *
 * Decision: where a node x ± h (x ± 2h) would overflow, the nodes move toward
 * the interior — central becomes one-sided, (f(x) − f(x − h)) / h at +MAX;
 * forward and backward step the other way; five-point fits the cubic through
 * x − h … x − 4h — and the default 'actual' quotient divides by the step taken.
 * The result is first-order there instead of second, which beats an error for
 * a function that is smooth up to the edge. f is never called at ±Infinity.
 * Only when no finite placement exists (a fixed h so large that the nodes
 * overflow on both sides), or with quotient: 'nominal' (whose formula needs the
 * symmetric nodes), is it a StepOverflowError naming the coordinate.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  FLOAT32_MAX,
  NonFiniteValueError,
  numericalDiff,
  numericalGradient,
  numericalGradients,
  StepOverflowError,
  type DifferenceScheme,
} from '@descent/core';
import { elements, expectThrows, sameBits, snapshot } from '../helpers.js';

const MAX = Number.MAX_VALUE;
const SCHEMES: DifferenceScheme[] = ['central', 'forward', 'backward', 'five-point'];

/**
 * f(t) = t/2 − t²/(2·MAX), computed as t/2 − (t/MAX)·(t/2) so that it stays finite on all of [−MAX, MAX]
 * (−MAX at −MAX, 0 at MAX): f'(t) = 1/2 − t/MAX (−1/2 at MAX, 3/2 at −MAX), f'' = −1/MAX.
 */
const bowl = (t: number): number => t / 2 - (t / MAX) * (t / 2);
const bowlSlope = (t: number): number => 0.5 - t / MAX;

/** Records every value of x[0] that f sees. */
function recording(g: (t: number) => number): { f: (v: NdArray) => number; seen: number[] } {
  const seen: number[] = [];
  return {
    seen,
    f: (v) => {
      seen.push(v.get(0));
      return g(v.get(0));
    },
  };
}

describe("h: 'auto' at ±MAX_VALUE: nodes toward the interior, f never sees ±Infinity", () => {
  for (const scheme of SCHEMES) {
    for (const x0 of [MAX, -MAX, MAX * (1 - 1e-7)]) {
      it(`${scheme} at x = ${x0}: the identity has slope 1; t/2 − t²/2MAX has slope ${bowlSlope(x0).toFixed(3)} (first order at the edge)`, () => {
        const id = recording((t) => t);
        const data = Float64Array.of(x0);
        expect(numericalGradient(id.f, ndarray(data, [1]), { scheme }).get(0)).toBeCloseTo(1, 12);
        expect(id.seen.every((t) => Number.isFinite(t))).toBe(true);
        expect(sameBits(snapshot(data), [x0])).toBe(true);
        const bowlCall = recording(bowl);
        const g = numericalGradient(bowlCall.f, ndarray(Float64Array.of(x0), [1]), { scheme }).get(0);
        // one-sided truncation h·|f''|/2 = h/(2·MAX) with h ≤ eps^(1/5)·MAX ≈ 7.4e-4·MAX (five-point's step is the largest)
        expect(Math.abs(g - bowlSlope(x0))).toBeLessThan(1e-3);
        expect(bowlCall.seen.every((t) => Number.isFinite(t))).toBe(true);
      });
    }
  }
  it('central at +MAX is the backward difference over the stored step: nodes x and x − h, in that order', () => {
    const id = recording((t) => t);
    numericalGradient(id.f, ndarray([MAX], [1]));
    expect(id.seen[0]).toBe(MAX);
    expect(id.seen[1]).toBeLessThan(MAX);
    // the automatic step taken downward, ≈ eps^(1/3)·MAX ≈ 1.09e303 (rounded to a float next to MAX − h)
    expect((MAX - id.seen[1]!) / (Math.cbrt(Number.EPSILON) * MAX)).toBeCloseTo(1, 9);
  });
  it('numericalDiff at ±MAX (main called f at ±Infinity)', () => {
    for (const scheme of SCHEMES) {
      const seen: number[] = [];
      const d = numericalDiff(
        (t) => {
          seen.push(t);
          return bowl(t);
        },
        -MAX,
        { scheme },
      );
      expect(Math.abs(d - bowlSlope(-MAX))).toBeLessThan(1e-3);
      expect(seen.every((t) => Number.isFinite(t))).toBe(true);
      expect(numericalDiff((t) => t, MAX, { scheme })).toBeCloseTo(1, 12);
    }
  });
  it('Float32Array near FLOAT32_MAX (3.4028e38): the float32 nodes stay finite', () => {
    for (const scheme of SCHEMES) {
      for (const x0 of [FLOAT32_MAX, -FLOAT32_MAX, Math.fround(3.4e38)]) {
        const id = recording((t) => t);
        const data = Float32Array.of(x0);
        expect(numericalGradient(id.f, ndarray(data, [1]), { scheme }).get(0)).toBeCloseTo(1, 6);
        expect(id.seen.every((t) => Math.abs(t) <= FLOAT32_MAX)).toBe(true);
        expect(data[0]).toBe(x0);
      }
    }
  });
  it('the named form: an edge coordinate next to ordinary ones', () => {
    const W = ndarray(Float64Array.of(MAX, 2), [2]);
    // loss = W₀·2⁻¹⁰²⁰ + W₁² (≈ 16 + 4): ∂/∂W₀ = 2⁻¹⁰²⁰ (a normal number), ∂/∂W₁ = 2W₁ = 4
    const g = numericalGradients(() => W.get(0) * 2 ** -1020 + W.get(1) ** 2, { W }).W!;
    expect(g.get(0) / 2 ** -1020).toBeCloseTo(1, 9);
    expect(g.get(1)).toBeCloseTo(4, 8);
  });
});

describe('fixed h', () => {
  it("with the actual quotient (default) a fixed h that crosses the edge steps inward too", () => {
    expect(numericalGradient((v) => v.get(0), ndarray([MAX], [1]), { h: 1e300 }).get(0)).toBe(1);
  });
  it("quotient: 'nominal' refuses it: StepOverflowError naming the coordinate (its 2h needs both sides)", () => {
    const data = Float64Array.of(1, MAX);
    const e = expectThrows(
      () => numericalGradient((v) => v.get(1), ndarray(data, [2]), { h: 1e300, quotient: 'nominal' }),
      StepOverflowError,
      'STEP_OVERFLOW',
      `numericalGradient: x[1]=${MAX} is within h=1e+300 of the largest finite float64 number, so a node x ± h would overflow to ±Infinity ` +
        "and quotient: 'nominal' needs the nodes on both sides; use the default quotient: 'actual' (it steps toward the interior there) or a smaller h.",
      { coordinate: 'x[1]', h: 1e300, value: MAX },
    );
    expect(e).toBeInstanceOf(RangeError);
    expect(Array.from(data)).toEqual([1, MAX]);
  });
  it('an h too large for either side: StepOverflowError (five-point at 0 with h = 1e308 needs ±2e308)', () => {
    expectThrows(
      () => numericalGradient((v) => v.get(0), ndarray(Float64Array.of(0), [1]), { h: 1e308, scheme: 'five-point' }),
      StepOverflowError,
      'STEP_OVERFLOW',
      "numericalGradient: h=1e+308 is too large at x[0]=0: the nodes would overflow to ±Infinity on both sides; use a smaller h or h: 'auto'.",
      { coordinate: 'x[0]', h: 1e308, value: 0 },
    );
    expectThrows(() => numericalDiff((t) => t, 0, { h: 1e308, scheme: 'five-point' }), StepOverflowError, 'STEP_OVERFLOW', /^numericalDiff: h=1e\+308 is too large at x=0/);
  });
});

describe("the advice when f is not finite near x fits the step", () => {
  const wall = (v: NdArray): number => (v.get(0) > 1 ? Infinity : elements(v)[0]!);
  it("h: 'auto' — no 'try a smaller h' (main said so although the user chose no h)", () => {
    expectThrows(
      () => numericalGradient(wall, ndarray(Float64Array.of(1), [1])),
      NonFiniteValueError,
      'NON_FINITE_VALUE',
      /^numericalGradient: f returned Infinity when x\[0\] was perturbed to 1\.00000605\d*; a finite difference needs finite values of f near x \(f is not finite within the automatic step of x: check its domain there, or pass a smaller fixed h\) — x has been restored\.$/,
      { coordinate: 'x[0]', value: Infinity },
    );
  });
  it('a fixed h keeps the advice', () => {
    expectThrows(() => numericalGradient(wall, ndarray(Float64Array.of(1), [1]), { h: 0.5 }), NonFiniteValueError, 'NON_FINITE_VALUE', /perturbed to 1\.5; a finite difference needs finite values of f near x \(try a smaller h\)/);
  });
});
