/**
 * `minimize`: run an optimizer on f from x0 until a stopping test holds, and say
 * honestly why it stopped — with the best point seen when the run diverges.
 */
import ndarray, { type NdArray } from 'ndarray';
import { numericalGradientInto, type GradientOptions } from '@descent/core';
import { backtracking, backtrackAlongInto, backtrackInto, type BacktrackingLineSearch, type LineSearchOutcome } from './line-search.js';
import { lbfgs, LbfgsMemory, type LbfgsLineSearch } from './lbfgs.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';
import type { GradientTransformation, Json } from './transform.js';

/** Why `minimize` stopped. */
export type MinimizeReason = 'gradTol' | 'fTol' | 'xTol' | 'maxIterations' | 'maxEvaluations' | 'diverged' | 'aborted' | 'callback';

/** An analytic gradient: write ∇f(x) into `out` (a contiguous Float64 ndarray with x's shape). */
export type AnalyticGradient = (x: NdArray, out: NdArray) => void;

/** One entry of `MinimizeResult.history`. */
export interface MinimizeHistoryEntry {
  /** 0 for the start, k after the k-th step. */
  iteration: number;
  /** f at the point. */
  fun: number;
  /** ‖∇f‖∞ at the point. */
  gradNorm: number;
  /** ‖Δx‖∞ of the step that reached the point (0 for the start). */
  stepSize: number;
  /** The point, row-major (only with `historyPoints: true`). */
  x?: number[];
}

/** What `onIteration` receives after each step. */
export interface MinimizeIterationInfo {
  /** Steps taken so far (≥ 1). */
  iteration: number;
  /** The current point: minimize's own buffer — read it, copy it, do not modify it. */
  x: NdArray;
  /** f(x). */
  fun: number;
  /** ‖∇f(x)‖∞. */
  gradNorm: number;
  /** ‖Δx‖∞ of this step. */
  stepSize: number;
  /** Calls of f so far. */
  evaluations: number;
}

/** Steps before 'maxIterations'. */
export const DEFAULT_MAX_ITERATIONS = 1000;
/** Calls of f before 'maxEvaluations': no limit. */
export const DEFAULT_MAX_EVALUATIONS = Infinity;
/** ‖∇f‖∞ for 'gradTol': scipy's BFGS gtol (also measured in the ∞-norm there). */
export const DEFAULT_GRAD_TOL = 1e-5;
/** Relative change of f for 'fTol': 0 stops only when f does not change at all. */
export const DEFAULT_F_TOL = 0;
/** ‖Δx‖∞ for 'xTol': 0 stops only when x does not move at all. */
export const DEFAULT_X_TOL = 0;
/** Consecutive increases of f (above f(x0)) that mean divergence. */
export const DEFAULT_DIVERGENCE_PATIENCE = 10;
/** History entries kept (the last ones). */
export const DEFAULT_HISTORY_LIMIT = 10_000;
/** History entries without points. */
export const DEFAULT_HISTORY_POINTS = false;

