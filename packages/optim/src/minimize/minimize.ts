/**
 * `minimize`: run an optimizer on f from x0 until a stopping test holds, and say
 * honestly why it stopped — with the best point evaluated when it did not converge.
 */
import ndarray, { type NdArray } from 'ndarray';
import { InvalidArgumentError } from '@descent/core';
import { checkFunction } from '../checks/options.js';
import { runSync } from '../drive/run-sync.js';
import type { GradientTransformation, Json } from '../transforms/transform.js';
import { projectOntoBox, resolveBounds, type Box } from './bounds.js';
import { Evaluations, serveSync } from './evaluation.js';
import { analyticSource, type GradientSource } from './gradient/gradient-source.js';
import { numericalSource } from './gradient/numerical-gradient-source.js';
import { History } from './history.js';
import { minimizeLoop } from './loop.js';
import { resolveMinimizeOptions, type MinimizeOptions, type MinimizeResult, type ResolvedMinimizeOptions } from './options.js';
import { MinimizeRun } from './run.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';
import { BacktrackingStepper } from './steppers/backtracking.js';
import { bfgsStepper } from './steppers/bfgs.js';
import { lbfgs, lbfgsStepper } from './steppers/lbfgs.js';
import { LbfgsbStepper } from './steppers/lbfgsb.js';
import type { Stepper } from './steppers/stepper.js';
import { TransformationStepper } from './steppers/transformation.js';
import { stopMessage } from './stop-message.js';

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
} from './options.js';

function isTransformation(o: ResolvedMinimizeOptions['optimizer']): o is GradientTransformation<Json> {
  return typeof o === 'object' && 'init' in o;
}

/** The stepper for the resolved optimizer, the run's size and bounds. */
function stepperFor(o: ResolvedMinimizeOptions, run: MinimizeRun, box: Box | undefined, where: string): Stepper {
  const optimizer = o.optimizer;
  if (isTransformation(optimizer) || optimizer === 'auto' || optimizer.kind !== 'lbfgs') {
    if (box !== undefined && optimizer !== 'auto') {
      throw new InvalidArgumentError(
        `${where}: bounds need a method that keeps x inside them — the default optimizer or lbfgs() (L-BFGS-B); ` +
          'bfgs(), backtracking() and GradientTransformations do not take bounds.',
      );
    }
  }
  if (isTransformation(optimizer)) return new TransformationStepper(optimizer, run);
  if (box !== undefined) return new LbfgsbStepper(optimizer === 'auto' ? lbfgs() : (optimizer as ReturnType<typeof lbfgs>), run, box, o.gradTol);
  if (optimizer === 'auto') return lbfgsStepper(lbfgs(), run, o.gradTol);
  switch (optimizer.kind) {
    case 'bfgs':
      if (run.n > optimizer.maxSize) {
        throw new InvalidArgumentError(`${where}: bfgs() keeps an n × n matrix and is limited to maxSize = ${optimizer.maxSize} variables, x0 has ${run.n}; use lbfgs() or raise maxSize.`);
      }
      return bfgsStepper(optimizer, run, o.gradTol);
    case 'lbfgs':
      return lbfgsStepper(optimizer, run, o.gradTol);
    case 'backtracking':
      return new BacktrackingStepper(optimizer, o.gradTol);
  }
}

