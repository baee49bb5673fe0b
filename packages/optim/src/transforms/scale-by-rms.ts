import { checkHyperparameter } from './hyperparameters.js';
import { DEFAULT_ROOT_EPS } from './scale-by-rss.js';
import { defineTransform } from './define-transform.js';
import { stateRecord } from './state.js';
import { forEachRow, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, forEachLeaf, leafBuffer, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';
import { checkOptionKeys } from '../checks/options.js';

/** RMSProp's decay rate in "Deep Learning from Scratch". */
export const DEFAULT_RMS_DECAY = 0.99;

/** Options of `scaleByRms`. */
export interface ScaleByRmsOptions {
  /** Decay ρ of the running mean of squares, in [0, 1). @default 0.99 */
  decay?: number;
  /** Added to √h in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `scaleByRms`: the running mean of squared updates h (row-major, one buffer per array). */
export interface ScaleByRmsState {
  /** What made the state (see `stateRecord`). */
  kind: 'scaleByRms';
  nu: Tree<number[]>;
}

/** h ← ρ·h + ((1−ρ)·g)·g, u ← g / (√h + ε), over one row. */
function rmsRow(
  data: Storage,
  start: number,
  stride: number,
  nu: number[],
  k: number,
  length: number,
  decay: number,
  oneMinusDecay: number,
  eps: number,
): void {
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const h = nu[j]! * decay + oneMinusDecay * g * g;
    nu[j] = h;
    data[p] = g / (Math.sqrt(h) + eps);
  }
}

/**
 * RMSProp's scaling by the root of a running mean of squares, as in "Deep
 * Learning from Scratch": with decay ρ and input g,
 *
 *   h ← ρ·h + (1−ρ)·g²,   u = g / (√h + ε)
 *
 * Followed by `scaleByLearningRate(lr)` it is the book's RMSprop
 * θ ← θ − lr·g/(√h + ε). optax `scale_by_rms` defaults to ρ = 0.9, ε = 1e-8 and
 * puts ε inside the root (g/√(h + ε)); PyTorch `RMSprop` uses ρ = 0.99 with
 * ε = 1e-8 outside the root.
 * @param options decay (ρ), eps
 * @throws ArgumentRangeError when decay is outside [0, 1) or eps is negative, or either is non-finite
 * @example
 * import { chain, scaleByRms, scaleByLearningRate } from '@descent/optim';
 * const rmsprop = chain(scaleByRms({ decay: 0.9 }), scaleByLearningRate(0.001));
 */
export function scaleByRms(options: ScaleByRmsOptions = {}): CheckedTransformation<ScaleByRmsState, void> {
  const where = 'scaleByRms';
  checkOptionKeys(where, options, ['decay', 'eps'], '{ decay: 0.99 }');
  const decay = checkHyperparameter(where, 'decay', options.decay ?? DEFAULT_RMS_DECAY, 'unitInterval', 'the default is 0.99');
  const eps = checkHyperparameter(where, 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  const oneMinusDecay = 1 - decay;
  return defineTransform<ScaleByRmsState, void>({
    name: where,
    init(params: Params) {
      return { kind: 'scaleByRms', nu: zeroBuffers(params, where) };
    },
    check(updates: Params, state: ScaleByRmsState, _params: Params): void {
      assertUpdatesTree(updates, where, true);
      assertBuffersMatch(stateRecord(state, where, 'scaleByRms', ['nu'])['nu'], updates, where, 'nu');
    },
    apply(updates: Params, state: ScaleByRmsState, _params: Params): ScaleByRmsState {
      forEachLeaf(updates, where, (u, key) => {
        const data = storageOf(u, where);
        const buffer = leafBuffer(state.nu, key);
        forEachRow(u, u, (start, stride, _bStart, _bStride, length, k) => {
          rmsRow(data, start, stride, buffer, k, length, decay, oneMinusDecay, eps);
        });
      });
      return state;
    },
  });
}
