/**
 * Learning-rate schedules: functions of the 0-based step count, to pass as `lr`
 * to any optimizer (or to `scaleByLearningRate`). Arguments are checked when the
 * schedule is made; a step that is not an integer ≥ 0 is a RangeError.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { checkBoolean, checkOptionKeys } from '../checks/options.js';
import { checkHyperparameter } from './hyperparameters.js';
import { cosineDecayAt } from './schedules/cosine-decay.js';
import { polynomialAt } from './schedules/polynomial.js';
import { checkStep, checkSteps, checkValue } from './schedules/checks.js';
import type { Schedule } from './transform.js';

/**
 * The same value at every step: lr(t) = value (optax's `constant_schedule`).
 * A schedule's values may be negative (a schedule can drive any
 * hyperparameter); an optimizer refuses a negative learning rate when it uses one.
 * @param value a finite number
 * @throws ArgumentRangeError when value is non-finite; InvalidArgumentError when it is not a number
 * @example
 * constantSchedule(0.01)(1000); // → 0.01
 */
export function constantSchedule(value: number): Schedule {
  const where = 'constantSchedule';
  const lr = checkValue(where, 'value', value, 'pass the learning rate, e.g. 0.01');
  return (step: number) => {
    checkStep(where, step);
    return lr;
  };
}

/** Options of `stepDecaySchedule`. */
export interface StepDecayScheduleOptions {
  /** Value at step 0, a finite number (required, no default). */
  init: number;
  /** Factor applied every `stepSize` steps, > 0 (e.g. 0.5 halves the rate; required, no default). */
  decayRate: number;
  /** Number of steps between two decays, an integer ≥ 1 (required, no default). */
  stepSize: number;
}

/**
 * Piecewise-constant decay: lr(t) = init · decayRate^⌊t / stepSize⌋ (PyTorch's
 * `StepLR`; optax's `exponential_decay(staircase=True)`).
 * @param options init, decayRate, stepSize
 * @throws ArgumentRangeError when an option is missing, out of range or non-finite
 * @example
 * const lr = stepDecaySchedule({ init: 0.1, decayRate: 0.5, stepSize: 10 });
 * lr(9);  // → 0.1
 * lr(10); // → 0.05
 */
export function stepDecaySchedule(options: StepDecayScheduleOptions): Schedule {
  const where = 'stepDecaySchedule';
  checkOptionKeys(where, options, ['init', 'decayRate', 'stepSize'], '{ init: 0.1, decayRate: 0.5, stepSize: 10 }');
  const init = checkValue(where, 'init', options?.init, 'pass the learning rate at step 0, e.g. 0.1');
  const decayRate = checkHyperparameter(where, 'decayRate', options.decayRate, 'positive', 'e.g. 0.5 halves the rate every stepSize steps');
  const stepSize = checkSteps(where, 'stepSize', options.stepSize, 1, 'pass the number of steps between decays, e.g. 100');
  return (step: number) => {
    checkStep(where, step);
    return init * decayRate ** Math.floor(step / stepSize);
  };
}

/** Options of `exponentialDecaySchedule` (optax's names: init_value, decay_rate, transition_steps, transition_begin, staircase, end_value). */
export interface ExponentialDecayScheduleOptions {
  /** Value at step 0 (and up to `transitionBegin`), a finite number (required, no default). */
  init: number;
  /** Factor applied per `decaySteps` steps, > 0; above 1 the value grows (required, no default). */
  decayRate: number;
  /**
   * Steps over which the value is multiplied by `decayRate` (optax's
   * `transition_steps`, which has no default), an integer ≥ 0; 0 keeps `init`
   * at every step, as optax does. @default 1
   */
  decaySteps?: number;
  /** optax's name for `decaySteps` (give one of the two). @default undefined */
  transitionSteps?: number;
  /** Steps B before the decay starts, an integer ≥ 0. @default 0 */
  transitionBegin?: number;
  /** Decay in whole stages: the exponent is ⌊(t − B)/decaySteps⌋. @default false */
  staircase?: boolean;
  /** A bound the value does not pass: a floor when decayRate < 1, a ceiling otherwise; a finite number. @default undefined (no bound) */
  end?: number;
}

