/**
 * Which memory an ndarray view's elements occupy: whether two distinct
 * elements of one view share a slot (a stride-0 broadcast, overlapping
 * strides), and whether two arrays share any byte of storage. Perturbing one
 * element of an aliased view moves several elements at once, so a partial
 * derivative is not defined there; writing into an array that overlaps the one
 * being differentiated corrupts it.
 */
import type { NdArray } from 'ndarray';
import { AliasedMemoryError, OverlappingMemoryError } from '../errors/error-classes.js';

/** Two distinct multi-indices of a view that address the same slot. */
export interface SelfOverlap {
  /** The axes on which the two multi-indices differ. */
  axes: number[];
  /** One multi-index. */
  first: number[];
  /** The other, at the same slot. */
  second: number[];
}

/**
 * Find two distinct elements of a view (shape, strides) that share a slot, or
 * return undefined when every element has its own.
 *
 * Exact, not heuristic. Fast path, O(rank log rank): with the axes of extent
 * > 1 sorted by |stride|, the offsets are distinct when every |s_k| exceeds
 * Σ_{j<k} |s_j|(n_j − 1), the span of the smaller axes (mixed-radix
 * uniqueness); a stride 0 on an axis of extent > 1 aliases at once. Otherwise
 * (rare: e.g. shape [3, 2] strides [2, 3], which is alias-free, or [2, 2]
 * strides [1, 1], which is not) every element's offset is visited: in a table
 * over the view's span when the span is at most 8× the size, else by sorting
 * the offsets — O(size) memory either way, and the result is cached per
 * (shape, stride).
 *
 * @param shape - the view's shape
 * @param stride - the view's strides (any sign)
 * @returns the first aliasing pair found, or undefined
 * @example
 * findSelfOverlap([3], [0]);          // → { axes: [0], first: [0], second: [1] }
 * findSelfOverlap([2, 2], [1, 1]);    // → { axes: [0, 1], first: [0, 1], second: [1, 0] }
 * findSelfOverlap([3, 2], [2, 3]);    // → undefined (offsets 0, 3, 2, 5, 4, 7)
 */
export function findSelfOverlap(shape: readonly number[], stride: readonly number[]): SelfOverlap | undefined {
  // Fast path without allocation: the axes of extent > 1 into ORDER, insertion-sorted by |stride|.
  for (let k = 0; k < shape.length; k++) if (shape[k] === 0) return undefined; // no elements at all
  let m = 0;
  for (let k = 0; k < shape.length; k++) {
    const n = shape[k]!;
    if (n > 1) {
      if (stride[k] === 0) {
        const first = shape.map(() => 0);
        const second = first.slice();
        second[k] = 1;
        return { axes: [k], first, second };
      }
      if (m < ORDER.length) ORDER[m] = k;
      m++;
    }
  }
  if (m <= 1) return undefined;
  if (m <= ORDER.length) {
    for (let j = 1; j < m; j++) {
      const k = ORDER[j]!;
      const s = Math.abs(stride[k]!);
      let i = j - 1;
      for (; i >= 0 && Math.abs(stride[ORDER[i]!]!) > s; i--) ORDER[i + 1] = ORDER[i]!;
      ORDER[i + 1] = k;
    }
    let reach = 0;
    let unique = true;
    for (let j = 0; j < m && unique; j++) {
      const k = ORDER[j]!;
      const s = Math.abs(stride[k]!);
      if (s <= reach) unique = false;
      reach += s * (shape[k]! - 1);
    }
    if (unique) return undefined;
  }
  let span = 0;
  for (let k = 0; k < shape.length; k++) span += Math.abs(stride[k]!) * (shape[k]! - 1);
  const key = `${shape.join(',')}|${stride.join(',')}`;
  const cached = CACHE.get(key);
  if (cached !== undefined) return cached === null ? undefined : copyOverlap(cached); // a copy: the caller may mutate it
  const found = searchOverlap(shape, stride, span + 1);
  if (CACHE.size >= CACHE_LIMIT) CACHE.delete(CACHE.keys().next().value!);
  CACHE.set(key, found === undefined ? null : copyOverlap(found));
  return found;
}

function copyOverlap(o: SelfOverlap): SelfOverlap {
  return { axes: o.axes.slice(), first: o.first.slice(), second: o.second.slice() };
}

