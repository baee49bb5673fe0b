/**
 * Compare an analytic gradient (backpropagation, a hand derivation) with the
 * numerical one: element by element (full mode), or along a few seeded random
 * directions (fast mode, 2k calls of f instead of 2N).
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkParams, checkPoint } from '../options/arguments.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { differentiateInto } from '../kernel/finite-difference.js';
import { fastCheck, type DirectionCheck, type FastArray } from './grad-check-fast.js';
import { compareElements, newTally, type Tally } from './grad-check-full.js';
import { gradientsInto } from '../gradient/numerical-gradients.js';
import { addEvaluations, resolveOptions, type EvaluationCounter, type ResolvedGradientOptions } from '../options/options.js';
import { randomState } from '../directional/random.js';
import { elementBounds, resolveBounds, type ElementBounds } from '../kernel/bounds.js';
import type { FailureLocation } from './grad-check-locate.js';
import { refuseKernelOnlyOptions } from '../options/kernel-only-options.js';
import { floatPrecisionOf, isNdArray, sizeOf } from '../memory/strided.js';

import { DEFAULT_ATOL, DEFAULT_RTOL, modeOf, tolerance, type GradCheckOptions, type GradCheckReport } from './grad-check-options.js';

export type { DirectionCheck, FailureLocation } from './grad-check-fast.js';
export { DEFAULT_ATOL, DEFAULT_DIRECTIONS, DEFAULT_RTOL, type GradCheckOptions, type GradCheckReport } from './grad-check-options.js';

function assertSameShape(analytic: NdArray, x: NdArray, analyticName: string, xName: string): void {
  if (analytic.shape.length !== x.shape.length || analytic.shape.some((n, axis) => n !== x.shape[axis])) {
    throw new ArgumentRangeError(
      `gradCheck: ${analyticName} has shape [${analytic.shape.join(',')}] but ${xName} has shape [${x.shape.join(',')}]; ` +
        'the analytic gradient must have the shape of what it differentiates.',
    );
  }
}

/** What is checked: the arrays (one, or every parameter in key order) with their analytic gradients. */
interface Checked {
  named: boolean;
  f: (x: NdArray) => number;
  arrays: FastArray[];
}

/** The one-array form, validated; the analytic gradient evaluated (when a function) on the unperturbed x. */
function prepareOne(f: (x: NdArray) => number, analyticGradient: unknown, x: NdArray, where: string): Checked {
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
  return { named: false, f, arrays: [{ f, x, analytic: analytic as NdArray, name: 'x', key: undefined, precision }] };
}

/** The named form, validated. */
function prepareNamed(f: () => number, analyticGradient: unknown, params: unknown, where: string): Checked {
  if (typeof analyticGradient !== 'object' || analyticGradient === null || isNdArray(analyticGradient)) {
    throw new InvalidArgumentError(
      `${where}: with named params, analyticGradient must be a record of ndarrays with the same keys (got ${describe(analyticGradient)}).`,
    );
  }
  const analytic = analyticGradient as Record<string, unknown>;
  const keys = typeof params === 'object' && params !== null ? Object.keys(params) : [];
  const analyticKeys = Object.keys(analytic);
  if (keys.length !== analyticKeys.length || keys.some((k) => !Object.hasOwn(analytic, k))) {
    throw new ArgumentRangeError(
      `${where}: analyticGradient has keys [${analyticKeys.join(', ')}] but params has [${keys.join(', ')}]; give one gradient per parameter.`,
    );
  }
  const { precisions } = checkParams(params, where);
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
  for (const key of keys) assertElementsFinite(record[key]!, where, key);
  const arrays = keys.map((key, k) => ({ f, x: record[key]!, analytic: analytic[key] as NdArray, name: key, key, precision: precisions[k]! }));
  return { named: true, f, arrays };
}

