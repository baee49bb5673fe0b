/**
 * The map between a slider's integer position and a hyperparameter's value:
 * logarithmic (learning rates, eps), linear (momentum, β), or integer.
 */
import type { HyperparameterSpec } from '../optimizers.js';

/** Positions of a slider: 0 … SLIDER_STEPS. */
export const SLIDER_STEPS = 1000;

/**
 * The value at a slider position: log sliders give 3 significant digits
 * (0.00123), linear ones 4 decimals, integer ones integers.
 * @example
 * valueAt({ key: 'lr', label: 'lr', min: 1e-5, max: 10, scale: 'log', default: 0.01 }, 500); // → 0.01 (10^(−5 + 6·0.5) = 0.01)
 */
export function valueAt(spec: HyperparameterSpec, position: number): number {
  const t = Math.min(Math.max(position, 0), SLIDER_STEPS) / SLIDER_STEPS;
  switch (spec.scale) {
    case 'log':
      return Number((spec.min * (spec.max / spec.min) ** t).toPrecision(3));
    case 'linear':
      return Number((spec.min + t * (spec.max - spec.min)).toFixed(4));
    case 'integer':
      return Math.round(spec.min + t * (spec.max - spec.min));
  }
}

/**
 * The slider position nearest to a value (clamped to the slider's range).
 * @example
 * positionOf({ key: 'lr', label: 'lr', min: 1e-5, max: 10, scale: 'log', default: 0.01 }, 0.01); // → 500
 */
export function positionOf(spec: HyperparameterSpec, value: number): number {
  const clamped = Math.min(Math.max(value, spec.min), spec.max);
  const t = spec.scale === 'log' ? Math.log(clamped / spec.min) / Math.log(spec.max / spec.min) : (clamped - spec.min) / (spec.max - spec.min);
  return Math.round(t * SLIDER_STEPS);
}

/**
 * A typed value checked against the slider's range (integer sliders need integers).
 * @returns the value, or undefined when it is not a number in [min, max]
 * @example
 * parseHyperparameter({ key: 'memory', label: 'm', min: 1, max: 20, scale: 'integer', default: 10 }, '7'); // → 7
 */
export function parseHyperparameter(spec: HyperparameterSpec, text: string): number | undefined {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(value) || value < spec.min || value > spec.max) return undefined;
  if (spec.scale === 'integer' && !Number.isInteger(value)) return undefined;
  return value;
}
