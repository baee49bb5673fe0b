/**
 * The options and result of `spsa`, their defaults (Spall 1998), and their
 * validation before f is first called.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { checkHyperparameter } from '../transforms/hyperparameters.js';

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

/** The options after validation, defaults filled in. */
export interface Settings {
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

/** Validate the options; `scale` = max(1, ‖x0‖∞) scales the defaults of c and targetStep. */
export function resolveSpsaOptions(options: SpsaMinimizeOptions, scale: number): Settings {
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
