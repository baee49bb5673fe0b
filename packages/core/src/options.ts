/**
 * The options every differentiation function shares, and their validation.
 */
import { ArgumentRangeError, InvalidArgumentError } from './error-classes.js';
import { describe } from './describe.js';
import { DIFFERENCE_SCHEMES, type DifferenceScheme } from './step.js';

/** Counts calls of f; pass the same object to several calls to accumulate. */
export interface EvaluationCounter {
  evaluations: number;
}

/** Options shared by numericalDiff, numericalGradient(s) and gradCheck. */
export interface GradientOptions {
  /**
   * Step: a positive number (a fixed absolute step; the book uses 1e-4) or
   * 'auto' (eps^(1/3)·max(1,|xᵢ|) for central, eps^(1/2) for one-sided,
   * eps^(1/5) for five-point, eps of the array's storage: 2⁻⁵² for float64 and
   * plain arrays, 2⁻²³ for Float32Array).
   * @default 'auto'
   */
  h?: number | 'auto';
  /**
   * Difference formula: 'central' (f(x+h) − f(x−h)) / 2h, 'forward'
   * (f(x+h) − f(x)) / h, 'backward' (f(x) − f(x−h)) / h, 'five-point'
   * (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h.
   * @default 'central'
   */
  scheme?: DifferenceScheme;
  /**
   * Incremented once per call of f, also when a call throws. A gradient over N
   * coordinates costs N+1 calls (forward, backward), 2N (central), 4N (five-point).
   * Must be writable (checked before f runs).
   * @default undefined (nothing is counted)
   */
  counter?: EvaluationCounter;
  /**
   * What to do when a fixed `h` is below the spacing of floating-point numbers
   * at a coordinate, so that x ± h === x and no step is applied. 'throw': a
   * StepUnderflowError naming the coordinate and the smallest usable h (the
   * honest default: the quotient would be 0/2h, a silently wrong derivative).
   * 'zero': do what the book's formula does — evaluate f at the unmoved
   * point and return the quotient as computed (0 where no node moved; with
   * the 'actual' quotient a coordinate where only some nodes moved gets the
   * difference quotient of the nodes that did); the book-compatible
   * `gradientDescent` uses this to reproduce the book's numbers when x grows
   * past 1e12 with h = 1e-4. Never applies to h: 'auto'.
   * @default 'throw'
   */
  stepUnderflow?: StepUnderflow;
  /**
   * What the difference of f is divided by. 'actual': the step actually
   * taken, i.e. the difference of the nodes as stored — (x+h) − (x−h) after
   * rounding, like scipy's approx_derivative — so a step that rounds
   * (x = 1e12, h = 1e-4; Float32Array storage) still gives the right slope;
   * five-point fits the cubic through the stored nodes. 'nominal': the book's
   * formula, dividing by 2h (h, 12h) whatever was stored: bit-identical to
   * "Deep Learning from Scratch" and wrong by the rounding of x ± h (22% at
   * x = 1e12, h = 1e-4). Both agree wherever x ± h is exact (always with h: 'auto').
   * @default 'actual'
   */
  quotient?: Quotient;
}

/** How to treat a fixed step that vanishes at a coordinate (x ± h === x). */
export type StepUnderflow = 'throw' | 'zero';

/** What the difference quotient divides by: the step actually stored, or the nominal h. */
export type Quotient = 'actual' | 'nominal';

/** Default: a vanishing step is an error. */
export const DEFAULT_STEP_UNDERFLOW: StepUnderflow = 'throw';

/** Default step: chosen per coordinate from the storage's epsilon. */
export const DEFAULT_H = 'auto';
/** Default scheme: second-order central differences. */
export const DEFAULT_SCHEME: DifferenceScheme = 'central';
/** Default quotient: divide by the step actually taken (scipy's rule). */
export const DEFAULT_QUOTIENT: Quotient = 'actual';

/** Options after validation, defaults filled in (what resolveGradientOptions returns). */
export interface ResolvedGradientOptions {
  scheme: DifferenceScheme;
  h: number | 'auto';
  counter: EvaluationCounter | undefined;
  stepUnderflow: StepUnderflow;
  quotient: Quotient;
}