/** Scratch for the fast path of findSelfOverlap (no callbacks run while it is in use). */
const ORDER = new Int32Array(32);

const CACHE_LIMIT = 64;
const CACHE = new Map<string, SelfOverlap | null>();

/** Visit every element's offset (relative to the lowest) and report the first slot reached twice. */
function searchOverlap(shape: readonly number[], stride: readonly number[], span: number): SelfOverlap | undefined {
  const rank = shape.length;
  let size = 1;
  let base = 0; // offset of the lowest element, relative to the view's offset
  for (let k = 0; k < rank; k++) {
    size *= shape[k]!;
    if (stride[k]! < 0) base += stride[k]! * (shape[k]! - 1);
  }
  const index = new Array<number>(rank).fill(0);
  const offsets = new Float64Array(size);
  for (let n = 0; n < size; n++) {
    let p = -base;
    for (let k = 0; k < rank; k++) p += index[k]! * stride[k]!;
    offsets[n] = p;
    for (let k = rank - 1; k >= 0 && ++index[k]! === shape[k]!; k--) index[k] = 0;
  }
  let pair: [number, number] | undefined;
  if (span <= 8 * size) {
    const seen = new Int32Array(span).fill(-1);
    for (let n = 0; n < size && pair === undefined; n++) {
      const p = offsets[n]!;
      if (seen[p]! >= 0) pair = [seen[p]!, n];
      else seen[p] = n;
    }
  } else {
    const order = Uint32Array.from({ length: size }, (_, n) => n).sort((a, b) => offsets[a]! - offsets[b]! || a - b);
    for (let m = 1; m < size && pair === undefined; m++) {
      if (offsets[order[m]!] === offsets[order[m - 1]!]) pair = [order[m - 1]!, order[m]!];
    }
  }
  if (pair === undefined) return undefined;
  const first = unravel(pair[0], shape);
  const second = unravel(pair[1], shape);
  return { axes: first.flatMap((i, k) => (i !== second[k] ? [k] : [])), first, second };
}

/** The row-major multi-index of linear position n. */
function unravel(n: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length).fill(0);
  for (let k = shape.length - 1; k >= 0; k--) {
    index[k] = n % shape[k]!;
    n = Math.floor(n / shape[k]!);
  }
  return index;
}

/**
 * Throw when two distinct elements of `x` share a slot of its storage.
 *
 * @param x - the array about to be perturbed or updated in place (or written, with role 'output')
 * @param where - the public function, for the message
 * @param name - the argument's name (`x`, `params.W1`, `out`)
 * @param role - 'input' (default): an array to be perturbed or updated; 'output': a destination,
 *   where writing one element would overwrite another
 * @throws AliasedMemoryError naming the axes, two aliasing elements and the fix
 * @example
 * import ndarray from 'ndarray';
 * assertNoSelfOverlap(ndarray(new Float64Array(6), [2, 3]), 'f', 'x'); // → undefined (no throw)
 */
export function assertNoSelfOverlap(x: NdArray, where: string, name: string, role: 'input' | 'output' = 'input'): void {
  const overlap = findSelfOverlap(x.shape, x.stride);
  if (overlap === undefined) return;
  const { axes, first, second } = overlap;
  const axisWords = axes.length === 1 ? `axis ${axes[0]}` : `axes ${axes.join(' and ')}`;
  const cause = axes.length === 1 && x.stride[axes[0]!] === 0 ? ` has stride 0 (a broadcast)` : ` overlap (strides [${x.stride.join(',')}] for shape [${x.shape.join(',')}])`;
  const pair = `${name}[${first.join(',')}] and ${name}[${second.join(',')}]`;
  const size = x.shape.reduce((a, b) => a * b, 1);
  const consequence =
    role === 'output'
      ? `${pair} are the same slot, so each result written there would overwrite another. ` +
        `Write into an array with its own storage: ndarray(new Float64Array(${size}), [${x.shape.join(',')}]).`
      : `${pair} are the same number and neither can be changed alone (a partial derivative or an in-place update is not defined there). ` +
        `Copy it into its own storage first: const copy = ndarray(new Float64Array(${size}), [${x.shape.join(',')}]); ` +
        `then assign(copy, ${name}) with ndarray-ops (or copy element by element).`;
  throw new AliasedMemoryError(name, axes, `${where}: ${name} aliases its own memory: ${axisWords}${cause}, so ${consequence}`);
}

