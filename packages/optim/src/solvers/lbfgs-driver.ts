/**
 * L-BFGS over Float64Arrays: two-loop directions, a strong-Wolfe (or Armijo)
 * line search whose trial gradients are reused, and an honest stop reason.
 */
import { InvalidArgumentError, NonFiniteValueError } from '@descent/core';
import { checkOption } from './check-option.js';
import { toGradientSource, type GradientInto, type GradientSource } from './gradient-source.js';
import { LbfgsHistory } from './lbfgs-history.js';
import { armijoSearch } from './line-search-armijo.js';
import type { LineFunction, LineSearchOutcome } from './line-function.js';
import { wolfeSearch } from './line-search-wolfe.js';
import { stopMessage, type SolverReason, type SolverResult } from './solver-result.js';

/** Options of `lbfgsMinimize`. */
export interface LbfgsDriverOptions {
  /**
   * Pairs (s, y) kept, an integer ≥ 1. 30 measured best on the 35 Moré–Garbow–Hillstrom
   * problems and chained Rosenbrock (10 and 20 took 5–20 % more calls); memory is 2·m·n numbers.
   * @default 30
   */
  memory?: number;
  /** Stop ('gradTol', converged) when ‖∇f‖∞ ≤ gradTol (≥ 0). @default 1e-5 */
  gradTol?: number;
  /** Stop ('fTol') when an iteration decreases f by ≤ fTol·max(|f|, |f₊|, 1) (≥ 0; 0 never stops on f alone). @default 0 */
  fTol?: number;
  /** Iterations before 'maxIterations', an integer ≥ 0 or Infinity. @default 10000 */
  maxIterations?: number;
  /** Calls of f (numerical gradients included) before 'maxEvaluations', checked between iterations (≥ 1 or Infinity). @default Infinity */
  maxEvaluations?: number;
  /** 'wolfe' (strong Wolfe, gradients at trials that decrease f) or 'armijo' (backtracking, no curvature test). @default 'wolfe' */
  lineSearch?: 'wolfe' | 'armijo';
  /** Sufficient-decrease constant, in (0, c2). @default 1e-4 */
  c1?: number;
  /** Curvature constant of the Wolfe search, in (c1, 1). @default 0.9 */
  c2?: number;
  /** Calls of f per line search, an integer ≥ 1. @default 20 */
  maxLineSearchTrials?: number;
  /** A pair is stored only when sᵀy > curvatureEps·‖s‖₂‖y‖₂, in [0, 1). @default 1e-10 */
  curvatureEps?: number;
  /** A pair failing the curvature test is skipped ('skip', the other pairs kept) or empties the memory ('reset'). @default 'skip' */
  onCurvatureFailure?: 'skip' | 'reset';
  /**
   * Gradients at line-search trials that fail the decrease test: 'always' (cubic
   * interpolation from both ends — fewer calls of f), 'whenDecreasing' (never at a
   * rejected trial), 'auto' ('always' for an analytic gradient, 'whenDecreasing'
   * for a numerical one, where a gradient costs N or 2N calls of f).
   * @default 'auto'
   */
  trialGradients?: 'auto' | 'always' | 'whenDecreasing';
  /**
   * Ask the gradient source to refine itself (adaptive numerical gradients: central
   * instead of forward differences) once ‖∇f‖∞ ≤ refineFactor·gradTol (≥ 1). Forward
   * differences are off by ≈ (h/2)·|∂²f/∂xᵢ²|, h ≈ 1.5e-8·max(1, |xᵢ|) — 7.5e-6 at
   * Rosenbrock's minimum, the size of gradTol itself — so the last iterations and the
   * stop test need central ones; 30 measured best (1: forward iterations stall on
   * their own error before the switch; 1000: central gradients paid too early).
   * @default 30
   */
  refineFactor?: number;
}

/** Options with defaults filled in. */
interface Resolved {
  memory: number;
  gradTol: number;
  fTol: number;
  maxIterations: number;
  maxEvaluations: number;
  lineSearch: 'wolfe' | 'armijo';
  c1: number;
  c2: number;
  maxTrials: number;
  curvatureEps: number;
  reset: boolean;
  slopeAtRejected: boolean;
  refineFactor: number;
}

