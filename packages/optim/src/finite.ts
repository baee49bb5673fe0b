/** Checks that every element of a record of arrays is finite (no NaN, no ±Infinity). */
import type { NdArray } from 'ndarray';
import { forEachRow, storageOf } from './strided.js';

/**
 * The key of the first array of `tree` holding a NaN or ±Infinity, or null when
 * all elements are finite. Reads views through their strides.
 * @example
 * import ndarray from 'ndarray';
 * firstNonFinite({ a: ndarray([1, 2]), b: ndarray([3, NaN]) }); // 'b'
 */
export function firstNonFinite(tree: Readonly<Record<string, NdArray>>): string | null {
  for (const key of Object.keys(tree)) {
    const a = tree[key]!;
    const data = storageOf(a, key);
    let finite = true;
    forEachRow(a, a, (start, stride, _bStart, _bStride, length) => {
      for (let i = 0; i < length; i++) {
        // x − x is 0 for every finite x and NaN for NaN and ±Infinity.
        const x = data[start + i * stride]!;
        if (x - x !== 0) finite = false;
      }
    });
    if (!finite) return key;
  }
  return null;
}
