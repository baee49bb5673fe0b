import ops from 'ndarray-ops';
import type { NdArray } from 'ndarray';
import { isIndexable, isRowMajorContiguous, type Storage } from '../tree/strided.js';
import type { Params } from './transform.js';
import { assertSameStructure, isNdArray } from '../tree/tree.js';
import { assertArraysApart, assertTreesDisjoint, assertWritable, assertWritableTree } from '../tree/memory.js';

/**
 * Add the step computed by an optimizer to the parameters, in place:
 * params ← params + updates (element-wise, for every array of the tree).
 *
 * Works on any ndarray views (strided, offset, transposed); `updates` may have a
 * different memory layout from `params` as long as the shapes agree, and may
 * even be a broadcast (stride 0: it is only read). `params` are written, so
 * each of their elements must have its own slot, no two params may share
 * memory, and updates must not share memory with params.
 * @param params the parameters, modified in place
 * @param updates the step returned through `update` (same structure and shapes as params)
 * @throws InvalidArgumentError naming the key and both shapes when the structures differ, or for integer params;
 *   AliasedMemoryError when a param aliases its own memory; OverlappingMemoryError when arrays share memory
 *   (nothing is modified then)
 * @example
 * import ndarray from 'ndarray';
 * import { sgd, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = sgd({ lr: 0.1 });
 * const state = opt.init(x);
 * opt.update(g, state, x); // g is now −0.1·g; g → [−0.2, −0.4]
 * applyUpdates(x, g);      // x → [0.8, 1.6]
 */
export function applyUpdates(params: Params, updates: Params): void {
  if (isNdArray(params) && isNdArray(updates) && sameShape(params, updates)) {
    // The common single-array case, checked in one pass.
    assertWritable(params, 'applyUpdates', 'params');
    assertArraysApart(params, 'params', updates, 'updates', 'applyUpdates');
    addInPlace(params, updates);
    return;
  }
  assertSameStructure(updates, params, 'applyUpdates');
  assertWritableTree(params, 'applyUpdates', 'params');
  assertTreesDisjoint(params, 'params', updates, 'updates', 'applyUpdates');
  // assertSameStructure has checked every leaf of both trees, so plain loops
  // (no closure per call) can follow.
  addTreeInPlace(params, updates);
}

/**
 * params ← params + updates without any check: for loops that have checked
 * both trees once (train checks its params before the first step and owns its
 * gradient buffers, made with the params' structure).
 * @example
 * import ndarray from 'ndarray';
 * const w = ndarray(new Float64Array([1, 2]));
 * addTreeInPlace({ w }, { w: ndarray(new Float64Array([0.5, -1])) });
 * w; // → [1.5, 1]
 */
export function addTreeInPlace(params: Params, updates: Params): void {
  if (isNdArray(params)) {
    addInPlace(params, updates as NdArray);
    return;
  }
  const updateRecord = updates as Readonly<Record<string, NdArray>>;
  for (const key of Object.keys(params)) addInPlace(params[key]!, updateRecord[key]!);
}

function sameShape(a: NdArray, b: NdArray): boolean {
  const n = a.shape.length;
  if (b.shape.length !== n) return false;
  for (let k = 0; k < n; k++) if (a.shape[k] !== b.shape[k]) return false;
  return true;
}

/** p ← p + u for two same-shaped views. */
function addInPlace(p: NdArray, u: NdArray): void {
  const pData: unknown = p.data;
  const uData: unknown = u.data;
  if (isIndexable(pData) && isIndexable(uData) && isRowMajorContiguous(p) && isRowMajorContiguous(u)) {
    // Both views are row-major contiguous: element k sits at offset + k in each.
    addContiguous(pData, p.offset, uData, u.offset, p.size);
  } else {
    ops.addeq(p, u);
  }
}

/** pData[pStart + k] += uData[uStart + k] for k < length. */
function addContiguous(pData: Storage, pStart: number, uData: Storage, uStart: number, length: number): void {
  for (let k = 0; k < length; k++) pData[pStart + k] = pData[pStart + k]! + uData[uStart + k]!;
}
