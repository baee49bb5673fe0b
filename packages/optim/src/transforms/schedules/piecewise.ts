/**
 * piecewiseConstantSchedule and piecewiseInterpolateSchedule: a value scaled
 * by a factor at chosen steps, held or interpolated in between (optax's
 * `piecewise_constant_schedule` and `piecewise_interpolate_schedule`).
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { checkChoice, checkOptionKeys } from '../../checks/options.js';
import { checkStep, checkValue } from './checks.js';
import type { Schedule } from '../transform.js';

/** Scale factors by step: `{ 100: 0.1, 200: 0.1 }` multiplies the value by 0.1 from step 100 on, and again from step 200 on. */
export type BoundariesAndScales = Readonly<Record<number, number>>;

/** Options of `piecewiseConstantSchedule` (optax's names: init_value, boundaries_and_scales). */
export interface PiecewiseConstantScheduleOptions {
  /** Value before the first boundary, a finite number (required, no default). */
  init: number;
  /** `{ step: scale }`: from each step (an integer ≥ 0) on, the value is multiplied by its scale (a finite number ≥ 0). @default {} */
  boundariesAndScales?: BoundariesAndScales;
}

/** Options of `piecewiseInterpolateSchedule`: those of `piecewiseConstantSchedule` and how to interpolate. */
export interface PiecewiseInterpolateScheduleOptions extends PiecewiseConstantScheduleOptions {
  /** 'linear' or 'cosine' interpolation between the values at two boundaries (required, no default). */
  interpolateType: 'linear' | 'cosine';
}

/** The boundaries in increasing order with their scales, checked. */
export function sortedBoundaries(where: string, spec: unknown): { steps: number[]; scales: number[] } {
  if (spec === undefined) return { steps: [], scales: [] };
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new InvalidArgumentError(`${where}: boundariesAndScales must be a record { step: scale } such as { 100: 0.1 }, got ${spec === null ? 'null' : typeof spec}.`);
  }
  const entries = Object.keys(spec).map((key) => {
    const step = Number(key);
    if (!Number.isSafeInteger(step) || step < 0) throw new ArgumentRangeError(`${where}: boundariesAndScales has the key '${key}'; each key is a step, an integer ≥ 0.`);
    const scale: unknown = (spec as Record<string, unknown>)[key];
    if (typeof scale !== 'number' || !Number.isFinite(scale) || scale < 0) {
      throw new ArgumentRangeError(`${where}: boundariesAndScales[${key}] must be a finite number ≥ 0 (a scale factor), got ${String(scale)}.`);
    }
    return [step, scale] as const;
  });
  entries.sort((a, b) => a[0] - b[0]);
  return { steps: entries.map((e) => e[0]), scales: entries.map((e) => e[1]) };
}

/**
 * A value multiplied by a factor at chosen steps, as optax's
 * `piecewise_constant_schedule`: lr(t) = init · Π { scale_b : b ≤ t } (the
 * scales multiply: { 3: 2, 6: 0.5 } gives init, 2·init from step 3, init again from step 6).
 * Also callable as optax's is: `piecewiseConstantSchedule(init, boundariesAndScales)`.
 * @param options init, boundariesAndScales (or init itself, with boundariesAndScales second)
 * @returns the schedule, step → value
 * @throws InvalidArgumentError when init is missing or boundariesAndScales is not a record;
 *   ArgumentRangeError for a key that is not an integer ≥ 0, a negative or non-finite scale, or a non-finite init
 * @example
 * import { piecewiseConstantSchedule } from '@descent/optim';
 * const lr = piecewiseConstantSchedule({ init: 0.1, boundariesAndScales: { 3: 2, 6: 0.5 } });
 * [lr(2), lr(3), lr(6)]; // ≈ [0.1, 0.2, 0.1]
 */
export function piecewiseConstantSchedule(options: PiecewiseConstantScheduleOptions): Schedule;
export function piecewiseConstantSchedule(init: number, boundariesAndScales?: BoundariesAndScales): Schedule;
export function piecewiseConstantSchedule(options: PiecewiseConstantScheduleOptions | number, boundariesAndScales?: BoundariesAndScales): Schedule {
  const where = 'piecewiseConstantSchedule';
  // optax's positional form (init_value, boundaries_and_scales), or the options object.
  const o: PiecewiseConstantScheduleOptions = typeof options === 'number' ? { init: options, boundariesAndScales } : options;
  checkOptionKeys(where, o, ['init', 'boundariesAndScales'], '{ init: 0.1, boundariesAndScales: { 100: 0.1 } }');
  const init = checkValue(where, 'init', o?.init, 'pass the value before the first boundary');
  const { steps, scales } = sortedBoundaries(where, o.boundariesAndScales);
  return (step: number) => {
    checkStep(where, step);
    let v = init;
    for (let i = 0; i < steps.length && steps[i]! <= step; i++) v *= scales[i]!;
    return v;
  };
}

/**
 * Like `piecewiseConstantSchedule`, but moving from the value at one boundary
 * to the value at the next along a line or a half cosine, as optax's
 * `piecewise_interpolate_schedule`: with boundaries 0 = b₀ < b₁ < … < bₙ and
 * values v₀ = init, vᵢ = vᵢ₋₁·scaleᵢ, for bᵢ ≤ t < bᵢ₊₁ and p = (t − bᵢ)/max(bᵢ₊₁ − bᵢ, 1):
 *
 *   linear:  vᵢ + (vᵢ₊₁ − vᵢ)·p
 *   cosine:  vᵢ₊₁ + (vᵢ − vᵢ₊₁)·(1 + cos(π·p))/2
 *
 * and lr(t) = vₙ for t ≥ bₙ.
 * @param options interpolateType, init, boundariesAndScales
 * @returns the schedule, step → value
 * @throws InvalidArgumentError when interpolateType is not 'linear' or 'cosine', or as `piecewiseConstantSchedule`
 * @example
 * import { piecewiseInterpolateSchedule } from '@descent/optim';
 * const lr = piecewiseInterpolateSchedule({ interpolateType: 'linear', init: 200, boundariesAndScales: { 5: 1.5, 10: 0.25 } });
 * [lr(1), lr(5), lr(6), lr(12)]; // ≈ [220, 300, 255, 75]
 */
export function piecewiseInterpolateSchedule(options: PiecewiseInterpolateScheduleOptions): Schedule {
  const where = 'piecewiseInterpolateSchedule';
  checkOptionKeys(where, options, ['interpolateType', 'init', 'boundariesAndScales'], "{ interpolateType: 'linear', init: 0.1, boundariesAndScales: { 100: 0.1 } }");
  const type = checkChoice(where, 'interpolateType', options?.interpolateType, ['linear', 'cosine'] as const, "pass 'linear' or 'cosine'");
  const init = checkValue(where, 'init', options.init, 'pass the value at step 0');
  const sorted = sortedBoundaries(where, options.boundariesAndScales);
  const bounds = [0, ...sorted.steps];
  const values = [init];
  for (const scale of sorted.scales) values.push(values[values.length - 1]! * scale);
  const last = bounds.length - 1;
  return (step: number) => {
    checkStep(where, step);
    if (step >= bounds[last]!) return values[last]!;
    let i = 0;
    while (!(step < bounds[i + 1]!)) i++;
    const p = (step - bounds[i]!) / Math.max(bounds[i + 1]! - bounds[i]!, 1);
    const start = values[i]!;
    const end = values[i + 1]!;
    return type === 'linear' ? (end - start) * p + start : end + ((start - end) / 2) * (Math.cos(Math.PI * p) + 1);
  };
}
