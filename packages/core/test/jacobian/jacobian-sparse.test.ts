/**
 * jacobian with a sparsity pattern: structurally independent columns are
 * perturbed together. A tridiagonal n = 1000 Jacobian takes 3 groups: 6 calls
 * (central) instead of 2000, and equals the dense result (each output row
 * depends on exactly one column of each group, so it sees the same nodes);
 * the pattern may be an ndarray, pairs, or prepared once; entries outside the
 * pattern are 0, also in a reused destination.
 *
 * F_i(x) = x_i³ − x_{i−1}·x_i + 2·x_{i+1} (missing neighbours are 0):
 * ∂F_i/∂x_{i−1} = −x_i, ∂F_i/∂x_i = 3x_i² − x_{i−1}, ∂F_i/∂x_{i+1} = 2.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { jacobian, jacobianInto, sparsityPattern } from '@descent/core';

const n = 1000;
const F = (v: NdArray, out: NdArray): void => {
  const x = v.data as Float64Array;
  for (let i = 0; i < n; i++) out.set(i, x[i]! ** 3 - (i > 0 ? x[i - 1]! : 0) * x[i]! + 2 * (i < n - 1 ? x[i + 1]! : 0));
};
const point = (): NdArray => ndarray(Float64Array.from({ length: n }, (_, i) => Math.sin(0.37 * i) + 0.1), [n]);
function tridiagonalPairs(size: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < size; i++) for (let j = Math.max(0, i - 1); j <= Math.min(size - 1, i + 1); j++) pairs.push([i, j]);
  return pairs;
}

describe('jacobian with sparsity', () => {
  it('tridiagonal n = 1000: 3 groups, 6 calls (dense: 2000), the same numbers as dense, analytic within 1e-8', () => {
    const x = point();
    const sparseCounter = { evaluations: 0 };
    const denseCounter = { evaluations: 0 };
    const sparse = jacobian(F, x, { outputs: n, sparsity: tridiagonalPairs(n), counter: sparseCounter });
    const dense = jacobian(F, x, { outputs: n, counter: denseCounter });
    expect(sparseCounter.evaluations).toBe(6);
    expect(denseCounter.evaluations).toBe(2000);
    expect(Array.from(sparse.data as Float64Array)).toEqual(Array.from(dense.data as Float64Array));
    const xs = x.data as Float64Array;
    let worst = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const exact = j === i - 1 ? -xs[i]! : j === i ? 3 * xs[i]! ** 2 - (i > 0 ? xs[i - 1]! : 0) : j === i + 1 ? 2 : 0;
        worst = Math.max(worst, Math.abs(sparse.get(i, j) - exact));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-8);
  });
  it('forward with f0: groups + 0 calls; five-point: 4 per group', () => {
    const x = point();
    const f0 = new Float64Array(n);
    F(x, ndarray(f0, [n]));
    const pattern = sparsityPattern(tridiagonalPairs(n), [n, n]);
    const counter = { evaluations: 0 };
    jacobian(F, x, { sparsity: pattern, scheme: 'forward', f0, counter });
    expect(counter.evaluations).toBe(3);
    jacobian(F, x, { sparsity: pattern, scheme: 'five-point', counter });
    expect(counter.evaluations).toBe(3 + 12);
  });
  it('the pattern as an m×n 0/1 ndarray (m taken from it); entries outside are 0 in a reused destination', () => {
    const m = 6;
    const mask = ndarray(new Uint8Array(m * m), [m, m]);
    for (const [i, j] of tridiagonalPairs(m)) mask.set(i, j, 1);
    const f = (v: NdArray, out: NdArray): void => {
      for (let i = 0; i < m; i++) out.set(i, v.get(i) ** 2 + (i > 0 ? v.get(i - 1) : 0) + (i < m - 1 ? 3 * v.get(i + 1) : 0));
    };
    const x = ndarray(Float64Array.from([1, 2, 3, 4, 5, 6]), [m]);
    const out = ndarray(new Float64Array(m * m).fill(7), [m, m]);
    const counter = { evaluations: 0 };
    jacobianInto(out, f, x, { sparsity: mask, counter });
    expect(counter.evaluations).toBe(6);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) {
        const exact = j === i - 1 ? 1 : j === i ? 2 * (i + 1) : j === i + 1 ? 3 : 0;
        expect(Math.abs(out.get(i, j) - exact)).toBeLessThanOrEqual(1e-9);
      }
    }
  });
  it('a block pattern (outputs 0–1 depend on x₀–x₁, 2–3 on x₂–x₃): 2 groups, 4 calls; a denser pattern than the truth gives the same numbers', () => {
    const f = (v: NdArray): number[] => [v.get(0) * v.get(1), v.get(0) + v.get(1), v.get(2) * v.get(3), v.get(2) - v.get(3)];
    const x = ndarray(Float64Array.from([2, 3, 5, 7]), [4]);
    const block: [number, number][] = [
      [0, 0], [0, 1], [1, 0], [1, 1],
      [2, 2], [2, 3], [3, 2], [3, 3],
    ];
    const counter = { evaluations: 0 };
    const J = jacobian(f, x, { sparsity: block, outputs: 4, counter });
    expect(counter.evaluations).toBe(4);
    const expected = [
      [3, 2, 0, 0],
      [1, 1, 0, 0],
      [0, 0, 7, 5],
      [0, 0, 1, -1],
    ];
    expected.forEach((row, i) => row.forEach((value, j) => expect(Math.abs(J.get(i, j) - value)).toBeLessThanOrEqual(1e-9)));
  });
});
