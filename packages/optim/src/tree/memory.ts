/**
 * Memory checks on parameter trees before anything is written in place: no
 * array whose distinct elements share a slot (a stride-0 broadcast, overlapping
 * strides), no two arrays of a tree over the same bytes, no integer storage
 * (it would truncate every fractional step), and no written tree overlapping a
 * tree that is read at the same time.
 */
import type { NdArray } from 'ndarray';
import { assertNoSelfOverlap, InvalidArgumentError, OverlappingMemoryError, sharesMemory } from '@descent/core';
import type { Params } from '../transforms/transform.js';
import { assertIndexable, isRowMajorContiguous, storageOf } from './strided.js';
import { checkRecord, isNdArray, leafOf } from './tree.js';

/**
 * The name of an integer typed array behind `data` (e.g. 'Int32Array'), or undefined for float, plain-array or get/set storage.
 * @example
 * integerStorageName(new Int32Array(2));   // → 'Int32Array'
 * integerStorageName(new Float32Array(2)); // → undefined
 */
export function integerStorageName(data: unknown): string | undefined {
  if (data instanceof Float64Array || data instanceof Float32Array || !ArrayBuffer.isView(data) || data instanceof DataView) return undefined;
  const name = data.constructor.name;
  return name === 'Float16Array' ? undefined : name;
}

/**
 * Throw unless `a` can be written in place element by element: float storage
 * and one slot per element.
 * @param where the public function, for the message
 * @param name the array's name (`params`, `updates`)
 * @param key its key in a record tree (the message then says `params.w`), or null
 * @throws InvalidArgumentError for integer storage or a frozen Array; AliasedMemoryError naming the aliasing axes
 * @example
 * import ndarray from 'ndarray';
 * assertWritable(ndarray(new Float64Array(4), [2, 2]).transpose(1, 0), 'f', 'x'); // → undefined (distinct slots)
 * let code = '';
 * try {
 *   assertWritable(ndarray(Float64Array.of(1), [3], [0]), 'f', 'x'); // a broadcast: one slot seen three times
 * } catch (error) {
 *   code = (error as { code: string }).code;
 * }
 * code; // → 'ALIASED_MEMORY'
 */
export function assertWritable(a: NdArray, where: string, name: string, key: string | null = null): void {
  const integer = integerStorageName(a.data);
  if (integer !== undefined) {
    name = leafName(name, key);
    throw new InvalidArgumentError(
      `${where}: ${name} is stored in an ${integer}, which would truncate every fractional step to an integer; ` +
        `copy it into a Float64Array, e.g. ndarray(Float64Array.from(${name}.data), ${name}.shape).`,
    );
  }
  const data: unknown = a.data;
  if (Array.isArray(data) && data.length > 0 && Object.isFrozen(data)) {
    name = leafName(name, key);
    throw new InvalidArgumentError(
      `${where}: ${name} is stored in a frozen Array, which cannot be written in place; ` +
        `pass an array that can be written, e.g. ndarray(Float64Array.from(${name}.data), ${name}.shape).`,
    );
  }
  // Row-major contiguous views (the usual case) and 1-D views with a non-zero stride have distinct offsets.
  if (isRowMajorContiguous(a) || (a.shape.length === 1 && a.stride[0] !== 0)) return;
  assertNoSelfOverlap(a, where, leafName(name, key));
}

/**
 * The ArrayBuffer behind each typed array seen so far. Reading `.buffer` of a
 * small typed array makes V8 materialize it (≈ 100 ns and an allocation), too
 * slow for a check that runs at every step; the answer never changes, so it is
 * kept here.
 */
const BUFFERS = new WeakMap<object, unknown>();

/** The ArrayBuffer of a typed array, or the storage itself (a plain array, a get/set object). */
function bufferOf(data: unknown): unknown {
  if (!ArrayBuffer.isView(data)) return data;
  let buffer = BUFFERS.get(data);
  if (buffer === undefined) {
    buffer = data.buffer;
    BUFFERS.set(data, buffer);
  }
  return buffer;
}

