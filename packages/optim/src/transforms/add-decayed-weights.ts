import type { NdArray } from 'ndarray';
import { stateless } from './define-transform.js';
import { checkHyperparameter } from './hyperparameters.js';
import { forEachRow, storageOf, type Storage } from '../tree/strided.js';
import { assertReadsParams } from './reads-params.js';
import type { CheckedTransformation, Params } from './transform.js';
import { forEachLeaf } from '../tree/tree.js';
import { masked, type Mask, type MaskedState } from './wrappers/masked.js';

/** u_i ← u_i + w·θ_i over one row of each view. */
function addScaledRow(u: Storage, uStart: number, uStride: number, theta: Storage, tStart: number, tStride: number, length: number, w: number): void {
  for (let i = 0; i < length; i++) {
    const p = uStart + i * uStride;
    u[p] = u[p]! + w * theta[tStart + i * tStride]!;
  }
}

function addScaledInto(u: NdArray, theta: NdArray, w: number, where: string): void {
  const uData = storageOf(u, where);
  const tData = storageOf(theta, where);
  forEachRow(u, theta, (uStart, uStride, tStart, tStride, length) => {
    addScaledRow(uData, uStart, uStride, tData, tStart, tStride, length, w);
  });
}

/**
 * Add weight decay to the updates: u ← u + λ·θ, where θ are the params. Placed
 * before `scaleByLearningRate(lr)` it gives decoupled weight decay (AdamW):
 * θ ← θ − lr·(direction + λ·θ). Stateless (state `null`). Same as optax
 * `add_decayed_weights`; its `mask` argument is `mask` here (the transform is
 * then `masked(addDecayedWeights(λ), mask)`, state `{ kind: 'masked', inner: null }`).
 * @param weightDecay λ, a finite number ≥ 0
 * @throws ArgumentRangeError when weightDecay is negative or non-finite;
 *   (from update) InvalidArgumentError when params and updates differ in structure, OverlappingMemoryError when they share memory
 * @example
 * import { chain, scaleByAdam, addDecayedWeights, scaleByLearningRate } from '@descent/optim';
 * const adamw = chain(scaleByAdam(), addDecayedWeights(0.01), scaleByLearningRate(1e-3));
 */
export function addDecayedWeights(weightDecay: number): CheckedTransformation<null, void>;
/**
 * Weight decay on the arrays `mask` selects only: `masked(addDecayedWeights(λ), mask)`
 * (optax `add_decayed_weights(weight_decay, mask)`; e.g. no decay on biases).
 * @param weightDecay λ, a finite number ≥ 0
 * @param mask which arrays decay: `{ w: true, b: false }` or `(key, array) => boolean` (record params only)
 * @throws ArgumentRangeError when weightDecay is negative or non-finite; InvalidArgumentError for a mask that is neither
 * @example
 * import { addDecayedWeights } from '@descent/optim';
 * const decayWeightsOnly = addDecayedWeights(0.01, { w: true, b: false });
 */
export function addDecayedWeights(weightDecay: number, mask: Mask): CheckedTransformation<MaskedState<null>, unknown>;
export function addDecayedWeights(weightDecay: number, mask?: Mask): CheckedTransformation<null, void> | CheckedTransformation<MaskedState<null>, unknown> {
  const decay = decayAll(weightDecay);
  return mask === undefined ? decay : masked(decay, mask);
}

function decayAll(weightDecay: number): CheckedTransformation<null, void> {
  const where = 'addDecayedWeights';
  const w = checkHyperparameter(where, 'weightDecay', weightDecay, 'nonNegative', 'e.g. 0.01');
  return stateless({
    name: where,
    check(updates: Params, params: Params) {
      // θ is read while u is written: same structure, and no shared memory.
      assertReadsParams(updates, params, where);
    },
    apply(updates: Params, params: Params) {
      forEachLeaf(updates, where, (u, key) => {
        addScaledInto(u, key === null ? (params as NdArray) : (params as Record<string, NdArray>)[key]!, w, where);
      });
    },
  });
}
