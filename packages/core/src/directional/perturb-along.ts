/**
 * Moving many elements of an array at once and putting them back
 * bit-identically: x ← x₀ + τ·d as the storage holds it (a direction, an
 * SPSA perturbation, a group of Jacobian columns), f called on the same
 * ndarray object, then every element restored from a saved copy.
 *
 * The elements are addressed once, up front, in row-major order of the
 * view's multi-index (`at[k]` is where element k lives in the storage), so
 * a move is one flat loop over any view — transposed, reversed, picked —
 * and no call of f allocates anything. Several arrays (named parameters) are
 * joined into one perturbation of segments, moved together.
 */
import type { NdArray } from 'ndarray';
import { nextRow, rowStart, sizeOf, type FloatStorage } from '../memory/strided.js';
import type { Precision } from '../kernel/step.js';

/** One array of a perturbation: elements start…end−1 live in `data`. */
export interface Segment {
  readonly data: FloatStorage;
  readonly float32: boolean;
  readonly start: number;
  readonly end: number;
  /** The array's name in messages (`x`, `W1`). */
  readonly name: string;
  readonly shape: readonly number[];
}

/** Arrays prepared for moves: where their elements live and what they held. */
export interface Perturbation {
  /** The (first) array's storage, written in place. */
  readonly data: FloatStorage;
  /** Its storage rounds to float32. */
  readonly float32: boolean;
  /** Number of elements (of every array). */
  readonly size: number;
  /** The (first) view's shape, for naming an element. */
  readonly shape: readonly number[];
  /** Storage index of element k in its array's data (row-major order of each view's multi-index, arrays in turn). */
  readonly at: Uint32Array;
  /** Element k before any move: written back by restoreAll. */
  readonly saved: Float64Array;
  /** The arrays: one for a single array, one per parameter when joined. */
  readonly segments: readonly Segment[];
}

/**
 * Address every element of `x` and save its value (x is already checked: a
 * float ndarray inside its storage whose distinct elements have distinct memory).
 * @example
 * const x = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0);
 * Array.from(perturbation(x, 'float64').saved); // → [1, 3, 2, 4]
 */
export function perturbation(x: NdArray, precision: Precision, name = 'x'): Perturbation {
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
  const float32 = precision === 'float32';
  const shape = x.shape.slice();
  return { data, float32, size, shape, at, saved, segments: [{ data, float32, start: 0, end: size, name, shape }] };
}

/**
 * Several arrays as one perturbation (named parameters moved together along
 * one direction over all their elements), in the order given.
 * @example
 * const W = perturbation(ndarray(new Float64Array([1, 2]), [2]), 'float64', 'W');
 * const b = perturbation(ndarray(new Float32Array([3]), [1]), 'float32', 'b');
 * const both = joinPerturbations([W, b]);
 * Array.from(both.saved); // → [1, 2, 3]
 * elementLabel(both, 2); // → 'b[0]'
 */
export function joinPerturbations(parts: readonly Perturbation[]): Perturbation {
  let size = 0;
  for (const part of parts) size += part.size;
  const at = new Uint32Array(size);
  const saved = new Float64Array(size);
  const segments: Segment[] = [];
  let start = 0;
  for (const part of parts) {
    at.set(part.at, start);
    saved.set(part.saved, start);
    for (const s of part.segments) segments.push({ ...s, start: s.start + start, end: s.end + start });
    start += part.size;
  }
  const first = parts[0]!;
  return { data: first.data, float32: first.float32, size, shape: first.shape, at, saved, segments };
}

/** The segment holding element k. */
export function segmentOf(p: Perturbation, k: number): Segment {
  const segments = p.segments;
  let s = 0;
  while (s < segments.length - 1 && k >= segments[s]!.end) s++;
  return segments[s]!;
}

/** `W1[2,3]`: element k named after its array (see elementName). */
export function elementLabel(p: Perturbation, k: number): string {
  const s = segmentOf(p, k);
  return elementName(s.name, s.shape, k - s.start);
}

/** What element k holds now. */
export function currentValue(p: Perturbation, k: number): number {
  return segmentOf(p, k).data[p.at[k]!]!;
}

/**
 * Move every element: x_k ← x₀_k + τ·d_k as the storage holds it.
 * @returns Σ_k d_k·(stored x_k − x₀_k), the displacement actually stored
 *   projected on d (times ‖d‖²); NaN when some element overflowed to ±Infinity
 */
export function moveAlong(p: Perturbation, d: Float64Array, tau: number): number {
  const { at, saved } = p;
  let projection = 0;
  let finite = true;
  for (const { data, float32, start, end } of p.segments) {
    if (float32) {
      for (let k = start; k < end; k++) {
        const value = Math.fround(saved[k]! + tau * d[k]!);
        data[at[k]!] = value;
        finite &&= value - value === 0;
        projection += d[k]! * (value - saved[k]!);
      }
    } else {
      for (let k = start; k < end; k++) {
        const value = saved[k]! + tau * d[k]!;
        data[at[k]!] = value;
        finite &&= value - value === 0;
        projection += d[k]! * (value - saved[k]!);
      }
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
  const { at, saved } = p;
  for (const { data, start, end } of p.segments) for (let k = start; k < end; k++) if (!Object.is(data[at[k]!], saved[k])) return k;
  return -1;
}

/**
 * The first element that no longer holds x₀_k + τ·d_k as stored (f wrote to
 * the array), or −1 when every element does.
 */
export function findMoved(p: Perturbation, d: Float64Array, tau: number): number {
  const { at, saved } = p;
  for (const { data, float32, start, end } of p.segments) {
    for (let k = start; k < end; k++) {
      const sum = saved[k]! + tau * d[k]!;
      if (data[at[k]!] !== (float32 ? Math.fround(sum) : sum)) return k;
    }
  }
  return -1;
}

/** The value element k is moved to by moveAlong(p, d, τ). */
export function movedValue(p: Perturbation, d: Float64Array, tau: number, k: number): number {
  const sum = p.saved[k]! + tau * d[k]!;
  return segmentOf(p, k).float32 ? Math.fround(sum) : sum;
}

/** Write every saved value back: the array is bit-identical to before the first move. */
export function restoreAll(p: Perturbation): void {
  const { at, saved } = p;
  for (const { data, start, end } of p.segments) for (let k = start; k < end; k++) data[at[k]!] = saved[k]!;
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
