/**
 * Learning-rate schedules: functions of the 0-based step count, to pass as `lr`
 * to any optimizer (or to `scaleByLearningRate`). Arguments are checked when the
 * schedule is made; a step that is not an integer ≥ 0 is a RangeError.
 */
import { ArgumentRangeError } from '@descent/core';
import { checkNumber, checkOptionKeys } from '../checks/options.js';
import { checkHyperparameter } from './hyperparameters.js';
import type { Schedule } from './transform.js';

function checkSteps(where: string, name: string, value: unknown, minimum: 0 | 1, hint: string): number {
  return checkNumber(where, name, value, { min: minimum, integer: true }, hint);
}

function checkStep(where: string, step: number): void {
  if (!Number.isInteger(step) || step < 0) {
    throw new ArgumentRangeError(`${where}: step must be an integer ≥ 0 (the number of updates made so far), got ${step}.`);
  }
}

/**
 * The same learning rate at every step: lr(t) = value.
 * @param value a finite number ≥ 0
 * @throws ArgumentRangeError when value is negative or non-finite
 * @example
 * constantSchedule(0.01)(1000); // → 0.01
 */
export function constantSchedule(value: number): Schedule {
  const where = 'constantSchedule';
  const lr = checkHyperparameter(where, 'value', value, 'nonNegative', 'pass the learning rate, e.g. 0.01');
  return (step: number) => {
    checkStep(where, step);
    return lr;
  };
}

/** Options of `stepDecaySchedule`. */
export interface StepDecayScheduleOptions {
  /** Learning rate at step 0, ≥ 0 (required, no default). */
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
  const init = checkHyperparameter(where, 'init', options.init, 'nonNegative', 'pass the learning rate at step 0, e.g. 0.1');
  const decayRate = checkHyperparameter(where, 'decayRate', options.decayRate, 'positive', 'e.g. 0.5 halves the rate every stepSize steps');
  const stepSize = checkSteps(where, 'stepSize', options.stepSize, 1, 'pass the number of steps between decays, e.g. 100');
  return (step: number) => {
    checkStep(where, step);
    return init * decayRate ** Math.floor(step / stepSize);
  };
}

/** Options of `exponentialDecaySchedule`. */
export interface ExponentialDecayScheduleOptions {
  /** Learning rate at step 0, ≥ 0 (required, no default). */
  init: number;
  /** Factor applied per `decaySteps` steps, > 0 (required, no default). */
  decayRate: number;
  /** Number of steps over which the rate is multiplied by `decayRate`, an integer ≥ 1. @default 1 */
  decaySteps?: number;
}

/** Default `decaySteps` of `exponentialDecaySchedule`: decay by `decayRate` every step. */
export const DEFAULT_DECAY_STEPS = 1;

/**
 * Smooth exponential decay: lr(t) = init · decayRate^(t / decaySteps) (optax's
 * `exponential_decay` without staircase; PyTorch's `ExponentialLR` with decaySteps 1).
 * @param options init, decayRate, decaySteps
 * @throws ArgumentRangeError when an option is missing, out of range or non-finite
 * @example
 * const lr = exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decaySteps: 10 });
 * lr(5);  // ≈ 0.0707 — that is 0.1 · 0.5^0.5
 * lr(20); // → 0.025
 */
export function exponentialDecaySchedule(options: ExponentialDecayScheduleOptions): Schedule {
  const where = 'exponentialDecaySchedule';
  checkOptionKeys(where, options, ['init', 'decayRate', 'decaySteps'], '{ init: 0.1, decayRate: 0.99 }');
  const init = checkHyperparameter(where, 'init', options.init, 'nonNegative', 'pass the learning rate at step 0, e.g. 0.1');
  const decayRate = checkHyperparameter(where, 'decayRate', options.decayRate, 'positive', 'e.g. 0.99 for 1% less per decaySteps steps');
  const decaySteps = checkSteps(where, 'decaySteps', options.decaySteps ?? DEFAULT_DECAY_STEPS, 1, 'the default is 1');
  return (step: number) => {
    checkStep(where, step);
    return init * decayRate ** (step / decaySteps);
  };
}

