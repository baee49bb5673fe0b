/**
 * The stencil table (src/stencil.ts, issue 10 §1): every scheme as data, one
 * nominal formula summed in the book's order (bit-identical), and the
 * stored-node quotient (Lagrange weights of the nodes as stored, Fornberg).
 *   central (f₁ − f₋₁)/2h; forward (f₁ − f₀)/h; backward (f₋₁ − f₀)/−h;
 *   five-point (f₋₂ − 8f₋₁ + 8f₁ − f₂)/12h = (8(f₁ − f₋₁) − (f₂ − f₋₂))/12h;
 *   one-sided central (−3f₀ + 4f₁ − f₂)/2h, one-sided five-point
 *   (−25f₀ + 48f₁ − 36f₂ + 16f₃ − 3f₄)/12h (exact on quadratics / quartics).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CENTER, derivativeWeights, nominalSlope, ONE_SIDED, quotientWeights, STENCILS, storedSlope, type Stencil } from '../../src/kernel/stencil.js';

/** f at the stencil's nodes x + t·h. */
const at = (s: Stencil, f: (t: number) => number, x: number, h: number): Float64Array => Float64Array.from(s.offsets, (t) => f(x + t * h));

describe('the table reproduces the book’s formulas bit for bit', () => {
  it('on random values and steps', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 5 }), fc.double({ min: 1e-8, max: 1, noNaN: true }), (v, h) => {
        const [f0, a, b, c, d] = v as [number, number, number, number, number];
        expect(Object.is(nominalSlope(STENCILS.central, [a, b], f0, h), (a - b) / (2 * h))).toBe(true);
        expect(Object.is(nominalSlope(STENCILS.forward, [a], f0, h), (a - f0) / h)).toBe(true);
        expect(Object.is(nominalSlope(STENCILS.backward, [a], f0, h), (a - f0) / -h)).toBe(true);
        // offsets [−2, −1, 1, 2]: the book's (f(x−2h) − f(x+2h) + 8(f(x+h) − f(x−h))) / 12h
        expect(Object.is(nominalSlope(STENCILS['five-point'], [a, b, c, d], f0, h), (a - d + 8 * (c - b)) / (12 * h))).toBe(true);
      }),
    );
  });
  it('data: offsets, centre use, order', () => {
    expect(STENCILS.central.offsets).toEqual([1, -1]);
    expect(STENCILS['five-point'].offsets).toEqual([-2, -1, 1, 2]);
    expect(STENCILS.forward.center && STENCILS.backward.center && !STENCILS.central.center).toBe(true);
    expect(Object.values(STENCILS).map((s) => s.order)).toEqual([2, 1, 1, 4]);
    expect(STENCILS.forward.terms[0]!.minus).toBe(CENTER);
  });
});

describe('one-sided formulas keep the order', () => {
  it('central one-sided (both sides) is exact on quadratics, five-point one-sided on quartics', () => {
    const quadratic = (t: number): number => 3 * t * t - 2 * t + 1; // f′(0.5) = 1
    const quartic = (t: number): number => t ** 4 - t ** 3 + 2 * t; // f′(0.5) = 0.5 − 0.75 + 2 = 1.75
    for (const side of [0, 1] as const) {
      const c = ONE_SIDED.central[side];
      expect(nominalSlope(c, at(c, quadratic, 0.5, 0.25), quadratic(0.5), 0.25)).toBeCloseTo(1, 13);
      const p = ONE_SIDED['five-point'][side];
      expect(nominalSlope(p, at(p, quartic, 0.5, 0.125), quartic(0.5), 0.125)).toBeCloseTo(1.75, 12);
    }
  });
});

describe('Fornberg weights and the stored-node quotient', () => {
  it('known weights: [½, −½], [1, −8, 8, −1]/12, one-sided [−3/2, 2, −1/2]', () => {
    const w = new Float64Array(4);
    derivativeWeights(w, [1, -1], 2);
    expect(Array.from(w.subarray(0, 2))).toEqual([0.5, -0.5]);
    derivativeWeights(w, [-2, -1, 1, 2], 4);
    [1 / 12, -8 / 12, 8 / 12, -1 / 12].forEach((want, j) => expect(w[j]).toBeCloseTo(want, 15));
    derivativeWeights(w, [0, 1, 2], 3);
    [-1.5, 2, -0.5].forEach((want, j) => expect(w[j]).toBeCloseTo(want, 15));
  });
  it('exact on polynomials of degree < m at arbitrary distinct nodes (m = 2…7)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -40, max: 40 }).filter((k) => k !== 0), { minLength: 2, maxLength: 7 }), (ks) => {
        const points = ks.map((k) => k / 16);
        const m = points.length;
        const coefficients = Array.from({ length: m }, (_, j) => (j % 3) - 1 + j / 7); // degree m − 1, f′(0) = c₁
        const p = (t: number): number => coefficients.reduce((s, c, j) => s + c * t ** j, 0);
        const w = new Float64Array(m);
        derivativeWeights(w, points, m);
        const slope = points.reduce((s, t, j) => s + w[j]! * p(t), 0);
        expect(slope).toBeCloseTo(coefficients[1] ?? 0, 8);
      }),
    );
  });
  it('storedSlope: equally spaced stored nodes take the table formula over the stored step (same bits)', () => {
    const x = 1e12;
    const u = 2 ** -13; // spacing at 1e12: nodes x ± u, x ± 2u are what h = 1e-4 stores
    const nodes = [x - 2 * u, x - u, x + u, x + 2 * u];
    const values = [1, 2, 4, 8];
    expect(Object.is(storedSlope(nodes, values, 4, x, 0, false, STENCILS['five-point'], false), nominalSlope(STENCILS['five-point'], values, 0, u))).toBe(true);
  });
});

describe('quotientWeights: the same quotients as weights (for many outputs at once)', () => {
  it('every stencil, nominal and stored (rounded, uneven) nodes: Σ wⱼfⱼ matches the slope functions to rounding', () => {
    const f = (t: number): number => Math.sin(3 * t) + t * t;
    const x = 0.4;
    const h = 1e-3;
    const stencils = [...Object.values(STENCILS), ...Object.values(ONE_SIDED).flat()];
    for (const s of stencils) {
      const even = Float64Array.from(s.offsets, (t) => x + t * h);
      const uneven = Float64Array.from(s.offsets, (t, j) => x + t * h * (1 + 0.1 * j)); // not a multiple of one step
      for (const [nodes, nominal] of [[even, true], [even, false], [uneven, false]] as const) {
        const values = Float64Array.from(nodes, f);
        const w = new Float64Array(s.offsets.length + 1);
        quotientWeights(w, s, nodes, s.offsets.length, x, nominal, h);
        const weighted = values.reduce((sum, v, j) => sum + w[j]! * v, 0) + w[s.offsets.length]! * f(x);
        const direct = nominal ? nominalSlope(s, values, f(x), h) : storedSlope(nodes, values, s.offsets.length, x, f(x), s.center, s, false);
        expect(Math.abs(weighted - direct)).toBeLessThan(1e-9);
        expect(Math.abs(direct - (3 * Math.cos(1.2) + 0.8))).toBeLessThan(5e-3); // f′(0.4), first-order stencils: h·|f″|/2 ≈ 3e-3
      }
    }
  });
});