/** Options of `minimize`. */
export interface MinimizeOptions {
  /**
   * How to step: `backtracking(…)` (gradient descent with an Armijo line search),
   * `lbfgs(…)` (L-BFGS directions with an Armijo line search), or any GradientTransformation of this package (e.g. `adam({ lr: 0.01 })`),
   * which takes its fixed steps through update + apply (its state type is its
   * own: minimize only hands the state back to update, hence `any`).
   * @default backtracking() — c1 1e-4, shrink 0.5, growth 2, initialStep 1
   */
  optimizer?: BacktrackingLineSearch | LbfgsLineSearch | GradientTransformation<any>;
  /**
   * The gradient: core's numerical options `{ h, scheme }` (its evaluations of f
   * are counted), or an analytic `(x, out) => void` writing ∇f(x) into out.
   * @default {} (core's numericalGradient with its defaults: central, h 'auto')
   */
  gradient?: GradientOptions | AnalyticGradient;
  /** Maximum number of steps, an integer ≥ 1. @default 1000 */
  maxIterations?: number;
  /** Maximum number of calls of f (line search and numerical gradients included), an integer ≥ 1 or Infinity. @default Infinity */
  maxEvaluations?: number;
  /** Stop ('gradTol') when ‖∇f(x)‖∞ ≤ gradTol (≥ 0). @default 1e-5 */
  gradTol?: number;
  /** Stop ('fTol') when a step changes f by |Δf| ≤ fTol·max(|f_prev|, |f|, 1) (≥ 0; 0 stops only when f does not change). @default 0 */
  fTol?: number;
  /** Stop ('xTol') when a step moves x by ‖Δx‖∞ ≤ xTol (≥ 0; 0 stops only when x does not move). @default 0 */
  xTol?: number;
  /**
   * Stop ('diverged') when f has increased on this many consecutive steps and is
   * above f(x0) (an integer ≥ 1). @default 10
   */
  divergencePatience?: number;
  /** Checked before every step; once aborted the run stops with 'aborted'. @default undefined */
  signal?: AbortSignal;
  /** Called after every step; returning false stops the run with 'callback'. @default undefined */
  onIteration?: (info: MinimizeIterationInfo) => boolean | void;
  /** Keep at most this many of the LAST history entries (an integer ≥ 0), so memory stays bounded. @default 10000 */
  historyLimit?: number;
  /** Also store each point in the history entries (memory: historyLimit × x.size numbers). @default false */
  historyPoints?: boolean;
}

/** Result of `minimize`. */
export interface MinimizeResult {
  /**
   * The last point reached — or, when the run diverged, the point with the lowest
   * f among those whose f and gradient were finite. A new contiguous Float64
   * ndarray with x0's shape; never NaN.
   */
  x: NdArray<Float64Array>;
  /** f at the returned x. */
  fun: number;
  /** ‖∇f‖∞ at the returned x. */
  gradNorm: number;
  /** Steps taken. */
  iterations: number;
  /** Calls of f, line search and numerical gradients included. */
  evaluations: number;
  /** True when a tolerance test (gradTol, fTol or xTol) stopped the run. */
  converged: boolean;
  reason: MinimizeReason;
  /** A sentence saying why the run stopped, with the numbers. */
  message: string;
  /** The start (iteration 0) and every step, at most `historyLimit` of the last entries. */
  history: MinimizeHistoryEntry[];
}


function checkNonNegative(name: string, value: unknown, hint: string): number {
  if (typeof value !== 'number' || !(value >= 0) || value === Infinity) {
    throw new RangeError(`minimize: ${name} must be a finite number ≥ 0, got ${String(value)}; ${hint}.`);
  }
  return value;
}

function checkCount(name: string, value: unknown, minimum: number, allowInfinity: boolean, hint: string): number {
  if (typeof value !== 'number' || !(value >= minimum) || (!Number.isInteger(value) && !(allowInfinity && value === Infinity))) {
    const what = `an integer ≥ ${minimum}${allowInfinity ? ' or Infinity' : ''}`;
    throw new RangeError(`minimize: ${name} must be ${what}, got ${String(value)}; ${hint}.`);
  }
  return value;
}

function isTransformation(x: unknown): x is GradientTransformation<Json> {
  return typeof x === 'object' && x !== null && typeof (x as GradientTransformation).init === 'function' && typeof (x as GradientTransformation).update === 'function';
}

/** The gradient-descent line search, L-BFGS, or the transformation. */
type ResolvedOptimizer =
  | { lineSearch: BacktrackingLineSearch; quasiNewton: undefined; transformation: undefined }
  | { lineSearch: undefined; quasiNewton: LbfgsLineSearch; transformation: undefined }
  | { lineSearch: undefined; quasiNewton: undefined; transformation: GradientTransformation<Json> };