/** Default `decaySteps` of `exponentialDecaySchedule`: decay by `decayRate` every step. */
export const DEFAULT_DECAY_STEPS = 1;

/**
 * Exponential decay, as optax's `exponential_decay`: with B = transitionBegin,
 * S = decaySteps, r = decayRate,
 *
 *   lr(t) = init                    for t ≤ B
 *   lr(t) = init · r^((t − B)/S)    for t > B   (⌊(t − B)/S⌋ with staircase)
 *
 * then bounded by `end` (max(lr, end) when r < 1, min(lr, end) otherwise, at
 * every step, init included). S = 0 gives `init` at every step (optax's rule).
 * Differences from optax: decaySteps defaults to 1 (PyTorch's `ExponentialLR`);
 * decayRate 0 and a negative S or B are errors (optax logs and carries on).
 * @param options init, decayRate, decaySteps (or transitionSteps), transitionBegin, staircase, end
 * @throws InvalidArgumentError when an option is missing or of the wrong type; ArgumentRangeError when it is out of range or non-finite
 * @example
 * const lr = exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decaySteps: 10 });
 * lr(5);  // ≈ 0.0707 — that is 0.1 · 0.5^0.5
 * lr(20); // → 0.025
 */
export function exponentialDecaySchedule(options: ExponentialDecayScheduleOptions): Schedule {
  const where = 'exponentialDecaySchedule';
  checkOptionKeys(where, options, ['init', 'decayRate', 'decaySteps', 'transitionSteps', 'transitionBegin', 'staircase', 'end'], '{ init: 0.1, decayRate: 0.99 }');
  const init = checkValue(where, 'init', options?.init, 'pass the value at step 0, e.g. 0.1');
  const decayRate = checkHyperparameter(where, 'decayRate', options.decayRate, 'positive', 'e.g. 0.99 for 1% less per decaySteps steps');
  if (options.decaySteps !== undefined && options.transitionSteps !== undefined) {
    throw new InvalidArgumentError(`${where}: give decaySteps or transitionSteps (optax's name for it), not both.`);
  }
  const steps = options.decaySteps ?? options.transitionSteps;
  const decaySteps = checkSteps(where, options.decaySteps === undefined && steps !== undefined ? 'transitionSteps' : 'decaySteps', steps ?? DEFAULT_DECAY_STEPS, 0, 'the default is 1 (0 keeps init)');
  const begin = checkSteps(where, 'transitionBegin', options.transitionBegin ?? 0, 0, 'the default is 0');
  const staircase = checkBoolean(where, 'staircase', options.staircase ?? false, 'the default is false');
  const end = options.end === undefined ? undefined : checkValue(where, 'end', options.end, 'leave it out for no bound');
  return (step: number) => {
    checkStep(where, step);
    if (decaySteps === 0) return init;
    const d = step - begin;
    const p = staircase ? Math.floor(d / decaySteps) : d / decaySteps;
    const value = d <= 0 ? init : init * decayRate ** p;
    if (end === undefined) return value;
    return decayRate < 1 ? Math.max(value, end) : Math.min(value, end);
  };
}

/** Options of `warmupCosineDecaySchedule`. */
export interface WarmupCosineDecayScheduleOptions {
  /** Value reached at the end of the warmup, a finite number (required, no default). */
  peak: number;
  /** Length of the linear warmup from `init` to `peak`, an integer ≥ 0 (required, no default). */
  warmupSteps: number;
  /** Total length of the schedule, warmup included (optax's convention), an integer > warmupSteps (required, no default). */
  decaySteps: number;
  /** Value at step 0, a finite number. @default 0 */
  init?: number;
  /** Value from step `decaySteps` on, a finite number. @default 0 */
  end?: number;
  /** Power of the cosine factor, a finite number. @default 1 */
  exponent?: number;
}

/** Default `init` and `end` of `warmupCosineDecaySchedule`. */
export const DEFAULT_WARMUP_INIT = 0;
export const DEFAULT_COSINE_END = 0;

