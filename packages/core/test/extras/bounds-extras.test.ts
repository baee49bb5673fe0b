/**
 * The bounds option beyond the gradient (issue 10 §5): jacobian,
 * directionalDerivative, hessianVectorProduct, spsaGradient and hessian never
 * call f outside [lower, upper], and next to a bound their formulas turn
 * one-sided with the same order. Values predicted in closed form:
 *   - jacobian: each row is numericalGradient of that output with the same
 *     bounds, bit for bit (the same fitted stencil and quotient), for every
 *     scheme and storage;
 *   - directionalDerivative: g(τ) = f(x + τv) differenced one-sidedly,
 *     (−3g(0) + 4g(t) − g(2t))/2t, exact on quadratics;
 *   - hessianVectorProduct: the same one-sided difference of gradients,
 *     exact on cubics with the analytic gradient;
 *   - spsaGradient: the pair of nodes centred a step inside the box, so the
 *     estimate is ∇f at that centre (for N = 1 a central difference there);
 *   - hessian: one-sided diagonal (2f₀ − 5f₁ + 4f₂ − f₃)/h² exact on cubics,
 *     mixed entries one-sided × central exact on f quadratic in each variable.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { directionalDerivative, hessian, hessianVectorProduct, jacobian, numericalGradient, spsaGradient, type DifferenceScheme } from '@descent/core';
import { elements, sameBits, snapshot } from '../helpers.js';

/** f recording every point it is called at (the view's elements, row-major). */
function recorded<T>(g: (xs: number[]) => T): { f: (v: NdArray) => T; seen: number[][] } {
  const seen: number[][] = [];
  return { seen, f: (v) => g(seen[seen.push(elements(v)) - 1]!) };
}
const inside = (seen: number[][], lower: number[], upper: number[]): boolean => seen.every((p) => p.every((t, k) => t >= lower[k]! && t <= upper[k]!));

describe('jacobian inside bounds', () => {
  const outputs = [(x: number[]) => x[0]! ** 3 + x[1]! * x[2]!, (x: number[]) => Math.exp(x[1]!) - x[0]! * x[3]!, (x: number[]) => Math.sqrt(x[2]!) + x[3]! ** 2];
  const lower = [0, -1, 0, 0.5];
  const upper = [2, 1, 3, 0.5 + 2e-6];
  for (const scheme of ['central', 'forward', 'backward', 'five-point'] as DifferenceScheme[]) {
    it(`${scheme}: every row is numericalGradient of its output with the same bounds (views, Float32Array, Array); f stays in the box`, () => {
      // x on the lower bound, inside, on the upper bound, and in a box narrower than the step
      const base = [0, 1, 0.7, 0.5];
      for (const make of [(a: number[]) => Float64Array.from(a), (a: number[]) => Float32Array.from(a), (a: number[]) => a.slice()]) {
        const data = make([base[0]!, base[2]!, base[1]!, base[3]!]); // a 2×2 transposed view holds base in row-major order
        const before = snapshot(data);
        const x = ndarray(data, [2, 2]).transpose(1, 0);
        const bounds = { lower: ndarray(Float64Array.from([lower[0]!, lower[2]!, lower[1]!, lower[3]!]), [2, 2]).transpose(1, 0), upper: ndarray(Float64Array.from([upper[0]!, upper[2]!, upper[1]!, upper[3]!]), [2, 2]).transpose(1, 0) };
        const r = recorded((xs) => outputs.map((o) => o(xs)));
        const J = jacobian(r.f, x, { scheme, bounds });
        expect(inside(r.seen, lower, upper)).toBe(true);
        outputs.forEach((o, i) => {
          const g = numericalGradient((v) => o(elements(v)), x, { scheme, bounds });
          expect(sameBits([0, 1, 2, 3].map((j) => J.get(i, j)), elements(g))).toBe(true);
        });
        expect(sameBits(snapshot(data), before)).toBe(true);
      }
    });
  }
  it('sparse groups and bounds together: the dense numbers', () => {
    const n = 50;
    const T = (v: NdArray): number[] => Array.from({ length: n }, (_, i) => Math.sqrt(v.get(i)) * (i + 1 < n ? v.get(i + 1) : 1));
    const x = ndarray(Float64Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 0.1 * i)), [n]);
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (const j of [i, i + 1]) if (j < n) pairs.push([i, j]);
    const counter = { evaluations: 0 };
    const sparse = jacobian(T, x, { sparsity: pairs, outputs: n, bounds: { lower: 0 }, counter });
    expect(elements(sparse)).toEqual(elements(jacobian(T, x, { bounds: { lower: 0 } })));
    expect(counter.evaluations).toBe(1 + 2 * 2); // f(x) for the one-sided columns, 2 groups × 2 nodes
  });
});