function resolveOptimizer(optimizer: unknown): ResolvedOptimizer {
  if (optimizer === undefined) return { lineSearch: backtracking(), quasiNewton: undefined, transformation: undefined };
  if (isTransformation(optimizer)) return { lineSearch: undefined, quasiNewton: undefined, transformation: optimizer };
  // Re-validate the plain-data methods: the object may have been written by hand.
  if (typeof optimizer === 'object' && optimizer !== null && (optimizer as BacktrackingLineSearch).kind === 'backtracking') {
    return { lineSearch: backtracking(optimizer as BacktrackingLineSearch), quasiNewton: undefined, transformation: undefined };
  }
  if (typeof optimizer === 'object' && optimizer !== null && (optimizer as LbfgsLineSearch).kind === 'lbfgs') {
    return { lineSearch: undefined, quasiNewton: lbfgs(optimizer as LbfgsLineSearch), transformation: undefined };
  }
  throw new TypeError(
    `minimize: optimizer must be a GradientTransformation of @descent/optim (e.g. adam({ lr: 0.01 })), backtracking(…) or lbfgs(…), got ${
      optimizer === null ? 'null' : typeof optimizer === 'object' ? 'an object without init/update' : `${typeof optimizer} ${String(optimizer)}`
    }.`,
  );
}

/** ‖a‖∞; NaN when an element is NaN. */
function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    const v = Math.abs(a[k]!);
    if (v > m) m = v;
    else if (v !== v) return Number.NaN;
  }
  return m;
}

/** ‖a − b‖∞; NaN when a difference is NaN. */
function maxAbsDifference(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    const v = Math.abs(a[k]! - b[k]!);
    if (v > m) m = v;
    else if (v !== v) return Number.NaN;
  }
  return m;
}

/** The first k with x_k + h === x_k or x_k − h === x_k (a fixed step vanishes there), or −1. */
function indexWhereStepVanishes(x: Float64Array, h: number): number {
  for (let k = 0; k < x.length; k++) {
    const value = x[k]!;
    if (value + h === value || value - h === value) return k;
  }
  return -1;
}

/** A number in 4 significant digits for messages: 9.819e-6, 1e-5, 0.1235, 25, 2.621e+7. */
function fmt(x: number): string {
  const magnitude = Math.abs(x);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6) && Number.isFinite(x)) return x.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(x.toPrecision(4)));
}

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
 * f receives minimize's own contiguous Float64 ndarray with x0's shape; x0 is
 * never modified. Buffers are allocated once per run (the numerical gradient is
 * written by core's numericalGradientInto). A numerical gradient that core
 * refuses mid-run because f was not finite near x, or because a fixed h vanishes
 * next to a coordinate that has grown huge (x ± h === x), ends the run as 'diverged'.
 * @param f the function to minimise, f(x) → number
 * @param x0 the starting point: a non-empty float ndarray, any view
 * @param options optimizer, gradient, tolerances, limits, signal, onIteration, history
 * @returns `{ x, fun, gradNorm, iterations, evaluations, converged, reason, message, history }`
 * @throws Error before any step when f(x0) or ∇f(x0) is not finite
 * @throws TypeError when f is not a function, x0 is not a float ndarray, or an option has the wrong type
 * @throws RangeError when x0 is empty or non-finite, an option is out of range, or maxEvaluations cannot cover f and ∇f at x0
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { minimize } from '@descent/optim';
 * const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
 * const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxIterations: 20000 });
 * // result.reason → 'gradTol'; result.x ≈ [1.000, 1.000]
 */
