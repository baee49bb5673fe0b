/**
 * The derivative lesson's numbers: difference quotients of a scalar function
 * by @descent/core's numericalDiff — forward, central and five-point, with
 * core's quotient (divided by the step actually taken) and the book's
 * (divided by the nominal h) — and their errors against the exact derivative.
 */
import { ArgumentRangeError, isDescentError, numericalDiff, type Quotient } from '@descent/core';

/** A scalar function with its exact derivative. */
export interface ScalarFunction {
  readonly id: 'book' | 'sin' | 'exp';
  readonly formula: string;
  readonly f: (x: number) => number;
  /** f′, exact. */
  readonly df: (x: number) => number;
  /** Where the lesson starts. */
  readonly defaultX: number;
}

/** The lesson's functions. */
export const SCALAR_FUNCTIONS: readonly ScalarFunction[] = [
  { id: 'book', formula: '0.01x² + 0.1x (the book’s)', f: (x) => 0.01 * x * x + 0.1 * x, df: (x) => 0.02 * x + 0.1, defaultX: 5 },
  { id: 'sin', formula: 'sin x', f: Math.sin, df: Math.cos, defaultX: 1 },
  { id: 'exp', formula: 'eˣ', f: Math.exp, df: Math.exp, defaultX: 1 },
];

/** The schemes the lesson compares. */
export type LessonScheme = 'forward' | 'central' | 'five-point';
export const LESSON_SCHEMES: readonly LessonScheme[] = ['forward', 'central', 'five-point'];
export const QUOTIENTS: readonly Quotient[] = ['actual', 'nominal'];

/** One difference quotient. */
export interface QuotientResult {
  readonly scheme: LessonScheme;
  readonly quotient: Quotient;
  /** core's approximation of f′(x), or undefined when core refused the step. */
  readonly value: number | undefined;
  /** |value − f′(x)|, or undefined when core refused. */
  readonly error: number | undefined;
  /** Why core refused (its error's code and message), or undefined. */
  readonly refused: string | undefined;
}

/**
 * numericalDiff with this scheme, quotient and h ('auto': core's automatic
 * step), with core's other defaults — so a fixed h that vanishes next to x
 * (x + h === x) is refused with a StepUnderflowError, reported in `refused`.
 * @example
 * quotientAt(SCALAR_FUNCTIONS[0]!, 5, 1e-4, 'forward', 'nominal').error; // ≈ 1.0e-6 (truncation 0.01·h)
 */
export function quotientAt(fn: ScalarFunction, x: number, h: number | 'auto', scheme: LessonScheme, quotient: Quotient): QuotientResult {
  try {
    const value = numericalDiff(fn.f, x, { h, scheme, quotient });
    return { scheme, quotient, value, error: Math.abs(value - fn.df(x)), refused: undefined };
  } catch (error) {
    if (!isDescentError(error)) throw error;
    return { scheme, quotient, value: undefined, error: undefined, refused: `${error.code}: ${error.message}` };
  }
}

/** One point of the error-vs-h curves. */
export interface ErrorPoint {
  readonly h: number;
  readonly scheme: LessonScheme;
  readonly quotient: Quotient;
  /** |approximation − f′(x)| > 0 (exact zeros are left out: a log axis cannot show them). */
  readonly error: number;
}

/**
 * The steps of the curves: 10^e for e from `from` to `to` in `perDecade` steps per decade.
 * @throws ArgumentRangeError when the range is empty or perDecade is not a positive integer
 * @example
 * stepsBetween(-2, 0, 1); // → [0.01, 0.1, 1]
 */
export function stepsBetween(from: number, to: number, perDecade: number): number[] {
  if (!(from < to) || !Number.isInteger(perDecade) || perDecade < 1) {
    throw new ArgumentRangeError(`stepsBetween: need from < to and an integer perDecade ≥ 1, got ${from}, ${to}, ${perDecade}`);
  }
  const hs: number[] = [];
  const count = Math.round((to - from) * perDecade);
  for (let k = 0; k <= count; k++) hs.push(10 ** (from + k / perDecade));
  return hs;
}

/**
 * The error of every scheme and quotient at every h, with the book's
 * behaviour where x + h rounds to x (stepUnderflow 'zero': the quotient is
 * then computed from the unmoved point, 0 — its error is |f′(x)|, the flat
 * shelf at the far left of the plot).
 * @example
 * errorCurves(SCALAR_FUNCTIONS[1]!, 1, [1e-2]).length; // 6: 3 schemes × 2 quotients
 */
export function errorCurves(fn: ScalarFunction, x: number, hs: readonly number[]): ErrorPoint[] {
  const exact = fn.df(x);
  const points: ErrorPoint[] = [];
  for (const quotient of QUOTIENTS) {
    for (const scheme of LESSON_SCHEMES) {
      for (const h of hs) {
        const error = Math.abs(numericalDiff(fn.f, x, { h, scheme, quotient, stepUnderflow: 'zero' }) - exact);
        if (error > 0) points.push({ h, scheme, quotient, error });
      }
    }
  }
  return points;
}
