import { checkHyperparameter } from './hyperparameters.js';
import { defineTransform } from './define-transform.js';
import { stateRecord } from './state.js';
import { forEachRow, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, forEachLeaf, leafBuffer, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';
import { checkOptionKeys } from '../checks/options.js';

/** ε added to the root in "Deep Learning from Scratch" (AdaGrad and RMSProp). */
export const DEFAULT_ROOT_EPS = 1e-7;

/** Options of `scaleByRss`. */
export interface ScaleByRssOptions {
  /** Added to √h in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `scaleByRss`: the running sum of squared updates h (row-major, one buffer per array). */
export interface ScaleByRssState {
  /** What made the state (see `stateRecord`). */
  kind: 'scaleByRss';
  sumOfSquares: Tree<number[]>;
}

/** h ← h + g², u ← g / (√h + ε), over one row. */
function rssRow(data: Storage, start: number, stride: number, sum: number[], k: number, length: number, eps: number): void {
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const h = sum[j]! + g * g;
    sum[j] = h;
    data[p] = g / (Math.sqrt(h) + eps);
  }
}

/**
 * AdaGrad's scaling by the root of the sum of squares, as in "Deep Learning from
 * Scratch": with input g,
 *
 *   h ← h + g²,   u = g / (√h + ε)
 *
 * Followed by `scaleByLearningRate(lr)` it is the book's AdaGrad θ ← θ − lr·g/(√h + ε).
 * optax `scale_by_rss` starts h at 0.1 and puts ε inside the root
 * (g/√(h + ε)); PyTorch `Adagrad` starts h at 0 with ε = 1e-10 outside the root.
 * @param options eps
 * @throws ArgumentRangeError when eps is negative or non-finite
 * @example
 * import { chain, scaleByRss, scaleByLearningRate } from '@descent/optim';
 * const adagrad = chain(scaleByRss(), scaleByLearningRate(0.01));
 */
export function scaleByRss(options: ScaleByRssOptions = {}): CheckedTransformation<ScaleByRssState, void> {
  const where = 'scaleByRss';
  checkOptionKeys(where, options, ['eps'], '{ eps: 1e-7 }');
  const eps = checkHyperparameter(where, 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  return defineTransform<ScaleByRssState, void>({
    name: where,
    init(params: Params) {
      return { kind: 'scaleByRss', sumOfSquares: zeroBuffers(params, where) };
    },
    check(updates: Params, state: ScaleByRssState, _params: Params): void {
      assertUpdatesTree(updates, where, true);
      assertBuffersMatch(stateRecord(state, where, 'scaleByRss', ['sumOfSquares'])['sumOfSquares'], updates, where, 'sumOfSquares');
    },
    apply(updates: Params, state: ScaleByRssState, _params: Params): ScaleByRssState {
      forEachLeaf(updates, where, (u, key) => {
        const data = storageOf(u, where);
        const buffer = leafBuffer(state.sumOfSquares, key);
        forEachRow(u, u, (start, stride, _bStart, _bStride, length, k) => {
          rssRow(data, start, stride, buffer, k, length, eps);
        });
      });
      return state;
    },
  });
}
