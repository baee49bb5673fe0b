/**
 * The quotient divides by the step actually taken (issue 7, item 3). x ± h is
 * rounded when stored, so a fixed h is not the step f sees; main divided by the
 * nominal 2h (22% off at x = 1e12, h = 1e-4). The default `quotient: 'actual'`
 * divides by the difference of the stored nodes, (x+h) − (x−h), as scipy's
 * approx_derivative does; `quotient: 'nominal'` keeps the book's formula.
 *
 * With f the identity the actual quotient is exactly 1 for any two distinct
 * nodes: (n₀ − n₁)/(n₀ − n₁). The nominal one is (n₀ − n₁)/2h, i.e. the ratio
 * of the stored step to the nominal one:
 *   x = 1e12, h = 1e-4:    spacing 2⁻¹³ ≈ 1.22e-4, both nodes round to ±1 ulp → 2⁻¹²/2e-4 = 1.220703125;
 *   x = 1, h = 1.2e-16:    1 + h → 1 + 2⁻⁵², 1 − h → 1 − 2⁻⁵³ (finer below 1) → 3·2⁻⁵³/2.4e-16 ≈ 1.3878;
 *   x = 3, h = 5e-16:      spacing 2⁻⁵¹ ≈ 4.44e-16 on both sides → 2⁻⁵⁰/1e-15 ≈ 0.8882.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUOTIENT,
  numericalDiff,
  numericalGradient,
  numericalGradients,
  StepUnderflowError,
  type DifferenceScheme,
} from '@descent/core';
import { expectThrows, thrown } from '../helpers.js';

const identity = (v: NdArray): number => v.get(0);
const STORAGES = {
  Float64Array: (x: number) => ndarray(Float64Array.of(x), [1]),
  Array: (x: number) => ndarray([x], [1]),
};

describe("the default is 'actual': the issue's numbers", () => {
  it("DEFAULT_QUOTIENT is 'actual'", () => {
    expect(DEFAULT_QUOTIENT).toBe('actual');
  });
  const cases: { x: number; h: number; nominal: number; schemes: DifferenceScheme[] }[] = [
    { x: 1e12, h: 1e-4, nominal: 1.220703125, schemes: ['central', 'forward', 'backward', 'five-point'] },
    { x: 1, h: 1.2e-16, nominal: 1.3877787807814457, schemes: ['central', 'forward', 'backward'] },
    { x: 3, h: 5e-16, nominal: 0.8881784197001251, schemes: ['central', 'forward', 'backward'] },
  ];
  for (const { x, h, nominal, schemes } of cases) {
    for (const [storage, make] of Object.entries(STORAGES)) {
      it(`v ↦ v[0] at x = ${x}, h = ${h} (${storage}): exactly 1 for ${schemes.join(', ')}; nominal central ${nominal}`, () => {
        for (const scheme of schemes) {
          expect(numericalGradient(identity, make(x), { h, scheme }).get(0)).toBe(1);
          expect(numericalDiff((t) => t, x, { h, scheme })).toBe(1);
        }
        expect(numericalGradient(identity, make(x), { h, quotient: 'nominal' }).get(0)).toBe(nominal);
        expect(numericalDiff((t) => t, x, { h, quotient: 'nominal' })).toBe(nominal);
      });
    }
  }
  it('the named form too', () => {
    // differences from 1e12 are exact, so the loss d₀ + 2d₁ is computed without rounding: slopes exactly 1 and 2
    const W = ndarray(Float64Array.of(1e12, 1e12), [2]);
    const g = numericalGradients(() => W.get(0) - 1e12 + 2 * (W.get(1) - 1e12), { W }, { h: 1e-4 }).W!;
    expect([g.get(0), g.get(1)]).toEqual([1, 2]);
    const nominal = numericalGradients(() => W.get(0) - 1e12 + 2 * (W.get(1) - 1e12), { W }, { h: 1e-4, quotient: 'nominal' }).W!;
    expect([nominal.get(0), nominal.get(1)]).toEqual([1.220703125, 2.44140625]);
  });
});

describe("scipy's own finite-difference test cases (abs_step = 1.49e-8, 3-point)", () => {
  const rel = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);
  it('sinh at x = 1: relative error 3.56e-10 (scipy 3.5636e-10; its test allows 1e-9); nominal 3.3e-9', () => {
    const actual = numericalDiff(Math.sinh, 1, { h: 1.49e-8 });
    expect(rel(actual, Math.cosh(1))).toBeLessThanOrEqual(1e-9);
    expect(rel(actual, Math.cosh(1))).toBeCloseTo(3.5636e-10, 13); // scipy.optimize._numdiff.approx_derivative: 3.56361529e-10
    expect(rel(numericalGradient((v) => Math.sinh(v.get(0)), ndarray(Float64Array.of(1), [1]), { h: 1.49e-8 }).get(0), Math.cosh(1))).toBe(rel(actual, Math.cosh(1)));
    expect(rel(numericalDiff(Math.sinh, 1, { h: 1.49e-8, quotient: 'nominal' }), Math.cosh(1))).toBeGreaterThan(3e-9);
  });
  it('sin(x₀x₁)·log(x₀) at [100, −0.5]: relative errors 2.48e-9 and 9.0e-10 (scipy the same; its test allows 3e-9); nominal 2.8e-7', () => {
    const f = (v: NdArray): number => Math.sin(v.get(0) * v.get(1)) * Math.log(v.get(0));
    const [a, b] = [100, -0.5];
    const exact = [b * Math.cos(a * b) * Math.log(a) + Math.sin(a * b) / a, a * Math.cos(a * b) * Math.log(a)];
    const g = numericalGradient(f, ndarray(Float64Array.of(a, b), [2]), { h: 1.49e-8 });
    const errors = [rel(g.get(0), exact[0]!), rel(g.get(1), exact[1]!)];
    expect(Math.max(...errors)).toBeLessThanOrEqual(3e-9);
    expect(errors[0]).toBeCloseTo(2.4769e-9, 12); // scipy: 2.47691103e-09, 8.97853456e-10
    expect(errors[1]).toBeCloseTo(8.9785e-10, 13);
    const nominal = numericalGradient(f, ndarray(Float64Array.of(a, b), [2]), { h: 1.49e-8, quotient: 'nominal' });
    expect(rel(nominal.get(0), exact[0]!)).toBeGreaterThan(1e-7);
  });
});

describe('five-point with the actual quotient uses the weights of the stored nodes', () => {
  // x = 1e12 (spacing u = 2⁻¹³), h = 1.9e-4 = 1.56u: the nodes x ± h round to ±2u and x ± 2h to ±3u, symmetric
  // but not equally spaced. The standard weights on the actual step would give 26u/24u; the nominal 26u/12h.
  // The cubic through the four stored nodes is exact on cubics: f(t) = d³ + 2d with d = t − 1e12 (exact) has f'(x) = 2.
  const x0 = 1e12;
  it('identity: ≈ 1 (nominal 1.392); a cubic: 2 (exact up to rounding)', () => {
    for (const make of Object.values(STORAGES)) {
      expect(numericalGradient(identity, make(x0), { h: 1.9e-4, scheme: 'five-point' }).get(0)).toBeCloseTo(1, 12);
      const cubic = (v: NdArray): number => (v.get(0) - x0) ** 3 + 2 * (v.get(0) - x0);
      expect(numericalGradient(cubic, make(x0), { h: 1.9e-4, scheme: 'five-point' }).get(0)).toBeCloseTo(2, 12);
      expect(numericalGradient(identity, make(x0), { h: 1.9e-4, scheme: 'five-point', quotient: 'nominal' }).get(0)).toBeCloseTo(1.392029879385965, 14);
    }
    expect(numericalDiff((t) => t, x0, { h: 1.9e-4, scheme: 'five-point' })).toBeCloseTo(1, 12);
  });
  it('equally spaced stored nodes keep the standard weights over the stored step: exact on a linear f', () => {
    // h = 1e-4 at 1e12: nodes at ±u, ±2u → (−4u + 16u)/12u = 1 exactly
    expect(numericalGradient(identity, STORAGES.Float64Array(x0), { h: 1e-4, scheme: 'five-point' }).get(0)).toBe(1);
  });
});

describe('Float32Array: actual (default) and nominal', () => {
  it('nominal divides by 2h even though the storage rounds x ± h', () => {
    const up = Math.fround(3 + 1e-4);
    const down = Math.fround(3 - 1e-4);
    const square = (v: NdArray): number => v.get(0) ** 2;
    const x = (): NdArray => ndarray(Float32Array.of(3), [1]);
    expect(numericalGradient(square, x(), { h: 1e-4 }).get(0)).toBe((up * up - down * down) / (up - down));
    expect(numericalGradient(square, x(), { h: 1e-4, quotient: 'nominal' }).get(0)).toBe((up * up - down * down) / 2e-4);
  });
});

describe('the minimum h suggested by StepUnderflowError works', () => {
  const schemes: DifferenceScheme[] = ['central', 'forward', 'backward', 'five-point'];
  // values with either neighbour spacing: powers of two (finer below), binade edges, negatives, large, small, float32
  const values = [3, 1, 2, -2, 0.75, 2 - 2 ** -52, 1 - 2 ** -53, -(2 - 2 ** -52), 1e12, -7.3e200, 1e-300, 123456.789];
  for (const [storage, make, spacingOf] of [
    ['Float64Array', (x: number) => ndarray(Float64Array.of(x), [1]), (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(x))) - 52)],
    ['Float32Array', (x: number) => ndarray(Float32Array.of(x), [1]), (x: number) => 2 ** (Math.floor(Math.log2(Math.abs(Math.fround(x)))) - 23)],
  ] as const) {
    it(`${storage}: retrying with error.minimumH (the h in the message) succeeds, every scheme, and the slope of v ↦ v[0] is 1`, () => {
      for (const value of values) {
        if (storage === 'Float32Array' && (Math.abs(value) > 3e38 || Math.abs(value) < 1e-30)) continue;
        for (const scheme of schemes) {
          const tiny = spacingOf(value) / 8; // below half a spacing on both sides: every node rounds back to x
          const e = thrown(() => numericalGradient(identity, make(value), { h: tiny, scheme })) as StepUnderflowError;
          expect(e).toBeInstanceOf(StepUnderflowError);
          expect(e.message.endsWith(`use h: 'auto' or h ≥ ${e.minimumH}.`)).toBe(true);
          expect(e.minimumH).toBeGreaterThanOrEqual(e.spacing);
          const g = numericalGradient(identity, make(value), { h: e.minimumH, scheme }).get(0);
          expect(Math.abs(g - 1)).toBeLessThan(1e-12);
        }
      }
    });
  }
  it('x = 3: the issue’s case, message and fields; h = 5e-16 (above the suggested 4.44e-16) now gives 1', () => {
    expectThrows(
      () => numericalGradient(identity, STORAGES.Float64Array(3), { h: 1e-16 }),
      StepUnderflowError,
      'STEP_UNDERFLOW',
      "numericalGradient: h=1e-16 is below the spacing of floating-point numbers at x[0]=3 (float64 spacing 4.440892098500626e-16); use h: 'auto' or h ≥ 4.440892098500626e-16.",
      { coordinate: 'x[0]', h: 1e-16, value: 3, spacing: 2 ** -51, minimumH: 2 ** -51 },
    );
    expect(numericalGradient(identity, STORAGES.Float64Array(3), { h: 5e-16 }).get(0)).toBe(1);
  });
  it('five-point at the binade edge below 2 needs two spacings: one would put x + h and x + 2h both on 2', () => {
    const x = 2 - 2 ** -52;
    expectThrows(() => numericalGradient(identity, STORAGES.Float64Array(x), { h: 2 ** -52, scheme: 'five-point' }), StepUnderflowError, 'STEP_UNDERFLOW', /h ≥ 4\.440892098500626e-16\.$/, {
      spacing: 2 ** -52,
      minimumH: 2 ** -51,
    });
    expect(numericalGradient(identity, STORAGES.Float64Array(x), { h: 2 ** -51, scheme: 'five-point' }).get(0)).toBeCloseTo(1, 12);
  });
});
