// The i-k-j matrix products equal naive triple loops (same summation order → bit-identical).
import { describe, expect, it } from 'vitest';
import { matmul, matmulInto, matmulTransAInto, matmulTransBInto } from '../lib/matrix.js';
import { Rng } from '../lib/random.js';

function random(rng: Rng, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => rng.normal());
}

/** Element (i, j) of a row-major matrix with `cols` columns. */
const at = (a: Float64Array, cols: number, i: number, j: number): number => a[i * cols + j]!;

describe('matrix products', () => {
  const rng = new Rng(1);
  const [m, k, n] = [7, 5, 3];

  it('matmulInto: out[i,j] = Σₚ a[i,p]·b[p,j]', () => {
    const a = random(rng, m * k);
    const b = random(rng, k * n);
    const out = matmulInto(new Float64Array(m * n).fill(NaN), a, b, m, k, n);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let p = 0; p < k; p++) s += at(a, k, i, p) * at(b, n, p, j);
        expect(at(out, n, i, j)).toBe(s);
      }
    }
  });

  it('matmulTransAInto: out[p,j] = Σᵢ a[i,p]·b[i,j]', () => {
    const a = random(rng, m * k);
    const b = random(rng, m * n);
    const out = matmulTransAInto(new Float64Array(k * n).fill(NaN), a, b, m, k, n);
    for (let p = 0; p < k; p++) {
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let i = 0; i < m; i++) s += at(a, k, i, p) * at(b, n, i, j);
        expect(at(out, n, p, j)).toBe(s);
      }
    }
  });

  it('matmulTransBInto: out[i,p] = Σⱼ a[i,j]·b[p,j]', () => {
    const a = random(rng, m * n);
    const b = random(rng, k * n);
    const out = matmulTransBInto(new Float64Array(m * k).fill(NaN), a, b, m, k, n);
    for (let i = 0; i < m; i++) {
      for (let p = 0; p < k; p++) {
        let s = 0;
        for (let j = 0; j < n; j++) s += at(a, n, i, j) * at(b, n, p, j);
        expect(at(out, k, i, p)).toBe(s);
      }
    }
  });

  it('gives the hand value [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]', () => {
    expect(Array.from(matmul(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2))).toEqual([19, 22, 43, 50]);
  });

  it('rejects arrays too short for the dimensions, naming the argument', () => {
    expect(() => matmulInto(new Float64Array(4), new Float64Array(3), new Float64Array(4), 2, 2, 2)).toThrow(/a has 3 elements/);
    expect(() => matmul(new Float64Array(4), new Float64Array(4), 2, 2.5, 2)).toThrow(/k must be a non-negative integer/);
  });
});