/**
 * Minimise f from x0, optionally inside bounds.
 *
 * The default optimizer is L-BFGS (20 pairs) with a strong-Wolfe line search,
 * L-BFGS-B with `bounds`; its first trial step has length 1. The default gradient is numerical and
 * 'adaptive': forward differences (N calls of f, f(x) reused) while far from
 * the stop, completed to verified central differences whenever minimize is
 * about to trust it. Other methods: `bfgs`, `lbfgs`, `backtracking` (gradient
 * descent with an Armijo search), or any GradientTransformation, whose fixed
 * steps are u ← update(∇f(x)), x ← x + u.
 *
 * After each step, in this order: `onIteration` (false → 'callback');
 * divergence — a non-finite f, gradient or parameter, f unbounded below, or f
 * increased on `divergencePatience` consecutive steps while above f(x0)
 * ('diverged'); ‖∇f‖∞ + the gradient's error bound ≤ gradTol ('gradTol', or
 * 'precisionLoss' when the bound alone exceeds gradTol); |Δf| ≤
 * fTol·max(|f_prev|, |f|, 1) ('fTol'); ‖Δx‖∞ ≤ xTol ('xTol'); with fTol and
 * xTol off (0, the default), a step that changes neither f nor x is
 * 'precisionLoss'. Before each step: the signal ('aborted') and maxIterations.
 * A call of f beyond maxEvaluations is never made ('maxEvaluations'; the step
 * in progress is dropped). A line search that finds no decrease, even along
 * −∇f with a refined gradient, ends the run as 'lineSearchFailed' (or
 * 'precisionLoss' when f's rounding hides the decrease) — never as converged.
 *
 * The returned point: when converged, the point the tolerance held at; for
 * every other reason, the lowest-f finite point among all the points where f
 * was evaluated, line-search trials included (a trial that found f = −1 before
 * the next one met −∞ is returned, not x0). Its `gradNorm` is evaluated once
 * after a divergence when no search had evaluated it; otherwise NaN, said in
 * the message.
 *
 * f is never called at a point with a NaN or ±Infinity element, nor outside
 * `bounds`. f must return a number: a string, a bigint or a Promise (an async
 * f) is the caller's bug and throws a NotANumberError, never "divergence" (use
 * minimizeAsync for an async f); an
 * exception of f or of the analytic gradient is rethrown as a FunctionThrewError
 * whose `cause` is the original error and whose message says which of the two
 * threw, and where (x0, a trial point of step k, …).
 *
 * f receives minimize's own contiguous Float64 ndarray with x0's shape; x0 is
 * never modified, only read — so it may be any view, even one whose elements
 * share memory. Every option, core's numerical-gradient options included, is
 * validated before f is first called. Buffers are allocated once per run.
 * @param f the function to minimise, f(x) → number
 * @param x0 the starting point: a non-empty float ndarray, any view
 * @param options optimizer, gradient, bounds, tolerances, limits, signal, onIteration, history
 * @returns `{ x, fun, gradNorm, iterations, evaluations, converged, reason, message, history, projectedStart }`
 * @throws NonFiniteValueError before any step when f(x0) or ∇f(x0) is not finite (StepUnderflowError when a fixed h vanishes at x0)
 * @throws InvalidArgumentError when f is not a function, x0 is not a float ndarray, or an option is unknown or has the wrong type
 * @throws ArgumentRangeError when x0 is empty or non-finite, an option is out of range, or maxEvaluations cannot cover f and ∇f at x0
 * @throws NotANumberError when f returns something that is not a number; FunctionThrewError when f or the
 *   analytic gradient function throws ("minimize: the gradient function threw at a trial point of step 3: …"),
 *   its error as `cause`. onIteration is a callback: its own exception reaches you unchanged.
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { minimize } from '@descent/optim';
 * const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
 * const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])));
 * result.reason; // → 'gradTol'
 * result.x; // ≈ [1.000, 1.000]
 * // With x₀ ≤ 0.5 the minimum moves to the bound: (0.5, 0.25), f = 0.25.
 * const bounded = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { bounds: { lower: -2, upper: ndarray(new Float64Array([0.5, 2])) } });
 * bounded.x; // ≈ [0.5, 0.25]
 */
export function minimize<X extends NdArray<Float64Array> = NdArray<Float64Array>>(f: (x: X) => number, x0: NdArray, options?: MinimizeOptions): MinimizeResult;
export function minimize(f: (x: NdArray) => number, x0: NdArray, options: MinimizeOptions = {}): MinimizeResult {
  checkFunction('minimize', 'f', f, '(x: NdArray) => number');
  const p = prepareMinimize(x0, options);
  const ending = runSync(minimizeLoop(p.run, p.stepper, p.o, p.history), serveSync(f, p.o.gradient.analytic));
  return resultOf(p, ending);
}

/** A run set up before its first evaluation: shared by minimize and minimizeAsync. */
export interface PreparedMinimize {
  readonly o: ResolvedMinimizeOptions;
  readonly run: MinimizeRun;
  readonly stepper: Stepper;
  readonly history: History;
  /** Coordinates of x0 moved into the bounds. */
  readonly projected: number;
}

/**
 * Check x0 and the options and build the run (buffers, gradient source,
 * stepper, history); nothing is evaluated.
 * @param where the function's name in messages
 */