/** Fast mode: the box of every checked element, arrays in turn (undefined when unbounded). */
function jointBounds(checked: Checked, options: ResolvedGradientOptions, where: string): ElementBounds | undefined {
  const boxes = checked.arrays.map((a) => elementBounds(resolveBounds(options.bounds, a.x, where, checked.named ? `params.${a.key}` : 'x', a.key), a.x.size));
  if (boxes.every((b) => b === undefined)) return undefined;
  const n = checked.arrays.reduce((sum, a) => sum + a.x.size, 0);
  const joint = { lower: new Float64Array(n).fill(-Infinity), upper: new Float64Array(n).fill(Infinity) };
  let at = 0;
  checked.arrays.forEach((a, k) => {
    const box = boxes[k];
    if (box !== undefined) {
      joint.lower.set(box.lower, at);
      joint.upper.set(box.upper, at);
    }
    at += a.x.size;
  });
  return joint;
}

/** Full mode: the numerical gradient of every array, compared element by element. */
function runFull(tally: Tally, checked: Checked, options: ResolvedGradientOptions, rtol: number, atol: number, where: string): NdArray | Record<string, NdArray> {
  if (!checked.named) {
    const [{ f, x, analytic, precision }] = checked.arrays as [FastArray];
    const numerical = ndarray(new Float64Array(sizeOf(x.shape)), x.shape.slice());
    differentiateInto(numerical, f as (x: NdArray) => number, x, 'x', precision, options, where);
    return compareElements(tally, analytic, numerical, undefined, rtol, atol);
  }
  const record: Record<string, NdArray> = {};
  for (const a of checked.arrays) record[a.key!] = a.x;
  const numerical = gradientsInto(undefined, false, checked.f as () => number, record, options, where, 'out', []);
  const errors: Record<string, NdArray> = {};
  for (const a of checked.arrays) errors[a.key!] = compareElements(tally, a.analytic, numerical[a.key!]!, a.key, rtol, atol);
  return errors;
}

/**
 * Check an analytic gradient against finite differences: every element
 * (mode 'full', the default) or along k random directions (mode 'fast').
 *
 * Full mode, per element: absolute error |a − n| and relative error
 * |a − n| / max(tiny, |a| + |n|) against the numerical gradient (central, or
 * `options.scheme`); the element passes when |a − n| ≤ atol or the relative
 * error ≤ rtol (defaults 1e-6 and 1e-8, see GradCheckOptions). The report
 * gives the maxima, the worst element (worstIndex, worstKey), whether all
 * passed, and each element's relative error (`relativeErrors`, shaped like
 * the parameters). Cost 2N calls (central).
 *
 * Fast mode (torch's): for each of k seeded random directions v over every
 * checked element (all arrays moved together), vᵀa against the directional
 * derivative ∇f·v (see directionalDerivative); a direction passes when
 * |vᵀa − ∇f·v| ≤ atol·Σ|vᵢ| + 2·rtol/(1−rtol)·Σ|vᵢaᵢ| — what every element
 * passing the full check implies. The report lists every direction
 * (`directions`) and the worst (worstDirection); cost 2k calls (central)
 * whatever N. When a direction fails, bisection over the arrays and then
 * the elements (the residual of each half's part of the direction, 4 calls
 * per halving) traces it to the element responsible: `location` gives its
 * array and index with its analytic and numerical partial derivatives (also
 * in worstKey and worstIndex) — only what was measured to fail on its own.
 *
 * Two forms:
 * - gradCheck(f: (x) => number, analytic: NdArray | ((x) => NdArray), x, options?):
 *   one array; analytic may be a function, called once on the unperturbed x.
 * - gradCheck(f: () => number, analytic: Record<string, NdArray>, params: Record<string, NdArray>, options?):
 *   named parameters (W1, b1, …) read by the loss itself; worstKey names the array.
 *
 * Every error raised inside is named 'gradCheck:'. Empty input (an empty
 * array, an empty record or a record of empty arrays) is an
 * ArgumentRangeError: a check over no elements would pass vacuously. The
 * arrays are perturbed in place and restored bit-identically, also on error.
 *
 * @returns { mode, maxAbsError, maxRelError, worstIndex, worstKey?, worstDirection?, passed, evaluations, relativeErrors? (full), directions?, location? (fast) }
 * @throws ArgumentRangeError when shapes or keys differ, a tolerance is negative, directions is not a positive
 *   integer or there is nothing to check; InvalidArgumentError for a wrong type; the errors of numericalGradient(s)
 * @example
 * const x = ndarray(new Float64Array([1, 2, 3]), [3]);
 * const f = (v: NdArray) => v.get(0) ** 2 + v.get(1) ** 2 + v.get(2) ** 2;
 * const twice = (v: NdArray) => ndarray(new Float64Array([2 * v.get(0), 2 * v.get(1), 2 * v.get(2)]), [3]);
 * gradCheck(f, twice, x).passed; // → true
 * const fast = gradCheck(f, twice, x, { mode: 'fast', directions: 2 });
 * // fast.passed → true; fast.evaluations → 4 (2 per direction, whatever the size of x)
 */
