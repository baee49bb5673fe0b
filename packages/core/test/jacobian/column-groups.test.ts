/**
 * sparsityPattern: the greedy column grouping is valid (no two columns of a
 * group share a row — checked by brute force on random patterns), optimal on
 * banded patterns (bandwidth b → b groups: tridiagonal 3, pentadiagonal 5),
 * one group for a diagonal pattern, n groups for a dense row; duplicates and
 * the three input forms agree.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { sparsityPattern, type SparsityPattern } from '@descent/core';
import { randomState } from '@descent/core';
import { nextUniform } from '../../src/directional/random.js';

function banded(n: number, half: number): [number, number][] {
  const pairs: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = Math.max(0, i - half); j <= Math.min(n - 1, i + half); j++) pairs.push([i, j]);
  return pairs;
}

/** No two columns of one group share a row. */
function valid(p: SparsityPattern): boolean {
  for (let a = 0; a < p.columns; a++) {
    for (let b = a + 1; b < p.columns; b++) {
      if (p.groupOf[a] !== p.groupOf[b]) continue;
      const rowsA = new Set(p.rowIndex.subarray(p.columnStart[a], p.columnStart[a + 1]));
      for (const r of p.rowIndex.subarray(p.columnStart[b], p.columnStart[b + 1])) if (rowsA.has(r)) return false;
    }
  }
  return true;
}

describe('sparsityPattern', () => {
  it('banded: tridiagonal n = 1000 → 3 groups (0,1,2,0,1,2,…), pentadiagonal → 5', () => {
    const tri = sparsityPattern(banded(1000, 1), [1000, 1000]);
    expect(tri.groupCount).toBe(3);
    expect(Array.from(tri.groupOf.subarray(0, 7))).toEqual([0, 1, 2, 0, 1, 2, 0]);
    expect(sparsityPattern(banded(50, 2), [50, 50]).groupCount).toBe(5);
  });
  it('diagonal → 1 group; a full row → n groups; an empty column joins group 0', () => {
    expect(sparsityPattern(Array.from({ length: 8 }, (_, i) => [i, i] as [number, number]), [8, 8]).groupCount).toBe(1);
    expect(sparsityPattern(Array.from({ length: 8 }, (_, j) => [0, j] as [number, number]), [1, 8]).groupCount).toBe(8);
    expect(Array.from(sparsityPattern([[0, 0], [0, 2]], [1, 3]).groupOf)).toEqual([0, 0, 1]);
  });
  it('random patterns (30×40, density 10%): every group is structurally independent', () => {
    const random = randomState(9);
    for (let trial = 0; trial < 20; trial++) {
      const pairs: [number, number][] = [];
      for (let i = 0; i < 30; i++) for (let j = 0; j < 40; j++) if (nextUniform(random) < 0.1) pairs.push([i, j]);
      const p = sparsityPattern(pairs, [30, 40]);
      expect(valid(p)).toBe(true);
      expect(p.groupCount).toBeLessThanOrEqual(40);
    }
  });
  it('an ndarray (any storage, a transposed view), pairs with duplicates and booleans give the same pattern', () => {
    const pairs = banded(5, 1);
    const mask = ndarray(new Float32Array(25), [5, 5]).transpose(1, 0);
    for (const [i, j] of pairs) mask.set(i, j, 1);
    const fromMask = sparsityPattern(mask);
    const fromPairs = sparsityPattern([...pairs, ...pairs], [5, 5]);
    const booleans = ndarray(Array.from({ length: 25 }, (_, k) => Math.abs(Math.floor(k / 5) - (k % 5)) <= 1) as unknown as number[], [5, 5]);
    for (const p of [fromPairs, sparsityPattern(booleans)]) {
      expect(Array.from(p.rowIndex)).toEqual(Array.from(fromMask.rowIndex));
      expect(Array.from(p.columnStart)).toEqual(Array.from(fromMask.columnStart));
      expect(Array.from(p.groupOf)).toEqual(Array.from(fromMask.groupOf));
    }
  });
  it('bad patterns are refused with typed errors', () => {
    expect(() => sparsityPattern([[0, 5]], [2, 5])).toThrow(RangeError);
    expect(() => sparsityPattern([[0, 1.5]] as [number, number][], [2, 5])).toThrow(TypeError);
    expect(() => sparsityPattern([[0, 1]])).toThrow(TypeError);
    expect(() => sparsityPattern(ndarray(new Float64Array(4), [4]))).toThrow(RangeError);
    expect(() => sparsityPattern(ndarray(new Float64Array(4), [2, 2]), [3, 2])).toThrow(RangeError);
  });
});
