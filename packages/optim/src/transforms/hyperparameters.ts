/**
 * Validation of hyperparameters (learning rates, decay rates, ε …): a bad value
 * fails at construction with a message naming the function, the argument, the
 * value and what to pass instead.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import type { LearningRate } from './transform.js';

/** The accepted range of a hyperparameter. */
export type Range = 'finite' | 'nonNegative' | 'positive' | 'unitInterval';

const RANGE_TEXT: Record<Range, string> = {
  finite: 'a finite number',
  nonNegative: 'a finite number ≥ 0',
  positive: 'a finite number > 0',
  unitInterval: 'a finite number in [0, 1)',
};

function inRange(value: number, range: Range): boolean {
  if (!Number.isFinite(value)) return false;
  switch (range) {
    case 'finite':
      return true;
    case 'nonNegative':
      return value >= 0;
    case 'positive':
      return value > 0;
    case 'unitInterval':
      return value >= 0 && value < 1;
  }
}

/**
 * Return `value` if it is a number in `range`.
 * @param where the function being configured, e.g. 'adam'
 * @param name the option's name, e.g. 'beta1'
 * @param hint a suggestion appended to the message, e.g. 'the default is 0.9'
 * @throws InvalidArgumentError (a TypeError) when `value` is not a number; ArgumentRangeError (a RangeError) when it is outside `range` (NaN and ±Infinity included)
 */
export function checkHyperparameter(where: string, name: string, value: unknown, range: Range, hint: string): number {
  if (typeof value !== 'number') {
    const got = value === undefined ? 'nothing (the option is missing)' : `${typeof value} ${String(value)}`;
    throw new InvalidArgumentError(`${where}: ${name} must be ${RANGE_TEXT[range]}, got ${got}; ${hint}.`);
  }
  if (!inRange(value, range)) throw new ArgumentRangeError(`${where}: ${name} must be ${RANGE_TEXT[range]}, got ${value}; ${hint}.`);
  return value;
}

/**
 * Return `value` if it is an integer ≥ `minimum` (counts: patience, periods, limits).
 * @param where the function being configured, e.g. 'lookahead'
 * @param name the option's name, e.g. 'syncPeriod'
 * @param minimum the smallest accepted value, e.g. 0 or 1
 * @param hint a suggestion appended to the message, e.g. 'the default is 5'
 * @throws InvalidArgumentError (a TypeError) when `value` is not a number (missing included);
 *   ArgumentRangeError (a RangeError) when it is not a safe integer ≥ `minimum`
 */
export function checkInteger(where: string, name: string, value: unknown, minimum: number, hint: string): number {
  if (typeof value !== 'number') {
    const got = value === undefined ? 'nothing (the option is missing)' : `${typeof value} ${String(value)}`;
    throw new InvalidArgumentError(`${where}: ${name} must be an integer ≥ ${minimum}, got ${got}; ${hint}.`);
  }
  if (!Number.isSafeInteger(value) || value < minimum) throw new ArgumentRangeError(`${where}: ${name} must be an integer ≥ ${minimum}, got ${value}; ${hint}.`);
  return value;
}

/**
 * Return `lr` if it is a finite number ≥ 0 or a schedule function.
 * @throws InvalidArgumentError for other types; ArgumentRangeError for a negative or non-finite number
 */
export function checkLearningRate(where: string, lr: unknown, hint: string): LearningRate {
  if (typeof lr === 'function') return lr as LearningRate;
  return checkHyperparameter(where, 'lr', lr, 'nonNegative', `${hint}, or pass a schedule (step) => number`);
}

/**
 * The learning rate at 0-based `step`: `lr` itself, or the schedule's value.
 * @throws ArgumentRangeError when a schedule returns a negative or non-finite number; InvalidArgumentError when it returns something else
 */
export function learningRateAt(lr: LearningRate, step: number, where: string): number {
  if (typeof lr === 'number') return lr;
  const value: unknown = lr(step);
  if (typeof value !== 'number') {
    const got = typeof value === 'string' ? `the string ${JSON.stringify(value)}` : value === null ? 'null' : `${typeof value} ${String(value)}`;
    throw new InvalidArgumentError(`${where}: the learning-rate schedule returned ${got} at step ${step}; a schedule must return a finite number ≥ 0.`);
  }
  if (!(value >= 0) || !Number.isFinite(value)) {
    throw new ArgumentRangeError(`${where}: the learning-rate schedule returned ${value} at step ${step}; a schedule must return a finite number ≥ 0.`);
  }
  return value;
}
