/**
 * Strided element access for fused kernels that read or write several arrays at
 * once (ndarray-ops covers the single-operation cases). An ndarray view stores
 * element (i0, …, i_{d−1}) at `data[offset + Σ i_k·stride_k]`; these helpers walk
 * a view in row-major order one innermost row at a time, so a kernel's inner loop
 * is a plain `for` over `start + i·stride` that allocates nothing.
 */
import type { NdArray } from 'ndarray';
import type { Params } from './transform.js';
import { checkRecord, isNdArray, leafOf } from './tree.js';

/** Indexable element storage: a JS array of numbers or a typed array. */
export interface Storage {
  [index: number]: number;
  readonly length: number;
}

/** True when `data` can be indexed as `data[i]`: a JS array or a typed array (not a DataView or get/set storage). */
export function isIndexable(data: unknown): data is Storage {
  return Array.isArray(data) || (ArrayBuffer.isView(data) && !(data instanceof DataView));
}

/**
 * The indexable storage behind `a`.
 * @throws TypeError when `a.data` is a get/set "generic" storage, which the fused kernels cannot index.
 */
export function storageOf(a: NdArray, name: string): Storage {
  const data: unknown = a.data;
  if (isIndexable(data)) return data;
  throw new TypeError(
    `${name}: the array's data must be a JS array or a typed array (got ${Object.prototype.toString.call(data)}); ` +
      'wrap a Float64Array with ndarray(new Float64Array(n), shape) instead.',
  );
}

/**
 * Check that every array of the tree has indexable storage (see `storageOf`),
 * so a kernel can run over all of them once the first one has started.
 * @throws TypeError naming the transform when one does not
 */
export function assertIndexable(tree: Params, where: string): void {
  // Plain loops rather than forEachLeaf: no closure per call on the hot path.
  if (isNdArray(tree)) {
    storageOf(tree, where);
    return;
  }
  checkRecord(tree, where);
  for (const key of Object.keys(tree)) storageOf(leafOf(tree, key, where), where);
}

/**
 * True when the elements of `a` sit at `offset, offset + 1, …` in row-major order,
 * so `data[offset + k]` is the k-th element. Axes of length 1 may have any stride.
 */
export function isRowMajorContiguous(a: NdArray): boolean {
  let expected = 1;
  for (let axis = a.shape.length - 1; axis >= 0; axis--) {
    const n = a.shape[axis]!;
    if (n !== 1 && a.stride[axis] !== expected) return false;
    expected *= n;
  }
  return true;
}

/**
 * Receives one innermost row: elements `i = 0 … length − 1` sit at
 * `aStart + i·aStride` in the first array and `bStart + i·bStride` in the second,
 * and `k` is the row-major index of the row's first element.
 */
export type RowVisitor = (aStart: number, aStride: number, bStart: number, bStride: number, length: number, k: number) => void;

/**
 * Visit two same-shaped views together in row-major order, one innermost row at a
 * time (axes of length 1 are skipped, so a [n, 1] column is one row of n). When
 * both are row-major contiguous there is a single row covering every element.
 * The visitor is called once per row, never per element.
 * @param a first view
 * @param b second view, same shape as `a` (pass `a` again when there is only one)
 * @param visit called with each row's start offsets, strides, length and first row-major index
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [2, 3]).transpose(1, 0);
 * const data = x.data as Float64Array;
 * const seen: number[] = [];
 * forEachRow(x, x, (start, stride, _b, _bs, n) => {
 *   for (let i = 0; i < n; i++) seen.push(data[start + i * stride]!);
 * });
 * // seen → [1, 4, 2, 5, 3, 6] — the transpose's elements in row-major order
 */
export function forEachRow(a: NdArray, b: NdArray, visit: RowVisitor): void {
  const size = a.size;
  if (size === 0) return;
  if (isRowMajorContiguous(a) && isRowMajorContiguous(b)) {
    visit(a.offset, 1, b.offset, 1, size, 0);
    return;
  }
  // Keep only the axes longer than 1: they alone decide the row-major order.
  const shape: number[] = [];
  const aStride: number[] = [];
  const bStride: number[] = [];
  for (let axis = 0; axis < a.shape.length; axis++) {
    if (a.shape[axis] === 1) continue;
    shape.push(a.shape[axis]!);
    aStride.push(a.stride[axis]!);
    bStride.push(b.stride[axis]!);
  }
  const inner = shape.length - 1;
  const rowLength = shape[inner]!;
  const aStep = aStride[inner]!;
  const bStep = bStride[inner]!;
  const index = new Array<number>(inner).fill(0);
  let aStart = a.offset;
  let bStart = b.offset;
  for (let k = 0; k < size; k += rowLength) {
    visit(aStart, aStep, bStart, bStep, rowLength, k);
    // Advance the outer multi-index like an odometer.
    for (let axis = inner - 1; axis >= 0; axis--) {
      index[axis]!++;
      aStart += aStride[axis]!;
      bStart += bStride[axis]!;
      if (index[axis]! < shape[axis]!) break;
      aStart -= aStride[axis]! * shape[axis]!;
      bStart -= bStride[axis]! * shape[axis]!;
      index[axis] = 0;
    }
  }
}
