import ops from 'ndarray-ops';
import { checkLearningRate, learningRateAt } from './hyperparameters.js';
import { stateCount, stateRecord } from './state.js';
import type { GradientTransformation, LearningRate, Params } from './transform.js';
import { forEachLeaf } from './tree.js';

/** State of `scaleByLearningRate`: how many updates were made (the schedule's step). */
export interface ScaleByLearningRateState {
  count: number;
}

/**
 * Turn a direction into a descent step: u ← −lr(t)·u, where t is the 0-based
 * number of previous updates (so a schedule sees 0, 1, 2, …).
 * @param lr a finite number ≥ 0, or a schedule `(step) => number`
 * @throws RangeError when lr is negative or non-finite; (from update) when a schedule returns such a value
 * @example
 * import { chain, scaleByRms, scaleByLearningRate, exponentialDecaySchedule } from '@descent/optim';
 * const opt = chain(scaleByRms(), scaleByLearningRate(exponentialDecaySchedule({ init: 0.01, decayRate: 0.99 })));
 */
export function scaleByLearningRate(lr: LearningRate): GradientTransformation<ScaleByLearningRateState> {
  const where = 'scaleByLearningRate';
  const rate = checkLearningRate(where, lr, 'e.g. 0.01');
  return {
    init(_params: Params) {
      return { count: 0 };
    },
    check(_updates: Params, state: ScaleByLearningRateState, _params: Params) {
      stateCount(stateRecord(state, where), where);
    },
    update(updates: Params, state: ScaleByLearningRateState, _params: Params) {
      const count = stateCount(stateRecord(state, where), where);
      const factor = -learningRateAt(rate, count, where);
      forEachLeaf(updates, where, (u) => {
        ops.mulseq(u, factor);
      });
      state.count = count + 1;
      return state;
    },
  };
}