describe('directionalDerivative and hessianVectorProduct inside bounds', () => {
  // f = x₀² + 3x₀x₁ − x₁² + 2x₂: ∇f = (2x₀ + 3x₁, 3x₀ − 2x₁, 2); H = [[2, 3, 0], [3, −2, 0], [0, 0, 0]]
  const quadratic = (x: number[]): number => x[0]! ** 2 + 3 * x[0]! * x[1]! - x[1]! ** 2 + 2 * x[2]!;
  it('x on its upper bound, v pointing out: nodes x − t·v, x − 2t·v; exact on a quadratic; 3 calls', () => {
    const r = recorded(quadratic);
    const x = ndarray(Float64Array.of(1, 2, 5), [3]);
    const v = ndarray(Float64Array.of(1, 0.5, 1), [3]);
    const counter = { evaluations: 0 };
    const d = directionalDerivative(r.f, x, v, { bounds: { upper: ndarray(Float64Array.of(10, 10, 5), [3]) }, counter });
    expect(d).toBeCloseTo(8 * 1 + -1 * 0.5 + 2 * 1, 8); // ∇f = (8, −1, 2)
    expect(counter.evaluations).toBe(3);
    expect(r.seen[0]).toEqual([1, 2, 5]); // f(x) first
    expect(inside(r.seen, [-Infinity, -Infinity, -Infinity], [10, 10, 5])).toBe(true);
    expect(r.seen[1]![2]).toBeLessThan(5);
  });
  it("the nominal quotient and a fixed h: exactly (−3f(x) + 4f(x − hv) − f(x − 2hv)) / −2h", () => {
    const x = ndarray(Float64Array.of(1, 2, 5), [3]);
    const v = ndarray(Float64Array.of(1, 0.5, 1), [3]);
    const h = 1e-3;
    const at = (s: number): number => quadratic([1 + s, 2 + 0.5 * s, 5 + s]);
    const d = directionalDerivative((a) => quadratic(elements(a)), x, v, { h, quotient: 'nominal', bounds: { upper: 5 } });
    // the stencil's terms in the table's order: (4(f₁ − f₀) − (f₂ − f₀)) / (−2h)
    expect(d).toBe((4 * (at(-h) - at(0)) - (at(-2 * h) - at(0))) / (-2 * h));
  });
  it('a box narrower than the step: the step shrinks to it', () => {
    const r = recorded(quadratic);
    const x = ndarray(Float64Array.of(1, 2, 5), [3]);
    const v = ndarray(Float64Array.of(0, 0, 1), [3]);
    const d = directionalDerivative(r.f, x, v, { h: 0.1, bounds: { lower: ndarray(Float64Array.of(-9, -9, 4.99), [3]), upper: ndarray(Float64Array.of(9, 9, 5.01), [3]) } });
    expect(d).toBeCloseTo(2, 9);
    expect(inside(r.seen, [-9, -9, 4.99], [9, 9, 5.01])).toBe(true);
  });
  it('a direction that leaves the box both ways at once is refused before f is called', () => {
    const never = (): number => {
      throw new Error('f must not be called');
    };
    const x = ndarray(Float64Array.of(0, 0), [2]);
    expect(() => directionalDerivative(never, x, ndarray(Float64Array.of(1, -1), [2]), { bounds: { lower: 0 } })).toThrow(
      'directionalDerivative: no step along ±v stays inside the bounds: moving along +v takes x[1] out of its box at once, and along −v x[0]; flip the sign of v at one of them so that it points into its box (f was not called).',
    );
    expect(() => directionalDerivative(never, x, ndarray(Float64Array.of(1, -1), [2]), { bounds: { lower: 0 } })).toThrow(RangeError);
  });
  it('H·v one-sided: exact on a cubic with the analytic gradient; the numerical gradient inside stays in the box too', () => {
    // f = x₀³ + x₀x₁²: ∇f = (3x₀² + x₁², 2x₀x₁); H = [[6x₀, 2x₁], [2x₁, 2x₀]] = [[0, 2], [2, 0]] at (0, 1), x₀ ≥ 0;
    // ∇f(x + τv) is quadratic in τ, so the one-sided (−3g₀ + 4g₁ − g₂)/2t is exact
    const cubic = (x: number[]): number => x[0]! ** 3 + x[0]! * x[1]! ** 2;
    const gradient = (a: NdArray): number[] => [3 * a.get(0) ** 2 + a.get(1) ** 2, 2 * a.get(0) * a.get(1)];
    const x = ndarray(Float64Array.of(0, 1), [2]);
    const v = ndarray(Float64Array.of(-1, 1), [2]); // x₀ moves down: only −v has room
    const seenGradient: number[][] = [];
    const counter = { evaluations: 0 };
    const analytic = hessianVectorProduct(cubic as never, x, v, { gradient: (a: NdArray) => (seenGradient.push(elements(a)), gradient(a)), bounds: { lower: 0 }, counter });
    elements(analytic).forEach((t, k) => expect(t).toBeCloseTo([2, -2][k]!, 9)); // H·(−1, 1) = (2, −2)
    expect(counter.evaluations).toBe(3);
    expect(seenGradient.every(([a]) => a! >= 0)).toBe(true);
    const r = recorded(cubic);
    const numerical = hessianVectorProduct(r.f, x, v, { bounds: { lower: 0 } });
    expect(elements(numerical)[0]).toBeCloseTo(elements(analytic)[0]!, 5);
    expect(elements(numerical)[1]).toBeCloseTo(elements(analytic)[1]!, 5);
    expect(r.seen.every(([a]) => a! >= 0)).toBe(true);
  });
});

