/**
 * Argument checks shared by the learning-rate schedules: step counts (integers
 * ≥ 0 or ≥ 1) at construction, and the 0-based step a schedule is called with.
 */
import { ArgumentRangeError } from '@descent/core';
import { checkNumber } from '../../checks/options.js';

/**
 * `value` when it is an integer ≥ `minimum` (a number of steps).
 * @throws InvalidArgumentError when it is not a number; ArgumentRangeError otherwise
 */
export function checkSteps(where: string, name: string, value: unknown, minimum: 0 | 1, hint: string): number {
  return checkNumber(where, name, value, { min: minimum, integer: true }, hint);
}

/**
 * Throw unless `step` is an integer ≥ 0 (the number of updates made so far).
 * @throws ArgumentRangeError for a negative or fractional step
 */
export function checkStep(where: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) {
    throw new ArgumentRangeError(`${where}: step must be an integer ≥ 0 (the number of updates made so far), got ${step}.`);
  }
}

/**
 * `value` when it is a finite number (a schedule's values may be negative:
 * a schedule can drive any hyperparameter, and `learningRateAt` refuses a
 * negative learning rate where one is used).
 * @throws InvalidArgumentError when it is not a number; ArgumentRangeError for NaN or ±Infinity
 */
export function checkValue(where: string, name: string, value: unknown, hint: string): number {
  return checkNumber(where, name, value, {}, hint);
}