function overlapError(where: string, written: string, other: string, detail: string): OverlappingMemoryError {
  return new OverlappingMemoryError(
    written,
    other,
    `${where}: ${written} shares memory with ${other}, so ${detail}. ` +
      'Give each array its own storage (views of disjoint parts of one buffer are fine).',
  );
}

/** `name` for a single array (key null), `name.key` for an array of a record. */
function leafName(name: string, key: string | null): string {
  return key === null ? name : `${name}.${key}`;
}

/**
 * Buffers of a record's arrays, in key order: scratch reused by every call (the
 * checks call no user code, so they never overlap), emptied after use so no
 * buffer is kept alive.
 */
const WRITTEN: unknown[] = [];
const READ: unknown[] = [];

/** Empty the scratch entries (keeping its capacity) so no buffer is kept alive. */
function clear(out: unknown[], n: number): void {
  for (let i = 0; i < n; i++) out[i] = undefined;
}

/** Fill `out` with the buffer of each array of `tree` (one entry, for key null, when it is a single array). */
function collectBuffers(tree: Params, keys: string[] | null, out: unknown[]): void {
  if (keys === null) {
    out[0] = bufferOf((tree as NdArray).data);
    return;
  }
  const record = tree as Readonly<Record<string, NdArray>>;
  for (let i = 0; i < keys.length; i++) out[i] = bufferOf(record[keys[i]!]!.data);
}

function leafAt(tree: Params, keys: string[] | null, i: number): NdArray {
  return keys === null ? (tree as NdArray) : (tree as Readonly<Record<string, NdArray>>)[keys[i]!]!;
}

/**
 * Throw when two arrays of the tree share memory (all pairs; arrays over
 * different buffers answer at once). The tree's arrays must have been checked
 * to be NdArrays.
 * @throws OverlappingMemoryError naming both arrays
 */
export function assertLeavesDisjoint(tree: Params, where: string, name: string): void {
  if (isNdArray(tree)) return;
  const keys = Object.keys(tree);
  if (keys.length < 2) return;
  collectBuffers(tree, keys, WRITTEN);
  for (let i = 1; i < keys.length; i++) {
    for (let j = 0; j < i; j++) {
      if (WRITTEN[i] === WRITTEN[j] && sharesMemory(tree[keys[i]!]!, tree[keys[j]!]!)) {
        clear(WRITTEN, keys.length);
        throw overlapError(where, leafName(name, keys[j]!), leafName(name, keys[i]!), 'writing one in place would change the other');
      }
    }
  }
  clear(WRITTEN, keys.length);
}

function apartError(where: string, writtenName: string, wk: string | null, readName: string, rk: string | null): OverlappingMemoryError {
  const w = leafName(writtenName, wk);
  const r = leafName(readName, rk);
  return overlapError(where, w, r, `writing ${w} in place would change ${r} while it is read`);
}

/**
 * Throw when array `written` shares memory with array `read` (two single arrays: the hot path of applyUpdates).
 * @throws OverlappingMemoryError naming both
 */
export function assertArraysApart(written: NdArray, writtenName: string, read: NdArray, readName: string, where: string): void {
  const dw: unknown = written.data;
  const dr: unknown = read.data;
  if (typeof dw === 'object' && dw !== null && APART.get(dw) === dr) return; // the same two storages as last time: apart
  if (dw !== dr && bufferOf(dw) !== bufferOf(dr)) {
    if (typeof dw === 'object' && dw !== null) APART.set(dw, dr);
    return;
  }
  if (sharesMemory(written, read)) throw apartError(where, writtenName, null, readName, null);
}

/**
 * For a storage that was written, the last storage found to live on another
 * buffer (so the two can never overlap): a loop applying the same updates to
 * the same params each step pays one lookup instead of two.
 */
const APART = new WeakMap<object, unknown>();

