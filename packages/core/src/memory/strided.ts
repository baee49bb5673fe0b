/**
 * Strided access to ndarray views: the argument checks that decide whether an
 * array can be perturbed, the row-major odometer over a view's multi-index, and
 * the `x[1,0]` formatting of error messages. Element (i₀, …, i_{d−1}) of a view
 * lives at `data[offset + Σ i_k·stride_k]`.
 */
import type { NdArray } from 'ndarray';
import { describe } from '../errors/describe.js';
import { InvalidArgumentError } from '../errors/error-classes.js';
import type { Precision } from '../kernel/step.js';

/** Indexable number storage: a Float64Array, a Float32Array or a plain array. */
export interface FloatStorage {
  [index: number]: number;
  readonly length: number;
}

const INTEGER_ARRAYS = [Int8Array, Int16Array, Int32Array, Uint8Array, Uint8ClampedArray, Uint16Array, Uint32Array];

/** True when `value` has the fields of a scijs ndarray (data, shape, stride, offset). */
export function isNdArray(value: unknown): value is NdArray {
  if (typeof value !== 'object' || value === null) return false;
  const a = value as Partial<NdArray>;
  return a.data !== undefined && Array.isArray(a.shape) && Array.isArray(a.stride) && typeof a.offset === 'number';
}

/**
 * Check that `x` is an ndarray whose elements can hold a perturbed value, and
 * say in which precision they hold it.
 *
 * @param x - the candidate array
 * @param where - the calling function, for the message
 * @param name - the argument's name, for the message (`x`, `params.W1`, …)
 * @returns 'float32' for Float32Array data, 'float64' for Float64Array and plain arrays
 * @throws InvalidArgumentError (a TypeError) when x is not an ndarray, or its data is integer-typed, bigint or generic
 */
export function floatPrecisionOf(x: unknown, where: string, name: string): Precision {
  if (!isNdArray(x)) {
    throw new InvalidArgumentError(
      `${where}: ${name} must be an ndarray (got ${describe(x)}); make one with ndarray(new Float64Array([...]), [n]) from the 'ndarray' package.`,
    );
  }
  const data: unknown = x.data;
  if (data instanceof Float64Array || Array.isArray(data)) return 'float64';
  if (data instanceof Float32Array) return 'float32';
  const kind = INTEGER_ARRAYS.some((T) => data instanceof T) ? 'integer-typed' : 'not a float array';
  throw new InvalidArgumentError(
    `${where}: ${name} holds ${describe(data)} data, which is ${kind}: a small step cannot be represented in it. ` +
      `Copy it into floats first, e.g. ndarray(Float64Array.from(${name}.data), ${name}.shape).`,
  );
}

/** Number of elements: the product of the shape (1 for rank 0). */
export function sizeOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/**
 * Advance the multi-index over every axis but the last, in row-major order
 * (the odometer: the axis before the last turns fastest).
 *
 * @param index - the multi-index, updated in place; its last entry is ignored
 * @param shape - the view's shape
 * @returns false when the last row has been passed
 */
export function nextRow(index: Int32Array, shape: readonly number[]): boolean {
  for (let axis = shape.length - 2; axis >= 0; axis--) {
    if (++index[axis]! < shape[axis]!) return true;
    index[axis] = 0;
  }
  return false;
}

/** `offset + Σ index_k·stride_k` over every axis but the last: where the current row starts. */
export function rowStart(index: Int32Array, stride: readonly number[], offset: number): number {
  let p = offset;
  for (let axis = 0; axis < stride.length - 1; axis++) p += index[axis]! * stride[axis]!;
  return p;
}

/**
 * `name[i₀,…,i_{d−1}]` for messages, with the last axis taken from `last`.
 * @example
 * formatIndex('W1', Int32Array.of(1, 0), 2); // → 'W1[1,2]'
 */
export function formatIndex(name: string, index: Int32Array, last: number): string {
  const parts = Array.from(index);
  if (parts.length > 0) parts[parts.length - 1] = last;
  return `${name}[${parts.join(',')}]`;
}

/**
 * Gather the elements of `v` (any view of x's shape, any numeric storage) in
 * row-major order into a new Float64Array: a direction read once, before x
 * moves, so v may even share memory with x.
 * @example
 * Array.from(gather(ndarray([5, 6, 7], [3]).step(-1))); // → [7, 6, 5]
 */
export function gather(v: NdArray): Float64Array {
  const size = sizeOf(v.shape);
  const out = new Float64Array(size);
  if (size === 0) return out;
  const data = v.data as FloatStorage;
  const rank = v.shape.length;
  const rowLength = rank === 0 ? 1 : v.shape[rank - 1]!;
  const step = rank === 0 ? 0 : v.stride[rank - 1]!;
  const index = new Int32Array(rank);
  let k = 0;
  do {
    let p = rowStart(index, v.stride, v.offset);
    for (let i = 0; i < rowLength; i++, p += step) out[k++] = data[p]!;
  } while (rank > 1 && nextRow(index, v.shape));
  return out;
}

/**
 * Write element k of a row-major Float64Array into `out` (any view of that
 * shape): the inverse of gather.
 */
export function scatter(out: NdArray, values: Float64Array): void {
  const size = values.length;
  if (size === 0) return;
  const data = out.data as FloatStorage;
  const rank = out.shape.length;
  const rowLength = rank === 0 ? 1 : out.shape[rank - 1]!;
  const step = rank === 0 ? 0 : out.stride[rank - 1]!;
  const index = new Int32Array(rank);
  let k = 0;
  do {
    let p = rowStart(index, out.stride, out.offset);
    for (let i = 0; i < rowLength; i++, p += step) data[p] = values[k++]!;
  } while (rank > 1 && nextRow(index, out.shape));
}
