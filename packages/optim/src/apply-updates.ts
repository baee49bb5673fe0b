import ops from 'ndarray-ops';
import type { Params } from './transform.js';
import { assertSameStructure, forEachLeaf } from './tree.js';

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
 * opt.update(g, state, x); // g is now −0.1·g = [−0.2, −0.4]
 * applyUpdates(x, g);      // x = [0.8, 1.6]
 */
export function applyUpdates(params: Params, updates: Params): void {
  assertSameStructure(updates, params, 'applyUpdates');
  forEachLeaf(params, 'applyUpdates', (p, key) => {
    ops.addeq(p, key === null ? (updates as typeof p) : (updates as Record<string, typeof p>)[key]!);
  });
}
