/**
 * Backtracking line search with the Armijo (sufficient decrease) condition along
 * the steepest-descent direction d = −∇f(x): `minimize`'s default optimizer.
 */
import { checkHyperparameter } from './hyperparameters.js';

/** Armijo constant: accept a step when it achieves at least this fraction of the linear prediction (Nocedal & Wright's usual 1e-4). */
export const DEFAULT_ARMIJO_C1 = 1e-4;
/** Factor applied to the step after a rejected trial (halving). */
export const DEFAULT_BACKTRACK_SHRINK = 0.5;
/** Factor applied to the next initial step after a step accepted at its first trial. */
export const DEFAULT_STEP_GROWTH = 2;
/** The first trial step α of the first iteration. */
export const DEFAULT_INITIAL_STEP = 1;

/** Options of `backtracking`. */
export interface BacktrackingOptions {
  /** Sufficient-decrease constant c1 in (0, 1). @default 1e-4 */
  c1?: number;
  /** Shrink factor after a rejected trial, in (0, 1). @default 0.5 */
  shrink?: number;
  /** Growth factor ≥ 1 of the next initial step after a step accepted without backtracking. @default 2 */
  growth?: number;
  /** First trial step α of the first iteration, > 0. @default 1 */
  initialStep?: number;
}

/** A configured backtracking line search (plain data; pass it as `minimize`'s `optimizer`). */
export interface BacktrackingLineSearch {
  readonly kind: 'backtracking';
  readonly c1: number;
  readonly shrink: number;
  readonly growth: number;
  readonly initialStep: number;
}

/**
 * Configure gradient descent with a backtracking Armijo line search.
 *
 * Each iteration tries x − α·g with g = ∇f(x) and accepts the first α of
 * α0, shrink·α0, shrink²·α0, … that satisfies the Armijo condition
 *
 *   f(x − α·g) ≤ f(x) − c1·α·‖g‖₂²
 *
 * (a non-finite f at a trial point counts as a rejection). The next iteration
 * starts from the accepted α, times `growth` when that α was accepted at its
 * first trial: the step so tracks the local curvature (it does not restart at 1
 * and pay the same backtracks every iteration) yet can grow again when the
 * function becomes flatter, as in Rosenbrock's valley.
 * @param options c1, shrink, growth, initialStep
 * @throws RangeError naming the option when a value is outside its range
 * @example
 * import ndarray from 'ndarray';
 * import { backtracking, minimize } from '@descent/optim';
 * const result = minimize((x) => x.get(0) ** 2 + x.get(1) ** 2, ndarray(new Float64Array([-3, 4])), {
 *   optimizer: backtracking({ initialStep: 0.5 }),
 * });
 * // result.reason → 'gradTol'; result.x ≈ [0.0000, 0.0000]
 */
export function backtracking(options: BacktrackingOptions = {}): BacktrackingLineSearch {
  const c1 = checkHyperparameter('backtracking', 'c1', options.c1 ?? DEFAULT_ARMIJO_C1, 'positive', 'pass a value in (0, 1); the default is 1e-4');
  if (c1 >= 1) throw new RangeError(`backtracking: c1 must be in (0, 1), got ${c1}; the default is 1e-4.`);
  const shrink = checkHyperparameter('backtracking', 'shrink', options.shrink ?? DEFAULT_BACKTRACK_SHRINK, 'positive', 'pass a value in (0, 1); the default is 0.5');
  if (shrink >= 1) throw new RangeError(`backtracking: shrink must be in (0, 1), got ${shrink}; the default is 0.5.`);
  const growth = checkHyperparameter('backtracking', 'growth', options.growth ?? DEFAULT_STEP_GROWTH, 'positive', 'pass a value ≥ 1; the default is 2');
  if (growth < 1) throw new RangeError(`backtracking: growth must be ≥ 1, got ${growth}; the default is 2.`);
  const initialStep = checkHyperparameter('backtracking', 'initialStep', options.initialStep ?? DEFAULT_INITIAL_STEP, 'positive', 'the default is 1');
  return { kind: 'backtracking', c1, shrink, growth, initialStep };
}

