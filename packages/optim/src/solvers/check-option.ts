/**
 * Validation of the solvers' numeric options: one rule per option, a typed
 * error naming the solver, the option, the value and the default.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';

/** The accepted range of a numeric option. */
export interface OptionRange {
  /** Smallest allowed value. @default -Infinity */
  min?: number;
  /** Largest allowed value. @default Infinity */
  max?: number;
  /** Exclude `min` itself. @default false */
  minOpen?: boolean;
  /** Exclude `max` itself. @default false */
  maxOpen?: boolean;
  /** Require an integer (Infinity is allowed when `max` is Infinity and not open). @default false */
  integer?: boolean;
}

function describeRange(r: OptionRange): string {
  const lo = r.min === undefined ? '' : `${r.minOpen ? '>' : '≥'} ${r.min}`;
  const hi = r.max === undefined ? '' : `${r.maxOpen ? '<' : '≤'} ${r.max}`;
  return `${r.integer ? 'an integer' : 'a number'}${lo || hi ? ' ' : ''}${[lo, hi].filter(Boolean).join(' and ')}`;
}

/**
 * `value` when it is a number in range, `fallback` when it is undefined.
 * @param where the solver, e.g. 'lbfgsMinimize'
 * @param name the option, e.g. 'memory'
 * @throws InvalidArgumentError (TypeError) when value is not a number; ArgumentRangeError (RangeError) when it is out of range or NaN
 * @example
 * checkOption('lbfgsMinimize', 'memory', undefined, 10, { min: 1, integer: true }); // 10
 */
export function checkOption(where: string, name: string, value: unknown, fallback: number, range: OptionRange): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number') {
    throw new InvalidArgumentError(`${where}: ${name} must be ${describeRange(range)}, got ${typeof value} ${String(value)}; the default is ${fallback}.`);
  }
  const { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false, integer = false } = range;
  const ok =
    value === value &&
    (minOpen ? value > min : value >= min) &&
    (maxOpen ? value < max : value <= max) &&
    (!integer || Number.isInteger(value) || value === Infinity);
  if (!ok) throw new ArgumentRangeError(`${where}: ${name} must be ${describeRange(range)}, got ${value}; the default is ${fallback}.`);
  return value;
}
