/**
 * Memory of views: findSelfOverlap against brute-force enumeration of every
 * element's offset, the error it raises, and sharesMemory across typed arrays
 * over one buffer, subarrays and interleaved views.
 */
import fc from 'fast-check';
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  AliasedMemoryError,
  assertNoOverlap,
  assertNoSelfOverlap,
  findSelfOverlap,
  OverlappingMemoryError,
  sharesMemory,
} from '@descent/core';

/** Every element's offset by enumeration: the definition findSelfOverlap must agree with. */
function bruteForceAliases(shape: number[], stride: number[]): boolean {
  const seen = new Set<number>();
  const size = shape.reduce((a, b) => a * b, 1);
  const index = shape.map(() => 0);
  for (let n = 0; n < size; n++) {
    const p = index.reduce((acc, i, k) => acc + i * stride[k]!, 0);
    if (seen.has(p)) return true;
    seen.add(p);
    for (let k = shape.length - 1; k >= 0 && ++index[k]! === shape[k]!; k--) index[k] = 0;
  }
  return false;
}

describe('findSelfOverlap', () => {
  it('a stride-0 broadcast aliases on that axis', () => {
    expect(findSelfOverlap([3], [0])).toEqual({ axes: [0], first: [0], second: [1] });
    expect(findSelfOverlap([2, 4], [4, 0])).toEqual({ axes: [1], first: [0, 0], second: [0, 1] });
  });
  it('stride 0 on an axis of extent 1 is not aliasing (a kept dimension)', () => {
    expect(findSelfOverlap([1, 3], [0, 1])).toBeUndefined();
  });
  it('overlapping strides: [2,2] with strides [1,1] puts (0,1) and (1,0) on one slot', () => {
    expect(findSelfOverlap([2, 2], [1, 1])).toEqual({ axes: [0, 1], first: [0, 1], second: [1, 0] });
  });
  it('an alias-free view the fast test cannot decide: shape [3,2] strides [2,3] (offsets 0,3,2,5,4,7)', () => {
    expect(findSelfOverlap([3, 2], [2, 3])).toBeUndefined();
  });
  it('the sort path (span > 8·size): shape [2,2,2] strides [1, 1e9 − 1, 1e9] aliases (0,0,1) with (1,1,0)', () => {
    // 1e9 = 1 + (1e9 − 1): one step along axis 2 equals a step along axes 0 and 1.
    expect(findSelfOverlap([2, 2, 2], [1, 1e9 - 1, 1e9])).toEqual({ axes: [0, 1, 2], first: [0, 0, 1], second: [1, 1, 0] });
  });
  it('a cached answer is returned as a copy: mutating one result does not change the next', () => {
    // main returned the cached object itself, so a caller's edit leaked into every later answer
    const first = findSelfOverlap([2, 3], [1, 1])!;
    first.axes.push(9);
    first.first[0] = 7;
    expect(findSelfOverlap([2, 3], [1, 1])).toEqual({ axes: [0, 1], first: [0, 1], second: [1, 0] });
    expect(findSelfOverlap([2, 3], [1, 1])).not.toBe(findSelfOverlap([2, 3], [1, 1]));
  });
  it('agrees with brute force on random shapes and strides (negative and zero included)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: -7, max: 7 })), { minLength: 0, maxLength: 4 }),
        (axes) => {
          const shape = axes.map(([n]) => n);
          const stride = axes.map(([, s]) => s);
          const found = findSelfOverlap(shape, stride);
          expect(found !== undefined).toBe(bruteForceAliases(shape, stride));
          if (found !== undefined) {
            const at = (i: number[]) => i.reduce((acc, v, k) => acc + v * stride[k]!, 0);
            expect(at(found.first)).toBe(at(found.second));
            expect(found.first).not.toEqual(found.second);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('assertNoSelfOverlap', () => {
  it('throws an AliasedMemoryError (a TypeError) naming the axis and the fix', () => {
    const x = ndarray(Float64Array.of(2), [3], [0], 0);
    expect(() => assertNoSelfOverlap(x, 'numericalGradient', 'x')).toThrow(AliasedMemoryError);
    expect(() => assertNoSelfOverlap(x, 'numericalGradient', 'x')).toThrow(TypeError);
    expect(() => assertNoSelfOverlap(x, 'numericalGradient', 'x')).toThrow(
      'numericalGradient: x aliases its own memory: axis 0 has stride 0 (a broadcast), so x[0] and x[1] are the same number',
    );
    try {
      assertNoSelfOverlap(ndarray(new Float64Array(3), [2, 2], [1, 1]), 'minimize', 'x0');
    } catch (error) {
      expect((error as AliasedMemoryError).code).toBe('ALIASED_MEMORY');
      expect((error as AliasedMemoryError).axes).toEqual([0, 1]);
      expect((error as AliasedMemoryError).array).toBe('x0');
    }
    expect.assertions(6);
  });
  it('accepts ordinary views: transpose, step(-1), hi/lo, pick', () => {
    const a = ndarray(new Float64Array(24), [2, 3, 4]);
    for (const v of [a, a.transpose(2, 0, 1), a.step(-1, 1, -2), a.hi(1, 2, 3).lo(0, 1, 1), a.pick(null, 1, null)]) {
      expect(() => assertNoSelfOverlap(v, 'f', 'x')).not.toThrow();
    }
  });
});

describe('sharesMemory', () => {
  const buffer = new ArrayBuffer(64);
  const f64 = new Float64Array(buffer);
  it('the same typed array, overlapping ranges: true; disjoint halves: false', () => {
    expect(sharesMemory(ndarray(f64, [4]), ndarray(f64, [4], [1], 3))).toBe(true);
    expect(sharesMemory(ndarray(f64, [4]), ndarray(f64, [4], [1], 4))).toBe(false);
  });
  it('a subarray and a Float32Array over the same buffer are caught', () => {
    expect(sharesMemory(ndarray(f64, [8]), ndarray(f64.subarray(7), [1]))).toBe(true);
    expect(sharesMemory(ndarray(f64, [2]), ndarray(new Float32Array(buffer, 12, 2), [2]))).toBe(true); // bytes 12..19 inside f64[1]
    expect(sharesMemory(ndarray(f64, [2]), ndarray(new Float32Array(buffer, 16, 2), [2]))).toBe(false); // bytes 16..23 start at f64[2]
  });
  it('interleaved views of one buffer do not share (even vs odd), reversed order included', () => {
    const even = ndarray(f64, [4], [2], 0);
    const odd = ndarray(f64, [4], [2], 1);
    expect(sharesMemory(even, odd)).toBe(false);
    expect(sharesMemory(even, odd.step(-1))).toBe(false);
    expect(sharesMemory(even, ndarray(f64, [2], [3], 3))).toBe(true); // f64[3], f64[6]: 6 is even
  });
  it('plain arrays: the same array object only', () => {
    const data = [1, 2, 3, 4];
    expect(sharesMemory(ndarray(data, [2]), ndarray(data, [2], [1], 1))).toBe(true);
    expect(sharesMemory(ndarray(data, [2]), ndarray(data.slice(), [2]))).toBe(false);
  });
  it('empty arrays share nothing', () => {
    expect(sharesMemory(ndarray(f64, [0]), ndarray(f64, [4]))).toBe(false);
  });
  it('assertNoOverlap throws OverlappingMemoryError naming both arrays', () => {
    expect(() => assertNoOverlap(ndarray(f64.subarray(1), [2]), 'out', ndarray(f64, [2]), 'x', 'numericalGradient')).toThrow(
      new OverlappingMemoryError('out', 'x', 'numericalGradient: out shares memory with x (the same ArrayBuffer, overlapping elements); writing out would change x while it is in use. Pass an array with its own storage, e.g. ndarray(new Float64Array(2), [2]).'),
    );
  });
});