/** Options of `warmupCosineDecaySchedule`. */
export interface WarmupCosineDecayScheduleOptions {
  /** Learning rate reached at the end of the warmup, ≥ 0 (required, no default). */
  peak: number;
  /** Length of the linear warmup from `init` to `peak`, an integer ≥ 0 (required, no default). */
  warmupSteps: number;
  /** Total length of the schedule, warmup included (optax's convention), an integer > warmupSteps (required, no default). */
  decaySteps: number;
  /** Learning rate at step 0, ≥ 0. @default 0 */
  init?: number;
  /** Learning rate from step `decaySteps` on, ≥ 0. @default 0 */
  end?: number;
}

/** Default `init` and `end` of `warmupCosineDecaySchedule`. */
export const DEFAULT_WARMUP_INIT = 0;
export const DEFAULT_COSINE_END = 0;

/**
 * Linear warmup then cosine decay (optax's `warmup_cosine_decay_schedule`:
 * init_value, peak_value, warmup_steps, decay_steps, end_value map to init,
 * peak, warmupSteps, decaySteps, end; its `exponent` is 1 here; pass the
 * schedule as any optimizer's `lr` — no separate transform is needed), with
 * W = warmupSteps and D = decaySteps:
 *
 *   lr(t) = init + (peak − init)·t/W                          for t < W
 *   lr(t) = end + (peak − end)·(1 + cos(π·(t − W)/(D − W)))/2  for W ≤ t < D
 *   lr(t) = end                                                for t ≥ D
 * @param options peak, warmupSteps, decaySteps, init, end
 * @throws ArgumentRangeError when an option is missing, out of range or non-finite, or decaySteps ≤ warmupSteps
 * @example
 * const lr = warmupCosineDecaySchedule({ peak: 0.1, warmupSteps: 10, decaySteps: 110 });
 * lr(5);   // ≈ 0.0500000 — half-way through the warmup
 * lr(60);  // ≈ 0.0500000 — half-way through the cosine
 * lr(200); // → 0
 */
export function warmupCosineDecaySchedule(options: WarmupCosineDecayScheduleOptions): Schedule {
  const where = 'warmupCosineDecaySchedule';
  checkOptionKeys(where, options, ['peak', 'warmupSteps', 'decaySteps', 'init', 'end'], '{ peak: 0.1, warmupSteps: 100, decaySteps: 1000 }');
  const peak = checkHyperparameter(where, 'peak', options.peak, 'nonNegative', 'pass the largest learning rate, e.g. 0.1');
  const warmupSteps = checkSteps(where, 'warmupSteps', options.warmupSteps, 0, 'pass 0 for no warmup');
  const decaySteps = checkSteps(where, 'decaySteps', options.decaySteps, 1, 'pass the total length of the schedule, warmup included');
  if (decaySteps <= warmupSteps) {
    throw new ArgumentRangeError(
      `${where}: decaySteps (${decaySteps}) must be greater than warmupSteps (${warmupSteps}); ` +
        'decaySteps is the total length of the schedule, warmup included.',
    );
  }
  const init = checkHyperparameter(where, 'init', options.init ?? DEFAULT_WARMUP_INIT, 'nonNegative', 'the default is 0');
  const end = checkHyperparameter(where, 'end', options.end ?? DEFAULT_COSINE_END, 'nonNegative', 'the default is 0');
  return (step: number) => {
    checkStep(where, step);
    if (step < warmupSteps) return init + ((peak - init) * step) / warmupSteps;
    if (step >= decaySteps) return end;
    return end + ((peak - end) * (1 + Math.cos((Math.PI * (step - warmupSteps)) / (decaySteps - warmupSteps)))) / 2;
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
 * @param options peak, warmupSteps, decaySteps, init, end
 * @returns the schedule, step → learning rate; pass it as any optimizer's `lr`
 * @throws ArgumentRangeError when an option is missing, out of range or non-finite, or decaySteps ≤ warmupSteps
 * @example
 * import { adam, warmupCosineDecay } from '@descent/optim';
 * const lr = warmupCosineDecay({ peak: 0.1, warmupSteps: 10, decaySteps: 110 });
 * lr(60); // ≈ 0.0500000
 * const opt = adam({ lr });
 */
export const warmupCosineDecay: (options: WarmupCosineDecayScheduleOptions) => Schedule = warmupCosineDecaySchedule;
