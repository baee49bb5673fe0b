/**
 * Moving many elements of an array at once and putting them back
 * bit-identically: x ← x₀ + τ·d as the storage holds it (a direction, an
 * SPSA perturbation, a group of Jacobian columns), f called on the same
 * ndarray object, then every element restored from a saved copy.
 *
 * The elements are addressed once, up front, in row-major order of the
 * view's multi-index (`at[k]` is where element k lives in the storage), so
 * a move is one flat loop over any view — transposed, reversed, picked —
 * and no call of f allocates anything.
 */
import type { NdArray } from 'ndarray';
import { nextRow, rowStart, sizeOf, type FloatStorage } from './strided.js';
import type { Precision } from './step.js';

/** An array prepared for moves: where its elements live and what they held. */
export interface Perturbation {
  /** The array's storage, written in place. */
  readonly data: FloatStorage;
  /** The storage rounds to float32. */
  readonly float32: boolean;
  /** Number of elements. */
  readonly size: number;
  /** The view's shape, for naming an element. */
  readonly shape: readonly number[];
  /** Storage index of element k (row-major order of the view's multi-index). */
  readonly at: Uint32Array;
  /** Element k before any move: written back by restoreAll. */
  readonly saved: Float64Array;
}

/**
 * Address every element of `x` and save its value (x is already checked: a
 * float ndarray inside its storage whose distinct elements have distinct memory).
 * @example
 * const x = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0);
 * Array.from(perturbation(x, 'float64').saved); // → [1, 3, 2, 4]
 */
export function perturbation(x: NdArray, precision: Precision): Perturbation {
  const size = sizeOf(x.shape);
  const at = new Uint32Array(size);
  const saved = new Float64Array(size);
  const data = x.data as FloatStorage;
  if (size > 0) {
    const rank = x.shape.length;
    const rowLength = rank === 0 ? 1 : x.shape[rank - 1]!;
    const step = rank === 0 ? 0 : x.stride[rank - 1]!;
    const index = new Int32Array(rank);
    let k = 0;
    do {
      let p = rowStart(index, x.stride, x.offset);
      for (let i = 0; i < rowLength; i++, p += step, k++) {
        at[k] = p;
        saved[k] = data[p]!;
      }
    } while (rank > 1 && nextRow(index, x.shape));
  }
  return { data, float32: precision === 'float32', size, shape: x.shape.slice(), at, saved };
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

/**
 * Move every element: x_k ← x₀_k + τ·d_k as the storage holds it.
 * @returns Σ_k d_k·(stored x_k − x₀_k), the displacement actually stored
 *   projected on d (times ‖d‖²); NaN when some element overflowed to ±Infinity
 */
export function moveAlong(p: Perturbation, d: Float64Array, tau: number): number {
  const { data, at, saved } = p;
  let projection = 0;
  let finite = true;
  if (p.float32) {
    for (let k = 0; k < p.size; k++) {
      const value = Math.fround(saved[k]! + tau * d[k]!);
      data[at[k]!] = value;
      finite &&= value - value === 0;
      projection += d[k]! * (value - saved[k]!);
    }
  } else {
    for (let k = 0; k < p.size; k++) {
      const value = saved[k]! + tau * d[k]!;
      data[at[k]!] = value;
      finite &&= value - value === 0;
      projection += d[k]! * (value - saved[k]!);
    }
  }
  return finite ? projection : NaN;
}

/**
 * The first element that no longer holds its saved value (f wrote to an
 * element it was not given perturbed), or −1: the end-of-run check of the
 * routines that move a few elements per call.
 */
export function findChanged(p: Perturbation): number {
  const { data, at, saved } = p;
  for (let k = 0; k < p.size; k++) if (!Object.is(data[at[k]!], saved[k])) return k;
  return -1;
}

/**
 * The first element that no longer holds x₀_k + τ·d_k as stored (f wrote to
 * the array), or −1 when every element does.
 */
export function findMoved(p: Perturbation, d: Float64Array, tau: number): number {
  const { data, at, saved } = p;
  for (let k = 0; k < p.size; k++) {
    const sum = saved[k]! + tau * d[k]!;
    if (data[at[k]!] !== (p.float32 ? Math.fround(sum) : sum)) return k;
  }
  return -1;
}

/** The value element k is moved to by moveAlong(p, d, τ). */
export function movedValue(p: Perturbation, d: Float64Array, tau: number, k: number): number {
  const sum = p.saved[k]! + tau * d[k]!;
  return p.float32 ? Math.fround(sum) : sum;
}

/** Write every saved value back: the array is bit-identical to before the first move. */
export function restoreAll(p: Perturbation): void {
  const { data, at, saved } = p;
  for (let k = 0; k < p.size; k++) data[at[k]!] = saved[k]!;
}

/**
 * `x[1,2]`: element k of the row-major order as a multi-index.
 * @example
 * elementName('W', [2, 3], 5); // → 'W[1,2]'
 */
export function elementName(name: string, shape: readonly number[], k: number): string {
  const index = new Array<number>(shape.length).fill(0);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = k % shape[axis]!;
    k = Math.floor(k / shape[axis]!);
  }
  return `${name}[${index.join(',')}]`;
}

/**
 * ‖a‖₂ without overflow or underflow of the squares (scaled by max |a_k|, as
 * BLAS dnrm2 and Math.hypot do).
 * @example
 * norm2(Float64Array.of(3e200, 4e200)); // ≈ 5.000000e200
 */
export function norm2(a: Float64Array): number {
  let scale = 0;
  for (let k = 0; k < a.length; k++) {
    const m = Math.abs(a[k]!);
    if (m > scale) scale = m;
  }
  if (scale === 0 || scale === Infinity) return scale;
  let sum = 0;
  for (let k = 0; k < a.length; k++) {
    const r = a[k]! / scale;
    sum += r * r;
  }
  return scale * Math.sqrt(sum);
}
