/**
 * SPSA — simultaneous perturbation stochastic approximation (Spall 1992) as a
 * minimizer for noisy objectives: every step estimates the gradient from 2
 * calls of f whatever the dimension (core's `spsaGradientInto`, seeded
 * Rademacher directions), with Spall's decaying gain sequences.
 */
import ndarray, { type NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteValueError, randomState, spsaGradientInto, StepOverflowError, StepUnderflowError, type RandomState } from '@descent/core';
import { checkHyperparameter } from '../transforms/hyperparameters.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';

/** Options of `spsa`. */
export interface SpsaMinimizeOptions {
  /** Steps, an integer ≥ 1. @default 1000 */
  maxIterations?: number;
  /** Calls of f (calibration and the final f(x) included), an integer ≥ 1 or Infinity. @default Infinity */
  maxEvaluations?: number;
  /** Step gain a of aₖ = a/(A + k + 1)^α, > 0. @default undefined (calibrated from targetStep, Spall 1998) */
  a?: number;
  /**
   * The calibration's desired size of the first steps: a is chosen so that
   * a₀·mean|ĝ₀ᵢ| = targetStep, with ĝ₀ averaged over `calibrationSamples`
   * estimates at x0 (Spall 1998, §III-B). Ignored when `a` is given.
   * @default 0.1·max(1, ‖x0‖∞)
   */
  targetStep?: number;
  /** Gradient estimates at x0 for the calibration (2 calls of f each), an integer ≥ 1. @default 10 */
  calibrationSamples?: number;
  /**
   * Perturbation gain c of cₖ = c/(k + 1)^γ, > 0: Spall advises at least about
   * the standard deviation of the noise in f (each quotient carries noise
   * σ/(√2·cₖ)); smaller for an exact, strongly curved f.
   * @default 0.1·max(1, ‖x0‖∞)
   */
  c?: number;
  /** Stability constant A, ≥ 0: Spall advises 10 % or less of the iterations. @default 0.1·maxIterations */
  stability?: number;
  /** Decay exponent α of the step gain, in (0, 1]: 0.602 is Spall's practical value (1 the asymptotically optimal). @default 0.602 */
  alpha?: number;
  /** Decay exponent γ of the perturbation, in (0, 0.5]: 0.101 is Spall's practical value (1/6 the asymptotically optimal). @default 0.101 */
  gamma?: number;
  /** Estimates averaged per step (2 calls of f each), an integer ≥ 1. @default 1 */
  samples?: number;
  /** Seed of the perturbation directions: the same seed gives the same run. @default 0 */
  seed?: number;
  /** Checked before every step; once aborted the run stops with 'aborted'. @default undefined */
  signal?: AbortSignal;
  /** Called after every step; returning false stops the run with 'callback'. @default undefined */
  onIteration?: (info: SpsaIterationInfo) => boolean | void;
}

/** What `onIteration` receives after each step. */
export interface SpsaIterationInfo {
  /** Steps taken so far (≥ 1). */
  iteration: number;
  /** The current point: spsa's own buffer — read it, copy it, do not modify it. */
  x: NdArray;
  /** Calls of f so far. */
  evaluations: number;
  /** The step gain aₖ and the perturbation cₖ of this step. */
  stepGain: number;
  perturbation: number;
}

/** Why `spsa` stopped (it has no convergence test: f is noisy). */
export type SpsaReason = 'maxIterations' | 'maxEvaluations' | 'diverged' | 'aborted' | 'callback';

/** Result of `spsa` (the fields of minimize's result that apply). */
export interface SpsaResult {
  /** The last point: a new contiguous Float64 ndarray with x0's shape; never NaN. */
  x: NdArray<Float64Array>;
  /** One call of f at x (noisy like every call). */
  fun: number;
  /** Steps taken. */
  iterations: number;
  /** Calls of f: calibration, steps and the final f(x). */
  evaluations: number;
  /** Always false: SPSA stops on a budget, not on a convergence test. */
  converged: false;
  reason: SpsaReason;
  /** A sentence saying why the run stopped, with the numbers. */
  message: string;
  /** The gains used (a calibrated or given), to reuse in another run. */
  gains: { a: number; c: number; stability: number; alpha: number; gamma: number };
}

/** Spall's practical exponents. */
export const DEFAULT_SPSA_ALPHA = 0.602;
export const DEFAULT_SPSA_GAMMA = 0.101;
export const DEFAULT_SPSA_ITERATIONS = 1000;
export const DEFAULT_CALIBRATION_SAMPLES = 10;

function integer(name: string, value: unknown, minimum: number, infinity: boolean, hint: string): number {
  if (infinity && value === Infinity) return value;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < minimum) {
    throw new ArgumentRangeError(`spsa: ${name} must be an integer ≥ ${minimum}${infinity ? ' or Infinity' : ''}, got ${String(value)}; ${hint}.`);
  }
  return value;
}

function inUnit(name: string, value: number, top: number, hint: string): number {
  const v = checkHyperparameter('spsa', name, value, 'positive', hint);
  if (v > top) throw new ArgumentRangeError(`spsa: ${name} must be in (0, ${top}], got ${v}; ${hint}.`);
  return v;
}

