import type { NdArray } from 'ndarray';
import ops from 'ndarray-ops';
import { checkLearningRate, learningRateAt } from './hyperparameters.js';
import { setUpdateAfterCheck, stateCount, stateRecord } from './state.js';
import { isIndexable, isRowMajorContiguous } from './strided.js';
import type { GradientTransformation, LearningRate, Params } from './transform.js';
import { checkRecord, isNdArray, leafOf } from './tree.js';

/** State of `scaleByLearningRate`: how many updates were made (the schedule's step). */
export interface ScaleByLearningRateState {
  count: number;
}

/** u ← u·factor for one array (any view). */
function scaleInto(u: NdArray, factor: number): void {
  const data: unknown = u.data;
  if (isIndexable(data) && isRowMajorContiguous(u)) {
    // Row-major contiguous: element k sits at offset + k.
    const start = u.offset;
    const end = start + u.size;
    for (let p = start; p < end; p++) data[p] = data[p]! * factor;
  } else {
    ops.mulseq(u, factor);
  }
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
  const check = (_updates: Params, state: ScaleByLearningRateState, _params: Params): void => {
    stateCount(stateRecord(state, where), where);
  };
  const scaleAll = (updates: Params, state: ScaleByLearningRateState, _params: Params): ScaleByLearningRateState => {
    const count = state.count;
    const factor = -learningRateAt(rate, count, where);
    if (isNdArray(updates)) {
      scaleInto(updates, factor);
    } else {
      checkRecord(updates, where);
      for (const key of Object.keys(updates)) scaleInto(leafOf(updates, key, where), factor);
    }
    state.count = count + 1;
    return state;
  };
  return setUpdateAfterCheck(
    {
      init(_params: Params) {
        return { count: 0 };
      },
      check,
      update(updates: Params, state: ScaleByLearningRateState, params: Params) {
        check(updates, state, params);
        return scaleAll(updates, state, params);
      },
    },
    scaleAll,
  );
}
