import ops from 'ndarray-ops';
import { stateless } from './define-transform.js';
import { checkHyperparameter } from './hyperparameters.js';
import type { CheckedTransformation, Params } from './transform.js';
import { forEachLeaf } from './tree.js';

/**
 * Multiply the updates by a constant: u ← factor·u. Stateless (state `null`).
 * @param factor a finite number
 * @throws ArgumentRangeError when factor is non-finite; InvalidArgumentError when it is not a number
 * @example
 * import { chain, scale, scaleByAdam } from '@descent/optim';
 * const opt = chain(scaleByAdam(), scale(-1e-3)); // Adam with a fixed lr of 1e-3
 */
export function scale(factor: number): CheckedTransformation<null, void> {
  const where = 'scale';
  const f = checkHyperparameter(where, 'factor', factor, 'finite', 'pass e.g. -0.01 for a descent step of 0.01');
  return stateless({
    name: where,
    apply(updates: Params) {
      forEachLeaf(updates, where, (u) => {
        ops.mulseq(u, f);
      });
    },
  });
}
