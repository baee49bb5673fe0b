/**
 * Element-wise kernels the wrappers share: finiteness of an updates tree,
 * zeroing it, and row-major copies of params into state buffers. Every kernel
 * reads views through offset and strides (one innermost row at a time, see
 * `forEachRow`) and allocates nothing per element.
 */
import type { NdArray } from 'ndarray';
import { forEachRow, isRowMajorContiguous, storageOf, type Storage } from '../../tree/strided.js';
import { isNdArray, type Tree } from '../../tree/tree.js';
import type { Params } from '../transform.js';

/** The arrays of a tree, in key order (one entry for a single NdArray). */
function arraysOf(tree: Params): NdArray[] {
  if (isNdArray(tree)) return [tree];
  const out: NdArray[] = [];
  for (const key of Object.keys(tree)) out.push(tree[key]!);
  return out;
}

function rowFinite(data: Storage, start: number, stride: number, length: number): boolean {
  // x − x is 0 for every finite x and NaN for NaN and ±Infinity.
  for (let i = 0; i < length; i++) {
    const x = data[start + i * stride]!;
    if (x - x !== 0) return false;
  }
  return true;
}

/**
 * True when every element of every array of `tree` is finite (no NaN, no ±Infinity).
 * @example
 * import ndarray from 'ndarray';
 * allFinite({ a: ndarray([1, 2]), b: ndarray([3, -Infinity]) }, 'f'); // → false
 */
export function allFinite(tree: Params, where: string): boolean {
  for (const a of arraysOf(tree)) {
    const data = storageOf(a, where);
    if (isRowMajorContiguous(a)) {
      if (!rowFinite(data, a.offset, 1, a.size)) return false;
      continue;
    }
    let finite = true;
    forEachRow(a, a, (start, stride, _b, _bs, length) => {
      if (finite && !rowFinite(data, start, stride, length)) finite = false;
    });
    if (!finite) return false;
  }
  return true;
}

/**
 * Write 0 into every element of every array of `tree`.
 * @example
 * import ndarray from 'ndarray';
 * const u = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0);
 * zeroTree(u, 'f');
 * u; // → [[0, 0], [0, 0]]
 */
export function zeroTree(tree: Params, where: string): void {
  for (const a of arraysOf(tree)) {
    const data = storageOf(a, where);
    forEachRow(a, a, (start, stride, _b, _bs, length) => {
      for (let i = 0; i < length; i++) data[start + i * stride] = 0;
    });
  }
}

/** The elements of one array in row-major order, as a packed number[]. */
function rowMajor(a: NdArray, where: string): number[] {
  const data = storageOf(a, where);
  const out: number[] = [];
  forEachRow(a, a, (start, stride, _b, _bs, length) => {
    for (let i = 0; i < length; i++) out.push(data[start + i * stride]!);
  });
  return out;
}

/**
 * State buffers holding a copy of `params` (one row-major number[] per array,
 * plain data), the counterpart of `zeroBuffers` for state that starts at the params.
 * @example
 * import ndarray from 'ndarray';
 * buffersOf({ w: ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0) }, 'f'); // → { w: [1, 3, 2, 4] }
 */
export function buffersOf(params: Params, where: string): Tree<number[]> {
  if (isNdArray(params)) return rowMajor(params, where);
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(params)) out[key] = rowMajor(params[key]!, where);
  return out;
}