/** Byte (typed arrays) or element (plain arrays) addresses of a view's lowest and highest element, and its element width. */
interface Extent {
  storage: unknown;
  start: number;
  end: number; // exclusive
  width: number;
  base: number;
}

function extentOf(a: NdArray): Extent | undefined {
  let low = a.offset;
  let high = a.offset;
  for (let k = 0; k < a.shape.length; k++) {
    const n = a.shape[k]!;
    if (n === 0) return undefined;
    const reach = a.stride[k]! * (n - 1);
    if (reach < 0) low += reach;
    else high += reach;
  }
  const data: unknown = a.data;
  if (ArrayBuffer.isView(data)) {
    const width = (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT;
    return { storage: data.buffer, start: data.byteOffset + low * width, end: data.byteOffset + (high + 1) * width, width, base: data.byteOffset };
  }
  return { storage: data, start: low, end: high + 1, width: 1, base: 0 };
}

/**
 * True when some element of `a` and some element of `b` occupy a common byte
 * (typed arrays: the same ArrayBuffer or SharedArrayBuffer, through any typed
 * array over it) or the same slot (the same plain array).
 *
 * Exact: disjoint address ranges answer at once; interleaved views of one
 * buffer (even and odd elements, say) are told apart element by element.
 *
 * @example
 * import ndarray from 'ndarray';
 * const data = new Float64Array(4);
 * sharesMemory(ndarray(data, [2]), ndarray(data.subarray(1), [2])); // → true (data[1])
 * sharesMemory(ndarray(data, [2], [2]), ndarray(data, [2], [2], 1)); // → false (even vs odd)
 */
export function sharesMemory(a: NdArray, b: NdArray): boolean {
  const da: unknown = a.data;
  const db: unknown = b.data;
  if ((ArrayBuffer.isView(da) ? da.buffer : da) !== (ArrayBuffer.isView(db) ? db.buffer : db)) return false; // different storage: no allocation
  const ea = extentOf(a);
  const eb = extentOf(b);
  if (ea === undefined || eb === undefined || ea.storage !== eb.storage) return false;
  if (ea.end <= eb.start || eb.end <= ea.start) return false;
  // Interleaved: sort a's element start addresses and probe each element of b.
  const starts = Float64Array.from(addresses(a, ea)).sort();
  for (const s of addresses(b, eb)) {
    // any element of a starting in (s − ea.width, s + eb.width) overlaps [s, s + eb.width)
    const lo = lowerBound(starts, s - ea.width + 1); // addresses are integers
    if (lo < starts.length && starts[lo]! < s + eb.width) return true;
  }
  return false;
}

function* addresses(a: NdArray, e: Extent): Generator<number> {
  const rank = a.shape.length;
  const index = new Array<number>(rank).fill(0);
  let size = 1;
  for (const n of a.shape) size *= n;
  for (let n = 0; n < size; n++) {
    let p = a.offset;
    for (let k = 0; k < rank; k++) p += index[k]! * a.stride[k]!;
    yield e.base + p * e.width;
    for (let k = rank - 1; k >= 0 && ++index[k]! === a.shape[k]!; k--) index[k] = 0;
  }
}

function lowerBound(sorted: Float64Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Throw when `out` shares any memory with `x` (see sharesMemory).
 *
 * @param out - the destination about to be written
 * @param outName - its name in messages (`out`, `options.out.W1`)
 * @param x - an input that must stay intact
 * @param xName - its name (`x`, `params.b1`)
 * @param where - the public function
 * @throws OverlappingMemoryError naming both arrays and the fix
 * @example
 * import ndarray from 'ndarray';
 * assertNoOverlap(ndarray(new Float64Array(2)), 'out', ndarray(new Float64Array(2)), 'x', 'f'); // → undefined (no throw)
 */
export function assertNoOverlap(out: NdArray, outName: string, x: NdArray, xName: string, where: string): void {
  if (!sharesMemory(out, x)) return;
  throw new OverlappingMemoryError(
    outName,
    xName,
    `${where}: ${outName} shares memory with ${xName} (the same ${ArrayBuffer.isView(x.data) ? 'ArrayBuffer' : 'array'}, overlapping elements); ` +
      `writing ${outName} would change ${xName} while it is in use. Pass an array with its own storage, e.g. ndarray(new Float64Array(${x.size}), [${x.shape.join(',')}]).`,
  );
}
