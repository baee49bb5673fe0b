/**
 * Memory checks on parameter trees before anything is written in place: no
 * array whose distinct elements share a slot (a stride-0 broadcast, overlapping
 * strides), no two arrays of a tree over the same bytes, no integer storage
 * (it would truncate every fractional step), and no written tree overlapping a
 * tree that is read at the same time.
 */
import type { NdArray } from 'ndarray';
import { assertNoSelfOverlap, InvalidArgumentError, OverlappingMemoryError, sharesMemory } from '@descent/core';
import type { Params } from './transform.js';
import { isRowMajorContiguous, storageOf } from './strided.js';
import { checkRecord, isNdArray, leafOf } from './tree.js';

/** The name of an integer typed array behind `data` (e.g. 'Int32Array'), or undefined for float, plain-array or get/set storage. */
export function integerStorageName(data: unknown): string | undefined {
  if (!ArrayBuffer.isView(data) || data instanceof DataView) return undefined;
  if (data instanceof Float64Array || data instanceof Float32Array) return undefined;
  const name = data.constructor.name;
  return name === 'Float16Array' ? undefined : name;
}

/**
 * Throw unless `a` can be written in place element by element: float storage
 * and one slot per element.
 * @param where the public function, for the message
 * @param name the array's name (`params`, `updates`)
 * @param key its key in a record tree (the message then says `params.w`), or null
 * @throws InvalidArgumentError for integer storage; AliasedMemoryError naming the aliasing axes
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
  // Row-major contiguous views (the usual case) and 1-D views with a non-zero stride have distinct offsets.
  if (isRowMajorContiguous(a) || (a.shape.length === 1 && a.stride[0] !== 0)) return;
  assertNoSelfOverlap(a, where, leafName(name, key));
}

/** The object two arrays share when they may overlap: the ArrayBuffer of a typed array, else the storage itself. */
function bufferOf(a: NdArray): unknown {
  const data: unknown = a.data;
  return ArrayBuffer.isView(data) ? data.buffer : data;
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

/** The tree's keys, or [null] for a single array. */
function keysOf(tree: Params): (string | null)[] {
  return isNdArray(tree) ? [null] : Object.keys(tree);
}

function leafAt(tree: Params, key: string | null): NdArray {
  return key === null ? (tree as NdArray) : (tree as Record<string, NdArray>)[key]!;
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
  for (let i = 1; i < keys.length; i++) {
    const a = tree[keys[i]!]!;
    const storage = bufferOf(a);
    for (let j = 0; j < i; j++) {
      const b = tree[keys[j]!]!;
      if (bufferOf(b) === storage && sharesMemory(a, b)) {
        throw overlapError(where, leafName(name, keys[j]!), leafName(name, keys[i]!), 'writing one in place would change the other');
      }
    }
  }
}

/**
 * Throw when an array of `written` shares memory with an array of `read`. Both
 * trees' arrays must have been checked to be NdArrays.
 * @throws OverlappingMemoryError naming both arrays
 */
export function assertTreesDisjoint(written: Params, writtenName: string, read: Params, readName: string, where: string): void {
  const writtenKeys = keysOf(written);
  const readKeys = keysOf(read);
  for (const wk of writtenKeys) {
    const a = leafAt(written, wk);
    const storage = bufferOf(a);
    for (const rk of readKeys) {
      const b = leafAt(read, rk);
      if (bufferOf(b) === storage && sharesMemory(a, b)) {
        const w = leafName(writtenName, wk);
        const r = leafName(readName, rk);
        throw overlapError(where, w, r, `writing ${w} in place would change ${r} while it is read`);
      }
    }
  }
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

/**
 * Check the `updates` a transform is about to rewrite in place, in one walk:
 * an NdArray or a record of NdArrays, float storage (indexable — a JS array or
 * a typed array — when `indexable`, for the fused kernels), one slot per
 * element, no two arrays over the same bytes.
 * @throws InvalidArgumentError, AliasedMemoryError or OverlappingMemoryError naming the array
 */
export function assertUpdatesTree(updates: unknown, where: string, indexable: boolean): asserts updates is Params {
  if (isNdArray(updates)) {
    if (indexable) storageOf(updates, where);
    assertWritable(updates, where, 'updates');
    return;
  }
  checkRecord(updates, where, 'updates');
  const keys = Object.keys(updates);
  for (const key of keys) {
    const a = leafOf(updates, key, where, 'updates');
    if (indexable) storageOf(a, where);
    assertWritable(a, where, 'updates', key);
  }
  if (keys.length > 1) assertLeavesDisjoint(updates as Params, where, 'updates');
}
