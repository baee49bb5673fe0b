/**
 * `minimize`: run an optimizer on f from x0 until a stopping test holds, and say
 * honestly why it stopped — with the best point seen when the run diverges.
 */
import ndarray, { type NdArray } from 'ndarray';
import { InvalidArgumentError, NonFiniteValueError, numericalGradientInto, type GradientOptions } from '@descent/core';
import { backtrackAlongInto, backtrackInto, type LineSearchOutcome } from './line-search.js';
import { LbfgsMemory } from './lbfgs.js';
import { Evaluator, Stop, translateGradientError } from './minimize-evaluation.js';
import {
  resolveMinimizeOptions,
  type MinimizeHistoryEntry,
  type MinimizeOptions,
  type MinimizeReason,
  type MinimizeResult,
  type ResolvedMinimizeOptions,
} from './minimize-options.js';
import { fmt, stopMessage } from './minimize-report.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';
import type { Json } from './transform.js';

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

/** One run of minimize: its buffers (allocated once), its state, and its steps. */
class MinimizeRun {
  private readonly shape: number[];
  private readonly n: number;
  private readonly evaluator: Evaluator;
  private readonly gradientOptions: GradientOptions | undefined;
  private x: NdArray<Float64Array>;
  private next: NdArray<Float64Array>;
  private g: NdArray<Float64Array>;
  private gNext: NdArray<Float64Array>;
  private readonly updates: NdArray<Float64Array>;
  /** L-BFGS's pairs and direction buffer: allocated at the first L-BFGS step of the run. */
  private pairs: LbfgsMemory | undefined;
  private readonly history: MinimizeHistoryEntry[] = [];
  private readonly best: { x: Float64Array; fun: number; gradNorm: number; iteration: number };
  private readonly f0: number;
  private fun: number;
  private gradNorm: number;
  private iterations = 0;
  private stepSize = 0;
  private increases = 0;
  private lineSearchFailed = false;
  private detail = '';
  private alpha: number;
  private state: Json;
  /** f at `next`, once `step` has found it. */
  private pendingFun = 0;

  constructor(
    f: (x: NdArray) => number,
    x0: NdArray,
    private readonly o: ResolvedMinimizeOptions,
  ) {
    this.shape = x0.shape.slice();
    this.n = x0.size;
    this.evaluator = new Evaluator(f, o.maxEvaluations);
    this.gradientOptions = typeof o.gradient === 'function' ? undefined : o.gradient;
    this.x = contiguousCopy(x0);
    this.next = ndarray(new Float64Array(this.n), this.shape);
    this.g = ndarray(new Float64Array(this.n), this.shape);
    this.gNext = ndarray(new Float64Array(this.n), this.shape);
    this.updates = ndarray(new Float64Array(this.n), this.shape);
    this.f0 = this.evaluator.call(this.x);
    if (!Number.isFinite(this.f0)) {
      throw new NonFiniteValueError(undefined, this.f0, `minimize: f(x0) is ${this.f0}; start from a point where f is a finite number (no step was taken).`);
    }
    this.computeGradient(this.x, this.g);
    this.gradNorm = maxAbs(this.g.data);
    if (!Number.isFinite(this.gradNorm)) {
      throw new NonFiniteValueError(
        undefined,
        this.gradNorm,
        `minimize: the gradient at x0 is not finite (‖∇f‖∞ = ${this.gradNorm}); start from a point where f is differentiable (no step was taken).`,
      );
    }
    this.fun = this.f0;
    this.best = { x: Float64Array.from(this.x.data), fun: this.f0, gradNorm: this.gradNorm, iteration: 0 };
    this.alpha = o.optimizer.lineSearch?.initialStep ?? 0;
    this.state = o.optimizer.transformation === undefined ? null : o.optimizer.transformation.init(this.x);
    this.record(0, this.f0, this.gradNorm, 0, this.x.data);
  }

  /** ∇f at x into out: the analytic gradient as given, or core's numerical one with every failure classified. */
  private computeGradient(x: NdArray, out: NdArray): void {
    const gradient = this.o.gradient;
    if (typeof gradient === 'function') {
      gradient(x, out);
      return;
    }
    this.evaluator.phase = 'gradient';
    try {
      numericalGradientInto(out, this.evaluator.call, x, this.gradientOptions);
    } catch (error) {
      throw translateGradientError(error, this.evaluator, this.o.maxEvaluations, this.n);
    }
  }