interface Settings {
  maxIterations: number;
  maxEvaluations: number;
  a: number | undefined;
  targetStep: number;
  calibrationSamples: number;
  c: number;
  stability: number;
  alpha: number;
  gamma: number;
  samples: number;
  seed: number;
}

function resolve(options: SpsaMinimizeOptions, scale: number): Settings {
  const maxIterations = integer('maxIterations', options.maxIterations ?? DEFAULT_SPSA_ITERATIONS, 1, false, 'the default is 1000');
  const seed = options.seed ?? 0;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) throw new InvalidArgumentError(`spsa: seed must be a safe integer, got ${String(seed)}; the default is 0.`);
  if (options.onIteration !== undefined && typeof options.onIteration !== 'function') throw new InvalidArgumentError(`spsa: onIteration must be a function, got ${typeof options.onIteration}.`);
  return {
    maxIterations,
    maxEvaluations: integer('maxEvaluations', options.maxEvaluations ?? Infinity, 1, true, 'the default is Infinity'),
    a: options.a === undefined ? undefined : checkHyperparameter('spsa', 'a', options.a, 'positive', 'leave it out to calibrate it from targetStep'),
    targetStep: checkHyperparameter('spsa', 'targetStep', options.targetStep ?? 0.1 * scale, 'positive', 'the desired size of the first steps, e.g. 0.1'),
    calibrationSamples: integer('calibrationSamples', options.calibrationSamples ?? DEFAULT_CALIBRATION_SAMPLES, 1, false, 'the default is 10'),
    c: checkHyperparameter('spsa', 'c', options.c ?? 0.1 * scale, 'positive', 'about the standard deviation of the noise in f'),
    stability: checkHyperparameter('spsa', 'stability', options.stability ?? 0.1 * maxIterations, 'nonNegative', 'Spall advises 10 % of maxIterations'),
    alpha: inUnit('alpha', options.alpha ?? DEFAULT_SPSA_ALPHA, 1, 'the default is 0.602'),
    gamma: inUnit('gamma', options.gamma ?? DEFAULT_SPSA_GAMMA, 0.5, 'the default is 0.101'),
    samples: integer('samples', options.samples ?? 1, 1, false, 'the default is 1'),
    seed,
  };
}

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/** A run's moving parts: the point, the estimate buffer, the generator, the counted f. */
interface Run {
  readonly x: NdArray<Float64Array>;
  readonly g: NdArray<Float64Array>;
  readonly random: RandomState;
  readonly f: (x: NdArray) => number;
  evaluations: number;
}

/** Spall's calibration: a with a/(A+1)^α · mean|ĝ₀ᵢ| = targetStep, ĝ₀ averaged over several estimates at x0. */
function calibrate(run: Run, s: Settings): number {
  let sum = 0;
  for (let r = 0; r < s.calibrationSamples; r++) {
    spsaGradientInto(run.g, run.f, run.x, { h: s.c, random: run.random });
    const g = run.g.data;
    for (let i = 0; i < g.length; i++) sum += Math.abs(g[i]!);
  }
  const mean = sum / (s.calibrationSamples * run.x.size);
  // A flat start (every estimate 0) gives no scale: take |ĝ| = 1.
  return (s.targetStep * (s.stability + 1) ** s.alpha) / (mean > 0 ? mean : 1);
}

/**
 * Minimize a noisy f by SPSA (Spall 1992, 1998): from x0, for k = 0, 1, …
 *
 *   cₖ = c/(k + 1)^γ,   aₖ = a/(A + k + 1)^α,
 *   ĝₖ = [f(x + cₖΔ) − f(x − cₖΔ)] / (2cₖΔ)   (Δ random ±1 per element, seeded),
 *   x ← x − aₖ·ĝₖ
 *
 * — 2 calls of f per step whatever the size of x (`samples` estimates are
 * averaged per step), where a finite-difference gradient costs 2N. The
 * defaults follow Spall's "Implementation of the simultaneous perturbation
 * algorithm for stochastic optimization" (1998): α = 0.602, γ = 0.101, A =
 * 10 % of the iterations, and a calibrated from a desired first step: the
 * mean |ĝ₀ᵢ| of `calibrationSamples` estimates at x0 sets a so that a₀·|ĝ₀|
 * = targetStep. c should be about the noise's standard deviation. There is
 * no convergence test (f is noisy): the run ends on maxIterations,
 * maxEvaluations, the signal or the callback, and returns the last point;
 * `result.gains` holds a, c and A to reuse. A non-finite f during an estimate
 * stops the run ('diverged') at the last point. Deterministic: the same seed
 * and f give the same run. Standalone rather than an option of `minimize`,
 * whose stop tests assume an exact gradient.
 * @param f the function to minimise, called with spsa's own contiguous Float64 ndarray; must not modify it
 * @param x0 the start: a non-empty float ndarray, any view; never modified
 * @param options maxIterations, maxEvaluations, a, targetStep, calibrationSamples, c, stability, alpha, gamma, samples, seed, signal, onIteration
 * @returns `{ x, fun, iterations, evaluations, converged: false, reason, message, gains }`
 * @throws InvalidArgumentError / ArgumentRangeError for a bad f, x0 or option (before f is called);
 *   core's FunctionThrewError when f throws
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { spsa } from '@descent/optim';
 * // f = Σ (xᵢ − 1)²: minimum 0 at x = 1.
 * const f = (x: NdArray) => { let s = 0; for (let i = 0; i < x.size; i++) s += (x.get(i) - 1) ** 2; return s; };
 * const result = spsa(f, ndarray(new Float64Array(4)), { maxIterations: 300, seed: 1 });
 * result.evaluations; // → 621 — 10 calibration estimates, 300 steps of 2 calls, the final f(x)
 * result.fun; // ≈ 4.49e-5 — from f(x0) = 4
 */
