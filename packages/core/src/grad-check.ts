/**
 * Compare an analytic gradient (backpropagation, a hand derivation) with the
 * numerical one, element by element.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkParams, checkPoint } from './arguments.js';
import { describe } from './describe.js';
import { ArgumentRangeError, InvalidArgumentError } from './error-classes.js';
import { differentiateInto } from './finite-difference.js';
import { gradientsInto } from './numerical-gradients.js';
import { addEvaluations, resolveOptions, type EvaluationCounter, type GradientOptions, type ResolvedGradientOptions } from './options.js';
import { floatPrecisionOf, isNdArray, nextRow, rowStart, sizeOf, type FloatStorage } from './strided.js';

/** Options of gradCheck: the numerical-gradient options plus the tolerances. */
export interface GradCheckOptions extends GradientOptions {
  /**
   * An element passes when its relative error |a−n| / (|a|+|n|) is at most
   * rtol. Central differences with the automatic step are accurate to about
   * 1e-10 relative in float64, so 1e-6 leaves room for ill-scaled losses while
   * still catching a wrong derivative (typically off by ≥ 1e-2). For
   * Float32Array parameters or one-sided schemes pass a looser rtol (≈ 1e-3).
   * @default 1e-6
   */
  rtol?: number;
  /**
   * ...or when its absolute error |a−n| is at most atol: the floor for
   * elements where both gradients are ≈ 0, whose relative error is
   * meaningless (a = 0, n = 1e-12 gives relative error 1).
   * @default 1e-8
   */
  atol?: number;
}

/** The result of gradCheck. */
export interface GradCheckReport {
  /** max |a − n| over all elements. */
  maxAbsError: number;
  /** max |a − n| / max(tiny, |a| + |n|) over all elements. */
  maxRelError: number;
  /** Multi-index of the element furthest beyond its tolerance (largest min(abs/atol, rel/rtol)); [] when empty. */
  worstIndex: number[];
  /** Parameter name of that element (named-parameter form only). */
  worstKey?: string;
  /** True when every element satisfies |a−n| ≤ atol or relative error ≤ rtol. */
  passed: boolean;
  /** Calls of f made by the numerical gradient. */
  evaluations: number;
}

/** Default relative tolerance (see GradCheckOptions.rtol). */
export const DEFAULT_RTOL = 1e-6;
/** Default absolute tolerance (see GradCheckOptions.atol). */
export const DEFAULT_ATOL = 1e-8;
/** Denominator floor of the relative error, so that a = n = 0 gives 0. */
export const TINY = 1e-300;

/** Running maxima of a comparison, updated array by array. */
interface Tally {
  maxAbsError: number;
  maxRelError: number;
  worstScore: number;
  worstIndex: number[];
  worstKey: string | undefined;
  passed: boolean;
}

/** Compare `analytic` with `numerical` (same shape) element by element into the tally. */
function compare(tally: Tally, analytic: NdArray, numerical: NdArray, key: string | undefined, rtol: number, atol: number): void {
  const shape = analytic.shape;
  const rank = shape.length;
  if (shape.some((n) => n === 0)) return;
  const a = analytic.data as FloatStorage;
  const n = numerical.data as FloatStorage;
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const aStep = rank === 0 ? 0 : analytic.stride[rank - 1]!;
  const nStep = rank === 0 ? 0 : numerical.stride[rank - 1]!;
  const index = new Int32Array(rank);
  do {
    let pa = rowStart(index, analytic.stride, analytic.offset);
    let pn = rowStart(index, numerical.stride, numerical.offset);
    for (let i = 0; i < rowLength; i++, pa += aStep, pn += nStep) {
      const av = a[pa]!;
      const nv = n[pn]!;
      const absError = Math.abs(av - nv);
      const relError = absError / Math.max(TINY, Math.abs(av) + Math.abs(nv));
      const ok = absError <= atol || relError <= rtol;
      const score = Math.min(absError / atol, relError / rtol);
      tally.maxAbsError = Math.max(tally.maxAbsError, absError);
      tally.maxRelError = Math.max(tally.maxRelError, relError);
      if (!ok) tally.passed = false;
      if (!(score <= tally.worstScore)) {
        tally.worstScore = score;
        tally.worstIndex = Array.from(index);
        if (rank > 0) tally.worstIndex[rank - 1] = i;
        tally.worstKey = key;
      }
    }
  } while (rank > 1 && nextRow(index, shape));
}

