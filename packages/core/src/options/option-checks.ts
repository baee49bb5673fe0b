/**
 * The validators behind resolveGradientOptions: one per option that is more
 * than a type check (choices, the counter, the richardson tolerances, the
 * form of bounds). Each names the calling function and the fix. Internal module.
 */
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { describe } from '../errors/describe.js';
import { DEFAULT_RICHARDSON, type Bounds, type EvaluationCounter, type RichardsonOptions } from './options.js';
import { isNdArray } from '../memory/strided.js';

/** The richardson option: tolerances ≥ 0, maxLevels an integer in 2…30. */
export function checkRichardson(value: unknown, where: string): Required<RichardsonOptions> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidArgumentError(`${where}: richardson must be an object like { rtol: 1e-10 } (got ${describe(value)}).`);
  }
  const r = value as RichardsonOptions;
  for (const key of Object.keys(r)) {
    if (key !== 'rtol' && key !== 'atol' && key !== 'maxLevels') {
      throw new InvalidArgumentError(`${where}: unknown richardson option ${JSON.stringify(key)}; the options are rtol, atol, maxLevels.`);
    }
  }
  const number = (v: unknown, fallback: number, name: string, ok: (n: number) => boolean, rule: string): number => {
    if (v === undefined) return fallback;
    if (typeof v === 'number' && ok(v)) return v;
    const message = `${where}: richardson.${name} must be ${rule} (got ${describe(v)}); the default is ${fallback}.`;
    throw typeof v === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  };
  return {
    rtol: number(r.rtol, DEFAULT_RICHARDSON.rtol, 'rtol', (n) => n >= 0 && n < Infinity, 'a finite number ≥ 0'),
    atol: number(r.atol, DEFAULT_RICHARDSON.atol, 'atol', (n) => n >= 0 && n < Infinity, 'a finite number ≥ 0'),
    maxLevels: number(r.maxLevels, DEFAULT_RICHARDSON.maxLevels, 'maxLevels', (n) => Number.isInteger(n) && n >= 2 && n <= 30, 'an integer from 2 to 30'),
  };
}

/**
 * The bounds option's form: an object with lower and/or upper, each a number
 * (NaN refused), an ndarray or a record of those; shapes and values are
 * checked against each array later (bounds.ts).
 */
export function checkBoundsShape(value: unknown, where: string): Bounds | undefined {
  if (value === undefined) return undefined;
  const like = 'like { lower: 0, upper: 1 } (numbers or ndarrays of x\'s shape)';
  if (typeof value !== 'object' || value === null || Array.isArray(value) || isNdArray(value)) {
    throw new InvalidArgumentError(`${where}: bounds must be an object ${like} (got ${describe(value)}).`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'lower' && key !== 'upper') throw new InvalidArgumentError(`${where}: unknown bounds key ${JSON.stringify(key)}; bounds has lower and upper.`);
  }
  for (const side of ['lower', 'upper'] as const) {
    const bound: unknown = (value as Bounds)[side];
    if (bound === undefined || isNdArray(bound)) continue;
    if (typeof bound === 'number') {
      if (bound !== bound) throw new ArgumentRangeError(`${where}: bounds.${side} is NaN; use ${side === 'lower' ? '-Infinity' : 'Infinity'} for no bound.`);
      continue;
    }
    if (typeof bound === 'object' && bound !== null && !Array.isArray(bound)) continue; // a record, checked per parameter
    throw new InvalidArgumentError(`${where}: bounds.${side} must be a number, an ndarray of x's shape or a record of them by parameter (got ${describe(bound)}).`);
  }
  return value as Bounds;
}

/** One of `allowed` (undefined → fallback): a non-string is a wrong type, an unknown string out of range. */
export function choice<T extends string>(value: unknown, fallback: T, allowed: readonly T[], where: string, name: string): T {
  if (value === undefined) return fallback;
  if (allowed.includes(value as T)) return value as T;
  const message =
    name === 'scheme'
      ? `${where}: scheme ${describe(value)} is not one of ${allowed.map((s) => `'${s}'`).join(', ')}.`
      : `${where}: ${name} must be ${allowed.map((s) => `'${s}'`).join(' or ')} (got ${describe(value)}).`;
  throw typeof value === 'string' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
}

/**
 * The counter, checked to hold a finite number and to be writable, so that
 * adding the calls at the end cannot fail (and lose the gradient or f's error).
 */
export function checkCounter(counter: unknown, where: string): EvaluationCounter | undefined {
  if (counter === undefined) return undefined;
  const evaluations = typeof counter === 'object' && counter !== null && !Array.isArray(counter) ? (counter as EvaluationCounter).evaluations : undefined;
  if (typeof evaluations !== 'number') {
    throw new InvalidArgumentError(`${where}: counter must be an object like { evaluations: 0 } (got ${describe(counter)}).`);
  }
  if (!Number.isFinite(evaluations)) {
    throw new ArgumentRangeError(`${where}: counter.evaluations must be a finite number (got ${evaluations}); start it at 0.`);
  }
  try {
    (counter as EvaluationCounter).evaluations = evaluations; // strict mode: throws when frozen, non-writable or getter-only
  } catch {
    throw new InvalidArgumentError(
      `${where}: counter.evaluations cannot be written (the counter is frozen, or evaluations is read-only or a getter without a setter); pass a plain object like { evaluations: 0 }.`,
    );
  }
  return counter as EvaluationCounter;
}