const WHERE = 'lbfgsMinimize';

function resolve(o: LbfgsDriverOptions, source: GradientSource): Resolved {
  const c1 = checkOption(WHERE, 'c1', o.c1, 1e-4, { min: 0, max: 1, minOpen: true, maxOpen: true });
  const c2 = checkOption(WHERE, 'c2', o.c2, 0.9, { min: c1, max: 1, minOpen: true, maxOpen: true });
  const lineSearch = o.lineSearch ?? 'wolfe';
  if (lineSearch !== 'wolfe' && lineSearch !== 'armijo') throw new InvalidArgumentError(`${WHERE}: lineSearch must be 'wolfe' or 'armijo', got ${String(lineSearch)}; the default is 'wolfe'.`);
  const policy = o.onCurvatureFailure ?? 'skip';
  if (policy !== 'skip' && policy !== 'reset') throw new InvalidArgumentError(`${WHERE}: onCurvatureFailure must be 'skip' or 'reset', got ${String(policy)}; the default is 'skip'.`);
  const trials = o.trialGradients ?? 'auto';
  if (trials !== 'auto' && trials !== 'always' && trials !== 'whenDecreasing') {
    throw new InvalidArgumentError(`${WHERE}: trialGradients must be 'auto', 'always' or 'whenDecreasing', got ${String(trials)}; the default is 'auto'.`);
  }
  return {
    memory: checkOption(WHERE, 'memory', o.memory, 30, { min: 1, max: 1e6, integer: true }),
    gradTol: checkOption(WHERE, 'gradTol', o.gradTol, 1e-5, { min: 0, max: Infinity, maxOpen: true }),
    fTol: checkOption(WHERE, 'fTol', o.fTol, 0, { min: 0, max: Infinity, maxOpen: true }),
    maxIterations: checkOption(WHERE, 'maxIterations', o.maxIterations, 10_000, { min: 0, integer: true }),
    maxEvaluations: checkOption(WHERE, 'maxEvaluations', o.maxEvaluations, Infinity, { min: 1, integer: true }),
    lineSearch,
    c1,
    c2,
    maxTrials: checkOption(WHERE, 'maxLineSearchTrials', o.maxLineSearchTrials, 20, { min: 1, max: 1e6, integer: true }),
    curvatureEps: checkOption(WHERE, 'curvatureEps', o.curvatureEps, 1e-10, { min: 0, max: 1, maxOpen: true }),
    reset: policy === 'reset',
    slopeAtRejected: trials === 'always' || (trials === 'auto' && !source.numerical),
    refineFactor: checkOption(WHERE, 'refineFactor', o.refineFactor, 30, { min: 1 }),
  };
}

/** ‖v‖∞. */
export function maxNorm(v: Float64Array): number {
  let m = 0;
  for (let k = 0; k < v.length; k++) m = Math.max(m, Math.abs(v[k]!));
  return v.some((e) => e !== e) ? NaN : m;
}

/** The state of one run: the iterate, the trial point along d, and the counters. */
class Run implements LineFunction {
  x: Float64Array;
  g: Float64Array;
  readonly d: Float64Array;
  xt: Float64Array;
  gt: Float64Array;
  fx = NaN;
  ft = NaN;
  calls = 0;
  gradientCalls = 0;
  iterations = 0;
  /** g is the source's most accurate gradient at x (refined, or the source is never coarse). */
  accurate = false;
  /** The one refinement below refineFactor·gradTol has been made. */
  refinedNearStop = false;

  constructor(
    x0: Float64Array,
    private readonly f: (x: Float64Array) => number,
    readonly source: GradientSource,
  ) {
    const n = x0.length;
    this.x = Float64Array.from(x0);
    this.g = new Float64Array(n);
    this.d = new Float64Array(n);
    this.xt = new Float64Array(n);
    this.gt = new Float64Array(n);
  }

  get evaluations(): number {
    return this.calls + this.source.evaluations;
  }

