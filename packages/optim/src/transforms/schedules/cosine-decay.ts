/**
 * cosineDecaySchedule: a half cosine from `init` down to `alpha·init` over
 * `decaySteps` steps (optax's `cosine_decay_schedule`).
 */
import { checkOptionKeys } from '../../checks/options.js';
import { checkStep, checkSteps, checkValue } from './checks.js';
import type { Schedule } from '../transform.js';

/** Options of `cosineDecaySchedule` (optax's names: init_value, decay_steps, alpha, exponent). */
export interface CosineDecayScheduleOptions {
  /** Value at step 0, a finite number (required, no default). */
  init: number;
  /** Steps over which the value decays, an integer ≥ 1 (required, no default). */
  decaySteps: number;
  /** The value from step `decaySteps` on, as a fraction of `init`; a finite number. @default 0 */
  alpha?: number;
  /** Power of the cosine factor, a finite number. @default 1 */
  exponent?: number;
}

/**
 * The cosine decay at step t: init·((1 − α)·c^p + α), c = (1 + cos(π·min(t, T)/T))/2.
 * Shared with `warmupCosineDecaySchedule` (its decay phase is this with t − W).
 */
export function cosineDecayAt(init: number, decaySteps: number, alpha: number, exponent: number, step: number): number {
  const t = Math.min(step, decaySteps);
  const c = 0.5 * (1 + Math.cos((Math.PI * t) / decaySteps));
  return init * ((1 - alpha) * c ** exponent + alpha);
}

/**
 * Cosine decay, as optax's `cosine_decay_schedule`: with T = decaySteps, p = exponent,
 *
 *   lr(t) = init·((1 − α)·c(t)^p + α),   c(t) = (1 + cos(π·min(t, T)/T))/2
 *
 * so lr(0) = init and lr(t) = α·init for t ≥ T.
 * @param options init, decaySteps, alpha, exponent
 * @returns the schedule, step → value
 * @throws InvalidArgumentError when a required option is missing or not a number;
 *   ArgumentRangeError when decaySteps is not an integer ≥ 1 or a value is non-finite
 * @example
 * import { cosineDecaySchedule } from '@descent/optim';
 * const lr = cosineDecaySchedule({ init: 0.1, decaySteps: 10 });
 * lr(5);  // ≈ 0.05 — half-way down the cosine
 * lr(20); // → 0
 */
export function cosineDecaySchedule(options: CosineDecayScheduleOptions): Schedule {
  const where = 'cosineDecaySchedule';
  checkOptionKeys(where, options, ['init', 'decaySteps', 'alpha', 'exponent'], '{ init: 0.1, decaySteps: 1000 }');
  const init = checkValue(where, 'init', options?.init, 'pass the value at step 0, e.g. 0.1');
  const decaySteps = checkSteps(where, 'decaySteps', options.decaySteps, 1, 'pass the number of steps of the decay, e.g. 1000');
  const alpha = checkValue(where, 'alpha', options.alpha ?? 0, 'the default is 0');
  const exponent = checkValue(where, 'exponent', options.exponent ?? 1, 'the default is 1');
  return (step: number) => {
    checkStep(where, step);
    return cosineDecayAt(init, decaySteps, alpha, exponent, step);
  };
}
