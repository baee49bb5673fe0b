/**
 * joinSchedules and the schedules optax builds with it: a warmup followed by
 * exponential decay or a constant, and cosine cycles with warm restarts
 * (optax's `join_schedules`, `warmup_exponential_decay_schedule`,
 * `warmup_constant_schedule`, `sgdr_schedule`).
 */
import { InvalidArgumentError } from '@descent/core';
import { checkFunction, checkOptionKeys } from '../../checks/options.js';
import { exponentialDecaySchedule, warmupCosineDecaySchedule, type ExponentialDecayScheduleOptions, type WarmupCosineDecayScheduleOptions } from '../schedules.js';
import { checkStep, checkSteps } from './checks.js';
import { linearSchedule } from './polynomial.js';
import type { Schedule } from '../transform.js';

/**
 * Schedules one after another, as optax's `join_schedules`: schedules[0] until
 * boundaries[0], then schedules[1] with its step counted from boundaries[0],
 * and so on — `lr(t) = schedules[i](t − boundaries[i − 1])` for the last i with
 * `boundaries[i − 1] ≤ t` (`boundaries[−1] = 0`).
 * @param schedules n schedules
 * @param boundaries n − 1 steps, integers ≥ 0, where the next schedule takes over
 * @returns the joined schedule
 * @throws InvalidArgumentError when a schedule is not a function or the counts do not match; ArgumentRangeError for a bad boundary
 * @example
 * import { constantSchedule, joinSchedules } from '@descent/optim';
 * const lr = joinSchedules([constantSchedule(1), constantSchedule(2)], [5]);
 * [lr(4), lr(5)]; // → [1, 2]
 */
export function joinSchedules(schedules: readonly Schedule[], boundaries: readonly number[]): Schedule {
  const where = 'joinSchedules';
  if (!Array.isArray(schedules) || schedules.length === 0 || !Array.isArray(boundaries) || boundaries.length !== schedules.length - 1) {
    throw new InvalidArgumentError(`${where}: pass n ≥ 1 schedules and n − 1 boundaries (the steps where the next schedule takes over).`);
  }
  const parts = schedules.map((s, i) => checkFunction<Schedule>(where, `schedules[${i}]`, s, '(step) => number'));
  const starts = boundaries.map((b, i) => checkSteps(where, `boundaries[${i}]`, b, 0, 'a step where the next schedule takes over'));
  return (step: number) => {
    checkStep(where, step);
    let i = 0;
    while (i < starts.length && step >= starts[i]!) i++;
    return parts[i]!(i === 0 ? step : step - starts[i - 1]!);
  };
}

/** Options of `warmupExponentialDecaySchedule`: a warmup, then those of `exponentialDecaySchedule` with `peak` as its init. */
export interface WarmupExponentialDecayScheduleOptions extends Omit<ExponentialDecayScheduleOptions, 'init'> {
  /** Value at step 0, a finite number (required, no default). */
  init: number;
  /** Value at the end of the warmup, where the decay starts, a finite number (required, no default). */
  peak: number;
  /** Steps of the linear warmup from init to peak, an integer ≥ 0 (required, no default). */
  warmupSteps: number;
}

/**
 * A linear warmup from `init` to `peak` over W = warmupSteps, then
 * `exponentialDecaySchedule` from `peak` (its step counted from W), as
 * optax's `warmup_exponential_decay_schedule`.
 * @param options init, peak, warmupSteps, and decayRate, decaySteps, transitionBegin, staircase, end of the decay
 * @returns the schedule, step → value
 * @throws as `linearSchedule` and `exponentialDecaySchedule`
 * @example
 * import { warmupExponentialDecaySchedule } from '@descent/optim';
 * const lr = warmupExponentialDecaySchedule({ init: 0, peak: 1, warmupSteps: 2, decayRate: 0.5 });
 * [lr(1), lr(2), lr(4)]; // ≈ [0.5, 1, 0.25]
 */
export function warmupExponentialDecaySchedule(options: WarmupExponentialDecayScheduleOptions): Schedule {
  checkOptionKeys('warmupExponentialDecaySchedule', options, ['init', 'peak', 'warmupSteps', 'decayRate', 'decaySteps', 'transitionSteps', 'transitionBegin', 'staircase', 'end'], '{ init: 0, peak: 0.1, warmupSteps: 100, decayRate: 0.99 }');
  const { init, peak, warmupSteps, ...decay } = options;
  const warmup = linearSchedule({ init, end: peak, transitionSteps: warmupSteps });
  return joinSchedules([warmup, exponentialDecaySchedule({ ...decay, init: peak })], [warmupSteps]);
}

/**
 * A linear warmup from `init` to `peak` over `warmupSteps`, then `peak`
 * (optax's `warmup_constant_schedule`, i.e. `linearSchedule`).
 * @param options init, peak, warmupSteps
 * @returns the schedule, step → value
 * @throws as `linearSchedule`
 * @example
 * import { warmupConstantSchedule } from '@descent/optim';
 * const lr = warmupConstantSchedule({ init: 0, peak: 1, warmupSteps: 4 });
 * [lr(1), lr(9)]; // ≈ [0.25, 1]
 */
export function warmupConstantSchedule(options: { init: number; peak: number; warmupSteps: number }): Schedule {
  checkOptionKeys('warmupConstantSchedule', options, ['init', 'peak', 'warmupSteps'], '{ init: 0, peak: 0.1, warmupSteps: 100 }');
  return linearSchedule({ init: options?.init, end: options?.peak, transitionSteps: options?.warmupSteps });
}

/**
 * SGD with warm restarts (Loshchilov & Hutter), as optax's `sgdr_schedule`:
 * the `warmupCosineDecaySchedule`s of `cycles` one after another, each
 * starting where the previous one's decaySteps end.
 * @param cycles the options of each cycle's `warmupCosineDecaySchedule`
 * @returns the schedule, step → value
 * @throws InvalidArgumentError when cycles is not a non-empty array; as `warmupCosineDecaySchedule` for a cycle
 * @example
 * import { sgdrSchedule } from '@descent/optim';
 * const lr = sgdrSchedule([{ peak: 1, warmupSteps: 0, decaySteps: 10 }, { peak: 0.5, warmupSteps: 0, decaySteps: 10 }]);
 * [lr(0), lr(10)]; // → [1, 0.5]
 */
export function sgdrSchedule(cycles: readonly WarmupCosineDecayScheduleOptions[]): Schedule {
  if (!Array.isArray(cycles) || cycles.length === 0) {
    throw new InvalidArgumentError('sgdrSchedule: cycles must be a non-empty array of warmupCosineDecaySchedule options.');
  }
  const schedules = cycles.map((c) => warmupCosineDecaySchedule(c));
  const boundaries: number[] = [];
  let start = 0;
  for (let i = 0; i < cycles.length - 1; i++) {
    start += cycles[i]!.decaySteps;
    boundaries.push(start);
  }
  return joinSchedules(schedules, boundaries);
}
