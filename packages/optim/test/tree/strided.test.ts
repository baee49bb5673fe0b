/**
 * forEachRow (the kernels' element walker) visits every element of a view once,
 * in row-major order, at offset + Σ index·stride, pairing the same logical
 * element of two differently laid-out views.
 */
import ndarray, { type NdArray } from 'ndarray';
import { expect, it } from 'vitest';
import { forEachRow, isRowMajorContiguous } from '../../src/tree/strided.js';
import { elements } from '../helpers.js';

/** Collect (row-major index, value of a, value of b) for each element forEachRow visits. */
function visit(a: NdArray, b: NdArray): [number, number, number][] {
  const out: [number, number, number][] = [];
  const aData = a.data as Float64Array;
  const bData = b.data as Float64Array;
  forEachRow(a, b, (aStart, aStride, bStart, bStride, length, k) => {
    for (let i = 0; i < length; i++) out.push([k + i, aData[aStart + i * aStride]!, bData[bStart + i * bStride]!]);
  });
  return out;
}

function iota(n: number): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => i);
}

it('walks a transposed view against a contiguous one in row-major order', () => {
  const a = ndarray(iota(6), [2, 3]).transpose(1, 0); // [[0, 3], [1, 4], [2, 5]]
  const b = ndarray(iota(6).map((v) => v * 10), [3, 2]); // [[0, 10], [20, 30], [40, 50]]
  const seen = visit(a, b);
  expect(seen.map((e) => e[0])).toEqual([0, 1, 2, 3, 4, 5]);
  expect(seen.map((e) => e[1])).toEqual(elements(a));
  expect(seen.map((e) => e[2])).toEqual(elements(b));
});

it('handles negative strides, offsets, picks and axes of length 1', () => {
  const a = ndarray(iota(24), [2, 3, 4]).pick(1).step(-1, 2).hi(3, 1).transpose(1, 0); // shape [1, 3]
  const b = ndarray(iota(3), [3, 1]).transpose(1, 0); // shape [1, 3], stride [1, 1]
  expect(a.shape).toEqual([1, 3]);
  const seen = visit(a, b);
  expect(seen.map((e) => e[1])).toEqual(elements(a));
  expect(seen.map((e) => e[2])).toEqual([0, 1, 2]);
});

it('recognises row-major contiguous views (any stride on axes of length 1) and nothing else', () => {
  expect(isRowMajorContiguous(ndarray(iota(6), [2, 3]))).toBe(true);
  expect(isRowMajorContiguous(ndarray(iota(6), [2, 3]).lo(1, 0))).toBe(true);
  expect(isRowMajorContiguous(ndarray(iota(6), [3, 1], [1, 7]))).toBe(true);
  expect(isRowMajorContiguous(ndarray(iota(6), [2, 3]).transpose(1, 0))).toBe(false);
  expect(isRowMajorContiguous(ndarray(iota(6), [2, 3]).hi(2, 2))).toBe(false);
  expect(isRowMajorContiguous(ndarray(iota(6)).step(-1))).toBe(false);
});
