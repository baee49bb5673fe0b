/**
 * directionalDerivative: ∇f·v against the analytic value for every scheme,
 * in 2 calls (central) whatever N, the same numbers as numericalGradient
 * along a unit vector, Euler's theorem along v = x itself (v sharing x's
 * memory), f0 for one-sided schemes, and a zero direction.
 *
 * f(x) = Σ_k (1 + k mod 3)·x_k² + sin(x_k), ∇f_k = 2(1 + k mod 3)x_k + cos x_k.
 * Along v, g(t) = f(x + tv) has g''' = −Σ cos(x_k + t v_k)·v_k³, so central
 * differences err by at most t²/6·Σ|v_k|³ plus rounding of f, a few ulps of
 * F = Σ|terms| over the step: 8·eps·F/t.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { directionalDerivative, numericalGradient, type DifferenceScheme } from '@descent/core';
import { elements } from '../helpers.js';

const EPS = Number.EPSILON;
const f = (v: NdArray): number => elements(v).reduce((s, x, k) => s + (1 + (k % 3)) * x * x + Math.sin(x), 0);
const gradient = (values: number[]): number[] => values.map((x, k) => 2 * (1 + (k % 3)) * x + Math.cos(x));
const dot = (a: number[], b: number[]): number => a.reduce((s, t, k) => s + t * b[k]!, 0);
const norm = (a: number[]): number => Math.sqrt(dot(a, a));

function point(n: number): NdArray {
  return ndarray(Float64Array.from({ length: n }, (_, i) => 1.5 * Math.sin(0.9 * i + 0.2)), [n]);
}
function direction(n: number): NdArray {
  return ndarray(Float64Array.from({ length: n }, (_, i) => Math.cos(1.3 * i) - 0.2), [n]);
}

describe('directionalDerivative', () => {
  it('central: ∇f·v within the truncation + rounding bound, 2 calls for N = 1000', () => {
    const x = point(1000);
    const v = direction(1000);
    const counter = { evaluations: 0 };
    const got = directionalDerivative(f, x, v, { counter });
    expect(counter.evaluations).toBe(2);
    const xs = elements(x);
    const vs = elements(v);
    const exact = dot(gradient(xs), vs);
    // auto step: the move has length eps^(1/3)·max(1, ‖x‖), so t = eps^(1/3)·‖x‖/‖v‖
    const t = (Math.cbrt(EPS) * Math.max(1, norm(xs))) / norm(vs);
    const F = xs.reduce((s, x, k) => s + (1 + (k % 3)) * x * x + 1, 0);
    const bound = ((t * t) / 6) * vs.reduce((s, a) => s + Math.abs(a) ** 3, 0) + (8 * EPS * F) / t;
    expect(Math.abs(got - exact)).toBeLessThanOrEqual(bound);
    expect(Math.abs(got - exact) / Math.abs(exact)).toBeLessThan(1e-8);
  });

  const orders: [DifferenceScheme, number, number][] = [
    // scheme, calls, relative accuracy reached on N = 10 (order: 1, 1, 2, 4)
    ['forward', 2, 1e-6],
    ['backward', 2, 1e-6],
    ['central', 2, 1e-9],
    ['five-point', 4, 1e-11],
  ];
  for (const [scheme, calls, accuracy] of orders) {
    it(`${scheme}: ${calls} calls, relative error < ${accuracy}`, () => {
      const x = point(10);
      const v = direction(10);
      const counter = { evaluations: 0 };
      const got = directionalDerivative(f, x, v, { scheme, counter });
      const exact = dot(gradient(elements(x)), elements(v));
      expect(counter.evaluations).toBe(calls);
      expect(Math.abs(got - exact) / Math.abs(exact)).toBeLessThan(accuracy);
    });
  }

  it('f0 saves the call at x for the one-sided schemes (1 call)', () => {
    const x = point(10);
    const v = direction(10);
    const counter = { evaluations: 0 };
    const withF0 = directionalDerivative(f, x, v, { scheme: 'forward', f0: f(x), counter });
    expect(counter.evaluations).toBe(1);
    expect(withF0).toBe(directionalDerivative(f, x, v, { scheme: 'forward' }));
  });

  it('along a unit vector eᵢ with a fixed h: exactly numericalGradient’s element i', () => {
    const x = point(6);
    for (const scheme of ['central', 'forward', 'five-point'] as DifferenceScheme[]) {
      const g = numericalGradient(f, x, { h: 1e-3, scheme });
      for (let i = 0; i < 6; i++) {
        const e = ndarray(new Float64Array(6), [6]);
        e.set(i, 1);
        expect(directionalDerivative(f, x, e, { h: 1e-3, scheme })).toBe(g.get(i));
      }
    }
  });

  it('v = x itself (same ndarray): Euler’s theorem ∇f·x = 3·f for f homogeneous of degree 3', () => {
    // f = Σ x_k³ + x₀x₁x₂, degree 3: ∇f·x = 3f
    const cubic = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t * t, 0) + v.get(0) * v.get(1) * v.get(2);
    const x = ndarray(Float64Array.from([0.7, -1.2, 2.1, 0.4]), [4]);
    const before = Array.from(x.data as Float64Array);
    const got = directionalDerivative(cubic, x, x);
    expect(Math.abs(got - 3 * cubic(x)) / Math.abs(3 * cubic(x))).toBeLessThan(1e-9);
    expect(Array.from(x.data as Float64Array)).toEqual(before);
  });

  it('a direction of any scale gives the same answer up to scale (v and 2⁴⁰·v, 1e-200·v)', () => {
    const x = point(5);
    const v = direction(5);
    const base = directionalDerivative(f, x, v);
    const scaled = (c: number): NdArray => ndarray(Float64Array.from(elements(v), (a) => a * c), [5]);
    expect(Math.abs(directionalDerivative(f, x, scaled(2 ** 40)) / 2 ** 40 - base)).toBeLessThan(1e-9 * Math.abs(base));
    expect(Math.abs(directionalDerivative(f, x, scaled(1e-200)) / 1e-200 - base)).toBeLessThan(1e-9 * Math.abs(base));
  });

  it("quotient 'nominal' with a fixed h divides by 2h: the book’s formula along v", () => {
    const x = ndarray(Float64Array.from([3, 4]), [2]);
    const v = ndarray(Float64Array.from([1, 2]), [2]);
    const sq = (a: NdArray): number => a.get(0) ** 2 + a.get(1) ** 2;
    // nodes (3 ± 1e-4, 4 ± 2e-4): (f⁺ − f⁻)/2e-4 with f⁺ = 3.0001² + 4.0002², f⁻ = 2.9999² + 3.9998²
    const plus = 3.0001 ** 2 + 4.0002 ** 2;
    const minus = 2.9999 ** 2 + 3.9998 ** 2;
    expect(directionalDerivative(sq, x, v, { h: 1e-4, quotient: 'nominal' })).toBeCloseTo((plus - minus) / 2e-4, 9);
    expect(directionalDerivative(sq, x, v, { h: 1e-4 })).toBeCloseTo(22, 9); // 2·3·1 + 2·4·2
  });

  it('a zero direction (or an empty x) gives 0 without calling f', () => {
    const counter = { evaluations: 0 };
    const never = (): number => {
      throw new Error('not called');
    };
    expect(directionalDerivative(never, point(4), ndarray(new Float64Array(4), [4]), { counter })).toBe(0);
    expect(directionalDerivative(never, ndarray(new Float64Array(0), [0]), ndarray(new Float64Array(0), [0]), { counter })).toBe(0);
    expect(counter.evaluations).toBe(0);
  });
});
