/**
 * The options of `minimize`, its result types, their defaults, and the
 * validation of every option — core's numerical-gradient options included —
 * before f is first called.
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError, type GradientOptions, type Scheme } from '@descent/core';
import { resolveGradientOption, type NumericalGradientOptions } from '../checks/gradient-option.js';
import { checkBoolean, checkFunction, checkNumber, checkOptionKeys, checkSignal } from '../checks/options.js';
import type { GradientTransformation, Json } from '../transforms/transform.js';
import type { MinimizeBounds } from './bounds.js';
import type { MinimizeHistoryEntry } from './history.js';
import { backtracking, type BacktrackingMethod } from './steppers/backtracking.js';
import { bfgs, type BfgsMethod } from './steppers/bfgs.js';
import { lbfgs, type LbfgsMethod } from './steppers/lbfgs.js';

/**
 * Why `minimize` stopped:
 * - 'gradTol': ‖∇f‖∞ (of the projected gradient, with bounds) ≤ gradTol, the gradient's own error included — converged;
 * - 'fTol', 'xTol': a step changed f or x by no more than the tolerance you set — converged by your criterion;
 * - 'precisionLoss': f (or x) stopped changing at its rounding level, or the numerical gradient's rounding
 *   exceeds gradTol, while ‖∇f‖∞ is not yet below gradTol — not converged;
 * - 'lineSearchFailed': no step along the search direction (nor along −∇f) decreased f — not converged;
 * - 'maxIterations', 'maxEvaluations': a budget ran out;
 * - 'diverged': f, ∇f or x became non-finite, f was unbounded below, or f kept increasing;
 * - 'aborted': the signal; 'callback': onIteration returned false.
 *
 * Every reason but the three converged ones returns the best point evaluated (see MinimizeResult.x).
 */
export type MinimizeReason =
  | 'gradTol'
  | 'fTol'
  | 'xTol'
  | 'precisionLoss'
  | 'lineSearchFailed'
  | 'maxIterations'
  | 'maxEvaluations'
  | 'diverged'
  | 'aborted'
  | 'callback';

/** An analytic gradient: write ∇f(x) into `out` (a contiguous Float64 ndarray with x's shape). */
export type AnalyticGradient = (x: NdArray, out: NdArray) => void;

export type { MinimizeHistoryEntry };

