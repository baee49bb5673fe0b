import ops from 'ndarray-ops';
import { stateless } from './define-transform.js';
import { checkHyperparameter } from './hyperparameters.js';
import type { CheckedTransformation, Params } from './transform.js';
import { forEachLeaf, globalNorm } from './tree.js';

/**
 * Rescale all the updates together so that their global norm is at most maxNorm:
 * with ‖u‖ = √(Σ_arrays Σ_i u_i²), u ← u · maxNorm/‖u‖ when ‖u‖ > maxNorm, else
 * unchanged. The direction is kept; only the length is capped. Stateless (state
 * `null`). Same rule as optax `clip_by_global_norm` and PyTorch
 * `clip_grad_norm_` (which adds 1e-6 to the norm in the divisor). A NaN norm
 * leaves the updates unchanged (NaN propagates).
 * @param maxNorm a finite number > 0
 * @throws ArgumentRangeError when maxNorm is not > 0 or non-finite; InvalidArgumentError when it is not a number
 * @example
 * import { chain, clipByGlobalNorm, adam } from '@descent/optim';
 * const opt = chain(clipByGlobalNorm(1), adam({ lr: 1e-3 }));
 */
export function clipByGlobalNorm(maxNorm: number): CheckedTransformation<null, void> {
  const where = 'clipByGlobalNorm';
  const limit = checkHyperparameter(where, 'maxNorm', maxNorm, 'positive', 'pass the largest global norm the updates may keep, e.g. 1');
  return stateless({
    name: where,
    // The norm depends on the values, which earlier transforms of a chain rewrite: computed here, not in check.
    apply(updates: Params) {
      const norm = globalNorm(updates);
      if (norm > limit) {
        const factor = limit / norm;
        forEachLeaf(updates, where, (u) => {
          ops.mulseq(u, factor);
        });
      }
    },
  });
}