  evaluate(x: Float64Array): number {
    this.calls++;
    const v = this.f(x);
    if (typeof v !== 'number') throw new InvalidArgumentError(`${WHERE}: f must return a number, got ${typeof v}.`);
    return v;
  }

  gradientInto(g: Float64Array, x: Float64Array, fx: number): void {
    this.gradientCalls++;
    this.source.into(g, x, fx);
  }

  value(alpha: number): number {
    const { x, d, xt } = this;
    for (let k = 0; k < x.length; k++) xt[k] = x[k]! + alpha * d[k]!;
    this.ft = this.evaluate(xt);
    return this.ft;
  }

  slope(): number {
    this.gradientInto(this.gt, this.xt, this.ft);
    let s = 0;
    for (let k = 0; k < this.d.length; k++) s += this.gt[k]! * this.d[k]!;
    return s;
  }

  /** Make the accepted trial the iterate (swapping buffers: nothing is copied). */
  accept(): void {
    [this.x, this.xt] = [this.xt, this.x];
    [this.g, this.gt] = [this.gt, this.g];
    this.fx = this.ft;
    this.iterations++;
    this.accurate = !this.source.coarse;
  }
}

/** The search direction: −H·g from the history, or −g (history emptied) when that is not a descent direction. */
function direction(run: Run, history: LbfgsHistory): number {
  const { d, g } = run;
  if (history.size > 0) {
    const slope = history.directionInto(d, g);
    if (slope < 0 && Number.isFinite(slope)) return slope;
    history.reset();
  }
  let slope = 0;
  for (let k = 0; k < g.length; k++) {
    d[k] = -g[k]!;
    slope -= g[k]! * g[k]!;
  }
  return slope;
}

/** Run the line search; afterwards run.xt/ft/gt hold the accepted trial (its gradient evaluated) unless it failed. */
function search(run: Run, history: LbfgsHistory, o: Resolved): LineSearchOutcome {
  const slope0 = direction(run, history);
  // With no curvature information the first trial step has length 1 (scipy's L-BFGS-B does the same).
  let alpha0 = 1;
  if (history.size === 0) alpha0 = 1 / Math.sqrt(-slope0);
  const out =
    o.lineSearch === 'wolfe'
      ? wolfeSearch(run, run.fx, slope0, alpha0, { c1: o.c1, c2: o.c2, maxTrials: o.maxTrials, alphaMax: Infinity, slopeAtRejected: o.slopeAtRejected })
      : armijoSearch(run, run.fx, slope0, alpha0, { c1: o.c1, maxTrials: o.maxTrials });
  if (out.status !== 'wolfe' && out.status !== 'armijo') return out;
  if (!out.current) run.value(out.alpha);
  if (!out.current || out.slope !== out.slope) run.slope();
  return out;
}

/**
 * Minimize f from x0 with L-BFGS.
 *
 * Each iteration: d = −H·∇f by the two-loop recursion over the last m pairs
 * (H₀ = γI, γ = sᵀy/yᵀy of the newest pair; d = −∇f while the memory is empty,
 * with a first trial step of length 1), a strong-Wolfe line search (c1 = 1e-4,
 * c2 = 0.9) that evaluates the gradient only at trials that decrease f enough,
 * and the pair s = x₊ − x, y = ∇f(x₊) − ∇f(x) stored if sᵀy > curvatureEps·‖s‖‖y‖
 * (skipped otherwise: the other pairs are kept). A failed search is retried
 * along −∇f with the memory emptied, after asking the gradient source to refine
 * itself (central instead of forward differences); the gradTol stop, too, is
 * only trusted after `refine()` has nothing more to offer.
 *
 * @param x0 - the start (not modified)
 * @param f - the objective, called with the solver's buffers (read them, do not keep them)
 * @param gradient - a GradientSource (e.g. numericalGradientSource) or an analytic `(g, x, fx) => void`
 * @param options - see LbfgsDriverOptions
 * @returns x, f, gradient, gradNorm, iterations, evaluations, reason, converged, message
 * @throws InvalidArgumentError/ArgumentRangeError for bad options; NonFiniteValueError when f(x0) or ∇f(x0) is not finite
 * @example
 * const rosenbrock = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
 * const gradient = (g: Float64Array, x: Float64Array) => {
 *   g[0] = -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!);
 *   g[1] = 200 * (x[1]! - x[0]! ** 2);
 * };
 * const result = lbfgsMinimize(new Float64Array([-1.2, 1]), rosenbrock, gradient);
 * // result.reason = 'gradTol', result.x ≈ [1, 1]
 */