/**
 * Linear warmup then cosine decay, as optax's `warmup_cosine_decay_schedule`
 * (init_value, peak_value, warmup_steps, decay_steps, end_value, exponent map
 * to init, peak, warmupSteps, decaySteps, end, exponent; pass the schedule as
 * any optimizer's `lr`), with W = warmupSteps, D = decaySteps, p = exponent,
 * α = end/peak (0 when peak is 0, as in optax):
 *
 *   lr(t) = (init − peak)·(1 − t/W) + peak                       for t < W
 *   lr(t) = peak·((1 − α)·c^p + α),  c = (1 + cos(π·(t − W)/(D − W)))/2   for W ≤ t < D
 *   lr(t) = end                                                   for t ≥ D (0 when peak is 0)
 * @param options peak, warmupSteps, decaySteps, init, end, exponent
 * @throws ArgumentRangeError when an option is missing, out of range or non-finite, or decaySteps ≤ warmupSteps
 * @example
 * const lr = warmupCosineDecaySchedule({ peak: 0.1, warmupSteps: 10, decaySteps: 110 });
 * lr(5);   // ≈ 0.0500000 — half-way through the warmup
 * lr(60);  // ≈ 0.0500000 — half-way through the cosine
 * lr(200); // → 0
 */
export function warmupCosineDecaySchedule(options: WarmupCosineDecayScheduleOptions): Schedule {
  const where = 'warmupCosineDecaySchedule';
  checkOptionKeys(where, options, ['peak', 'warmupSteps', 'decaySteps', 'init', 'end', 'exponent'], '{ peak: 0.1, warmupSteps: 100, decaySteps: 1000 }');
  const peak = checkValue(where, 'peak', options?.peak, 'pass the largest learning rate, e.g. 0.1');
  const warmupSteps = checkSteps(where, 'warmupSteps', options.warmupSteps, 0, 'pass 0 for no warmup');
  const decaySteps = checkSteps(where, 'decaySteps', options.decaySteps, 1, 'pass the total length of the schedule, warmup included');
  if (decaySteps <= warmupSteps) {
    throw new ArgumentRangeError(
      `${where}: decaySteps (${decaySteps}) must be greater than warmupSteps (${warmupSteps}); ` +
        'decaySteps is the total length of the schedule, warmup included.',
    );
  }
  const init = checkValue(where, 'init', options.init ?? DEFAULT_WARMUP_INIT, 'the default is 0');
  const end = checkValue(where, 'end', options.end ?? DEFAULT_COSINE_END, 'the default is 0');
  const exponent = checkValue(where, 'exponent', options.exponent ?? 1, 'the default is 1');
  const alpha = peak === 0 ? 0 : end / peak;
  return (step: number) => {
    checkStep(where, step);
    if (step < warmupSteps) return polynomialAt(init, peak, 1, warmupSteps, 0, step);
    return cosineDecayAt(peak, decaySteps - warmupSteps, alpha, exponent, step - warmupSteps);
  };
}

/**
 * `warmupCosineDecaySchedule` under the shorter name issue 11 and many users
 * reach for (the same function, not a copy): linear warmup from `init` to
 * `peak` over W = warmupSteps, then a half cosine from `peak` to `end` until
 * D = decaySteps, then `end`:
 *
 *   lr(t) = init + (peak − init)·t/W                          for t < W
 *   lr(t) = end + (peak − end)·(1 + cos(π·(t − W)/(D − W)))/2  for W ≤ t < D
 *   lr(t) = end                                                for t ≥ D
 * (with exponent 1; see `warmupCosineDecaySchedule` for the exponent and peak 0)
 * @param options peak, warmupSteps, decaySteps, init, end, exponent
 * @returns the schedule, step → learning rate; pass it as any optimizer's `lr`
 * @throws ArgumentRangeError when an option is missing, out of range or non-finite, or decaySteps ≤ warmupSteps
 * @example
 * import { adam, warmupCosineDecay } from '@descent/optim';
 * const lr = warmupCosineDecay({ peak: 0.1, warmupSteps: 10, decaySteps: 110 });
 * lr(60); // ≈ 0.0500000
 * const opt = adam({ lr });
 */
export const warmupCosineDecay: (options: WarmupCosineDecayScheduleOptions) => Schedule = warmupCosineDecaySchedule;