  private record(iteration: number, fun: number, norm: number, stepSize: number, point: Float64Array): void {
    const limit = this.o.historyLimit;
    if (limit === 0) return;
    const entry: MinimizeHistoryEntry = { iteration, fun, gradNorm: norm, stepSize };
    if (this.o.historyPoints) entry.x = Array.from(point);
    this.history.push(entry);
    if (this.history.length >= 2 * limit) this.history.splice(0, this.history.length - limit);
  }

  /** Run until a stop; the reason. */
  run(): MinimizeReason {
    if (this.gradNorm <= this.o.gradTol) return 'gradTol';
    for (;;) {
      if (this.o.signal?.aborted === true) return 'aborted';
      if (this.iterations >= this.o.maxIterations) return 'maxIterations';
      let stop: MinimizeReason | undefined;
      try {
        stop = this.step();
      } catch (error) {
        if (!(error instanceof Stop)) throw error;
        this.detail = error.detail;
        return error.reason;
      }
      if (stop !== undefined) return stop;
      stop = this.accept();
      if (stop !== undefined) return stop;
    }
  }

  /**
   * Find the next point into `next` with f there and ∇f into `gNext`; a reason
   * when the step cannot be taken. Throws Stop (divergence or the budget met
   * inside a call) or the caller's errors.
   */
  private step(): MinimizeReason | undefined {
    const { optimizer } = this.o;
    const step = this.iterations + 1;
    this.evaluator.step = step;
    let funNext: number;
    if (optimizer.transformation === undefined) {
      const outcome = this.search();
      if (!outcome.accepted) {
        this.lineSearchFailed = true;
        this.detail = outcome.allNonFinite
          ? `f was not finite at any of the ${outcome.trials} trial points of the line search`
          : `the line search found no sufficient decrease before its step fell to ‖Δx‖∞ ≤ xTol = ${fmt(this.o.xTol)}`;
        return outcome.allNonFinite ? 'diverged' : 'xTol';
      }
      funNext = outcome.fun;
      if (optimizer.lineSearch !== undefined) this.alpha = outcome.trials === 1 ? outcome.alpha * optimizer.lineSearch.growth : outcome.alpha;
      this.stepSize = maxAbsDifference(this.next.data, this.x.data);
    } else {
      const { updates, next, x } = this;
      updates.data.set(this.g.data);
      this.state = optimizer.transformation.update(updates, this.state, x);
      for (let k = 0; k < this.n; k++) next.data[k] = x.data[k]! + updates.data[k]!;
      this.stepSize = maxAbsDifference(next.data, x.data);
      // The candidate point is checked before f is called there: f need not accept NaN or ±Infinity.
      if (!Number.isFinite(this.stepSize)) {
        this.detail = `step ${step} produced a non-finite parameter`;
        return 'diverged';
      }
      this.evaluator.phase = 'point';
      funNext = this.evaluator.call(next);
    }
    if (!Number.isFinite(funNext)) {
      this.detail = `f returned ${funNext} at step ${step}`;
      return 'diverged';
    }
    this.computeGradient(this.next, this.gNext);
    this.pendingFun = funNext;
    return undefined;
  }

  /** One line search (gradient descent or L-BFGS direction) from x into `next`. */
  private search(): LineSearchOutcome {
    const { optimizer, xTol } = this.o;
    const evaluator = this.evaluator;
    evaluator.phase = 'trial';
    const next = this.next;
    const evaluateNext = (): number => evaluator.call(next);
    if (optimizer.lineSearch !== undefined) {
      return backtrackInto(next.data, this.x.data, this.g.data, this.fun, this.alpha, optimizer.lineSearch, xTol, evaluateNext);
    }
    const search = optimizer.quasiNewton!;
    this.pairs ??= new LbfgsMemory(search.memory, this.n, search.curvatureEps);
    const slope = this.pairs.descentDirection(this.g.data);
    return backtrackAlongInto(next.data, this.x.data, this.pairs.direction, slope, this.fun, 1, search.c1, search.shrink, xTol, evaluateNext);
  }

