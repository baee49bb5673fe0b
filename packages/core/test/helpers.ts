/**
 * Small helpers shared by the core tests: reading any view's elements in
 * row-major order, and the f-functions used in several files.
 */
import type { NdArray } from 'ndarray';

/** The elements of a view in row-major order of its multi-index (via get, so strides and offset apply). */
export function elements(a: NdArray): number[] {
  const result: number[] = [];
  const index = new Array<number>(a.shape.length).fill(0);
  const total = a.shape.reduce((p, n) => p * n, 1);
  for (let k = 0; k < total; k++) {
    result.push(a.get(...index));
    for (let axis = a.shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < a.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return result;
}

/** Every element of a storage, for bit-identical comparisons with Object.is. */
export function snapshot(data: ArrayLike<number>): number[] {
  return Array.from(data);
}

/** True when two lists are equal element by element under Object.is (−0 ≠ +0). */
export function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}