/**
 * Throw when an array of `written` shares memory with an array of `read`. Both
 * trees' arrays must have been checked to be NdArrays.
 * @throws OverlappingMemoryError naming both arrays
 * @example
 * import ndarray from 'ndarray';
 * const data = new Float64Array(4);
 * assertTreesDisjoint({ w: ndarray(data, [2]) }, 'params', { g: ndarray(data, [2], [1], 2) }, 'grads', 'f'); // → undefined (disjoint halves)
 * let other = '';
 * try {
 *   assertTreesDisjoint({ w: ndarray(data, [3]) }, 'params', { g: ndarray(data, [2], [1], 2) }, 'grads', 'f'); // both hold data[2]
 * } catch (error) {
 *   other = (error as { other: string }).other;
 * }
 * other; // → 'grads.g'
 */
export function assertTreesDisjoint(written: Params, writtenName: string, read: Params, readName: string, where: string): void {
  const wKeys = isNdArray(written) ? null : Object.keys(written);
  const rKeys = isNdArray(read) ? null : Object.keys(read);
  collectBuffers(written, wKeys, WRITTEN);
  collectBuffers(read, rKeys, READ);
  const wn = wKeys === null ? 1 : wKeys.length;
  const rn = rKeys === null ? 1 : rKeys.length;
  for (let i = 0; i < wn; i++) {
    for (let j = 0; j < rn; j++) {
      if (WRITTEN[i] === READ[j] && sharesMemory(leafAt(written, wKeys, i), leafAt(read, rKeys, j))) {
        clear(WRITTEN, wn);
        clear(READ, rn);
        throw apartError(where, writtenName, wKeys === null ? null : wKeys[i]!, readName, rKeys === null ? null : rKeys[j]!);
      }
    }
  }
  clear(WRITTEN, wn);
  clear(READ, rn);
}

/**
 * Every check a tree written in place needs: float storage, one slot per
 * element, and no two arrays over the same bytes.
 * @throws InvalidArgumentError, AliasedMemoryError or OverlappingMemoryError naming the array
 */
export function assertWritableTree(tree: Params, where: string, name: string): void {
  if (isNdArray(tree)) {
    assertWritable(tree, where, name);
    return;
  }
  for (const key of Object.keys(tree)) assertWritable(leafOf(tree, key, where), where, name, key);
  assertLeavesDisjoint(tree, where, name);
}

/** The updates tree whose check phase a chain is in, already checked (undefined outside). */
let checkedUpdates: unknown = undefined;

/**
 * Mark `updates` as checked for the rest of a chain's check phase, so its
 * transforms do not walk the tree again; returns the previous mark, which the
 * chain must restore (with `restoreCheckedUpdates`) when its check phase ends.
 */
export function markCheckedUpdates(updates: Params): unknown {
  const previous = checkedUpdates;
  checkedUpdates = updates;
  return previous;
}

/** End a chain's check phase: put back the mark returned by `markCheckedUpdates`. */
export function restoreCheckedUpdates(previous: unknown): void {
  checkedUpdates = previous;
}

/**
 * Check the `updates` a transform is about to rewrite in place, in one walk:
 * an NdArray or a record of NdArrays, float storage (indexable — a JS array or
 * a typed array — when `indexable`, for the fused kernels), one slot per
 * element, no two arrays over the same bytes.
 * @param name the tree's name in messages: 'updates', or a destination such as 'out'
 * @throws InvalidArgumentError, AliasedMemoryError or OverlappingMemoryError naming the array
 */
export function assertUpdatesTree(updates: unknown, where: string, indexable: boolean, name = 'updates'): asserts updates is Params {
  if (updates === checkedUpdates && updates !== undefined) {
    // A chain has checked this tree at the start of its check phase (no check writes, so it is unchanged).
    if (indexable) assertIndexable(updates as Params, where);
    return;
  }
  if (isNdArray(updates)) {
    if (indexable) storageOf(updates, where);
    assertWritable(updates, where, name);
    return;
  }
  checkRecord(updates, where, name);
  const keys = Object.keys(updates);
  for (const key of keys) {
    const a = leafOf(updates, key, where, name);
    if (indexable) storageOf(a, where);
    assertWritable(a, where, name, key);
  }
  if (keys.length > 1) assertLeavesDisjoint(updates as Params, where, name);
}