  /** Move to `next` (its f and gradient are finite so far); a reason when the run stops there. */
  private accept(): MinimizeReason | undefined {
    const { o } = this;
    const step = this.iterations + 1;
    const funNext = this.pendingFun;
    const normNext = maxAbs(this.gNext.data);
    if (!Number.isFinite(normNext)) {
      this.detail = `the gradient at step ${step} is not finite (f = ${fmt(funNext)})`;
      return 'diverged';
    }
    [this.x, this.next] = [this.next, this.x];
    [this.g, this.gNext] = [this.gNext, this.g];
    this.pairs?.push(this.x.data, this.next.data, this.g.data, this.gNext.data);
    this.iterations = step;
    const funPrev = this.fun;
    this.fun = funNext;
    this.gradNorm = normNext;
    this.increases = funNext > funPrev ? this.increases + 1 : 0;
    if (funNext < this.best.fun) {
      this.best.x.set(this.x.data);
      this.best.fun = funNext;
      this.best.gradNorm = normNext;
      this.best.iteration = step;
    }
    this.record(step, funNext, normNext, this.stepSize, this.x.data);
    const info = { iteration: step, x: this.x, fun: funNext, gradNorm: normNext, stepSize: this.stepSize, evaluations: this.evaluator.evaluations };
    if (o.onIteration !== undefined && o.onIteration(info) === false) return 'callback';
    if (this.increases >= o.patience && funNext > this.f0) {
      this.detail = `f increased on ${this.increases} consecutive steps, to ${fmt(funNext)} (f(x0) = ${fmt(this.f0)})`;
      return 'diverged';
    }
    if (normNext <= o.gradTol) return 'gradTol';
    if (Math.abs(funPrev - funNext) <= o.fTol * Math.max(Math.abs(funPrev), Math.abs(funNext), 1)) {
      this.detail = `|Δf| = ${fmt(Math.abs(funPrev - funNext))}`;
      return 'fTol';
    }
    if (this.stepSize <= o.xTol) return 'xTol';
    return undefined;
  }

  /** The result for a run stopped for `reason`. */
  result(reason: MinimizeReason): MinimizeResult {
    const { o, best } = this;
    const diverged = reason === 'diverged';
    const point = diverged ? { x: ndarray(best.x, this.shape), fun: best.fun, gradNorm: best.gradNorm } : { x: this.x, fun: this.fun, gradNorm: this.gradNorm };
    const converged = !this.lineSearchFailed && (reason === 'gradTol' || reason === 'fTol' || reason === 'xTol');
    const message = stopMessage({
      reason,
      detail: this.detail,
      lineSearchFailed: this.lineSearchFailed,
      iterations: this.iterations,
      evaluations: this.evaluator.evaluations,
      fun: this.fun,
      gradNorm: this.gradNorm,
      resultFun: point.fun,
      resultGradNorm: point.gradNorm,
      stepSize: this.stepSize,
      bestIteration: best.iteration,
      gradTol: o.gradTol,
      fTol: o.fTol,
      xTol: o.xTol,
      maxIterations: o.maxIterations,
      maxEvaluations: o.maxEvaluations,
      transformation: o.optimizer.transformation !== undefined,
    });
    const history = this.history.length > o.historyLimit ? this.history.slice(this.history.length - o.historyLimit) : this.history;
    return { ...point, iterations: this.iterations, evaluations: this.evaluator.evaluations, converged, reason, message, history };
  }
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
 * // result.reason = 'gradTol', result.x ≈ [1, 1]
 */
export function minimize(f: (x: NdArray) => number, x0: NdArray, options: MinimizeOptions = {}): MinimizeResult {
  if (typeof f !== 'function') throw new InvalidArgumentError(`minimize: f must be a function (x: NdArray) => number, got ${typeof f}.`);
  checkStartPoint('minimize', 'x0', x0);
  const resolved = resolveMinimizeOptions(options);
  const run = new MinimizeRun(f, x0, resolved);
  return run.result(run.run());
}
