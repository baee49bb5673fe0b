/**
 * jacobian (dense): every column against the analytic Jacobian for every
 * scheme, both output protocols (writing into out / returning), m taken from
 * options.outputs, f0 or the first call, f0 saving the call at x, counts,
 * and a column of the Jacobian of a scalar-as-vector f equal to numericalGradient.
 *
 * F(x) = (x₀²·x₁, 5x₀ + sin x₁, x₁·x₂, e^{x₂}), x = (1.5, −0.5, 0.25):
 *   J = [[2x₀x₁, x₀², 0], [5, cos x₁, 0], [0, x₂, x₁], [0, 0, e^{x₂}]].
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { jacobian, jacobianInto, numericalGradient, type DifferenceScheme } from '@descent/core';

const X = [1.5, -0.5, 0.25];
const writing = (v: NdArray, out: NdArray): void => {
  out.set(0, v.get(0) ** 2 * v.get(1));
  out.set(1, 5 * v.get(0) + Math.sin(v.get(1)));
  out.set(2, v.get(1) * v.get(2));
  out.set(3, Math.exp(v.get(2)));
};
const returning = (v: NdArray): number[] => [v.get(0) ** 2 * v.get(1), 5 * v.get(0) + Math.sin(v.get(1)), v.get(1) * v.get(2), Math.exp(v.get(2))];
const [a, b, c] = X as [number, number, number];
const EXACT = [
  [2 * a * b, a * a, 0],
  [5, Math.cos(b), 0],
  [0, c, b],
  [0, 0, Math.exp(c)],
];

function maxError(J: NdArray): number {
  let e = 0;
  EXACT.forEach((row, i) => row.forEach((value, j) => (e = Math.max(e, Math.abs(J.get(i, j) - value)))));
  return e;
}

describe('jacobian, dense', () => {
  const cases: [DifferenceScheme, number, number][] = [
    // scheme, calls (n = 3), error bound (first order ~ eps^(1/2), second ~ eps^(2/3), fourth ~ eps^(4/5))
    ['central', 6, 1e-9],
    ['forward', 4, 1e-6],
    ['backward', 4, 1e-6],
    ['five-point', 12, 1e-11],
  ];
  for (const [scheme, calls, bound] of cases) {
    it(`${scheme}: 4×3, error ≤ ${bound}, ${calls} calls`, () => {
      const counter = { evaluations: 0 };
      const J = jacobian(writing, ndarray(Float64Array.from(X), [3]), { outputs: 4, scheme, counter });
      expect(J.shape).toEqual([4, 3]);
      expect(maxError(J)).toBeLessThanOrEqual(bound);
      expect(counter.evaluations).toBe(calls);
    });
  }
  it('f returning its outputs (array, or an ndarray) gives the same numbers as f writing them; m from the first call', () => {
    const x = ndarray(Float64Array.from(X), [3]);
    const reference = Array.from(jacobian(writing, x, { outputs: 4 }).data as Float64Array);
    expect(Array.from(jacobian(returning, x).data as Float64Array)).toEqual(reference);
    expect(Array.from(jacobian((v) => ndarray(Float64Array.from(returning(v)), [2, 2]), x).data as Float64Array)).toEqual(reference);
  });
  it('f0 (as an array) saves the call at x for forward: n calls, the same numbers', () => {
    const x = ndarray(Float64Array.from(X), [3]);
    const counter = { evaluations: 0 };
    const J = jacobian(writing, x, { scheme: 'forward', f0: returning(x), counter });
    expect(counter.evaluations).toBe(3);
    expect(Array.from(J.data as Float64Array)).toEqual(Array.from(jacobian(writing, x, { scheme: 'forward', outputs: 4 }).data as Float64Array));
  });
  it('the row of a one-output f is numericalGradient, bit for bit (same nodes, same quotient)', () => {
    const g = (v: NdArray): number => Math.exp(v.get(0, 1)) * v.get(1, 0) + v.get(0, 0) ** 3;
    const x = ndarray(Float64Array.from([0.3, -1.2, 2.5, 0.7]), [2, 2]);
    for (const scheme of ['central', 'forward', 'five-point'] as DifferenceScheme[]) {
      const J = jacobian((v) => [g(v)], x, { scheme });
      const gradient = numericalGradient(g, x, { scheme });
      expect(J.shape).toEqual([1, 4]);
      expect([0, 1, 2, 3].map((j) => J.get(0, j))).toEqual([gradient.get(0, 0), gradient.get(0, 1), gradient.get(1, 0), gradient.get(1, 1)]);
    }
  });
  it('into a caller’s m×n array (a transposed view): m from its shape, f writing into out', () => {
    const out = ndarray(new Float64Array(12), [3, 4]).transpose(1, 0);
    expect(jacobianInto(out, writing, ndarray(Float64Array.from(X), [3]))).toBe(out);
    expect(maxError(out)).toBeLessThanOrEqual(1e-9);
  });
  it('an empty x: an m×0 Jacobian (one call to learn m when it is not given)', () => {
    const counter = { evaluations: 0 };
    expect(jacobian(() => [1, 2], ndarray(new Float64Array(0), [0]), { counter }).shape).toEqual([2, 0]);
    expect(counter.evaluations).toBe(1);
    expect(jacobian(writing, ndarray(new Float64Array(0), [0]), { outputs: 4 }).shape).toEqual([4, 0]);
  });
});
