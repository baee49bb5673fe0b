/**
 * reduceOnPlateau: scale the updates down when a reported loss stops
 * improving (optax's `contrib.reduce_on_plateau`).
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { defineTransform } from './define-transform.js';
import { checkHyperparameter, checkInteger } from './hyperparameters.js';
import { stateRecord } from './state.js';
import { stateInteger, stateNumber } from './state-fields.js';
import type { CheckedTransformation, Params, UpdateExtras } from './transform.js';
import { assertUpdatesTree } from '../tree/memory.js';
import { forEachRow, storageOf } from '../tree/strided.js';
import { isNdArray } from '../tree/tree.js';
import { checkOptionKeys } from '../checks/options.js';

/** Options of `reduceOnPlateau` (optax's names in brackets where they differ). */
export interface ReduceOnPlateauOptions {
  /** The scale is multiplied by this when the loss has plateaued, in (0, 1). @default 0.1 */
  factor?: number;
  /**
   * Evaluations without improvement after which the scale drops, an integer ≥ 0
   * (PyTorch's patience + 1); 0 drops at every evaluation without improvement,
   * like 1 (optax's rule: never on an improvement). @default 10
   */
  patience?: number;
  /** Relative improvement that counts (`rtol`): better means value < (1 − threshold)·best − absoluteThreshold; in [0, 1]. @default 1e-4 */
  threshold?: number;
  /** Absolute improvement that counts (`atol`), ≥ 0 (threshold and absoluteThreshold may not both be 0). @default 0 */
  absoluteThreshold?: number;
  /** Evaluations after a drop during which the plateau count stays 0, an integer ≥ 0. @default 0 */
  cooldown?: number;
  /** Values averaged into one evaluation (`accumulation_size`): 1 for a validation loss, more for noisy batch losses; an integer ≥ 1. @default 1 */
  accumulationSize?: number;
  /** The scale never drops below this, ≥ 0 (`min_scale`). @default 0 */
  minScale?: number;
}

/** State of `reduceOnPlateau`. */
export interface ReduceOnPlateauState {
  /** What made the state (see `stateRecord`). */
  kind: 'reduceOnPlateau';
  /** The factor the updates are multiplied by (1 at first). */
  scale: number;
  /** The best evaluation so far (Infinity at first). */
  bestValue: number;
  /** Evaluations since the last improvement. */
  plateauCount: number;
  /** Evaluations of cooldown left. */
  cooldownCount: number;
  /** Values averaged so far into the current evaluation (0 … accumulationSize − 1). */
  count: number;
  /** Their mean. */
  avgValue: number;
}

const FIELDS = ['scale', 'bestValue', 'plateauCount', 'cooldownCount', 'count', 'avgValue'] as const;

function scaleInto(u: NdArray, factor: number, where: string): void {
  const data = storageOf(u, where);
  forEachRow(u, u, (start, stride, _b, _bs, length) => {
    for (let i = 0; i < length; i++) data[start + i * stride] = data[start + i * stride]! * factor;
  });
}

