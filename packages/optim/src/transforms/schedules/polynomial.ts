/**
 * polynomialSchedule and linearSchedule: from `init` to `end` along
 * (1 − t/T)^power after `transitionBegin` steps (optax's `polynomial_schedule`
 * and `linear_schedule`).
 */
import { checkOptionKeys } from '../../checks/options.js';
import { checkStep, checkSteps, checkValue } from './checks.js';
import type { Schedule } from '../transform.js';

/** Options of `linearSchedule` (optax's names: init_value, end_value, transition_steps, transition_begin). */
export interface LinearScheduleOptions {
  /** Value up to step `transitionBegin`, a finite number (required, no default). */
  init: number;
  /** Value from step `transitionBegin + transitionSteps` on, a finite number (required, no default). */
  end: number;
  /** Steps of the transition T, an integer ≥ 0; 0 keeps `init` at every step (as optax does). Required. */
  transitionSteps: number;
  /** Steps B before the transition starts, an integer ≥ 0. @default 0 */
  transitionBegin?: number;
}

/** Options of `polynomialSchedule`: those of `linearSchedule` and the power. */
export interface PolynomialScheduleOptions extends LinearScheduleOptions {
  /** Power P of (1 − (t − B)/T), a finite number (required, no default; 1 is `linearSchedule`). */
  power: number;
}

/** The polynomial transition at step t (shared with the warmups of the joined schedules). */
export function polynomialAt(init: number, end: number, power: number, steps: number, begin: number, step: number): number {
  if (steps === 0) return init;
  const t = Math.min(Math.max(step - begin, 0), steps);
  return (init - end) * (1 - t / steps) ** power + end;
}

/**
 * A polynomial transition, as optax's `polynomial_schedule`: with B =
 * transitionBegin, T = transitionSteps, P = power,
 *
 *   lr(t) = init                                  for t < B
 *   lr(t) = (init − end)·(1 − (t − B)/T)^P + end  for B ≤ t < B + T
 *   lr(t) = end                                   for t ≥ B + T
 *
 * T = 0 gives `init` at every step (optax's rule for a non-positive T; a
 * negative T or B is an error here, where optax logs and carries on).
 * @param options init, end, power, transitionSteps, transitionBegin
 * @returns the schedule, step → value
 * @throws InvalidArgumentError when a required option is missing or not a number;
 *   ArgumentRangeError when a count is not an integer ≥ 0 or a value is non-finite
 * @example
 * import { polynomialSchedule } from '@descent/optim';
 * const lr = polynomialSchedule({ init: 25, end: 10, power: 2, transitionSteps: 10 });
 * lr(5);  // → 13.75 — 10 + 15·(1 − 5/10)²
 * lr(12); // → 10
 */
export function polynomialSchedule(options: PolynomialScheduleOptions): Schedule {
  checkOptionKeys('polynomialSchedule', options, ['init', 'end', 'transitionSteps', 'transitionBegin', 'power'], '{ init: 0.1, end: 0.01, transitionSteps: 100, power: 2 }');
  return makePolynomial('polynomialSchedule', options, checkValue('polynomialSchedule', 'power', options?.power, 'e.g. 1 for a linear transition'));
}

/**
 * A linear transition, as optax's `linear_schedule` (`polynomialSchedule` with power 1):
 *
 *   lr(t) = init + (end − init)·min(max(t − B, 0), T)/T
 * @param options init, end, transitionSteps, transitionBegin
 * @returns the schedule, step → value
 * @throws InvalidArgumentError when a required option is missing or not a number;
 *   ArgumentRangeError when a count is not an integer ≥ 0 or a value is non-finite
 * @example
 * import { linearSchedule } from '@descent/optim';
 * const lr = linearSchedule({ init: 10, end: 20, transitionSteps: 10 });
 * lr(3);  // ≈ 13
 * lr(15); // → 20
 */
export function linearSchedule(options: LinearScheduleOptions): Schedule {
  checkOptionKeys('linearSchedule', options, ['init', 'end', 'transitionSteps', 'transitionBegin'], '{ init: 0.1, end: 0.01, transitionSteps: 100 }');
  return makePolynomial('linearSchedule', options, 1);
}

function makePolynomial(where: string, options: LinearScheduleOptions, power: number): Schedule {
  const init = checkValue(where, 'init', options?.init, 'pass the value at step 0');
  const end = checkValue(where, 'end', options.end, 'pass the value at the end of the transition');
  const steps = checkSteps(where, 'transitionSteps', options.transitionSteps, 0, 'pass the number of steps of the transition (0 keeps init)');
  const begin = checkSteps(where, 'transitionBegin', options.transitionBegin ?? 0, 0, 'the default is 0');
  return (step: number) => {
    checkStep(where, step);
    return polynomialAt(init, end, power, steps, begin, step);
  };
}
