import type { NdArray } from 'ndarray';
import { defineTransform } from './define-transform.js';
import { stateCount, stateRecord } from './state.js';
import { forEachRow, isRowMajorContiguous, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, isNdArray, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';
import { checkOptionKeys } from '../checks/options.js';
import { optaxAdamStepTreeInPlace } from './adam-optax-step.js';
import { resolveAdamOptions, type AdamHyperparameters, type ScaleByAdamOptions } from './adam-hyperparameters.js';

// The hyperparameters live in adam-hyperparameters.ts; adam.ts, adamw.ts and tests import them from here.
export {
  DEFAULT_BETA1,
  DEFAULT_BETA2,
  DEFAULT_ADAM_EPS,
  OPTAX_ADAM_EPS,
  resolveAdamOptions,
  type ScaleByAdamOptions,
  type AdamHyperparameters,
} from './adam-hyperparameters.js';

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
 * Step t (1-based) of the Adam direction on every array of `updates`, in the
 * hyperparameters' form, multiplied by `factor`; moments already checked.
 */
export function adamStepAt(updates: Params, moments: ScaleByAdamState, h: AdamHyperparameters, t: number, factor: number, where: string): void {
  if (h.form === 'optax') optaxAdamStepTreeInPlace(updates, moments, h, t, factor, where);
  else adamStepTreeInPlace(updates, moments, h, adamCorrection(h, t), factor, where);
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
 * the first steps), and their default ε is 1e-8 instead of 1e-7. `form: 'optax'`
 * computes theirs — m ← (1−β1)·g + β1·m, v ← (1−β2)·g² + β2·v,
 * u = m̂/(√(v̂ + ε_root) + ε) — with their default ε 1e-8, eps_root and NAdam's
 * `nesterov`: `scaleByAdam({ form: 'optax' })` is optax's `scale_by_adam()`.
 * @param options beta1, beta2, eps, form, epsRoot, nesterov
 * @throws ArgumentRangeError when a hyperparameter is out of range or non-finite
 * @example
 * import { chain, scaleByAdam, scaleByLearningRate } from '@descent/optim';
 * const myAdam = chain(scaleByAdam({ beta2: 0.99 }), scaleByLearningRate(3e-4));
 */
export function scaleByAdam(options: ScaleByAdamOptions = {}): CheckedTransformation<ScaleByAdamState, void> {
  const where = 'scaleByAdam';
  checkOptionKeys(where, options, ['beta1', 'beta2', 'eps', 'form', 'epsRoot', 'nesterov'], '{ beta1: 0.9, beta2: 0.999 }');
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
      adamStepAt(updates, state, h, t, 1, where);
      state.count = t;
      return state;
    },
  });
}
