import type { NdArray } from 'ndarray';
import { checkHyperparameter } from './hyperparameters.js';
import { assertIndexable, forEachRow, storageOf, type Storage } from './strided.js';
import type { GradientTransformation, Params } from './transform.js';
import { assertSameStructure, forEachLeaf } from './tree.js';

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
 * `add_decayed_weights`.
 * @param weightDecay λ, a finite number ≥ 0
 * @throws RangeError when weightDecay is negative or non-finite; Error (from update) when params and updates differ in structure
 * @example
 * import { chain, scaleByAdam, addDecayedWeights, scaleByLearningRate } from '@descent/optim';
 * const adamw = chain(scaleByAdam(), addDecayedWeights(0.01), scaleByLearningRate(1e-3));
 */
export function addDecayedWeights(weightDecay: number): GradientTransformation<null> {
  const where = 'addDecayedWeights';
  const w = checkHyperparameter(where, 'weightDecay', weightDecay, 'nonNegative', 'e.g. 0.01');
  return {
    init(_params: Params) {
      return null;
    },
    check(updates: Params, _state: null, params: Params) {
      assertSameStructure(updates, params, where);
      assertIndexable(updates, where);
      assertIndexable(params, where);
    },
    update(updates: Params, state: null, params: Params) {
      assertSameStructure(updates, params, where);
      assertIndexable(updates, where);
      assertIndexable(params, where);
      forEachLeaf(updates, where, (u, key) => {
        addScaledInto(u, key === null ? (params as NdArray) : (params as Record<string, NdArray>)[key]!, w, where);
      });
      return state;
    },
  };
}
