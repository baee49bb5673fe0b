import ops from 'ndarray-ops';
import { stateless } from './define-transform.js';
import { checkHyperparameter } from './hyperparameters.js';
import type { CheckedTransformation, Params } from './transform.js';
import { globalNorm } from './global-norm.js';
import { forEachLeaf } from './tree.js';

/** The smallest normal float64 (2⁻¹⁰²²): a factor below it has lost precision or is 0. */
const MIN_NORMAL = 2 ** -1022;

/**
 * Rescale all the updates together so that their global norm is at most maxNorm:
 * with ‖u‖ = √(Σ_arrays Σ_i u_i²), u ← u · maxNorm/‖u‖ when ‖u‖ > maxNorm, else
 * unchanged. The direction is kept; only the length is capped. Stateless (state
 * `null`). Same rule as optax `clip_by_global_norm` and PyTorch
 * `clip_grad_norm_` (which adds 1e-6 to the norm in the divisor). The norm is
 * computed with scaling (see `globalNorm`), so any finite updates clip
 * correctly: (3e200, 4e200) with maxNorm 1 gives (0.6, 0.8). A NaN norm leaves
 * the updates unchanged (NaN propagates).
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
        if (factor >= MIN_NORMAL || norm === Infinity) {
          forEachLeaf(updates, where, (u) => {
            ops.mulseq(u, factor);
          });
        } else {
          // maxNorm/‖u‖ underflows (a tiny maxNorm, a huge norm): divide, then multiply, so no factor is lost.
          forEachLeaf(updates, where, (u) => {
            ops.divseq(u, norm);
            ops.mulseq(u, limit);
          });
        }
      }
    },
  });
}