export function prepareMinimize(x0: NdArray, options: MinimizeOptions, where = 'minimize'): PreparedMinimize {
  checkStartPoint(where, 'x0', x0);
  const o = resolveMinimizeOptions(options, where);
  const box = resolveBounds(o.bounds, x0.shape, where);
  const x = contiguousCopy(x0);
  const projected = box === undefined ? 0 : projectOntoBox(x.data, box);
  const evaluations = new Evaluations(o.maxEvaluations, o.gradient.numerical?.counter, where);
  const scratch = (): NdArray<Float64Array> => ndarray(new Float64Array(x.size), x.shape.slice());
  const source: GradientSource =
    o.gradient.analytic !== undefined ? analyticSource(evaluations) : numericalSource(evaluations, { ...o.gradient.numerical, counter: undefined }, o.gradient.scheme, box, scratch);
  const run = new MinimizeRun(x, evaluations, source, box);
  const stepper = stepperFor(o, run, box, where);
  const history = new History(o.historyLimit, o.historyPoints, run.n);
  return { o, run, stepper, history, projected };
}

/** Reasons that certify the last point reached (a tolerance held there): it is returned as it is. */
const CONVERGED: ReadonlySet<MinimizeResult['reason']> = new Set(['gradTol', 'fTol', 'xTol']);

/** The returned point of a run that did not converge: the lowest f among the iterates and the trial points. */
interface BestPoint {
  readonly x: NdArray<Float64Array>;
  readonly fun: number;
  readonly gradNorm: number;
  readonly step: number;
  readonly trial: boolean;
  /** Not the last point reached. */
  readonly moved: boolean;
}

/**
 * The point a run returns. Converged: the last point (the one the tolerance was
 * met at). Otherwise: the lowest-f point among every point where f was
 * evaluated (x0, the iterates, line-search trials, a transformation's candidate
 * points; for bounded runs all inside the box) — an iterate on a tie, whose
 * gradient is known; a trial's ‖∇f‖∞ is NaN when its gradient was never
 * evaluated (the message says so; no evaluation is added).
 */
function returnedPoint(run: MinimizeRun, history: History, converged: boolean, gradNorm: number): BestPoint {
  const last: BestPoint = { x: run.x, fun: run.fx, gradNorm, step: run.iterations, trial: false, moved: false };
  if (converged) return last;
  const best = history.best;
  const trial = run.bestTrial.current;
  if (trial.fun < best.fun) return { x: bestArray(run, trial.x), fun: trial.fun, gradNorm: trial.gradNorm, step: trial.step, trial: true, moved: true };
  // The last point is the best: its recorded ‖∇f‖∞ (a gradient that turned NaN when refined there says nothing new).
  if (best.iteration === run.iterations && best.fun === run.fx) return { ...last, gradNorm: best.gradNorm };
  return { x: bestArray(run, best.x), fun: best.fun, gradNorm: best.gradNorm, step: best.iteration, trial: false, moved: true };
}

/** The result for a run that ended for `ending.reason`. */
export function resultOf(prepared: PreparedMinimize, ending: { reason: MinimizeResult['reason']; detail: string; stepSize: number }): MinimizeResult {
  const { run, stepper, o, history, projected } = prepared;
  const { reason } = ending;
  const gradNorm = stepper.gradNorm(run);
  const converged = CONVERGED.has(reason);
  const point = returnedPoint(run, history, converged, gradNorm);
  const message = stopMessage({
    reason,
    detail: ending.detail,
    iterations: run.iterations,
    evaluations: run.evaluations.evaluations,
    fun: run.fx,
    gradNorm,
    resultFun: point.fun,
    resultGradNorm: point.gradNorm,
    stepSize: ending.stepSize,
    bestIteration: point.step,
    resultTrial: point.trial,
    returnsBest: point.moved,
    gradTol: o.gradTol,
    fTol: o.fTol,
    xTol: o.xTol,
    maxIterations: o.maxIterations,
    maxEvaluations: o.maxEvaluations,
    transformation: stepper.transformation,
    gradient: run.source.description,
    projected,
  });
  return {
    x: point.x,
    fun: point.fun,
    gradNorm: point.gradNorm,
    iterations: run.iterations,
    evaluations: run.evaluations.evaluations,
    converged,
    reason,
    message,
    history: history.entries(),
    projectedStart: projected > 0,
  };
}

function bestArray(run: MinimizeRun, data: Float64Array): NdArray<Float64Array> {
  const copy = run.scratch();
  copy.data.set(data);
  return copy;
}