function tolerance(value: unknown, fallback: number, name: string): number {
  const t = value === undefined ? fallback : value;
  if (typeof t !== 'number' || !(t >= 0 && t < Infinity)) {
    const message = `gradCheck: ${name} must be a finite number ≥ 0 (got ${describe(t)}); the default is ${fallback}.`;
    throw typeof t === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  return t;
}

function assertSameShape(analytic: NdArray, x: NdArray, analyticName: string, xName: string): void {
  if (analytic.shape.length !== x.shape.length || analytic.shape.some((n, axis) => n !== x.shape[axis])) {
    throw new ArgumentRangeError(
      `gradCheck: ${analyticName} has shape [${analytic.shape.join(',')}] but ${xName} has shape [${x.shape.join(',')}]; ` +
        'the analytic gradient must have the shape of what it differentiates.',
    );
  }
}

/** The one-array form: validate, evaluate the analytic gradient, compare with the numerical one. */
function checkOne(
  tally: Tally,
  f: (x: NdArray) => number,
  analyticGradient: unknown,
  x: NdArray,
  options: ResolvedGradientOptions,
  rtol: number,
  atol: number,
): void {
  const where = 'gradCheck';
  const precision = checkPoint(x, where, 'x');
  if (sizeOf(x.shape) === 0) {
    throw new ArgumentRangeError(
      `${where}: x is empty (shape [${x.shape.join(',')}]); a check over no elements would pass without checking anything — pass the array whose gradient you want checked.`,
    );
  }
  assertElementsFinite(x, where, 'x');
  const analytic = typeof analyticGradient === 'function' ? (analyticGradient as (x: NdArray) => unknown)(x) : analyticGradient;
  floatPrecisionOf(analytic, where, typeof analyticGradient === 'function' ? 'analyticGradient(x)' : 'analyticGradient');
  assertSameShape(analytic as NdArray, x, 'analyticGradient', 'x');
  const numerical = ndarray(new Float64Array(sizeOf(x.shape)), x.shape.slice());
  differentiateInto(numerical, f, x, 'x', precision, options, where);
  compare(tally, analytic as NdArray, numerical, undefined, rtol, atol);
}

/** The named form: validate the records, compare array by array. */
function checkNamed(
  tally: Tally,
  f: () => number,
  analyticGradient: unknown,
  params: unknown,
  options: ResolvedGradientOptions,
  rtol: number,
  atol: number,
): void {
  const where = 'gradCheck';
  if (typeof analyticGradient !== 'object' || analyticGradient === null || isNdArray(analyticGradient)) {
    throw new InvalidArgumentError(
      `${where}: with named params, analyticGradient must be a record of ndarrays with the same keys (got ${describe(analyticGradient)}).`,
    );
  }
  const analytic = analyticGradient as Record<string, unknown>;
  const keys = typeof params === 'object' && params !== null ? Object.keys(params) : [];
  const analyticKeys = Object.keys(analytic);
  if (keys.length !== analyticKeys.length || keys.some((k) => !(k in analytic))) {
    throw new ArgumentRangeError(
      `${where}: analyticGradient has keys [${analyticKeys.join(', ')}] but params has [${keys.join(', ')}]; give one gradient per parameter.`,
    );
  }
  checkParams(params, where);
  const record = params as Record<string, NdArray>;
  for (const key of keys) {
    floatPrecisionOf(analytic[key], where, `analyticGradient.${key}`);
    assertSameShape(analytic[key] as NdArray, record[key]!, `analyticGradient.${key}`, `params.${key}`);
  }
  if (keys.every((key) => sizeOf(record[key]!.shape) === 0)) {
    throw new ArgumentRangeError(
      `${where}: params has no elements (${keys.length === 0 ? 'an empty record' : 'every array is empty'}); ` +
        'a check over no elements would pass without checking anything — pass the parameters whose gradient you want checked.',
    );
  }
  const numerical = gradientsInto(undefined, false, f, record, options, where, 'out', []);
  for (const key of keys) compare(tally, analytic[key] as NdArray, numerical[key]!, key, rtol, atol);
}

/**
 * Check an analytic gradient against central (or `options.scheme`) differences.
 *
 * For each element: absolute error |a − n| and relative error
 * |a − n| / max(tiny, |a| + |n|); the element passes when
 * |a − n| ≤ atol or the relative error ≤ rtol (defaults 1e-6 and 1e-8, see
 * GradCheckOptions). The report gives the maxima, the worst element and
 * whether all passed.
 *
 * Two forms:
 * - gradCheck(f: (x) => number, analytic: NdArray | ((x) => NdArray), x, options?):
 *   one array; analytic may be a function, called once on the unperturbed x.
 * - gradCheck(f: () => number, analytic: Record<string, NdArray>, params: Record<string, NdArray>, options?):
 *   named parameters (W1, b1, …) read by the loss itself; worstKey names the array.
 *
 * Every error raised inside is named 'gradCheck:'. Empty input (an empty
 * array, an empty record or a record of empty arrays) is an
 * ArgumentRangeError: a check over no elements would pass vacuously.
 *
 * @returns { maxAbsError, maxRelError, worstIndex, worstKey?, passed, evaluations }
 * @throws ArgumentRangeError when shapes or keys differ, a tolerance is negative or there is nothing to check;
 *   InvalidArgumentError for a wrong type; the errors of numericalGradient(s)
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([1, 2, 3]), [3]);
 * const f = (v: typeof x) => v.get(0) ** 2 + v.get(1) ** 2 + v.get(2) ** 2;
 * gradCheck(f, (v) => ndarray(new Float64Array([2 * v.get(0), 2 * v.get(1), 2 * v.get(2)]), [3]), x).passed; // → true
 */
export function gradCheck<A extends NdArray>(
  f: (x: A) => number,
  analyticGradient: NdArray | ((x: A) => NdArray),
  x: A,
  options?: GradCheckOptions,
): GradCheckReport;
export function gradCheck(
  f: () => number,
  analyticGradient: Record<string, NdArray>,
  params: Record<string, NdArray>,
  options?: GradCheckOptions,
): GradCheckReport;
export function gradCheck(
  f: (x: NdArray) => number,
  analyticGradient: NdArray | ((x: NdArray) => NdArray) | Record<string, NdArray>,
  x: NdArray | Record<string, NdArray>,
  options?: GradCheckOptions,
): GradCheckReport {
  const where = 'gradCheck';
  assertFunction(f, where, '(x) => number or () => number');
  const resolved = resolveOptions(options, where, ['rtol', 'atol']);
  const rtol = tolerance(options?.rtol, DEFAULT_RTOL, 'rtol');
  const atol = tolerance(options?.atol, DEFAULT_ATOL, 'atol');
  const counter: EvaluationCounter = { evaluations: 0 };
  const numericalOptions: ResolvedGradientOptions = { ...resolved, counter };
  const tally: Tally = { maxAbsError: 0, maxRelError: 0, worstScore: -Infinity, worstIndex: [], worstKey: undefined, passed: true };
  try {
    if (isNdArray(x)) checkOne(tally, f, analyticGradient, x, numericalOptions, rtol, atol);
    else checkNamed(tally, f as () => number, analyticGradient, x, numericalOptions, rtol, atol);
  } finally {
    addEvaluations(resolved.counter, counter.evaluations);
  }
  const report: GradCheckReport = {
    maxAbsError: tally.maxAbsError,
    maxRelError: tally.maxRelError,
    worstIndex: tally.worstIndex,
    passed: tally.passed,
    evaluations: counter.evaluations,
  };
  if (tally.worstKey !== undefined) report.worstKey = tally.worstKey;
  return report;
}
