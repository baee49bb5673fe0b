/**
 * The options every differentiation function shares, and their validation.
 */
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
   * @default undefined (nothing is counted)
   */
  counter?: EvaluationCounter;
  /**
   * What to do when a fixed `h` is below the spacing of floating-point numbers
   * at a coordinate, so that x ± h === x and no step is applied. 'throw': a
   * RangeError naming the coordinate and the smallest usable h (the honest
   * default: the quotient would be 0/2h, a silently wrong derivative).
   * 'zero': do what the book's formula does — evaluate f at the unmoved
   * point and return the quotient as computed (0 for a deterministic f); the
   * book-compatible `gradientDescent` uses this to reproduce the book's
   * numbers when x grows past 1e12 with h = 1e-4. Never applies to h: 'auto'.
   * @default 'throw'
   */
  stepUnderflow?: StepUnderflow;
}

/** How to treat a fixed step that vanishes at a coordinate (x ± h === x). */
export type StepUnderflow = 'throw' | 'zero';

/** Default: a vanishing step is an error. */
export const DEFAULT_STEP_UNDERFLOW: StepUnderflow = 'throw';

/** Default step: chosen per coordinate from the storage's epsilon. */
export const DEFAULT_H = 'auto';
/** Default scheme: second-order central differences. */
export const DEFAULT_SCHEME: DifferenceScheme = 'central';

/** Options after validation, defaults filled in. */
export interface ResolvedOptions {
  scheme: DifferenceScheme;
  h: number | 'auto';
  counter: EvaluationCounter | undefined;
  stepUnderflow: StepUnderflow;
}

/**
 * Validate and default the shared options.
 * @throws TypeError when options or counter have the wrong type; RangeError for a bad h or scheme
 */
export function resolveOptions(options: GradientOptions | undefined, where: string): ResolvedOptions {
  if (options === undefined) return { scheme: DEFAULT_SCHEME, h: DEFAULT_H, counter: undefined, stepUnderflow: DEFAULT_STEP_UNDERFLOW };
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`${where}: options must be an object like { h: 1e-4, scheme: 'central' } (got ${describe(options)}).`);
  }
  const scheme = options.scheme ?? DEFAULT_SCHEME;
  if (!DIFFERENCE_SCHEMES.includes(scheme)) {
    throw new RangeError(
      `${where}: scheme ${describe(scheme)} is not one of ${DIFFERENCE_SCHEMES.map((s) => `'${s}'`).join(', ')}.`,
    );
  }
  const h = options.h ?? DEFAULT_H;
  if (h !== 'auto' && !(typeof h === 'number' && h > 0 && h < Infinity)) {
    throw new RangeError(`${where}: h must be a positive finite number or 'auto' (got ${describe(h)}); the book uses h: 1e-4.`);
  }
  const counter = options.counter;
  if (counter !== undefined && (typeof counter !== 'object' || counter === null || typeof counter.evaluations !== 'number')) {
    throw new TypeError(`${where}: counter must be an object like { evaluations: 0 } (got ${describe(counter)}).`);
  }
  const stepUnderflow = options.stepUnderflow ?? DEFAULT_STEP_UNDERFLOW;
  if (stepUnderflow !== 'throw' && stepUnderflow !== 'zero') {
    throw new RangeError(`${where}: stepUnderflow must be 'throw' or 'zero' (got ${describe(stepUnderflow)}).`);
  }
  return { scheme, h, counter, stepUnderflow };
}

/** A short description of any value for error messages: `number 3`, `string "a"`, `Int32Array(3)`. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `Array(${value.length})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  switch (typeof value) {
    case 'string':
      return `string ${JSON.stringify(value)}`;
    case 'number':
    case 'bigint':
    case 'boolean':
      return `${typeof value} ${String(value)}`;
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    default:
      return `${(value as object).constructor?.name ?? 'object'} object`;
  }
}
