/**
 * The one validation module of the package: numbers in ranges (integers,
 * open and closed intervals, Infinity as "off"), booleans, functions, one of a
 * few strings, AbortSignals and options objects with known keys. Every check
 * throws a typed error whose message names the function, the option, the value
 * and the fix: InvalidArgumentError (a TypeError) for a value of the wrong
 * type, ArgumentRangeError (a RangeError) for a number out of its range.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { describeValue } from './not-a-number.js';

/** The accepted range of a number option. */
export interface NumberRule {
  /** Smallest value (NaN and −Infinity are never accepted). @default -Infinity */
  readonly min?: number;
  /** Largest value. @default Infinity */
  readonly max?: number;
  /** Exclude min itself. @default false */
  readonly minOpen?: boolean;
  /** Exclude max itself. @default false */
  readonly maxOpen?: boolean;
  /** Require an integer. @default false */
  readonly integer?: boolean;
  /** Also accept Infinity (a limit that is off). @default false */
  readonly orInfinity?: boolean;
  /** The rule in words for messages, when ruleText's would be unclear (e.g. 'an integer in [0, 2^53 − 1]'). @default ruleText(rule) */
  readonly text?: string;
}

/**
 * The rule in words: 'an integer ≥ 1', 'a finite number in (0, 1)', 'an integer ≥ 1 or Infinity', …
 * @example
 * ruleText({ min: 0, max: 1, maxOpen: true }); // → 'a finite number in [0, 1)'
 * ruleText({ min: 1, integer: true, orInfinity: true }); // → 'an integer ≥ 1 or Infinity'
 */
export function ruleText(rule: NumberRule): string {
  if (rule.text !== undefined) return rule.text;
  const { min, max, minOpen = false, maxOpen = false } = rule;
  const kind = rule.integer === true ? 'an integer' : 'a finite number';
  let range = '';
  if (min !== undefined && max !== undefined) range = ` in ${minOpen ? '(' : '['}${min}, ${max}${maxOpen ? ')' : ']'}`;
  else if (min !== undefined) range = ` ${minOpen ? '>' : '≥'} ${min}`;
  else if (max !== undefined) range = ` ${maxOpen ? '<' : '≤'} ${max}`;
  return `${kind}${range}${rule.orInfinity === true ? ' or Infinity' : ''}`;
}

/** True when the number `value` satisfies the rule. */
export function satisfies(value: number, rule: NumberRule): boolean {
  if (value === Infinity && rule.orInfinity === true) return true;
  if (!Number.isFinite(value)) return false;
  const { min = -Infinity, max = Infinity, minOpen = false, maxOpen = false } = rule;
  if (minOpen ? !(value > min) : !(value >= min)) return false;
  if (maxOpen ? !(value < max) : !(value <= max)) return false;
  return rule.integer !== true || Number.isInteger(value);
}

/**
 * `value` when it is a number satisfying `rule`.
 * @param where the function, e.g. 'minimize'
 * @param name the option, e.g. 'maxIterations'
 * @param hint what follows the value in the message, e.g. 'the default is 1000'
 * @throws InvalidArgumentError when value is not a number; ArgumentRangeError when it breaks the rule (NaN included)
 * @example
 * checkNumber('train', 'epochs', 10, { min: 1, integer: true }, 'e.g. 10'); // → 10
 * // checkNumber('train', 'epochs', 0, …) throws "train: epochs must be an integer ≥ 1, got 0; e.g. 10."
 */
export function checkNumber(where: string, name: string, value: unknown, rule: NumberRule, hint: string): number {
  if (typeof value !== 'number') {
    const got = value === undefined ? 'nothing (the option is missing)' : describeValue(value);
    throw new InvalidArgumentError(`${where}: ${name} must be ${ruleText(rule)}, got ${got}; ${hint}.`);
  }
  if (!satisfies(value, rule)) throw new ArgumentRangeError(`${where}: ${name} must be ${ruleText(rule)}, got ${value}; ${hint}.`);
  return value;
}

/**
 * `value` when it is true or false.
 * @throws InvalidArgumentError otherwise
 * @example
 * checkBoolean('train', 'shuffle', false, 'the default is true'); // → false
 */
export function checkBoolean(where: string, name: string, value: unknown, hint: string): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError(`${where}: ${name} must be true or false, got ${describeValue(value)}; ${hint}.`);
  return value;
}

/**
 * `value` when it is a function.
 * @param signature how the function is called, e.g. '(info) => boolean | void'
 * @throws InvalidArgumentError otherwise
 * @example
 * const f = checkFunction<() => number>('minimize', 'f', () => 1, '(x) => number');
 * f(); // → 1
 */
export function checkFunction<F>(where: string, name: string, value: unknown, signature: string): F {
  if (typeof value !== 'function') throw new InvalidArgumentError(`${where}: ${name} must be a function ${signature}, got ${describeValue(value)}.`);
  return value as F;
}

/**
 * `value` when it is one of `choices`.
 * @throws InvalidArgumentError naming the choices
 * @example
 * checkChoice('lbfgs', 'lineSearch', 'wolfe', ['auto', 'wolfe'] as const, "the default is 'auto'"); // → 'wolfe'
 */
export function checkChoice<T extends string>(where: string, name: string, value: unknown, choices: readonly T[], hint: string): T {
  if (!choices.includes(value as T)) {
    const listed = choices.map((c) => `'${c}'`);
    const words = listed.length === 1 ? listed[0] : `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
    throw new InvalidArgumentError(`${where}: ${name} must be ${words}, got ${describeValue(value)}; ${hint}.`);
  }
  return value as T;
}

/**
 * `value` when it is undefined or an AbortSignal (anything with a boolean `aborted`).
 * @throws InvalidArgumentError otherwise
 * @example
 * checkSignal('train', new AbortController().signal)?.aborted; // → false
 */
export function checkSignal(where: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || typeof (value as AbortSignal).aborted !== 'boolean') {
    throw new InvalidArgumentError(`${where}: signal must be an AbortSignal (e.g. new AbortController().signal), got ${describeValue(value)}.`);
  }
  return value as AbortSignal;
}

/**
 * Check that `options` is a plain object (not null, not an array) whose keys are all known:
 * a misspelt option would otherwise be ignored.
 * @param example an example object for the message, e.g. '{ gradTol: 1e-6 }'
 * @param name what the object is called in messages (a nested option such as 'earlyStopping')
 * @throws InvalidArgumentError for a non-object or an unknown key
 * @example
 * checkOptionKeys('lbfgs', { memory: 5 }, ['memory', 'c1'], '{ memory: 10 }').memory; // → 5
 */
export function checkOptionKeys(where: string, options: unknown, known: readonly string[], example: string, name = 'options'): Readonly<Record<string, unknown>> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: ${name} must be an object such as ${example}, got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new InvalidArgumentError(`${where}: unknown ${name === 'options' ? 'option' : `${name} option`} '${key}'; the ${name === 'options' ? 'options' : 'keys'} are ${known.join(', ')}.`);
    }
  }
  return options as Readonly<Record<string, unknown>>;
}
