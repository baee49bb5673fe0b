/**
 * jacobian with scheme 'richardson' (issue 10 §2): each column is one
 * coordinate of the same Richardson tableau that numericalGradient and
 * derivative use, with one lane per output — so every entry is, bit for bit,
 * the Richardson derivative of its output along its input, the error
 * estimate (options.error) is that entry's, and a sparse Jacobian (columns of
 * a group in lockstep) equals the dense one with far fewer calls.
 *
 * F(x) = (e^{x₀}·x₁, sin(x₁x₂), x₀³, log x₁) at x = (0.3, 1.2, −0.5):
 * J = [[e^{x₀}x₁, e^{x₀}, 0], [0, x₂cos(x₁x₂), x₁cos(x₁x₂)], [3x₀², 0, 0], [0, 1/x₁, 0]].
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  ArgumentRangeError,
  derivative,
  jacobian,
  jacobianInto,
  NonFiniteValueError,
  numericalGradient,
  OverlappingMemoryError,
  sparsityPattern,
} from '@descent/core';
import { elements, expectThrows, sameBits, snapshot } from '../helpers.js';

const rows = [
  (v: number[]) => Math.exp(v[0]!) * v[1]!,
  (v: number[]) => Math.sin(v[1]! * v[2]!),
  (v: number[]) => v[0]! ** 3,
  (v: number[]) => Math.log(v[1]!),
];
const F = (v: NdArray, out: NdArray): void => {
  const xs = elements(v);
  rows.forEach((row, i) => out.set(i, row(xs)));
};
const X = [0.3, 1.2, -0.5];
const exact = (x: number[]): number[][] => [
  [Math.exp(x[0]!) * x[1]!, Math.exp(x[0]!), 0],
  [0, x[2]! * Math.cos(x[1]! * x[2]!), x[1]! * Math.cos(x[1]! * x[2]!)],
  [3 * x[0]! ** 2, 0, 0],
  [0, 1 / x[1]!, 0],
];

describe("jacobian, scheme 'richardson'", () => {
  it('every entry is the Richardson derivative of its output along its input, bit for bit, with its error estimate', () => {
    const x = ndarray(Float64Array.from(X), [3]);
    const error = ndarray(new Float64Array(12), [4, 3]);
    const counter = { evaluations: 0 };
    const J = jacobian(F, x, { outputs: 4, scheme: 'richardson', error, counter });
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 3; j++) {
        const r = derivative((t) => rows[i]!(X.map((xk, k) => (k === j ? t : xk))), X[j]!);
        expect(J.get(i, j)).toBe(r.value);
        expect(error.get(i, j)).toBe(r.error);
        const truth = Math.abs(J.get(i, j) - exact(X)[i]![j]!);
        expect(truth).toBeLessThanOrEqual(error.get(i, j)); // the estimate bounds the true error…
        if (exact(X)[i]![j] === 0) expect(error.get(i, j)).toBeLessThan(1e-13); // (a zero slope: the rounding floor of f's values)
        else expect(error.get(i, j)).toBeLessThanOrEqual(100 * Math.max(truth, 2 ** -52 * Math.abs(exact(X)[i]![j]!))); // …within 100×
      }
    }
    // f(x) once, then each column until its slowest output converged (scalar derivative: 7–13 calls each)
    expect(counter.evaluations).toBeGreaterThan(1 + 3 * 6);
    expect(counter.evaluations).toBeLessThanOrEqual(1 + 3 * 20);
    expect(sameBits(elements(x), X)).toBe(true);
  });
  it('on a transposed view, Float32Array and plain-Array storage: each row equals numericalGradient(…, richardson) of that output', () => {
    const base = [0.3, -0.5, 1.2, 0.7]; // a 2×2 view: x = transpose of [[0.3, −0.5], [1.2, 0.7]] → row-major [0.3, 1.2, −0.5, 0.7]
    for (const make of [(a: number[]) => Float64Array.from(a), (a: number[]) => Float32Array.from(a), (a: number[]) => a.slice()]) {
      const data = make(base);
      const before = snapshot(data);
      const x = ndarray(data, [2, 2]).transpose(1, 0);
      const G = (v: NdArray, out: NdArray): void => {
        const [a, b, c, d] = elements(v) as [number, number, number, number];
        out.set(0, Math.exp(a) * b + d);
        out.set(1, Math.sin(b * c) + d * d);
      };
      const error = ndarray(new Float64Array(8), [2, 4]);
      const J = jacobian(G, x, { outputs: 2, scheme: 'richardson', error });
      for (let i = 0; i < 2; i++) {
        const e = ndarray(new Float64Array(4), [2, 2]);
        const g = numericalGradient((v) => {
          const out = ndarray(new Float64Array(2), [2]);
          G(v, out);
          return out.get(i);
        }, x, { scheme: 'richardson', error: e });
        expect(elements(g)).toEqual([0, 1, 2, 3].map((j) => J.get(i, j)));
        expect(elements(e)).toEqual([0, 1, 2, 3].map((j) => error.get(i, j)));
      }
      expect(sameBits(snapshot(data), before)).toBe(true);
    }
  });
  it('sparse (tridiagonal n = 200): the dense numbers and error estimates, in 3 columns’ worth of calls', () => {
    const n = 200;
    const T = (v: NdArray, out: NdArray): void => {
      const x = v.data as Float64Array;
      for (let i = 0; i < n; i++) out.set(i, (i > 0 ? x[i - 1]! : 0) * Math.exp(x[i]!) - (i + 1 < n ? x[i + 1]! ** 2 : 0));
    };
    const x = ndarray(Float64Array.from({ length: n }, (_, i) => Math.sin(i)), [n]);
    const pairs: [number, number][] = [];
    for (let i = 0; i < n; i++) for (let j = Math.max(0, i - 1); j <= Math.min(n - 1, i + 1); j++) pairs.push([i, j]);
    const sparseError = ndarray(new Float64Array(n * n).fill(7), [n, n]);
    const denseError = ndarray(new Float64Array(n * n), [n, n]);
    const sparseCounter = { evaluations: 0 };
    const denseCounter = { evaluations: 0 };
    const sparse = jacobian(T, x, { outputs: n, sparsity: sparsityPattern(pairs, [n, n]), scheme: 'richardson', error: sparseError, counter: sparseCounter });
    const dense = jacobian(T, x, { outputs: n, scheme: 'richardson', error: denseError, counter: denseCounter });
    expect(sameBits(elements(sparse), elements(dense))).toBe(true);
    // the pattern's entries carry the dense estimates; outside it the sparse Jacobian has 0 (dense: the rounding floor of f)
    const inside = (a: NdArray): number[] => pairs.map(([i, j]) => a.get(i, j));
    expect(sameBits(inside(sparseError), inside(denseError))).toBe(true);
    expect(elements(sparseError).filter((e) => e !== 0)).toHaveLength(inside(sparseError).filter((e) => e !== 0).length);
    // 3 groups of columns, each at most maxLevels = 10 levels × 2 calls, + f(x)
    expect(sparseCounter.evaluations).toBeLessThanOrEqual(1 + 3 * 20);
    expect(denseCounter.evaluations).toBeGreaterThan(n * 6);
  });
  it('steps back from a non-finite output as derivative does (√x₀ near 0: the first steps leave its domain)', () => {
    const x = ndarray(Float64Array.of(0.01, 2), [2]);
    const G = (v: NdArray): number[] => [Math.sqrt(v.get(0)) * v.get(1), v.get(1) ** 2];
    const error = ndarray(new Float64Array(4), [2, 2]);
    const J = jacobian(G, x, { scheme: 'richardson', error });
    const r = derivative((t) => Math.sqrt(t) * 2, 0.01);
    expect(J.get(0, 0)).toBe(r.value);
    expect(error.get(0, 0)).toBe(r.error);
    expect(J.get(0, 0)).toBeCloseTo(2 / (2 * 0.1), 10); // ∂(√x₀·x₁)/∂x₀ = x₁/2√x₀ = 10
    expect(J.get(1, 1)).toBeCloseTo(4, 12);
  });
  it('inside bounds: the nodes never leave the box; each row is numericalGradient(…, richardson) with the same bounds', () => {
    const seen: number[][] = [];
    const G = (v: NdArray, out: NdArray): void => {
      seen.push(elements(v));
      out.set(0, Math.sqrt(v.get(0)) + v.get(1) ** 3);
      out.set(1, Math.exp(v.get(0) * v.get(1)));
    };
    const x = ndarray(Float64Array.of(0, 1), [2]);
    const bounds = { lower: 0, upper: ndarray(Float64Array.of(10, 1), [2]) };
    const J = jacobian(G, x, { outputs: 2, scheme: 'richardson', bounds });
    expect(seen.every(([a, b]) => a! >= 0 && a! <= 10 && b! >= 0 && b! <= 1)).toBe(true);
    for (let i = 0; i < 2; i++) {
      const g = numericalGradient((v) => {
        const out = ndarray(new Float64Array(2), [2]);
        G(v, out);
        return out.get(i);
      }, x, { scheme: 'richardson', bounds });
      expect([J.get(i, 0), J.get(i, 1)]).toEqual(elements(g));
    }
    expect(J.get(0, 1)).toBeCloseTo(3, 10); // one-sided at x₁ = 1 (its upper bound)
    expect(J.get(1, 1)).toBeCloseTo(0, 12); // ∂e^{x₀x₁}/∂x₁ = x₀ = 0
  });
  it('f not finite at every step along a column: NonFiniteValueError naming the column and the output; x restored', () => {
    const data = Float64Array.of(1, 2);
    const x = ndarray(data, [2]);
    const G = (v: NdArray): number[] => [v.get(0), v.get(1) === 2 ? v.get(0) : NaN];
    const e = expectThrows(() => jacobian(G, x, { scheme: 'richardson' }), NonFiniteValueError, 'NON_FINITE_VALUE', /^jacobian: f returned NaN in output 1 when x\[1\] was perturbed to .* and at every smaller first step down to 4⁻³⁰ of it; Richardson needs finite outputs/, { coordinate: 'x[1]' });
    expect(e.message).toMatch(/x has been restored\.$/);
    expect(sameBits(snapshot(data), [1, 2])).toBe(true);
  });
  it('options.error: refused with another scheme; checked for shape and overlap; gives m when f returns its outputs', () => {
    const x = ndarray(Float64Array.from(X), [3]);
    const never = (): number[] => {
      throw new Error('f must not be called');
    };
    expectThrows(
      () => jacobian(never, x, { error: ndarray(new Float64Array(12), [4, 3]) }),
      ArgumentRangeError,
      'OUT_OF_RANGE',
      "jacobian: options.error needs scheme: 'richardson' (the only scheme that estimates its error; got 'central'); pass scheme: 'richardson' or leave options.error out.",
    );
    expect(() => jacobian(never, x, { scheme: 'richardson', error: ndarray(new Float64Array(12), [3, 4]) })).toThrow(/options.error has shape \[3,4\]/);
    expect(() => jacobian(never, x, { scheme: 'richardson', outputs: 4, error: ndarray(new Float64Array(9), [3, 3]) })).toThrow(/outputs says 4 outputs but options.error says 3/);
    const shared = new Float64Array(24);
    expect(() => jacobianInto(ndarray(shared, [4, 3]), never, x, { scheme: 'richardson', error: ndarray(shared.subarray(6), [4, 3]) })).toThrow(OverlappingMemoryError);
    const error = ndarray(new Float64Array(12), [4, 3]);
    const J = jacobian((v: NdArray) => rows.map((row) => row(elements(v))), x, { scheme: 'richardson', error });
    expect(J.shape).toEqual([4, 3]);
    expect(Math.max(...elements(error))).toBeLessThan(1e-12);
  });
});