/** What one line search found. */
export interface LineSearchOutcome {
  /** True when a trial point satisfied the Armijo condition (it is then in `trial`). */
  accepted: boolean;
  /** The accepted step α, or the last one tried. */
  alpha: number;
  /** f at the accepted point (NaN when none was accepted). */
  fun: number;
  /** How many trial points were evaluated. */
  trials: number;
  /** True when f was non-finite at every evaluated trial point (and at least one was evaluated). */
  allNonFinite: boolean;
}

/**
 * One backtracking search from x along −g, writing the trial points into `trial`.
 * Gives up (accepted false) when a trial point moves no element by more than
 * `minStep` (‖Δx‖∞ ≤ minStep; with minStep 0: when x − α·g rounds to x).
 * @param trial destination of the trial point (same length as x)
 * @param x the current point
 * @param g ∇f(x)
 * @param fun f(x)
 * @param alpha0 the first trial step
 * @param search c1 and shrink
 * @param minStep give up at trial steps ‖Δx‖∞ ≤ minStep
 * @param evaluate f at `trial`
 */
export function backtrackInto(
  trial: Float64Array,
  x: Float64Array,
  g: Float64Array,
  fun: number,
  alpha0: number,
  search: BacktrackingLineSearch,
  minStep: number,
  evaluate: () => number,
): LineSearchOutcome {
  let gg = 0;
  for (let k = 0; k < g.length; k++) gg += g[k]! * g[k]!;
  let alpha = alpha0;
  let trials = 0;
  let allNonFinite = true;
  for (;;) {
    let step = 0;
    for (let k = 0; k < x.length; k++) {
      trial[k] = x[k]! - alpha * g[k]!;
      step = Math.max(step, Math.abs(trial[k]! - x[k]!));
    }
    if (step <= minStep) return { accepted: false, alpha, fun: NaN, trials, allNonFinite: trials > 0 && allNonFinite };
    const value = evaluate();
    trials++;
    if (Number.isFinite(value)) {
      allNonFinite = false;
      if (value <= fun - search.c1 * alpha * gg) return { accepted: true, alpha, fun: value, trials, allNonFinite: false };
    }
    alpha *= search.shrink;
  }
}

/**
 * One backtracking search from x along a descent direction d (slope = gᵀd < 0),
 * writing the trial points x + α·d into `trial` and accepting the first α of
 * α0, shrink·α0, … with f(x + α·d) ≤ f(x) + c1·α·slope. Gives up (accepted false)
 * when a trial point moves no element by more than `minStep`.
 * @param trial destination of the trial point (same length as x)
 * @param x the current point
 * @param d the search direction
 * @param slope gᵀd, negative
 * @param fun f(x)
 * @param alpha0 the first trial step
 * @param c1 the Armijo constant
 * @param shrink the factor applied to α after a rejection
 * @param minStep give up at trial steps ‖Δx‖∞ ≤ minStep
 * @param evaluate f at `trial`
 */
export function backtrackAlongInto(
  trial: Float64Array,
  x: Float64Array,
  d: Float64Array,
  slope: number,
  fun: number,
  alpha0: number,
  c1: number,
  shrink: number,
  minStep: number,
  evaluate: () => number,
): LineSearchOutcome {
  let alpha = alpha0;
  let trials = 0;
  let allNonFinite = true;
  for (;;) {
    let step = 0;
    for (let k = 0; k < x.length; k++) {
      trial[k] = x[k]! + alpha * d[k]!;
      step = Math.max(step, Math.abs(trial[k]! - x[k]!));
    }
    if (step <= minStep) return { accepted: false, alpha, fun: NaN, trials, allNonFinite: trials > 0 && allNonFinite };
    const value = evaluate();
    trials++;
    if (Number.isFinite(value)) {
      allNonFinite = false;
      if (value <= fun + c1 * alpha * slope) return { accepted: true, alpha, fun: value, trials, allNonFinite: false };
    }
    alpha *= shrink;
  }
}