/**
 * Multiply the updates by a scale that drops by `factor` when the loss stops
 * improving — optax's `contrib.reduce_on_plateau`, step for step. The loss
 * reaches it explicitly, as optax's extra argument `value`:
 * `opt.update(grads, state, params, { value: loss })` (a chain and the
 * wrappers pass it on); an update without a finite or non-finite number
 * there is refused. Every `accumulationSize` values are averaged into one
 * evaluation v; then, with best the lowest evaluation so far:
 *
 *   improved ⇔ v < (1 − threshold)·best − absoluteThreshold   (then best ← v, plateauCount ← 0, else plateauCount + 1)
 *   during cooldown: cooldownCount − 1, plateauCount ← 0
 *   else when plateauCount reaches max(patience, 1): scale ← max(scale·factor, minScale), plateauCount ← 0, cooldownCount ← cooldown
 *   else: scale ← max(scale, minScale)   (optax's clamp; it changes nothing unless minScale > 1)
 *
 * and u ← scale·u at every call. Put it after the optimizer:
 * `chain(adam({ lr }), reduceOnPlateau({ patience: 5 }))` scales adam's step,
 * i.e. its learning rate.
 *
 * A value that is not finite (NaN, +Infinity, −Infinity) is NO MEASUREMENT:
 * it is not accumulated, does not improve best, does not count toward patience
 * or cooldown — the state is unchanged and the current scale applies. Why,
 * rather than optax's arithmetic: −Infinity would become best forever (no
 * later value is below it), so every later evaluation would be a plateau and
 * the scale would fall to minScale whatever the training does; +Infinity or
 * NaN averaged into an accumulation poisons the whole evaluation (the mean is
 * ±Infinity or NaN), and as a plateau it would cut the step for a value that
 * says nothing about progress (an overflowing batch, a broken metric). A run
 * whose loss really diverged is stopped by train / minimize, not here.
 * (optax counts a NaN as a non-improving evaluation and lets −Infinity become
 * the best: the one place this transform departs from it.)
 * @param options factor, patience, threshold, absoluteThreshold, cooldown, accumulationSize, minScale
 * @returns a transform with state `{ kind: 'reduceOnPlateau', scale, bestValue, plateauCount, cooldownCount, count, avgValue }`
 * @throws ArgumentRangeError for an option out of range (both thresholds 0 included); (from update)
 *   InvalidArgumentError when `extras.value` is not a number
 * @example
 * import ndarray from 'ndarray';
 * import { chain, reduceOnPlateau, sgd } from '@descent/optim';
 * const opt = chain(sgd({ lr: 0.1 }), reduceOnPlateau({ factor: 0.5, patience: 2 }));
 * const x = ndarray(new Float64Array([0]));
 * let state = opt.init(x);
 * for (const loss of [3, 2, 2, 2]) state = opt.update(ndarray(new Float64Array([1])), state, x, { value: loss });
 * state[1].scale; // → 0.5 — 2 and 2 did not improve on 2: a plateau of patience 2
 * const g = ndarray(new Float64Array([1]));
 * opt.update(g, state, x, { value: 1 });
 * g; // ≈ [-0.05]
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions = {}): CheckedTransformation<ReduceOnPlateauState, ReduceOnPlateauState> {
  const where = 'reduceOnPlateau';
  checkOptionKeys(where, options, ['factor', 'patience', 'threshold', 'absoluteThreshold', 'cooldown', 'accumulationSize', 'minScale'], '{ factor: 0.5, patience: 5 }');
  const factor = checkHyperparameter(where, 'factor', options.factor ?? 0.1, 'positive', 'the default is 0.1');
  if (factor >= 1) throw new ArgumentRangeError(`${where}: factor must be in (0, 1), got ${factor}; the default is 0.1.`);
  const patience = checkInteger(where, 'patience', options.patience ?? 10, 0, 'the default is 10 (0 or 1 drops the scale at the first evaluation without improvement)');
  // An improvement resets plateauCount to 0, so a drop needs plateauCount ≥ 1 even with patience 0.
  const dropAt = Math.max(patience, 1);
  const rtol = checkHyperparameter(where, 'threshold', options.threshold ?? 1e-4, 'nonNegative', 'the default is 1e-4');
  if (rtol > 1) throw new ArgumentRangeError(`${where}: threshold must be in [0, 1], got ${rtol}; the default is 1e-4.`);
  const atol = checkHyperparameter(where, 'absoluteThreshold', options.absoluteThreshold ?? 0, 'nonNegative', 'the default is 0');
  if (rtol === 0 && atol === 0) throw new ArgumentRangeError(`${where}: threshold and absoluteThreshold are both 0; make one of them positive (the default threshold is 1e-4).`);
  const cooldown = checkInteger(where, 'cooldown', options.cooldown ?? 0, 0, 'the default is 0');
  const accumulationSize = checkInteger(where, 'accumulationSize', options.accumulationSize ?? 1, 1, 'the default is 1');
  const minScale = checkHyperparameter(where, 'minScale', options.minScale ?? 0, 'nonNegative', 'the default is 0');

  /** The state after one more value (pure: the check phase computes it, apply stores it). */
  function next(state: Record<string, unknown>, value: number): ReduceOnPlateauState {
    let scale = stateNumber(state, 'scale', where);
    let bestValue = stateNumber(state, 'bestValue', where);
    let plateauCount = stateInteger(state, 'plateauCount', where);
    let cooldownCount = stateInteger(state, 'cooldownCount', where);
    // A non-finite value is no measurement (see the doc comment): nothing changes, the scale applies as it is.
    if (!Number.isFinite(value)) {
      return { kind: 'reduceOnPlateau', scale, bestValue, plateauCount, cooldownCount, count: stateInteger(state, 'count', where), avgValue: stateNumber(state, 'avgValue', where) };
    }
    const count = stateInteger(state, 'count', where) + 1;
    const avgValue = ((count - 1) * stateNumber(state, 'avgValue', where) + value) / count;
    if (count < accumulationSize) return { kind: 'reduceOnPlateau', scale, bestValue, plateauCount, cooldownCount, count, avgValue };
    const improved = avgValue < (1 - rtol) * bestValue - atol;
    if (improved) bestValue = avgValue;
    plateauCount = improved ? 0 : plateauCount + 1;
    if (cooldownCount > 0) {
      plateauCount = 0;
      cooldownCount -= 1;
    } else {
      // optax clamps to minScale at every evaluation outside cooldown (it matters only for minScale > 1).
      const drop = plateauCount >= dropAt;
      scale = Math.max(drop ? scale * factor : scale, minScale);
      if (drop) {
        plateauCount = 0;
        cooldownCount = cooldown;
      }
    }
    return { kind: 'reduceOnPlateau', scale, bestValue, plateauCount, cooldownCount, count: 0, avgValue: 0 };
  }

  return defineTransform<ReduceOnPlateauState, ReduceOnPlateauState>({
    name: where,
    init() {
      return { kind: 'reduceOnPlateau', scale: 1, bestValue: Infinity, plateauCount: 0, cooldownCount: 0, count: 0, avgValue: 0 };
    },
    check(updates: Params, state: ReduceOnPlateauState, _params: Params, extras?: UpdateExtras): ReduceOnPlateauState {
      assertUpdatesTree(updates, where, true);
      const record = stateRecord(state, where, 'reduceOnPlateau', FIELDS);
      const value = extras?.value;
      if (typeof value !== 'number') {
        throw new InvalidArgumentError(
          `${where}: the update needs the loss, got ${extras === undefined ? 'no extras' : `value ${String(value)}`}; ` +
            'call opt.update(grads, state, params, { value: loss }).',
        );
      }
      return next(record, value);
    },
    apply(updates: Params, state: ReduceOnPlateauState, _params: Params, plan: ReduceOnPlateauState) {
      Object.assign(state, plan);
      if (isNdArray(updates)) scaleInto(updates, plan.scale, where);
      else for (const key of Object.keys(updates)) scaleInto(updates[key]!, plan.scale, where);
      return state;
    },
  });
}
