/**
 * scipy's TestApproxDerivativeSparse (Numerical Optimization 2nd ed., p. 198)
 * and test_group_columns against jacobian with `sparsity`: a tridiagonal
 * Jacobian at a point within 1e-7 (relative) of its bounds, grouped columns,
 * every scheme, with and without bounds.
 *
 * eᵢ = x_{i+1}³ − xᵢ² (i < n−1); F₀ = 2e₀, Fᵢ = 3e_{i−1} + 2eᵢ, F_{n−1} = 3e_{n−2}, so
 * ∂Fᵢ/∂x_{i−1} = −6x_{i−1}, ∂Fᵢ/∂xᵢ = 9xᵢ² − 4xᵢ, ∂Fᵢ/∂x_{i+1} = 6x_{i+1}²,
 * and at the ends ∂F₀/∂x₀ = −4x₀, ∂F_{n−1}/∂x_{n−1} = 9x²_{n−1}.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { jacobian, sparsityPattern } from '@descent/core';
import { elements } from '../helpers.js';
import { storages } from '../scipy-functions.js';

const n = 50;
const lower = Array.from({ length: n }, (_, i) => -0.1 * (1 + i));
const upper = Array.from({ length: n }, (_, i) => 0.1 * (1 + i));
const x0 = Array.from({ length: n }, (_, i) => (1 - 1e-7) * (i % 2 === 0 ? lower[i]! : upper[i]!));

function F(x: NdArray, out: NdArray): void {
  const e = (i: number): number => x.get(i + 1) ** 3 - x.get(i) ** 2;
  for (let i = 0; i < n; i++) out.set(i, (i > 0 ? 3 * e(i - 1) : 0) + (i < n - 1 ? 2 * e(i) : 0));
}

function truth(x: readonly number[]): number[][] {
  const J = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  J[0]![0] = -4 * x[0]!;
  J[0]![1] = 6 * x[1]! ** 2;
  for (let i = 1; i < n - 1; i++) {
    J[i]![i - 1] = -6 * x[i - 1]!;
    J[i]![i] = 9 * x[i]! ** 2 - 4 * x[i]!;
    J[i]![i + 1] = 6 * x[i + 1]! ** 2;
  }
  J[n - 1]![n - 1] = 9 * x[n - 1]! ** 2;
  J[n - 1]![n - 2] = -6 * x[n - 2]!;
  return J;
}

const structure = ndarray(new Uint8Array(n * n), [n, n]);
for (let i = 0; i < n; i++) for (let j = Math.max(0, i - 1); j <= Math.min(n - 1, i + 1); j++) structure.set(i, j, 1);

/** Entries in the pattern within rtol of the truth (none is 0 at x0), entries outside it exactly 0. */
function expectClose(J: NdArray, T: number[][], rtol: number, label: string): void {
  let worst = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (T[i]![j] === 0) expect(J.get(i, j), `${label} [${i},${j}]`).toBe(0);
      else worst = Math.max(worst, Math.abs(J.get(i, j) - T[i]![j]!) / Math.abs(T[i]![j]!));
    }
  }
  expect(worst, label).toBeLessThan(rtol);
}

describe('scipy test_group_columns', () => {
  it('a banded 7×6 structure with an empty row groups as [0, 1, 2, 0, 1, 2], the same every time', () => {
    const rows = [
      [1, 1, 0, 0, 0, 0],
      [1, 1, 1, 0, 0, 0],
      [0, 1, 1, 1, 0, 0],
      [0, 0, 1, 1, 1, 0],
      [0, 0, 0, 1, 1, 1],
      [0, 0, 0, 0, 1, 1],
      [0, 0, 0, 0, 0, 0],
    ];
    const A = ndarray(rows.flat(), [7, 6]);
    const pattern = sparsityPattern(A);
    expect(Array.from(pattern.groupOf)).toEqual([0, 1, 2, 0, 1, 2]);
    expect(pattern.groupCount).toBe(3);
    expect(Array.from(sparsityPattern(A).groupOf)).toEqual(Array.from(pattern.groupOf));
    // the same structure as [row, column] pairs and as a transposed view of its transpose
    const pairs = rows.flatMap((r, i) => r.flatMap((v, j) => (v ? [[i, j] as [number, number]] : [])));
    expect(Array.from(sparsityPattern(pairs, [7, 6]).groupOf)).toEqual([0, 1, 2, 0, 1, 2]);
    const transposed = ndarray(new Float64Array(42), [6, 7]);
    for (let i = 0; i < 7; i++) for (let j = 0; j < 6; j++) transposed.set(j, i, rows[i]![j]!);
    expect(Array.from(sparsityPattern(transposed.transpose(1, 0)).groupOf)).toEqual([0, 1, 2, 0, 1, 2]);
  });
});

describe('scipy test_all: n = 50 tridiagonal, x within 1e-7 of its bounds', () => {
  const T = truth(x0);
  const pattern = sparsityPattern(structure);
  it('3 groups: 6 calls (central) instead of 100', () => {
    expect(pattern.groupCount).toBe(3);
    const counter = { evaluations: 0 };
    jacobian(F, ndarray(x0.slice()), { outputs: n, sparsity: pattern, counter });
    expect(counter.evaluations).toBe(6);
  });

  it('every scheme, with and without bounds (numbers per element as ndarrays), to 1e-6 (scipy)', () => {
    const boxes = [undefined, { lower: ndarray(lower.slice()) }, { upper: ndarray(upper.slice()) }, { lower: ndarray(lower.slice()), upper: ndarray(upper.slice()) }];
    for (const scheme of ['forward', 'backward', 'central', 'five-point', 'richardson'] as const) {
      for (const [k, bounds] of boxes.entries()) {
        expectClose(jacobian(F, ndarray(x0.slice()), { outputs: n, scheme, sparsity: pattern, bounds }), T, 1e-6, `${scheme} box ${k}`);
      }
    }
  });

  it('a fixed step h = 1e-8 (scipy rel_step 1e-8) to 1e-5, forward and central', () => {
    for (const scheme of ['forward', 'central'] as const) expectClose(jacobian(F, ndarray(x0.slice()), { outputs: n, scheme, h: 1e-8, sparsity: structure }), T, 1e-5, scheme);
  });

  it('the pattern as an ndarray (scipy test_no_precomputed_groups), on a step(-1) view and a plain Array', () => {
    for (const { name, x } of storages(x0)) {
      if (name === 'Float32Array') continue; // float32 cannot hold x within 1e-8 of a bound 0.1·k: x would round outside the box
      expectClose(jacobian(F, x, { outputs: n, sparsity: structure, bounds: { lower: ndarray(lower.slice()), upper: ndarray(upper.slice()) } }), T, 1e-6, name);
    }
  });
});

describe('scipy test_equivalence: a full pattern gives the dense Jacobian', () => {
  it('bit for bit, every fixed scheme', () => {
    const full = ndarray(new Uint8Array(n * n).fill(1), [n, n]);
    expect(sparsityPattern(full).groupCount).toBe(n);
    for (const scheme of ['forward', 'central', 'five-point'] as const) {
      expect(elements(jacobian(F, ndarray(x0.slice()), { outputs: n, scheme, sparsity: full }))).toEqual(elements(jacobian(F, ndarray(x0.slice()), { outputs: n, scheme })));
    }
  });
});
