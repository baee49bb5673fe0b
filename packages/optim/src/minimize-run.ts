/**
 * One run of `minimize`: its buffers (allocated once), its state, its steps,
 * and the result it ends with.
 */
import ndarray, { type NdArray } from 'ndarray';
import { NonFiniteValueError, numericalGradientInto, type GradientOptions } from '@descent/core';
import { backtrackAlongInto, backtrackInto, type LineSearchOutcome } from './line-search.js';
import { LbfgsMemory } from './lbfgs.js';
import { Evaluator, Stop, translateGradientError } from './minimize-evaluation.js';
import type { MinimizeHistoryEntry, MinimizeReason, MinimizeResult, ResolvedMinimizeOptions } from './minimize-options.js';
import { fmt, stopMessage } from './minimize-report.js';
import { contiguousCopy } from './start-point.js';
import type { Json } from './transform.js';

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
export class MinimizeRun {
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
