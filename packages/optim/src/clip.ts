import ops from 'ndarray-ops';
import { stateless } from './define-transform.js';
import { checkHyperparameter } from './hyperparameters.js';
import type { CheckedTransformation, Params } from './transform.js';
import { forEachLeaf } from './tree.js';

/**
 * Clip each element of the updates to [−maxAbs, maxAbs]:
 * u_i ← min(max(u_i, −maxAbs), maxAbs). Stateless (state `null`). NaN stays NaN.
 * Same as optax `clip`; PyTorch's `clip_grad_value_`.
 * @param maxAbs a finite number ≥ 0
 * @throws ArgumentRangeError when maxAbs is negative or non-finite; InvalidArgumentError when it is not a number
 * @example
 * import { chain, clip, sgd } from '@descent/optim';
 * const opt = chain(clip(1), sgd({ lr: 0.1 })); // no gradient element beyond ±1
 */
export function clip(maxAbs: number): CheckedTransformation<null, void> {
  const where = 'clip';
  const bound = checkHyperparameter(where, 'maxAbs', maxAbs, 'nonNegative', 'pass the largest absolute value an element may keep, e.g. 1');
  return stateless({
    name: where,
    apply(updates: Params) {
      forEachLeaf(updates, where, (u) => {
        ops.maxseq(u, -bound);
        ops.minseq(u, bound);
      });
    },
  });
}
