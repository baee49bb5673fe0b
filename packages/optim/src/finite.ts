/** Checks that every element of a record of arrays is finite (no NaN, no ±Infinity). */
import type { NdArray } from 'ndarray';
import { forEachRow, isRowMajorContiguous, storageOf, type Storage } from './strided.js';

function contiguousFinite(data: Storage, start: number, length: number): boolean {
  // x − x is 0 for every finite x and NaN for NaN and ±Infinity.
  for (let i = start; i < start + length; i++) if (data[i]! - data[i]! !== 0) return false;
  return true;
}

/**
 * The key of the first array of `tree` holding a NaN or ±Infinity, or null when
 * all elements are finite. Reads views through their strides; a row-major
 * contiguous array is scanned in one loop that allocates nothing.
 * @example
 * import ndarray from 'ndarray';
 * firstNonFinite({ a: ndarray([1, 2]), b: ndarray([3, NaN]) }); // → 'b'
 */
export function firstNonFinite(tree: Readonly<Record<string, NdArray>>): string | null {
  for (const key in tree) {
    const a = tree[key]!;
    const data = storageOf(a, key);
    if (isRowMajorContiguous(a)) {
      if (!contiguousFinite(data, a.offset, a.size)) return key;
      continue;
    }
    let finite = true;
    forEachRow(a, a, (start, stride, _bStart, _bStride, length) => {
      for (let i = 0; i < length; i++) {
        const x = data[start + i * stride]!;
        if (x - x !== 0) finite = false;
      }
    });
    if (!finite) return key;
  }
  return null;
}

/**
 * The multi-index and value of the first element of `a` (row-major) that is NaN
 * or ±Infinity, or null when all are finite. For error messages: reads through
 * `get`, so any view and storage works.
 * @example
 * import ndarray from 'ndarray';
 * firstNonFiniteElement(ndarray([1, Infinity, NaN], [3])); // → { index: [1], value: Infinity }
 */
export function firstNonFiniteElement(a: NdArray): { index: number[]; value: number } | null {
  const index = new Array<number>(a.shape.length).fill(0);
  for (let k = 0; k < a.size; k++) {
    const value = a.get(...index) as number;
    if (!Number.isFinite(value)) return { index, value };
    for (let axis = a.shape.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (index[axis]! < a.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return null;
}