export function spsa<X extends NdArray<Float64Array> = NdArray<Float64Array>>(f: (x: X) => number, x0: NdArray, options?: SpsaMinimizeOptions): SpsaResult;
export function spsa(f: (x: NdArray) => number, x0: NdArray, options: SpsaMinimizeOptions = {}): SpsaResult {
  if (typeof f !== 'function') throw new InvalidArgumentError(`spsa: f must be a function (x: NdArray) => number, got ${typeof f}.`);
  checkStartPoint('spsa', 'x0', x0);
  const x = contiguousCopy(x0);
  let scale = 1;
  for (let i = 0; i < x.data.length; i++) scale = Math.max(scale, Math.abs(x.data[i]!));
  const s = resolve(options ?? {}, scale);
  const signal = options.signal;
  if (signal !== undefined && (typeof signal !== 'object' || signal === null || typeof signal.aborted !== 'boolean')) {
    throw new InvalidArgumentError('spsa: signal must be an AbortSignal (e.g. new AbortController().signal).');
  }
  const run: Run = {
    x,
    g: ndarray(new Float64Array(x.size), x.shape.slice()),
    random: randomState(s.seed, 'spsa'),
    f: (y: NdArray) => {
      run.evaluations++;
      return f(y);
    },
    evaluations: 0,
  };
  const perStep = 2 * s.samples;
  let reason: SpsaReason = 'maxIterations';
  let detail = '';
  let iterations = 0;
  let a = s.a ?? Number.NaN;
  try {
    if (s.a === undefined) {
      if (2 * s.calibrationSamples + 1 > s.maxEvaluations) throw new ArgumentRangeError(`spsa: maxEvaluations ${s.maxEvaluations} leaves no room for the calibration (${2 * s.calibrationSamples} calls) and f(x); raise it or pass a.`);
      a = calibrate(run, s);
    }
    for (let k = 0; k < s.maxIterations; k++) {
      if (signal?.aborted) { reason = 'aborted'; break; }
      if (run.evaluations + perStep + 1 > s.maxEvaluations) { reason = 'maxEvaluations'; break; }
      const ck = s.c / (k + 1) ** s.gamma;
      const ak = a / (s.stability + k + 1) ** s.alpha;
      spsaGradientInto(run.g, run.f, x, { h: ck, random: run.random, samples: s.samples });
      if (!stepInto(x.data, run.g.data, ak)) {
        reason = 'diverged';
        detail = ` at step ${k + 1}, which would leave the finite numbers: lower a or targetStep`;
        break;
      }
      iterations = k + 1;
      if (options.onIteration?.({ iteration: iterations, x, evaluations: run.evaluations, stepGain: ak, perturbation: ck }) === false) { reason = 'callback'; break; }
    }
  } catch (error) {
    // f not finite near x, or x so large that x ± cₖ rounds to x: the run has left the region where f makes sense.
    if (!(error instanceof NonFiniteValueError || error instanceof StepUnderflowError || error instanceof StepOverflowError)) throw error;
    reason = 'diverged';
    detail = ` at step ${iterations + 1} (${error.message}): lower a or targetStep`;
  }
  const fun = run.f(x);
  const gains = { a, c: s.c, stability: s.stability, alpha: s.alpha, gamma: s.gamma };
  const why: Record<SpsaReason, string> = {
    maxIterations: `reached maxIterations (${s.maxIterations})`,
    maxEvaluations: `another step would exceed maxEvaluations (${s.maxEvaluations})`,
    diverged: `diverged${detail}`,
    aborted: 'the signal was aborted',
    callback: 'onIteration returned false',
  };
  const message = `spsa stopped after ${iterations} steps and ${run.evaluations} calls of f: ${why[reason]}; f(x) = ${fmt(fun)} (one noisy call), a = ${fmt(a)}, c = ${fmt(s.c)}.`;
  return { x, fun, iterations, evaluations: run.evaluations, converged: false, reason, message, gains };
}

/** x ← x − a·g unless an element would become non-finite (then x is left as it was). */
function stepInto(x: Float64Array, g: Float64Array, a: number): boolean {
  for (let i = 0; i < x.length; i++) {
    const next = x[i]! - a * g[i]!;
    if (next - next !== 0) return false;
  }
  for (let i = 0; i < x.length; i++) x[i] = x[i]! - a * g[i]!;
  return true;
}