/** What `onIteration` receives after each step. */
export interface MinimizeIterationInfo {
  /** Steps taken so far (≥ 1). */
  iteration: number;
  /** The current point: minimize's own buffer — read it, copy it, do not modify it. */
  x: NdArray;
  /** f(x). */
  fun: number;
  /** ‖∇f(x)‖∞ (of the projected gradient, with bounds). */
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
/** Relative change of f for 'fTol': 0 is off (an unchanged f is then 'precisionLoss'). */
export const DEFAULT_F_TOL = 0;
/** ‖Δx‖∞ for 'xTol': 0 is off (an unmoved x is then 'precisionLoss'). */
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
   * How to step: `bfgs(…)` (dense quasi-Newton), `lbfgs(…)` (limited-memory;
   * with `bounds` L-BFGS-B), `backtracking(…)` (gradient descent with an Armijo
   * line search), or any GradientTransformation of this package (e.g.
   * `adam({ lr: 0.01 })`), which takes fixed steps through update + apply.
   * @default lbfgs() — L-BFGS with 20 pairs and a strong-Wolfe line search (L-BFGS-B with bounds)
   */
  optimizer?: BfgsMethod | LbfgsMethod | BacktrackingMethod | GradientTransformation<any>;
  /**
   * The gradient: an analytic `(x, out) => void` writing ∇f(x) into out, or the
   * numerical options of @descent/core (h, scheme, stepUnderflow, quotient,
   * counter, onProgress…; their calls of f are counted). scheme 'adaptive'
   * differentiates forward (N calls, f(x) reused) and completes the gradient to
   * a verified central one whenever minimize is about to trust it (near the
   * stop, after a failed line search); 'central' costs 2N per gradient. An
   * exception of the analytic gradient is a FunctionThrewError (cause: its
   * error); core's `onProgress` is a callback and its exceptions pass unchanged.
   * @default { scheme: 'adaptive', h: 'auto' }
   */
  gradient?: NumericalGradientOptions | AnalyticGradient;
  /**
   * Lower and upper bounds of x: numbers or ndarrays of x0's shape, ±Infinity
   * for none. f and the numerical gradient are never evaluated outside them. A
   * start outside the box is projected onto it (the result says so).
   * @default undefined (no bounds)
   */
  bounds?: MinimizeBounds;
  /** Maximum number of steps, an integer ≥ 1. @default 1000 */
  maxIterations?: number;
  /** Maximum number of calls of f (line searches and numerical gradients included), an integer ≥ 1 or Infinity. @default Infinity */
  maxEvaluations?: number;
  /** Stop ('gradTol') when ‖∇f(x)‖∞ plus the gradient's error bound is ≤ gradTol (≥ 0). @default 1e-5 */
  gradTol?: number;
  /** Stop ('fTol') when a step changes f by |Δf| ≤ fTol·max(|f_prev|, |f|, 1) (≥ 0; 0 is off). @default 0 */
  fTol?: number;
  /** Stop ('xTol') when a step moves x by ‖Δx‖∞ ≤ xTol (≥ 0; 0 is off). @default 0 */
  xTol?: number;
  /** Stop ('diverged') when f has increased on this many consecutive steps and is above f(x0) (an integer ≥ 1). @default 10 */
  divergencePatience?: number;
  /** Checked before every step; once aborted the run stops with 'aborted'. @default undefined */
  signal?: AbortSignal;
  /**
   * Called after every step; returning false stops the run with 'callback'. A
   * callback is yours: an exception it throws reaches the caller unchanged (not
   * wrapped as f's and the gradient's are), so throwing is a way to stop a run.
   * @default undefined
   */
  onIteration?: (info: MinimizeIterationInfo) => boolean | void;
  /** Keep at most this many of the LAST history entries (an integer ≥ 0 or Infinity), so memory stays bounded. @default 10000 */
  historyLimit?: number;
  /** Also store each point in the history entries (memory: historyLimit × x.size numbers). @default false */
  historyPoints?: boolean;
}

/** Every key of MinimizeOptions: any other key is refused (a misspelt option would otherwise be ignored). */
const KNOWN_OPTIONS: readonly string[] = [
  'optimizer',
  'gradient',
  'bounds',
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
   * Converged ('gradTol', 'fTol', 'xTol'): the last point reached, where the
   * tolerance held. Any other reason: the point with the lowest f among ALL the
   * points where f was evaluated — x0, the iterates, line-search trials, a
   * transformation's candidate points (inside `bounds` when given) — excluding
   * points where f was not finite or the gradient was evaluated and not finite
   * (the iterate wins a tie). The nodes x ± h of a numerical gradient are
   * gradient probes, not candidates. A contiguous Float64 ndarray with x0's
   * shape; never NaN.
   */
  x: NdArray<Float64Array>;
  /** f at the returned x. */
  fun: number;
  /**
   * ‖∇f‖∞ at the returned x (of the projected gradient, with bounds). When x is a
   * trial point whose gradient was never evaluated, a diverged run evaluates it
   * there once (one more gradient; numerical: N or 2N calls, within
   * maxEvaluations); other endings add no evaluation and report NaN, and the
   * message says "the gradient was not evaluated there".
   */
  gradNorm: number;
  /** Steps taken. */
  iterations: number;
  /** Calls of f, line searches and numerical gradients included. */
  evaluations: number;
  /**
   * True when a tolerance stopped the run: gradTol (‖∇f‖∞ plus the gradient's error
   * bound ≤ gradTol), or fTol / xTol when you set them. Never true for
   * 'precisionLoss' or 'lineSearchFailed'.
   */
  converged: boolean;
  reason: MinimizeReason;
  /** A sentence saying why the run stopped, with the numbers (and what to try when it failed). */
  message: string;
  /** The start (iteration 0) and every step, at most `historyLimit` of the last entries. */
  history: MinimizeHistoryEntry[];
  /** True when x0 was outside `bounds` and the run started from its projection onto the box. */
  projectedStart: boolean;
}

/** The optimizer after validation ('auto': lbfgs(), or L-BFGS-B with bounds). */
export type ResolvedOptimizer = 'auto' | BfgsMethod | LbfgsMethod | BacktrackingMethod | GradientTransformation<Json>;