describe('spsaGradient inside bounds: the pair centred a step inside the box', () => {
  it('N = 1 at its lower bound: the central difference at x + h (the estimate of ∇f there), in the box', () => {
    const r = recorded((xs) => xs[0]! ** 2);
    const h = 1e-3;
    const g = spsaGradient(r.f, ndarray(Float64Array.of(0), [1]), { h, bounds: { lower: 0 } }).get(0);
    expect(g).toBeCloseTo(2 * h, 12); // (f(2h) − f(0)) / 2h = 2h: the derivative at the centre h
    expect(r.seen.flat().every((t) => t >= 0)).toBe(true);
    expect(r.seen.flat().sort()).toEqual([0, 2 * h]);
  });
  it('unbiased at the shifted centre: the mean of many samples is ∇f(c), c = x with the bounded element moved a step in', () => {
    // f = x₀² + x₀x₁ + 2x₁ at (0, 1), x₀ ≥ 0: c = (h, 1), ∇f(c) = (2h + 1, h + 2)
    const r = recorded((xs) => xs[0]! ** 2 + xs[0]! * xs[1]! + 2 * xs[1]!);
    const h = 1e-2;
    const g = elements(spsaGradient(r.f, ndarray(Float64Array.of(0, 1), [2]), { h, samples: 4000, seed: 7, bounds: { lower: ndarray(Float64Array.of(0, -Infinity), [2]) } }));
    // per sample the noise of ĝᵢ is g_j·h_j/hᵢ·(±1) ≈ 2 and 1: the mean of 4000 is within 4·2/√4000 ≈ 0.13
    expect(Math.abs(g[0]! - (2 * h + 1))).toBeLessThan(0.13);
    expect(Math.abs(g[1]! - (h + 2))).toBeLessThan(0.13);
    expect(r.seen.every(([a]) => a! >= 0)).toBe(true);
  });
  it('forward SPSA next to a bound evaluates f at the shifted centre (not at x, so f0 is not used)', () => {
    const r = recorded((xs) => xs[0]! ** 2);
    spsaGradient(r.f, ndarray(Float64Array.of(0), [1]), { h: 1e-3, scheme: 'forward', f0: 123, bounds: { lower: 0 } });
    expect(r.seen[0]).toEqual([1e-3]);
  });
});

