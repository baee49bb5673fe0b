/**
 * `minimize`: run an optimizer on f from x0 until a stopping test holds, and say
 * honestly why it stopped — with the best point seen when the run diverges.
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError } from '@descent/core';
import { resolveMinimizeOptions, type MinimizeOptions, type MinimizeResult } from './minimize-options.js';
import { MinimizeRun } from './minimize-run.js';
import { checkStartPoint } from './start-point.js';

export {
  DEFAULT_DIVERGENCE_PATIENCE,
  DEFAULT_F_TOL,
  DEFAULT_GRAD_TOL,
  DEFAULT_HISTORY_LIMIT,
  DEFAULT_HISTORY_POINTS,
  DEFAULT_MAX_EVALUATIONS,
  DEFAULT_MAX_ITERATIONS,
  DEFAULT_X_TOL,
  type AnalyticGradient,
  type MinimizeHistoryEntry,
  type MinimizeIterationInfo,
  type MinimizeOptions,
  type MinimizeReason,
  type MinimizeResult,
} from './minimize-options.js';

/**
 * Minimise f from x0.
 *
 * Each step moves x by the optimizer's rule — by default gradient descent with a
 * backtracking Armijo line search (see `backtracking`), L-BFGS directions with
 * the same kind of search (see `lbfgs`), otherwise the fixed
 * steps of a GradientTransformation: u ← update(∇f(x)), x ← x + u. After each
 * step, in this order: `onIteration` (false → 'callback'); divergence — a
 * non-finite f, gradient or parameter, or f increased on `divergencePatience`
 * consecutive steps while above f(x0) ('diverged'); ‖∇f‖∞ ≤ gradTol ('gradTol');
 * |Δf| ≤ fTol·max(|f_prev|, |f|, 1) ('fTol'); ‖Δx‖∞ ≤ xTol ('xTol'). Before each
 * step: the signal ('aborted') and maxIterations. A call of f beyond
 * maxEvaluations is never made ('maxEvaluations'; the step in progress is
 * dropped). When the line search finds no decrease before its step falls to
 * ‖Δx‖∞ ≤ xTol, the run stops with 'xTol' and converged false (if f was
 * non-finite at every trial point: 'diverged').
 *
 * f is never called at a point with a NaN or ±Infinity element: a
 * transformation's step that produces one ends the run as 'diverged' first, and
 * such a trial point of a line search counts as rejected. f must return a
 * number: a string, a bigint or a Promise (an async f) is the caller's bug and
 * throws a NotANumberError, never "divergence"; an exception of f is rethrown as
 * a FunctionThrewError whose `cause` is f's error.
 *
 * f receives minimize's own contiguous Float64 ndarray with x0's shape; x0 is
 * never modified, only read — so it may be any view, even one whose elements
 * share memory (a stride-0 broadcast such as ndarray(Float64Array.of(2), [3], [0])
 * starts from [2, 2, 2]). Every option, core's numerical-gradient options
 * included, is validated before f is first called. Buffers are allocated once
 * per run (the numerical gradient is written by core's numericalGradientInto).
 * A numerical gradient that core refuses mid-run because f was not finite near
 * x, or because a fixed h vanishes next to a coordinate that has grown huge
 * (x ± h === x), ends the run as 'diverged'.
 * @param f the function to minimise, f(x) → number
 * @param x0 the starting point: a non-empty float ndarray, any view
 * @param options optimizer, gradient, tolerances, limits, signal, onIteration, history
 * @returns `{ x, fun, gradNorm, iterations, evaluations, converged, reason, message, history }`
 * @throws NonFiniteValueError before any step when f(x0) or ∇f(x0) is not finite (StepUnderflowError when a fixed h vanishes at x0)
 * @throws InvalidArgumentError when f is not a function, x0 is not a float ndarray, or an option is unknown or has the wrong type
 * @throws ArgumentRangeError when x0 is empty or non-finite, an option is out of range, or maxEvaluations cannot cover f and ∇f at x0
 * @throws NotANumberError when f returns something that is not a number; FunctionThrewError when f throws
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { minimize } from '@descent/optim';
 * const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
 * const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxIterations: 20000 });
 * // result.reason → 'gradTol'; result.x ≈ [1.000, 1.000]
 */
export function minimize<X extends NdArray<Float64Array> = NdArray<Float64Array>>(f: (x: X) => number, x0: NdArray, options?: MinimizeOptions): MinimizeResult;
export function minimize(f: (x: NdArray) => number, x0: NdArray, options: MinimizeOptions = {}): MinimizeResult {
  if (typeof f !== 'function') throw new InvalidArgumentError(`minimize: f must be a function (x: NdArray) => number, got ${typeof f}.`);
  checkStartPoint('minimize', 'x0', x0);
  const resolved = resolveMinimizeOptions(options);
  const run = new MinimizeRun(f, x0, resolved);
  return run.result(run.run());
}
