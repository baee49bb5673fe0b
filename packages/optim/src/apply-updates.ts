import ops from 'ndarray-ops';
import type { NdArray } from 'ndarray';
import { isIndexable, isRowMajorContiguous, type Storage } from './strided.js';
import type { Params } from './transform.js';
import { assertSameStructure, isNdArray } from './tree.js';

/**
 * Add the step computed by an optimizer to the parameters, in place:
 * params ← params + updates (element-wise, for every array of the tree).
 *
 * Works on any ndarray views (strided, offset, transposed); `updates` may have a
 * different memory layout from `params` as long as the shapes agree.
 * @param params the parameters, modified in place
 * @param updates the step returned through `update` (same structure and shapes as params)
 * @throws Error naming the key and both shapes when the structures differ (nothing is modified then)
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
  assertSameStructure(updates, params, 'applyUpdates');
  // assertSameStructure has checked every leaf of both trees, so plain loops
  // (no closure per call) can follow.
  if (isNdArray(params)) {
    addInto(params, updates as NdArray);
    return;
  }
  const updateRecord = updates as Readonly<Record<string, NdArray>>;
  for (const key of Object.keys(params)) addInto(params[key]!, updateRecord[key]!);
}

/** p ← p + u for two same-shaped views. */
function addInto(p: NdArray, u: NdArray): void {
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
