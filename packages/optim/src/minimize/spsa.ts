/**
 * SPSA — simultaneous perturbation stochastic approximation (Spall 1992) as a
 * minimizer for noisy objectives: every step estimates the gradient from 2
 * calls of f whatever the dimension (core's `spsaGradientInto`, seeded
 * Rademacher directions), with Spall's decaying gain sequences.
 */
import ndarray, { type NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteValueError, randomState, spsaGradientInto, StepOverflowError, StepUnderflowError, type RandomState } from '@descent/core';
import { resolveSpsaOptions, type Settings, type SpsaMinimizeOptions, type SpsaReason, type SpsaResult } from './spsa-options.js';
import { checkStartPoint, contiguousCopy } from './start-point.js';
import { checkOptionKeys } from '../checks/options.js';
import { coreDetail, relabelCoreError, type Rename } from '../checks/relabel.js';

/** The keys of SpsaMinimizeOptions. */
const SPSA_KEYS: readonly string[] = ['maxIterations', 'maxEvaluations', 'a', 'targetStep', 'calibrationSamples', 'c', 'stability', 'alpha', 'gamma', 'samples', 'seed', 'signal', 'onIteration'];

function fmt(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/**
 * core's perturbation h is spsa's c (cₖ at step k) and has no 'auto' here: core's advice "use h: 'auto' or
 * h ≥ …" becomes "use c ≥ …".
 */
const SPSA_WORDS: readonly Rename[] = [
  [/use h: 'auto' or h ≥/g, 'use c ≥'],
  [/\bh=/g, 'cₖ = '],
  [/\bh\b/g, 'c'],
];

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
    try {
      spsaGradientInto(run.g, run.f, run.x, { h: s.c, random: run.random });
    } catch (error) {
      throw relabelCoreError(error, 'spsaGradientInto', 'spsa', `while calibrating a at x0 (estimate ${r + 1} of ${s.calibrationSamples}), `, SPSA_WORDS);
    }
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
 *   FunctionThrewError when f throws (f's error is the `cause`), NotANumberError when f returns something else,
 *   NonFiniteValueError when f is not finite during the calibration (at x0 ± c; later, a non-finite f ends
 *   the run as 'diverged') — their messages start with "spsa:" and say at which step (or calibration estimate)
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
  checkOptionKeys('spsa', options, SPSA_KEYS, '{ maxIterations: 1000, seed: 1 }');
  const x = contiguousCopy(x0);
  let scale = 1;
  for (let i = 0; i < x.data.length; i++) scale = Math.max(scale, Math.abs(x.data[i]!));
  const s = resolveSpsaOptions(options ?? {}, scale);
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
  const a = s.a ?? (2 * s.calibrationSamples + 1 > s.maxEvaluations ? budgetError(s) : calibrate(run, s));
  const { reason, detail, iterations } = iterate(run, s, a, signal, options.onIteration);
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

function budgetError(s: Settings): never {
  throw new ArgumentRangeError(`spsa: maxEvaluations ${s.maxEvaluations} leaves no room for the calibration (${2 * s.calibrationSamples} calls) and f(x); raise it or pass a.`);
}

/** The steps, until a budget, the signal, the callback or a divergence stops them. */
function iterate(run: Run, s: Settings, a: number, signal: AbortSignal | undefined, onIteration: SpsaMinimizeOptions['onIteration']): { reason: SpsaReason; detail: string; iterations: number } {
  const x = run.x;
  const perStep = 2 * s.samples;
  let iterations = 0;
  try {
    for (let k = 0; k < s.maxIterations; k++) {
      if (signal?.aborted) return { reason: 'aborted', detail: '', iterations };
      if (run.evaluations + perStep + 1 > s.maxEvaluations) return { reason: 'maxEvaluations', detail: '', iterations };
      const ck = s.c / (k + 1) ** s.gamma;
      const ak = a / (s.stability + k + 1) ** s.alpha;
      spsaGradientInto(run.g, run.f, x, { h: ck, random: run.random, samples: s.samples });
      if (!stepInto(x.data, run.g.data, ak)) return { reason: 'diverged', detail: ` at step ${k + 1}, which would leave the finite numbers: lower a or targetStep`, iterations };
      iterations = k + 1;
      if (onIteration?.({ iteration: iterations, x, evaluations: run.evaluations, stepGain: ak, perturbation: ck }) === false) return { reason: 'callback', detail: '', iterations };
    }
  } catch (error) {
    // f not finite near x, or x so large that x ± cₖ rounds to x: the run has left the region where f makes sense.
    if (!(error instanceof NonFiniteValueError || error instanceof StepUnderflowError || error instanceof StepOverflowError)) {
      throw relabelCoreError(error, 'spsaGradientInto', 'spsa', `at step ${iterations + 1}, `, SPSA_WORDS);
    }
    return { reason: 'diverged', detail: ` at step ${iterations + 1} (${coreDetail(error, 'spsaGradientInto', SPSA_WORDS)}): lower a or targetStep`, iterations };
  }
  return { reason: 'maxIterations', detail: '', iterations };
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
