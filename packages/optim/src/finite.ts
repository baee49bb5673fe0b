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