export function gradCheck<A extends NdArray>(
  f: (x: A) => number,
  analyticGradient: NdArray | ((x: A) => NdArray),
  x: A,
  options?: GradCheckOptions,
): GradCheckReport<NdArray>;
export function gradCheck(
  f: () => number,
  analyticGradient: Record<string, NdArray>,
  params: Record<string, NdArray>,
  options?: GradCheckOptions,
): GradCheckReport<Record<string, NdArray>>;
export function gradCheck(
  f: (x: NdArray) => number,
  analyticGradient: NdArray | ((x: NdArray) => NdArray) | Record<string, NdArray>,
  x: NdArray | Record<string, NdArray>,
  options?: GradCheckOptions,
): GradCheckReport {
  const where = 'gradCheck';
  assertFunction(f, where, '(x) => number or () => number');
  const resolved = resolveOptions(options, where, ['rtol', 'atol', 'mode', 'directions', 'seed']);
  const rtol = tolerance(options?.rtol, DEFAULT_RTOL, 'rtol');
  const atol = tolerance(options?.atol, DEFAULT_ATOL, 'atol');
  const { fast, directions } = modeOf(options);
  if (fast) refuseKernelOnlyOptions(options, `${where} (mode 'fast')`);
  const random = randomState(options?.seed ?? 0, where);
  const counter: EvaluationCounter = { evaluations: 0 };
  const numericalOptions: ResolvedGradientOptions = { ...resolved, counter };
  const tally = newTally();
  const checks: DirectionCheck[] = [];
  let relativeErrors: NdArray | Record<string, NdArray> | undefined;
  let location: FailureLocation | undefined;
  try {
    const checked = isNdArray(x) ? prepareOne(f, analyticGradient, x, where) : prepareNamed(f as () => number, analyticGradient, x, where);
    if (fast) location = fastCheck(tally, checks, checked.arrays, jointBounds(checked, resolved, where), directions, random, resolved, rtol, atol, where, counter).location;
    else relativeErrors = runFull(tally, checked, numericalOptions, rtol, atol, where);
  } finally {
    addEvaluations(resolved.counter, counter.evaluations);
  }
  const report: GradCheckReport = {
    mode: fast ? 'fast' : 'full',
    maxAbsError: tally.maxAbsError,
    maxRelError: tally.maxRelError,
    worstIndex: fast ? [] : tally.worstIndex,
    passed: tally.passed,
    evaluations: counter.evaluations,
  };
  if (fast) {
    report.worstDirection = tally.worstIndex[0]!;
    report.directions = checks;
    if (location !== undefined) {
      report.location = location;
      if (location.key !== undefined) report.worstKey = location.key;
      if (location.index !== undefined) report.worstIndex = location.index;
    }
  } else {
    if (tally.worstKey !== undefined) report.worstKey = tally.worstKey;
    report.relativeErrors = relativeErrors!;
  }
  return report;
}
