/**
 * linearOnecycleSchedule and cosineOnecycleSchedule: the one-cycle policy of
 * Smith & Topin (optax's `linear_onecycle_schedule` and `cosine_onecycle_schedule`).
 */
import { checkNumber, checkOptionKeys } from '../../checks/options.js';
import { checkValue } from './checks.js';
import { piecewiseInterpolateSchedule } from './piecewise.js';
import type { Schedule } from '../transform.js';

/** Options of the one-cycle schedules (optax's names: transition_steps, peak_value, pct_start, pct_final, div_factor, final_div_factor). */
export interface OnecycleScheduleOptions {
  /** Length T of the cycle, an integer ≥ 1 (required, no default). */
  transitionSteps: number;
  /** Largest value, reached at step ⌊pctStart·T⌋, a finite number (required, no default). */
  peak: number;
  /** Fraction of T spent rising, in [0, 1]. @default 0.3 */
  pctStart?: number;
  /** (linear only) Fraction of T after which the value is back at peak/divFactor, in [0, 1]. @default 0.85 */
  pctFinal?: number;
  /** The cycle starts at peak/divFactor; a finite number > 0. @default 25 */
  divFactor?: number;
  /** It ends at peak/(divFactor·finalDivFactor); a finite number > 0. @default 10000 */
  finalDivFactor?: number;
}

function resolve(where: string, options: OnecycleScheduleOptions) {
  checkOptionKeys(where, options, ['transitionSteps', 'peak', 'pctStart', 'pctFinal', 'divFactor', 'finalDivFactor'], '{ transitionSteps: 1000, peak: 0.1 }');
  const steps = checkNumber(where, 'transitionSteps', options?.transitionSteps, { min: 1, integer: true }, 'pass the length of the cycle');
  const peak = checkValue(where, 'peak', options.peak, 'pass the largest value');
  const fraction = (name: string, value: unknown, fallback: number) => checkNumber(where, name, value ?? fallback, { min: 0, max: 1 }, `the default is ${fallback}`);
  const positive = (name: string, value: unknown, fallback: number) => checkNumber(where, name, value ?? fallback, { min: 0, minOpen: true }, `the default is ${fallback}`);
  return {
    steps,
    peak,
    pctStart: fraction('pctStart', options.pctStart, 0.3),
    pctFinal: fraction('pctFinal', options.pctFinal, 0.85),
    divFactor: positive('divFactor', options.divFactor, 25),
    finalDivFactor: positive('finalDivFactor', options.finalDivFactor, 1e4),
  };
}

/**
 * Three linear phases, as optax's `linear_onecycle_schedule` (a
 * `piecewiseInterpolateSchedule('linear')`): from peak/d up to peak at step
 * ⌊pctStart·T⌋, back down to peak/d at ⌊pctFinal·T⌋, then to
 * peak/(d·finalDivFactor) at T, where it stays (d = divFactor).
 * @param options transitionSteps, peak, pctStart, pctFinal, divFactor, finalDivFactor
 * @returns the schedule, step → value
 * @throws InvalidArgumentError / ArgumentRangeError for a missing or out-of-range option (transitionSteps 0 included, as in optax)
 * @example
 * import { linearOnecycleSchedule } from '@descent/optim';
 * const lr = linearOnecycleSchedule({ transitionSteps: 10, peak: 1000, pctStart: 0.3, pctFinal: 0.7, divFactor: 10, finalDivFactor: 100 });
 * [lr(0), lr(3), lr(7), lr(10)]; // ≈ [100, 1000, 100, 1]
 */
export function linearOnecycleSchedule(options: OnecycleScheduleOptions): Schedule {
  const o = resolve('linearOnecycleSchedule', options);
  // A record, as optax's dict literal: a later entry at the same step replaces an earlier one.
  const boundariesAndScales: Record<number, number> = {};
  boundariesAndScales[Math.trunc(o.pctStart * o.steps)] = o.divFactor;
  boundariesAndScales[Math.trunc(o.pctFinal * o.steps)] = 1 / o.divFactor;
  boundariesAndScales[o.steps] = 1 / o.finalDivFactor;
  return piecewiseInterpolateSchedule({ interpolateType: 'linear', init: o.peak / o.divFactor, boundariesAndScales });
}

/**
 * Two cosine phases, as optax's `cosine_onecycle_schedule` (a
 * `piecewiseInterpolateSchedule('cosine')`): from peak/d up to peak at step
 * ⌊pctStart·T⌋, then down to peak/(d·finalDivFactor) at T (d = divFactor; pctFinal is not used).
 * @param options transitionSteps, peak, pctStart, divFactor, finalDivFactor
 * @returns the schedule, step → value
 * @throws InvalidArgumentError / ArgumentRangeError for a missing or out-of-range option
 * @example
 * import { cosineOnecycleSchedule } from '@descent/optim';
 * const lr = cosineOnecycleSchedule({ transitionSteps: 5, peak: 1000, pctStart: 0.4, divFactor: 10, finalDivFactor: 100 });
 * [lr(0), lr(1), lr(2), lr(3), lr(5)]; // ≈ [100, 550, 1000, 750.25, 1]
 */
export function cosineOnecycleSchedule(options: OnecycleScheduleOptions): Schedule {
  const o = resolve('cosineOnecycleSchedule', options);
  const boundariesAndScales: Record<number, number> = {};
  boundariesAndScales[Math.trunc(o.pctStart * o.steps)] = o.divFactor;
  boundariesAndScales[o.steps] = 1 / (o.divFactor * o.finalDivFactor);
  return piecewiseInterpolateSchedule({ interpolateType: 'cosine', init: o.peak / o.divFactor, boundariesAndScales });
}
