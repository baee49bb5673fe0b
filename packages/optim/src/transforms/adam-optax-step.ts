/**
 * The Adam step in optax's form (`scale_by_adam`): ε added to the root of the
 * bias-corrected second moment, with optax's eps_root and Nesterov (NAdam)
 * options. The book's form is in scale-by-adam.ts.
 */
import type { NdArray } from 'ndarray';
import { forEachRow, isRowMajorContiguous, storageOf, type Storage } from '../tree/strided.js';
import { isNdArray } from '../tree/tree.js';
import type { AdamHyperparameters } from './adam-hyperparameters.js';
import type { ScaleByAdamState } from './scale-by-adam.js';
import type { Params } from './transform.js';

/** The bias corrections of step t (1-based) that an optax-form row needs. */
interface OptaxCorrections {
  /** 1 − β1^t */
  readonly bc1: number;
  /** 1 − β2^t */
  readonly bc2: number;
  /** Nesterov: β1/(1 − β1^(t+1)) and (1 − β1)/(1 − β1^t); 0 and 0 without. */
  readonly c1: number;
  readonly c2: number;
}

/**
 * One row, in place: m ← (1−β1)·g + β1·m, v ← (1−β2)·g² + β2·v,
 * m̂ = m/(1−β1^t) (Nesterov: c1·m + c2·g), v̂ = v/(1−β2^t),
 * u = m̂/(√(v̂ + ε_root) + ε) · factor.
 */
function optaxAdamRow(
  data: Storage,
  start: number,
  stride: number,
  mu: number[],
  nu: number[],
  k: number,
  length: number,
  h: AdamHyperparameters,
  c: OptaxCorrections,
  factor: number,
): void {
  const { beta1, beta2, eps, epsRoot, nesterov } = h;
  const oneMinusBeta1 = 1 - beta1;
  const oneMinusBeta2 = 1 - beta2;
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const m = oneMinusBeta1 * g + beta1 * mu[j]!;
    const v = oneMinusBeta2 * (g * g) + beta2 * nu[j]!;
    mu[j] = m;
    nu[j] = v;
    const mHat = nesterov ? c.c1 * m + c.c2 * g : m / c.bc1;
    data[p] = (mHat / (Math.sqrt(v / c.bc2 + epsRoot) + eps)) * factor;
  }
}

function optaxAdamInPlace(u: NdArray, mu: number[], nu: number[], h: AdamHyperparameters, c: OptaxCorrections, factor: number, where: string): void {
  const data = storageOf(u, where);
  if (isRowMajorContiguous(u)) {
    optaxAdamRow(data, u.offset, 1, mu, nu, 0, u.size, h, c, factor);
    return;
  }
  forEachRow(u, u, (start, stride, _b, _bs, length, k) => {
    optaxAdamRow(data, start, stride, mu, nu, k, length, h, c, factor);
  });
}

/**
 * Step t (1-based) of optax's `scale_by_adam` on every array of `updates`
 * (moments already checked), then multiplied by `factor`.
 */
export function optaxAdamStepTreeInPlace(updates: Params, moments: ScaleByAdamState, h: AdamHyperparameters, t: number, factor: number, where: string): void {
  const bc1 = 1 - h.beta1 ** t;
  const c: OptaxCorrections = {
    bc1,
    bc2: 1 - h.beta2 ** t,
    c1: h.nesterov ? h.beta1 / (1 - h.beta1 ** (t + 1)) : 0,
    c2: h.nesterov ? (1 - h.beta1) / bc1 : 0,
  };
  if (isNdArray(updates)) {
    optaxAdamInPlace(updates, moments.mu as number[], moments.nu as number[], h, c, factor, where);
    return;
  }
  const mu = moments.mu as Record<string, number[]>;
  const nu = moments.nu as Record<string, number[]>;
  for (const key of Object.keys(updates)) optaxAdamInPlace(updates[key]!, mu[key]!, nu[key]!, h, c, factor, where);
}
