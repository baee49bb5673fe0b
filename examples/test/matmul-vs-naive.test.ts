// The matrix products equal naive triple loops: matmulInto bit for bit, the unrolled backward products up to rounding.
import { describe, expect, it } from 'vitest';
import { matmul, matmulInto, matmulTransAInto, matmulTransBInto, setMatmulBackend } from '../lib/matrix.js';
import { Random } from '@descent/optim';
import { normal } from '../lib/random.js';

function random(rng: Random, n: number): Float64Array {
  return Float64Array.from({ length: n }, () => normal(rng));
}

/** Element (i, j) of a row-major matrix with `cols` columns. */
const at = (a: Float64Array, cols: number, i: number, j: number): number => a[i * cols + j]!;

/**
 * Summing `terms` products in another grouping changes the result by at most
 * about terms·ε·Σ|products| (standard summation error bound); 4ε per term is generous.
 */
function expectSumClose(actual: number, naive: number, absSum: number, terms: number): void {
  expect(Math.abs(actual - naive)).toBeLessThanOrEqual(4 * terms * Number.EPSILON * absSum);
}

// (7, 5, 3) leaves remainders after the unroll by 4; (4, 8, 2) has none.
describe.each([
  [7, 5, 3],
  [4, 8, 2],
])('matrix products, m = %i, k = %i, n = %i', (m, k, n) => {
  const rng = Random.fromSeed(m * 100 + k);

  it('matmulInto: out[i,j] = Σₚ a[i,p]·b[p,j], summed in the naive order (bit-identical)', () => {
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
        let abs = 0;
        for (let i = 0; i < m; i++) {
          s += at(a, k, i, p) * at(b, n, i, j);
          abs += Math.abs(at(a, k, i, p) * at(b, n, i, j));
        }
        expectSumClose(at(out, n, p, j), s, abs, m);
      }
    }
  });

  it('matmulTransBInto: out[i,p] = Σⱼ a[i,j]·b[p,j] (same order as the naive loop: bit-identical)', () => {
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
});

describe('matrix products by hand', () => {
  it('[[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]]', () => {
    expect(Array.from(matmul(new Float64Array([1, 2, 3, 4]), new Float64Array([5, 6, 7, 8]), 2, 2, 2))).toEqual([19, 22, 43, 50]);
  });

  it('integers are exact in any grouping: a 3×5 of ones times a 5×2 of k gives 15 in every entry', () => {
    const b = new Float64Array([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(Array.from(matmul(new Float64Array(15).fill(1), b, 3, 5, 2))).toEqual([15, 15, 15, 15, 15, 15]);
  });

  it('rejects arrays too short for the dimensions, naming the argument (ArgumentRangeError, code OUT_OF_RANGE)', () => {
    expect(() => matmulInto(new Float64Array(4), new Float64Array(3), new Float64Array(4), 2, 2, 2)).toThrow(/a has 3 elements/);
    expect(() => matmul(new Float64Array(4), new Float64Array(4), 2, 2.5, 2)).toThrow(/k must be a non-negative integer/);
    expect(() => matmul(new Float64Array(4), new Float64Array(4), 2, 2.5, 2)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });

  it('rejects an out that overlaps a or b (OverlappingMemoryError, code OVERLAPPING_MEMORY); adjacent subarrays are fine', () => {
    const buffer = new Float64Array(12);
    const a = buffer.subarray(0, 4);
    const b = buffer.subarray(4, 8);
    expect(() => matmulInto(buffer.subarray(2, 6), a, b, 2, 2, 2)).toThrow(expect.objectContaining({ code: 'OVERLAPPING_MEMORY', other: 'a' }));
    expect(() => matmulInto(buffer.subarray(6, 10), new Float64Array(4), b, 2, 2, 2)).toThrow(/out shares memory with b/);
    a.set([1, 2, 3, 4]);
    b.set([5, 6, 7, 8]);
    expect(Array.from(matmulInto(buffer.subarray(8, 12), a, b, 2, 2, 2))).toEqual([19, 22, 43, 50]);
  });
});

describe('setMatmulBackend', () => {
  it("'js' and 'auto' give the same bits; it returns the previous choice and rejects anything else (code INVALID_ARGUMENT)", () => {
    const rng = Random.fromSeed(12);
    const a = random(rng, 9 * 14);
    const b = random(rng, 14 * 6);
    const auto = matmul(a, b, 9, 14, 6);
    expect(setMatmulBackend('js')).toBe('auto');
    try {
      expect(matmul(a, b, 9, 14, 6)).toEqual(auto);
    } finally {
      expect(setMatmulBackend('auto')).toBe('js');
    }
    expect(() => setMatmulBackend('wasm' as 'auto')).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
