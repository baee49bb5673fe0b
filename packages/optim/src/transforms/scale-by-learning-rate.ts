import type { NdArray } from 'ndarray';
import ops from 'ndarray-ops';
import { checkLearningRate, learningRateAt } from './hyperparameters.js';
import { checkBoolean } from '../checks/options.js';
import { defineTransform } from './define-transform.js';
import { stateCount, stateRecord } from './state.js';
import { isIndexable, isRowMajorContiguous } from '../tree/strided.js';
import type { CheckedTransformation, LearningRate, Params } from './transform.js';
import { isNdArray } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';

/** State of `scaleByLearningRate`: how many updates were made (the schedule's step). */
export interface ScaleByLearningRateState {
  /** What made the state (see `stateRecord`). */
  kind: 'scaleByLearningRate';
  count: number;
}

/** Options of `scaleByLearningRate`. */
export interface ScaleByLearningRateOptions {
  /** Multiply by −lr (a descent step) rather than +lr. @default true */
  flipSign?: boolean;
}

/** The fields of a scaleByLearningRate state besides its kind. */
export const LEARNING_RATE_FIELDS = ['count'] as const;

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
 * number of previous updates (so a schedule sees 0, 1, 2, …). A schedule is
 * evaluated in the check phase, so one that throws or returns a bad value
 * leaves the updates and the state (and, in a chain, every other state) untouched.
 * `{ flipSign: false }` multiplies by +lr(t) instead (optax's
 * `scale_by_learning_rate(lr, flip_sign=False)`).
 * @param lr a finite number ≥ 0, or a schedule `(step) => number`
 * @param options flipSign
 * @throws ArgumentRangeError when lr is negative or non-finite; (from update) when a schedule returns such a value
 * @example
 * import { chain, scaleByRms, scaleByLearningRate, exponentialDecaySchedule } from '@descent/optim';
 * const opt = chain(scaleByRms(), scaleByLearningRate(exponentialDecaySchedule({ init: 0.01, decayRate: 0.99 })));
 */
export function scaleByLearningRate(lr: LearningRate, options: ScaleByLearningRateOptions = {}): CheckedTransformation<ScaleByLearningRateState, number> {
  const where = 'scaleByLearningRate';
  const rate = checkLearningRate(where, lr, 'e.g. 0.01');
  const sign = checkBoolean(where, 'flipSign', options.flipSign ?? true, 'the default is true (a descent step)') ? -1 : 1;
  return defineTransform<ScaleByLearningRateState, number>({
    name: where,
    init(_params: Params) {
      return { kind: 'scaleByLearningRate', count: 0 };
    },
    /** Returns the factor −lr(count) (+lr(count) with flipSign false). */
    check(updates: Params, state: ScaleByLearningRateState, _params: Params): number {
      assertUpdatesTree(updates, where, false);
      const count = stateCount(stateRecord(state, where, 'scaleByLearningRate', LEARNING_RATE_FIELDS), where);
      return sign * learningRateAt(rate, count, where);
    },
    apply(updates: Params, state: ScaleByLearningRateState, _params: Params, factor: number) {
      if (isNdArray(updates)) {
        scaleInto(updates, factor);
      } else {
        for (const key of Object.keys(updates)) scaleInto(updates[key]!, factor);
      }
      state.count += 1;
      return state;
    },
  });
}