export function minimize<X extends NdArray<Float64Array> = NdArray<Float64Array>>(f: (x: X) => number, x0: NdArray, options?: MinimizeOptions): MinimizeResult;
export function minimize(f: (x: NdArray) => number, x0: NdArray, options: MinimizeOptions = {}): MinimizeResult {
  if (typeof f !== 'function') throw new TypeError(`minimize: f must be a function (x: NdArray) => number, got ${typeof f}.`);
  checkStartPoint('minimize', 'x0', x0);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`minimize: options must be an object such as { gradTol: 1e-6 }, got ${String(options)}.`);
  }
  const optimizer = resolveOptimizer(options.optimizer);
  const gradient = options.gradient ?? {};
  if (typeof gradient !== 'function' && (typeof gradient !== 'object' || gradient === null)) {
    throw new TypeError(
      `minimize: gradient must be core's numerical options such as { h: 1e-6 } or a function (x, out) => void writing ∇f(x) into out, got ${String(gradient)}.`,
    );
  }
  const maxIterations = checkCount('maxIterations', options.maxIterations ?? DEFAULT_MAX_ITERATIONS, 1, false, 'the default is 1000');
  const maxEvaluations = checkCount('maxEvaluations', options.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS, 1, true, 'the default is Infinity');
  const gradTol = checkNonNegative('gradTol', options.gradTol ?? DEFAULT_GRAD_TOL, 'the default is 1e-5');
  const fTol = checkNonNegative('fTol', options.fTol ?? DEFAULT_F_TOL, 'the default is 0 (off)');
  const xTol = checkNonNegative('xTol', options.xTol ?? DEFAULT_X_TOL, 'the default is 0 (off)');
  const patience = checkCount('divergencePatience', options.divergencePatience ?? DEFAULT_DIVERGENCE_PATIENCE, 1, false, 'the default is 10');
  const historyLimit = checkCount('historyLimit', options.historyLimit ?? DEFAULT_HISTORY_LIMIT, 0, true, 'the default is 10000');
  const historyPoints = options.historyPoints ?? DEFAULT_HISTORY_POINTS;
  const { signal, onIteration } = options;
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean')) {
    throw new TypeError(`minimize: signal must be an AbortSignal (e.g. new AbortController().signal), got ${String(signal)}.`);
  }
  if (onIteration !== undefined && typeof onIteration !== 'function') {
    throw new TypeError(`minimize: onIteration must be a function (info) => boolean | void, got ${typeof onIteration}.`);
  }

  // Counting wrapper: every call of f goes through it, and none beyond the budget.
  // The flags say why a numerical gradient threw, even when core wrapped the error.
  let evaluations = 0;
  let budgetSpent = false;
  let nonFiniteValue: unknown = undefined;
  const evaluate = (x: NdArray): number => {
    if (evaluations >= maxEvaluations) {
      budgetSpent = true;
      throw new RangeError(`minimize: maxEvaluations = ${maxEvaluations} calls of f are spent.`);
    }
    evaluations++;
    const value = f(x);
    if (typeof value !== 'number' || !Number.isFinite(value)) nonFiniteValue = value;
    return value;
  };
  const gradientOptions: GradientOptions | undefined = typeof gradient === 'function' ? undefined : { ...gradient };
  const computeGradient = (x: NdArray, out: NdArray): void => {
    if (typeof gradient === 'function') gradient(x, out);
    else numericalGradientInto(out, evaluate, x, gradientOptions);
  };
  const fixedH = typeof gradient === 'function' || typeof gradient.h !== 'number' ? undefined : gradient.h;

  const shape = x0.shape.slice();
  const n = x0.size;
  let x: NdArray<Float64Array> = contiguousCopy(x0);
  let next: NdArray<Float64Array> = ndarray(new Float64Array(n), shape);
  let g = ndarray(new Float64Array(n), shape);
  let gNext = ndarray(new Float64Array(n), shape);
  const updates = ndarray(new Float64Array(n), shape);
  // L-BFGS's pairs and direction buffer: allocated at the first L-BFGS step of the run.
  let pairs: LbfgsMemory | undefined;
  const evaluateNext = (): number => evaluate(next); // reads the current `next` buffer

  const f0 = evaluate(x);
  if (typeof f0 !== 'number' || !Number.isFinite(f0)) {
    throw new Error(`minimize: f(x0) is ${String(f0)}; start from a point where f is a finite number (no step was taken).`);
  }
  try {
    computeGradient(x, g);
  } catch (error) {
    if (!budgetSpent) throw error;
    throw new RangeError(
      `minimize: maxEvaluations = ${maxEvaluations} does not cover f and its numerical gradient at x0 ` +
        `(${n} parameters); raise maxEvaluations (central differences need 1 + 2·${n}).`,
    );
  }
  let gradNorm = maxAbs(g.data);
  if (!Number.isFinite(gradNorm)) {
    throw new Error(`minimize: the gradient at x0 is not finite (‖∇f‖∞ = ${gradNorm}); start from a point where f is differentiable (no step was taken).`);
  }

  const history: MinimizeHistoryEntry[] = [];
  const record = (iteration: number, fun: number, norm: number, stepSize: number, point: Float64Array): void => {
    if (historyLimit === 0) return;
    const entry: MinimizeHistoryEntry = { iteration, fun, gradNorm: norm, stepSize };
    if (historyPoints) entry.x = Array.from(point);
    history.push(entry);
    if (history.length >= 2 * historyLimit) history.splice(0, history.length - historyLimit);
  };
  record(0, f0, gradNorm, 0, x.data);

  const best = { x: Float64Array.from(x.data), fun: f0, gradNorm, iteration: 0 };
  let fun = f0;
  let iterations = 0;
  let stepSize = 0;
  let increases = 0;
  let lineSearchFailed = false;
  let detail = '';
  let alpha = optimizer.lineSearch?.initialStep ?? 0;
  let state: Json = optimizer.transformation === undefined ? null : optimizer.transformation.init(x);
  let reason: MinimizeReason | undefined = gradNorm <= gradTol ? 'gradTol' : undefined;

  while (reason === undefined) {
    if (signal?.aborted === true) {
      reason = 'aborted';
      break;
    }
    if (iterations >= maxIterations) {
      reason = 'maxIterations';
      break;
    }
    let funNext: number;
    try {
      if (optimizer.transformation === undefined) {
        let outcome: LineSearchOutcome;
        if (optimizer.lineSearch !== undefined) {
          outcome = backtrackInto(next.data, x.data, g.data, fun, alpha, optimizer.lineSearch, xTol, evaluateNext);
        } else {
          const search = optimizer.quasiNewton;
          pairs ??= new LbfgsMemory(search.memory, n, search.curvatureEps);
          const slope = pairs.descentDirection(g.data);
          outcome = backtrackAlongInto(next.data, x.data, pairs.direction, slope, fun, 1, search.c1, search.shrink, xTol, evaluateNext);
        }
        if (!outcome.accepted) {
          lineSearchFailed = true;
          reason = outcome.allNonFinite ? 'diverged' : 'xTol';
          detail = outcome.allNonFinite
            ? `f was not finite at any of the ${outcome.trials} trial points of the line search`
            : `the line search found no sufficient decrease before its step fell to ‖Δx‖∞ ≤ xTol = ${fmt(xTol)}`;
          break;
        }
        funNext = outcome.fun;
        if (optimizer.lineSearch !== undefined) alpha = outcome.trials === 1 ? outcome.alpha * optimizer.lineSearch.growth : outcome.alpha;
      } else {
        updates.data.set(g.data);
        state = optimizer.transformation.update(updates, state, x);
        for (let k = 0; k < n; k++) next.data[k] = x.data[k]! + updates.data[k]!;
        funNext = evaluate(next);
      }
      stepSize = maxAbsDifference(next.data, x.data);
      if (!Number.isFinite(stepSize)) {
        reason = 'diverged';
        detail = `step ${iterations + 1} produced a non-finite parameter`;
        break;
      }
      if (typeof funNext !== 'number' || !Number.isFinite(funNext)) {
        reason = 'diverged';
        detail = `f returned ${String(funNext)} at step ${iterations + 1}`;
        break;
      }
      nonFiniteValue = undefined;
      computeGradient(next, gNext);
    } catch (error) {
      if (budgetSpent) {
        reason = 'maxEvaluations';
        break;
      }
      // Core's numerical gradient refuses a non-finite f near x (the run has left the domain where f is
      // finite) and a fixed h that vanishes next to a huge coordinate (x ± h === x): both end the run.
      if (nonFiniteValue !== undefined) {
        reason = 'diverged';
        detail = `f returned ${String(nonFiniteValue)} while the gradient was estimated at step ${iterations + 1}`;
        break;
      }
      const vanished = fixedH === undefined ? -1 : indexWhereStepVanishes(next.data, fixedH);
      if (vanished < 0) throw error;
      reason = 'diverged';
      detail = `step ${iterations + 1} reached x[${vanished}] = ${fmt(next.data[vanished]!)}, where x ± h (h = ${fixedH}) rounds to x, so the numerical gradient is undefined`;
      break;
    }
    const normNext = maxAbs(gNext.data);
    if (!Number.isFinite(normNext)) {
      reason = 'diverged';
      detail = `the gradient at step ${iterations + 1} is not finite (f = ${fmt(funNext)})`;
      break;
    }
    // Accept the step.
    const previousX = x;
    x = next;
    next = previousX;
    const previousG = g;
    g = gNext;
    gNext = previousG;
    pairs?.push(x.data, next.data, g.data, gNext.data);
    iterations++;
    const funPrev = fun;
    fun = funNext;
    gradNorm = normNext;
    increases = fun > funPrev ? increases + 1 : 0;
    if (fun < best.fun) {
      best.x.set(x.data);
      best.fun = fun;
      best.gradNorm = gradNorm;
      best.iteration = iterations;
    }
    record(iterations, fun, gradNorm, stepSize, x.data);
    if (onIteration !== undefined && onIteration({ iteration: iterations, x, fun, gradNorm, stepSize, evaluations }) === false) {
      reason = 'callback';
    } else if (increases >= patience && fun > f0) {
      reason = 'diverged';
      detail = `f increased on ${increases} consecutive steps, to ${fmt(fun)} (f(x0) = ${fmt(f0)})`;
    } else if (gradNorm <= gradTol) {
      reason = 'gradTol';
    } else if (Math.abs(funPrev - fun) <= fTol * Math.max(Math.abs(funPrev), Math.abs(fun), 1)) {
      reason = 'fTol';
      detail = `|Δf| = ${fmt(Math.abs(funPrev - fun))}`;
    } else if (stepSize <= xTol) {
      reason = 'xTol';
    }
  }

  const diverged = reason === 'diverged';
  const result = diverged
    ? { x: ndarray(best.x, shape), fun: best.fun, gradNorm: best.gradNorm }
    : { x, fun, gradNorm };
  const converged = !lineSearchFailed && (reason === 'gradTol' || reason === 'fTol' || reason === 'xTol');
  const done = `${iterations} step${iterations === 1 ? '' : 's'} and ${evaluations} evaluation${evaluations === 1 ? '' : 's'} of f`;
  const at = `f = ${fmt(result.fun)}, ‖∇f‖∞ = ${fmt(result.gradNorm)}`;
  let message: string;
  switch (reason) {
    case 'gradTol':
      message = `Converged: ‖∇f‖∞ = ${fmt(gradNorm)} ≤ gradTol = ${fmt(gradTol)} after ${done} (f = ${fmt(fun)}).`;
      break;
    case 'fTol':
      message = `Converged: the last step changed f by ${detail} ≤ fTol·max(|f_prev|, |f|, 1) with fTol = ${fmt(fTol)}, after ${done} (${at}).`;
      break;
    case 'xTol':
      message = lineSearchFailed
        ? `Stopped without converging: ${detail} after ${done} (${at} > gradTol = ${fmt(gradTol)}); the gradient may be too inaccurate (try an analytic gradient or another h) or f not smooth there.`
        : `Converged: the last step moved x by ‖Δx‖∞ = ${fmt(stepSize)} ≤ xTol = ${fmt(xTol)} after ${done} (${at}).`;
      break;
    case 'maxIterations':
      message = `Stopped at maxIterations = ${maxIterations} without converging, after ${done} (${at} > gradTol = ${fmt(gradTol)}).`;
      break;
    case 'maxEvaluations':
      message = `Stopped at maxEvaluations = ${maxEvaluations} without converging, after ${done} (${at} > gradTol = ${fmt(gradTol)}).`;
      break;
    case 'diverged':
      message = `Diverged: ${detail}; returning the best point seen, from step ${best.iteration} (${at}).${
        optimizer.transformation === undefined ? '' : ' Try a smaller learning rate.'
      }`;
      break;
    case 'aborted':
      message = `Aborted by the signal after ${done} (${at}).`;
      break;
    case 'callback':
      message = `Stopped by onIteration returning false after ${done} (${at}).`;
      break;
  }
  return {
    ...result,
    iterations,
    evaluations,
    converged,
    reason,
    message,
    history: history.length > historyLimit ? history.slice(history.length - historyLimit) : history,
  };
}