/** The keys of GradientOptions, in the order messages list them. */
const SHARED_KEYS: readonly string[] = ['h', 'scheme', 'counter', 'stepUnderflow', 'quotient'];

const DEFAULTS: ResolvedGradientOptions = {
  scheme: DEFAULT_SCHEME,
  h: DEFAULT_H,
  counter: undefined,
  stepUnderflow: DEFAULT_STEP_UNDERFLOW,
  quotient: DEFAULT_QUOTIENT,
};

/**
 * Validate the shared numerical-differentiation options and fill in the
 * defaults, under the name of the calling function. For callers that pass
 * options on to @descent/core later (an optimizer's `gradient` or `numerical`
 * option): call it up front so a bad option is reported before anything runs,
 * under the caller's name. The result is a valid GradientOptions object.
 *
 * Rules: options is undefined or a non-array object with only the keys h,
 * scheme, counter, stepUnderflow, quotient (a misspelt key is an error, not a
 * silently ignored setting); a key set to undefined takes its default; null
 * is refused like any other wrong type. counter must be writable.
 *
 * @param options - the caller's options (undefined for all defaults)
 * @param where - the public function's name, for messages (`minimize`, `train`)
 * @returns { h, scheme, counter, stepUnderflow, quotient } with defaults filled in
 * @throws InvalidArgumentError for a wrong type, an unknown key or a read-only counter;
 *   ArgumentRangeError for a value out of range (h ≤ 0, an unknown scheme, …)
 * @example
 * const resolved = resolveGradientOptions({ h: 1e-4 }, 'minimize');
 * resolved.scheme; // → 'central'
 * resolved.quotient; // → 'actual'
 * // A misspelt key, resolveGradientOptions({ sheme: 'forward' }, 'train'), throws an
 * // InvalidArgumentError: "train: unknown option sheme …".
 */
export function resolveGradientOptions(options: GradientOptions | undefined, where: string): ResolvedGradientOptions {
  return resolveOptions(options, where, []);
}

/**
 * resolveGradientOptions for a function that accepts further keys (`out`,
 * `rtol`, `atol`), validated by that function itself.
 */
export function resolveOptions(options: GradientOptions | undefined, where: string, extraKeys: readonly string[]): ResolvedGradientOptions {
  if (options === undefined) return { ...DEFAULTS };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object like { h: 1e-4, scheme: 'central' } (got ${describe(options)}).`);
  }
  for (const key of Object.keys(options)) {
    if (!SHARED_KEYS.includes(key) && !extraKeys.includes(key)) {
      throw new InvalidArgumentError(
        `${where}: unknown option ${JSON.stringify(key)}; the options are ${[...SHARED_KEYS, ...extraKeys].join(', ')}.`,
      );
    }
  }
  const scheme = choice(options.scheme, DEFAULT_SCHEME, DIFFERENCE_SCHEMES, where, 'scheme');
  const h = options.h === undefined ? DEFAULT_H : options.h;
  if (h !== 'auto' && !(typeof h === 'number' && h > 0 && h < Infinity)) {
    const message = `${where}: h must be a positive finite number or 'auto' (got ${describe(h)}); the book uses h: 1e-4.`;
    throw typeof h === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const stepUnderflow = choice(options.stepUnderflow, DEFAULT_STEP_UNDERFLOW, ['throw', 'zero'], where, 'stepUnderflow');
  const quotient = choice(options.quotient, DEFAULT_QUOTIENT, ['actual', 'nominal'], where, 'quotient');
  return { scheme, h, counter: checkCounter(options.counter, where), stepUnderflow, quotient };
}

/** One of `allowed` (undefined → fallback): a non-string is a wrong type, an unknown string out of range. */
function choice<T extends string>(value: unknown, fallback: T, allowed: readonly T[], where: string, name: string): T {
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
function checkCounter(counter: unknown, where: string): EvaluationCounter | undefined {
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

/**
 * Add `calls` to the counter without ever throwing: the counter was checked to
 * be writable up front, so this fails only if f made it read-only while it
 * ran; the count is then dropped rather than losing the gradient or f's error.
 */
export function addEvaluations(counter: EvaluationCounter | undefined, calls: number): void {
  if (counter === undefined) return;
  try {
    counter.evaluations += calls;
  } catch {
    // f froze the counter mid-run: keep the result / the original error.
  }
}