describe('hessian inside bounds', () => {
  // f = x₀³ + x₀²x₁ + x₁²x₂ + x₂³ (cubic; quadratic in each variable's pairs): H = [[6x₀ + 2x₁, 2x₀, 0], [2x₀, 2x₂, 2x₁], [0, 2x₁, 6x₂]]
  const f = (x: number[]): number => x[0]! ** 3 + x[0]! ** 2 * x[1]! + x[1]! ** 2 * x[2]! + x[2]! ** 3;
  const exact = (x: number[]): number[] => [6 * x[0]! + 2 * x[1]!, 2 * x[0]!, 0, 2 * x[0]!, 2 * x[2]!, 2 * x[1]!, 0, 2 * x[1]!, 6 * x[2]!];
  it('x₀ on its lower bound, x₂ on its upper: one-sided where needed, exact to rounding, symmetric, in the box', () => {
    const point = [0, 0.5, 1];
    const r = recorded(f);
    const counter = { evaluations: 0 };
    const H = hessian(r.f, ndarray(Float64Array.from(point), [3]), { bounds: { lower: ndarray(Float64Array.of(0, -1, -1), [3]), upper: ndarray(Float64Array.of(1, 1, 1), [3]) }, counter });
    // rounding of second differences at h = eps^(1/4) ≈ 1.2e-4: ≈ 10·eps·|f| / h² ≈ 2e-7
    elements(H).forEach((value, k) => expect(Math.abs(value - exact(point)[k]!)).toBeLessThan(1e-6));
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(H.get(i, j)).toBe(H.get(j, i));
    expect(inside(r.seen, [0, -1, -1], [1, 1, 1])).toBe(true);
    expect(counter.evaluations).toBe(1 + (3 + 2 + 3) + 4 * 3); // f(x), nodes per element (one-sided: 3), 4 per pair
  });
  it('Float32Array storage and the gradient form (one-sided columns of the gradient’s Jacobian)', () => {
    const point = [0, 0.5, 1];
    const x = ndarray(Float32Array.from(point), [3]);
    const bounds = { lower: 0, upper: 1 };
    const H = hessian((v) => f(elements(v)), x, { bounds });
    elements(H).forEach((value, k) => expect(Math.abs(value - exact(point)[k]!)).toBeLessThan(2e-2)); // float32 steps
    const gradient = (v: NdArray): number[] => {
      const [a, b, c] = elements(v) as [number, number, number];
      return [3 * a * a + 2 * a * b, a * a + 2 * b * c, b * b + 3 * c * c];
    };
    const seen: number[][] = [];
    const G = hessian((v) => f(elements(v)), ndarray(Float64Array.from(point), [3]), { bounds, gradient: (v) => (seen.push(elements(v)), gradient(v)) });
    elements(G).forEach((value, k) => expect(Math.abs(value - exact(point)[k]!)).toBeLessThan(1e-8));
    expect(inside(seen, [0, 0, 0], [1, 1, 1])).toBe(true);
  });
});