/** The options after validation, defaults filled in. */
export interface ResolvedMinimizeOptions {
  optimizer: ResolvedOptimizer;
  /** The analytic gradient, or core's options (a copy) with the scheme. */
  gradient: { analytic: AnalyticGradient; numerical: undefined; scheme: undefined } | { analytic: undefined; numerical: Omit<GradientOptions, 'scheme'>; scheme: Scheme | 'adaptive' };
  bounds: unknown;
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

function isTransformation(x: unknown): x is GradientTransformation<Json> {
  return typeof x === 'object' && x !== null && typeof (x as GradientTransformation).init === 'function' && typeof (x as GradientTransformation).update === 'function';
}

function resolveOptimizer(optimizer: unknown, where: string): ResolvedOptimizer {
  if (optimizer === undefined) return 'auto';
  if (isTransformation(optimizer)) return optimizer;
  // Re-validate the plain-data methods: the object may have been written by hand.
  const kind = typeof optimizer === 'object' && optimizer !== null ? (optimizer as { kind?: unknown }).kind : undefined;
  if (kind === 'bfgs') return bfgs(optimizer as BfgsMethod);
  if (kind === 'lbfgs') return lbfgs(optimizer as LbfgsMethod);
  if (kind === 'backtracking') return backtracking(optimizer as BacktrackingMethod);
  throw new InvalidArgumentError(
    `${where}: optimizer must be bfgs(…), lbfgs(…), backtracking(…) or a GradientTransformation of @descent/optim (e.g. adam({ lr: 0.01 })), got ${
      optimizer === null ? 'null' : typeof optimizer === 'object' ? 'an object without init/update' : `${typeof optimizer} ${String(optimizer)}`
    }.`,
  );
}

/**
 * Validate every option of `minimize` (before f is called) and fill in the defaults.
 * @param where the public function's name in messages ('minimize', 'minimizeAsync')
 * @throws InvalidArgumentError for an unknown option or a value of the wrong type; ArgumentRangeError for a value out of range
 */
export function resolveMinimizeOptions(options: unknown, where = 'minimize'): ResolvedMinimizeOptions {
  const o = checkOptionKeys(where, options, KNOWN_OPTIONS, '{ gradTol: 1e-6 }') as MinimizeOptions;
  const limit = (name: string, value: unknown, min: number, hint: string): number => checkNumber(where, name, value, { min, integer: true }, hint);
  const tolerance = (name: string, value: unknown, hint: string): number => checkNumber(where, name, value, { min: 0 }, hint);
  return {
    optimizer: resolveOptimizer(o.optimizer, where),
    gradient: resolveGradientOption<AnalyticGradient>(where, o.gradient, '(x, out) => void writing ∇f(x) into out', {}, true) as ResolvedMinimizeOptions['gradient'],
    bounds: o.bounds,
    maxIterations: limit('maxIterations', o.maxIterations ?? DEFAULT_MAX_ITERATIONS, 1, 'the default is 1000'),
    maxEvaluations: checkNumber(where, 'maxEvaluations', o.maxEvaluations ?? DEFAULT_MAX_EVALUATIONS, { min: 1, integer: true, orInfinity: true }, 'the default is Infinity'),
    gradTol: tolerance('gradTol', o.gradTol ?? DEFAULT_GRAD_TOL, 'the default is 1e-5'),
    fTol: tolerance('fTol', o.fTol ?? DEFAULT_F_TOL, 'the default is 0 (off)'),
    xTol: tolerance('xTol', o.xTol ?? DEFAULT_X_TOL, 'the default is 0 (off)'),
    patience: limit('divergencePatience', o.divergencePatience ?? DEFAULT_DIVERGENCE_PATIENCE, 1, 'the default is 10'),
    historyLimit: checkNumber(where, 'historyLimit', o.historyLimit ?? DEFAULT_HISTORY_LIMIT, { min: 0, integer: true, orInfinity: true }, 'the default is 10000'),
    historyPoints: checkBoolean(where, 'historyPoints', o.historyPoints ?? DEFAULT_HISTORY_POINTS, 'the default is false'),
    signal: checkSignal(where, o.signal),
    onIteration: o.onIteration === undefined ? undefined : checkFunction(where, 'onIteration', o.onIteration, '(info) => boolean | void'),
  };
}
