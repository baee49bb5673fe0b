/**
 * The options of `minimize`, its result types, their defaults, and the
 * validation of every option — core's numerical-gradient options included —
 * before f is first called.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, resolveGradientOptions, type GradientOptions } from '@descent/core';
import { backtracking, type BacktrackingLineSearch } from './line-search.js';
import { lbfgs, type LbfgsLineSearch } from './lbfgs.js';
import { describeValue } from './not-a-number.js';
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

/** Every key of MinimizeOptions: any other key is refused (a misspelt option would otherwise be ignored). */
const KNOWN_OPTIONS: readonly string[] = [
  'optimizer',
  'gradient',
  'maxIterations',
  'maxEvaluations',
  'gradTol',
  'fTol',
  'xTol',
  'divergencePatience',
  'signal',
  'onIteration',
  'historyLimit',
  'historyPoints',
];

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
  if (typeof value !== 'number') throw new InvalidArgumentError(`minimize: ${name} must be a finite number ≥ 0, got ${describeValue(value)}; ${hint}.`);
  if (!(value >= 0) || value === Infinity) throw new ArgumentRangeError(`minimize: ${name} must be a finite number ≥ 0, got ${value}; ${hint}.`);
  return value;
}

function checkCount(name: string, value: unknown, minimum: number, allowInfinity: boolean, hint: string): number {
  const what = `an integer ≥ ${minimum}${allowInfinity ? ' or Infinity' : ''}`;
  if (typeof value !== 'number') throw new InvalidArgumentError(`minimize: ${name} must be ${what}, got ${describeValue(value)}; ${hint}.`);
  if (!(value >= minimum) || (!Number.isInteger(value) && !(allowInfinity && value === Infinity))) {
    throw new ArgumentRangeError(`minimize: ${name} must be ${what}, got ${value}; ${hint}.`);
  }
  return value;
}

function isTransformation(x: unknown): x is GradientTransformation<Json> {
  return typeof x === 'object' && x !== null && typeof (x as GradientTransformation).init === 'function' && typeof (x as GradientTransformation).update === 'function';
}

/** The gradient-descent line search, L-BFGS, or the transformation. */
export type ResolvedOptimizer =
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
  throw new InvalidArgumentError(
    `minimize: optimizer must be a GradientTransformation of @descent/optim (e.g. adam({ lr: 0.01 })), backtracking(…) or lbfgs(…), got ${
      optimizer === null ? 'null' : typeof optimizer === 'object' ? 'an object without init/update' : `${typeof optimizer} ${String(optimizer)}`
    }.`,
  );
}

/** The options after validation, defaults filled in. */
export interface ResolvedMinimizeOptions {
  optimizer: ResolvedOptimizer;
  /** The analytic gradient, or core's options (a copy: later changes by the caller do not reach the run). */
  gradient: AnalyticGradient | GradientOptions;
  maxIterations: number;
  maxEvaluations: number;
  gradTol: number;
  fTol: number;
  xTol: number;
  patience: number;
  historyLimit: number;
  historyPoints: boolean;
  signal: AbortSignal | undefined;
  onIteration: ((info: MinimizeIterationInfo) => boolean | void) | undefined;
}

function checkGradient(gradient: unknown): AnalyticGradient | GradientOptions {
  if (typeof gradient === 'function') return gradient as AnalyticGradient;
  if (typeof gradient !== 'object' || gradient === null || Array.isArray(gradient)) {
    throw new InvalidArgumentError(
      `minimize: gradient must be core's numerical options such as { h: 1e-6 } or a function (x, out) => void writing ∇f(x) into out, got ${describeValue(gradient)}.`,
    );
  }
  resolveGradientOptions(gradient as GradientOptions, 'minimize');
  return { ...(gradient as GradientOptions) };
}

/**
 * Validate every option of `minimize` (before f is called) and fill in the defaults.
 * @throws InvalidArgumentError for an unknown option or a value of the wrong type; ArgumentRangeError for a value out of range
 */
export function resolveMinimizeOptions(options: unknown): ResolvedMinimizeOptions {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`minimize: options must be an object such as { gradTol: 1e-6 }, got ${describeValue(options)}.`);
  }
  for (const key of Object.keys(options)) {
    if (!KNOWN_OPTIONS.includes(key)) throw new InvalidArgumentError(`minimize: unknown option '${key}'; the options are ${KNOWN_OPTIONS.join(', ')}.`);
  }
  const o = options as MinimizeOptions;
  const optimizer = resolveOptimizer(o.optimizer);
  const gradient = checkGradient(o.gradient ?? {});
  const { signal, onIteration } = o;
  if (signal !== undefined && !(typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean')) {
    throw new InvalidArgumentError(`minimize: signal must be an AbortSignal (e.g. new AbortController().signal), got ${describeValue(signal)}.`);
  }
  if (onIteration !== undefined && typeof onIteration !== 'function') {
    throw new InvalidArgumentError(`minimize: onIteration must be a function (info) => boolean | void, got ${typeof onIteration}.`);
  }
  const historyPoints = o.historyPoints ?? DEFAULT_HISTORY_POINTS;
  if (typeof historyPoints !== 'boolean') {
    throw new InvalidArgumentError(`minimize: historyPoints must be true or false, got ${describeValue(historyPoints)}; the default is false.`);
  }
  return {
    optimizer,
    gradient,
    maxIterations: checkCount('maxIterations', o.maxIterations ?? DEFAULT_MAX_ITERATIONS, 1, false, 'the default is 1000'),
    maxEvaluations: checkCount('maxEvaluations', o.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS, 1, true, 'the default is Infinity'),
    gradTol: checkNonNegative('gradTol', o.gradTol ?? DEFAULT_GRAD_TOL, 'the default is 1e-5'),
    fTol: checkNonNegative('fTol', o.fTol ?? DEFAULT_F_TOL, 'the default is 0 (off)'),
    xTol: checkNonNegative('xTol', o.xTol ?? DEFAULT_X_TOL, 'the default is 0 (off)'),
    patience: checkCount('divergencePatience', o.divergencePatience ?? DEFAULT_DIVERGENCE_PATIENCE, 1, false, 'the default is 10'),
    historyLimit: checkCount('historyLimit', o.historyLimit ?? DEFAULT_HISTORY_LIMIT, 0, true, 'the default is 10000'),
    historyPoints,
    signal,
    onIteration,
  };
}