export function lbfgsMinimize(
  x0: Float64Array,
  f: (x: Float64Array) => number,
  gradient: GradientSource | GradientInto,
  options: LbfgsDriverOptions = {},
): SolverResult {
  const source = toGradientSource(gradient);
  const o = resolve(options, source);
  const run = new Run(x0, f, source);
  const history = new LbfgsHistory(o.memory, x0.length);
  run.fx = run.evaluate(run.x);
  if (!Number.isFinite(run.fx)) throw new NonFiniteValueError(undefined, run.fx, `${WHERE}: f(x0) = ${run.fx}; start from a point where f is finite.`);
  run.gradientInto(run.g, run.x, run.fx);
  if (!Number.isFinite(maxNorm(run.g))) throw new NonFiniteValueError(undefined, NaN, `${WHERE}: the gradient at x0 is not finite; start from a point where f is differentiable.`);
  run.accurate = !run.source.coarse;
  let retried = false;
  for (;;) {
    const stop = stopTest(run, o);
    if (stop !== null) return finish(run, stop, o);
    const out = search(run, history, o);
    if (out.status === 'unbounded') return finish(run, 'diverged', o);
    if (out.status !== 'wolfe' && out.status !== 'armijo') {
      if (refine(run, o)) continue;
      if (!retried && history.size > 0) {
        history.reset();
        retried = true;
        continue;
      }
      return finish(run, out.status === 'precisionLoss' ? 'precisionLoss' : 'lineSearchFailed', o);
    }
    retried = false;
    if (!history.tryPush(run.xt, run.x, run.gt, run.g, o.curvatureEps) && o.reset) history.reset();
    const fPrev = run.fx;
    run.accept();
    if (fPrev - run.fx <= o.fTol * Math.max(Math.abs(fPrev), Math.abs(run.fx), 1) && o.fTol > 0) return finish(run, 'fTol', o);
  }
}

/** Replace ∇f(x) by the source's most accurate gradient there; false when it already is that. */
function refine(run: Run, o: Resolved): boolean {
  if (run.accurate) return false;
  run.accurate = true;
  run.gradientCalls++;
  return run.source.refineInto(run.g, run.x, run.fx, o.gradTol);
}

/**
 * The stop before the next iteration, or null to go on. A coarse gradient is
 * refined once when it first falls below refineFactor·gradTol, and again at
 * every point where it claims gradTol: only a refined gradient may stop the run.
 */
function stopTest(run: Run, o: Resolved): SolverReason | null {
  const norm = maxNorm(run.g);
  if (norm <= o.gradTol || (!run.refinedNearStop && norm <= o.refineFactor * o.gradTol)) {
    run.refinedNearStop = true;
    refine(run, o);
  }
  if (maxNorm(run.g) <= o.gradTol) return 'gradTol';
  if (run.iterations >= o.maxIterations) return 'maxIterations';
  if (run.evaluations >= o.maxEvaluations) return 'maxEvaluations';
  return null;
}

function finish(run: Run, reason: SolverReason, o: Resolved): SolverResult {
  const gradNorm = maxNorm(run.g);
  return {
    x: Float64Array.from(run.x),
    f: run.fx,
    gradient: Float64Array.from(run.g),
    gradNorm,
    iterations: run.iterations,
    evaluations: run.evaluations,
    gradientEvaluations: run.gradientCalls,
    reason,
    converged: reason === 'gradTol',
    message: stopMessage(reason, gradNorm, o.gradTol, run.fx, run.source.description),
  };
}
