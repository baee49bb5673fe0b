import ops from 'ndarray-ops';
import { checkHyperparameter } from './hyperparameters.js';
import type { GradientTransformation, Params } from './transform.js';
import { forEachLeaf } from './tree.js';

/**
 * Multiply the updates by a constant: u ← factor·u. Stateless (state `null`).
 * @param factor a finite number
 * @throws RangeError when factor is non-finite
 * @example
 * import { chain, scale, scaleByAdam } from '@descent/optim';
 * const opt = chain(scaleByAdam(), scale(-1e-3)); // Adam with a fixed lr of 1e-3
 */
export function scale(factor: number): GradientTransformation<null> {
  const where = 'scale';
  const f = checkHyperparameter(where, 'factor', factor, 'finite', 'pass e.g. -0.01 for a descent step of 0.01');
  return {
    init(_params: Params) {
      return null;
    },
    update(updates: Params, state: null, _params: Params) {
      forEachLeaf(updates, where, (u) => {
        ops.mulseq(u, f);
      });
      return state;
    },
  };
}
