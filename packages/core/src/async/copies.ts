/**
 * Private copies of the arrays an asynchronous gradient differentiates: a
 * view's elements in row-major order of its multi-index, in new storage of
 * the same kind (Float64Array, Float32Array or plain Array), so that f sees
 * the same numbers and the same precision as in the caller's array. Internal module.
 */
import type { NdArray } from 'ndarray';
import type { AbortSignalLike } from './async-options.js';
import { nextRow, rowStart, sizeOf, type FloatStorage } from '../memory/strided.js';

/** New storage of `data`'s kind with `length` elements (zeros; a plain Array of zeros). */
export function storageLike(data: unknown, length: number): FloatStorage {
  if (data instanceof Float32Array) return new Float32Array(length);
  if (Array.isArray(data)) return new Array<number>(length).fill(0);
  return new Float64Array(length);
}

/** A copy of storage (the same kind). */
export function cloneStorage(data: FloatStorage): FloatStorage {
  return (data as Float64Array).slice();
}

/**
 * The elements of view `x`, contiguous in row-major order of its multi-index
 * (`copy[p]` is element p of that order, whatever x's strides), in storage of x's kind.
 * @example
 * Array.from(contiguousCopy(ndarray(Float64Array.of(1, 2, 3, 4), [2, 2]).transpose(1, 0))); // → [1, 3, 2, 4]
 */
export function contiguousCopy(x: NdArray): FloatStorage {
  const shape = x.shape;
  const rank = shape.length;
  const size = sizeOf(shape);
  const copy = storageLike(x.data, size);
  if (size === 0) return copy;
  const data = x.data as FloatStorage;
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const step = rank === 0 ? 0 : x.stride[rank - 1]!;
  const index = new Int32Array(Math.max(rank, 1));
  let n = 0;
  do {
    let p = rowStart(index, x.stride, x.offset);
    for (let i = 0; i < rowLength; i++, p += step) copy[n++] = data[p]!;
  } while (rank > 1 && nextRow(index, shape));
  return copy;
}

/** The multi-index of element p of a row-major order over `shape`. */
export function unravel(p: number, shape: readonly number[]): Int32Array {
  const index = new Int32Array(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const n = shape[axis]!;
    index[axis] = p % n;
    p = (p - index[axis]!) / n;
  }
  return index;
}

/** Where element p of a row-major order over a's shape lives in a's data (offset + Σ index·stride). */
export function positionOf(a: NdArray, p: number): number {
  const shape = a.shape;
  let position = a.offset;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    const n = shape[axis]!;
    const i = p % n;
    p = (p - i) / n;
    position += i * a.stride[axis]!;
  }
  return position;
}

/** True for a Promise or any object with a then method (what an async f returns). */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/** Run `onAbort(reason)` when the signal aborts; returns the function that stops listening. */
export function listen(signal: AbortSignalLike | undefined, onAbort: (reason: unknown) => void): () => void {
  if (signal === undefined) return () => undefined;
  const listener = (): void => onAbort(signal.reason);
  signal.addEventListener('abort', listener);
  return () => signal.removeEventListener('abort', listener);
}
