import type { NdArray } from 'ndarray';
import { defineTransform } from './define-transform.js';
import { checkHyperparameter } from './hyperparameters.js';
import { stateCount, stateRecord } from './state.js';
import { forEachRow, isRowMajorContiguous, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, isNdArray, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';
import { checkOptionKeys } from '../checks/options.js';

/** β1 of "Deep Learning from Scratch" (and of optax/PyTorch). */
export const DEFAULT_BETA1 = 0.9;
/** β2 of "Deep Learning from Scratch" (and of optax/PyTorch). */
export const DEFAULT_BETA2 = 0.999;
/** ε of "Deep Learning from Scratch" (common/optimizer.py adds 1e-7; optax and PyTorch use 1e-8). */
export const DEFAULT_ADAM_EPS = 1e-7;

/** Options of `scaleByAdam`. */
export interface ScaleByAdamOptions {
  /** Decay of the first-moment (mean) estimate, in [0, 1). @default 0.9 */
  beta1?: number;
  /** Decay of the second-moment (uncentred variance) estimate, in [0, 1). @default 0.999 */
  beta2?: number;
  /** Added to √v in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `scaleByAdam`: the step count and the moment estimates (row-major, one buffer per array). */
export interface ScaleByAdamState {
  /** What made the state (see `stateRecord`). */
  kind: 'scaleByAdam';
  count: number;
  mu: Tree<number[]>;
  nu: Tree<number[]>;
}

/** The fields of a scaleByAdam state besides its kind. */
export const ADAM_FIELDS = ['count', 'mu', 'nu'] as const;

/** Resolved, validated hyperparameters of the Adam direction. */
export interface AdamHyperparameters {
  beta1: number;
  beta2: number;
  eps: number;
  /** First step t from which 1 − beta1^t rounds to exactly 1 (see `saturationStep`). */
  beta1Saturation: number;
  /** First step t from which 1 − beta2^t rounds to exactly 1 (see `saturationStep`). */
  beta2Saturation: number;
}

/** Below this distance from 1, `saturationStep` does not trust `β ** t` to decrease with t. */
const SATURATION_MARGIN = 2 ** -40;

/**
 * The first step t ≥ 1 from which `1 - beta ** t` is exactly 1 in floating point
 * (β^t ≤ 2⁻⁵⁴), so `adamCorrection` can skip the power from then on and give the
 * same bits. Found with the very `beta ** t` expression the correction uses. It
 * holds for every later t because β^t keeps decreasing by a factor β ≤ 1 − 2⁻⁴⁰,
 * far more than the ≤ 1 ulp error of `**`; closer to 1 than that, Infinity (never skip).
 */
function saturationStep(beta: number): number {
  if (1 - beta < SATURATION_MARGIN) return Infinity;
  if (beta === 0) return 1;
  let t = Math.max(1, Math.ceil((-54 * Math.LN2) / Math.log(beta)));
  while (t > 1 && 1 - beta ** (t - 1) === 1) t--;
  while (1 - beta ** t !== 1) t++;
  return t;
}

/** Validate and resolve the options with the defaults. */
export function resolveAdamOptions(where: string, options: ScaleByAdamOptions): AdamHyperparameters {
  const beta1 = checkHyperparameter(where, 'beta1', options.beta1 ?? DEFAULT_BETA1, 'unitInterval', 'the default is 0.9');
  const beta2 = checkHyperparameter(where, 'beta2', options.beta2 ?? DEFAULT_BETA2, 'unitInterval', 'the default is 0.999');
  return {
    beta1,
    beta2,
    eps: checkHyperparameter(where, 'eps', options.eps ?? DEFAULT_ADAM_EPS, 'nonNegative', 'the default is 1e-7'),
    beta1Saturation: saturationStep(beta1),
    beta2Saturation: saturationStep(beta2),
  };
}

/** Check an Adam state against `updates` (before anything is modified); returns the record. */
export function checkAdamState(state: unknown, updates: Params, where: string): ScaleByAdamState {
  assertUpdatesTree(updates, where, true);
  const record = stateRecord(state, where, 'scaleByAdam', ADAM_FIELDS);
  stateCount(record, where);
  assertBuffersMatch(record['mu'], updates, where, 'mu');
  assertBuffersMatch(record['nu'], updates, where, 'nu');
  return record as unknown as ScaleByAdamState;
}

/**
 * One Adam step on one row of `length` elements at `data[start + i·stride]`
 * (state index k + i), in place, then multiplied by `factor`:
 * m ← m + (1−β1)(g − m); v ← v + (1−β2)(g² − v); u ← (c·m / (√v + ε))·factor.
 * A top-level function with every value a parameter, so V8 keeps them in
 * registers (a closure's captured variables measured 2× slower at 10⁶).
 */
function adamRow(
  data: Storage,
  start: number,
  stride: number,
  mu: number[],
  nu: number[],
  k: number,
  length: number,
  oneMinusBeta1: number,
  oneMinusBeta2: number,
  eps: number,
  correction: number,
  factor: number,
): void {
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const m = mu[j]! + oneMinusBeta1 * (g - mu[j]!);
    const v = nu[j]! + oneMinusBeta2 * (g * g - nu[j]!);
    mu[j] = m;
    nu[j] = v;
    data[p] = ((correction * m) / (Math.sqrt(v) + eps)) * factor;
  }
}

/**
 * One Adam step on one array `u` (any view), in place, then multiplied by
 * `factor` (1 for the bare direction, −lr for the fused optimizer; multiplying
 * by 1 is exact, so both give the bits of the chained version).
 * @param correction the bias correction √(1 − β2^t) / (1 − β1^t)
 */
export function adamStepInPlace(
  u: NdArray,
  mu: number[],
  nu: number[],
  h: AdamHyperparameters,
  correction: number,
  factor: number,
  where: string,
): void {
  const data = storageOf(u, where);
  const oneMinusBeta1 = 1 - h.beta1;
  const oneMinusBeta2 = 1 - h.beta2;
  const eps = h.eps;
  if (isRowMajorContiguous(u)) {
    // One row over every element, without forEachRow's closure.
    adamRow(data, u.offset, 1, mu, nu, 0, u.size, oneMinusBeta1, oneMinusBeta2, eps, correction, factor);
    return;
  }
  forEachRow(u, u, (start, stride, _bStart, _bStride, length, k) => {
    adamRow(data, start, stride, mu, nu, k, length, oneMinusBeta1, oneMinusBeta2, eps, correction, factor);
  });
}

/**
 * `adamStepInPlace` on every array of `updates` with its buffers in `moments`
 * (already checked by `checkAdamState`), in the order of the keys.
 */
export function adamStepTreeInPlace(
  updates: Params,
  moments: ScaleByAdamState,
  h: AdamHyperparameters,
  correction: number,
  factor: number,
  where: string,
): void {
  if (isNdArray(updates)) {
    adamStepInPlace(updates, moments.mu as number[], moments.nu as number[], h, correction, factor, where);
    return;
  }
  const mu = moments.mu as Record<string, number[]>;
  const nu = moments.nu as Record<string, number[]>;
  for (const key of Object.keys(updates)) {
    adamStepInPlace(updates[key]!, mu[key]!, nu[key]!, h, correction, factor, where);
  }
}

/**
 * Bias correction of step t (1-based): √(1 − β2^t) / (1 − β1^t). Once a power
 * has become negligible (t past its saturation step) its factor is exactly 1 and
 * `**`, which costs more than the rest of a small step, is skipped.
 */
export function adamCorrection(h: AdamHyperparameters, t: number): number {
  const biasOfV = t >= h.beta2Saturation ? 1 : 1 - h.beta2 ** t;
  const biasOfM = t >= h.beta1Saturation ? 1 : 1 - h.beta1 ** t;
  return Math.sqrt(biasOfV) / biasOfM;
}

/**
 * The Adam direction (without the learning rate), as in "Deep Learning from
 * Scratch" common/optimizer.py. At step t = 1, 2, … with gradient g:
 *
 *   m ← m + (1−β1)(g − m)          (= β1·m + (1−β1)·g)
 *   v ← v + (1−β2)(g² − v)         (= β2·v + (1−β2)·g²)
 *   u = √(1−β2^t)/(1−β1^t) · m / (√v + ε)
 *
 * Chained with `scaleByLearningRate(lr)` this is the book's
 * θ ← θ − lr_t·m/(√v + ε) with lr_t = lr·√(1−β2^t)/(1−β1^t).
 * Differences from optax `scale_by_adam` and PyTorch `Adam`: they divide the
 * bias-corrected moments, m̂/(√v̂ + ε) with m̂ = m/(1−β1^t), v̂ = v/(1−β2^t), which
 * puts ε outside the correction (here ε is effectively ε/√(1−β2^t), larger in
 * the first steps), and their default ε is 1e-8 instead of 1e-7.
 * @param options beta1, beta2, eps
 * @throws ArgumentRangeError when a hyperparameter is out of range or non-finite
 * @example
 * import { chain, scaleByAdam, scaleByLearningRate } from '@descent/optim';
 * const myAdam = chain(scaleByAdam({ beta2: 0.99 }), scaleByLearningRate(3e-4));
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): CheckedTransformation<ScaleByAdamState, void> {
  const where = 'scaleByAdam';
  checkOptionKeys(where, options, ['beta1', 'beta2', 'eps'], '{ beta1: 0.9, beta2: 0.999 }');
  const h = resolveAdamOptions(where, options);
  return defineTransform<ScaleByAdamState, void>({
    name: where,
    init(params: Params) {
      return { kind: 'scaleByAdam', count: 0, mu: zeroBuffers(params, where), nu: zeroBuffers(params, where) };
    },
    check(updates: Params, state: ScaleByAdamState, _params: Params): void {
      checkAdamState(state, updates, where);
    },
    apply(updates: Params, state: ScaleByAdamState, _params: Params): ScaleByAdamState {
      const t = state.count + 1;
      adamStepTreeInPlace(updates, state, h, adamCorrection(h, t), 1, where);
      state.count = t;
      return state;
    },
  });
}
