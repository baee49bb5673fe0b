import { checkHyperparameter } from './hyperparameters.js';
import { checkChoice } from '../checks/options.js';
import { defineTransform } from './define-transform.js';
import { stateRecord } from './state.js';
import { forEachRow, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, forEachLeaf, leafBuffer, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';
import { checkOptionKeys } from '../checks/options.js';

/** ε added to the root in "Deep Learning from Scratch" (AdaGrad and RMSProp). */
export const DEFAULT_ROOT_EPS = 1e-7;

/** optax `scale_by_rss`'s initial accumulator value, the default with form 'optax'. */
export const OPTAX_INITIAL_ACCUMULATOR = 0.1;

/** Options of `scaleByRss`. */
export interface ScaleByRssOptions {
  /** Added in the denominator, ≥ 0. @default 1e-7 (optax's too) */
  eps?: number;
  /** Where ε sits: 'book' (g/(√h + ε)) or 'optax' (g/√(h + ε), and 0 where h = 0). @default 'book' */
  form?: 'book' | 'optax';
  /** The value h starts from, ≥ 0 (optax's initial_accumulator_value). @default 0 (0.1 with form 'optax', optax's default) */
  initialAccumulatorValue?: number;
}

/** Buffers like `zeroBuffers(params)`, every element `value`. */
export function filledBuffers(params: Params, value: number, where: string): Tree<number[]> {
  const buffers = zeroBuffers(params, where);
  if (value === 0) return buffers;
  if (Array.isArray(buffers)) return buffers.fill(value);
  for (const key of Object.keys(buffers)) (buffers as Record<string, number[]>)[key]!.fill(value);
  return buffers;
}

/** State of `scaleByRss`: the running sum of squared updates h (row-major, one buffer per array). */
export interface ScaleByRssState {
  /** What made the state (see `stateRecord`). */
  kind: 'scaleByRss';
  sumOfSquares: Tree<number[]>;
}

/** h ← h + g², u ← g / (√h + ε) (book) or g/√(h + ε), 0 where h = 0 (optax), over one row. */
function rssRow(data: Storage, start: number, stride: number, sum: number[], k: number, length: number, eps: number, inSqrt: boolean): void {
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const h = sum[j]! + g * g;
    sum[j] = h;
    data[p] = inSqrt ? (h > 0 ? g / Math.sqrt(h + eps) : 0) : g / (Math.sqrt(h) + eps);
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
 * (g/√(h + ε), 0 where h = 0); `form: 'optax'` does the same, so
 * `scaleByRss({ form: 'optax' })` is optax's `scale_by_rss()`
 * (`initialAccumulatorValue` sets h₀ in either form). PyTorch `Adagrad` starts
 * h at 0 with ε = 1e-10 outside the root.
 * @param options eps, form, initialAccumulatorValue
 * @throws ArgumentRangeError when eps or initialAccumulatorValue is negative or non-finite; InvalidArgumentError for a bad form
 * @example
 * import { chain, scaleByRss, scaleByLearningRate } from '@descent/optim';
 * const adagrad = chain(scaleByRss(), scaleByLearningRate(0.01));
 */
export function scaleByRss(options: ScaleByRssOptions = {}): CheckedTransformation<ScaleByRssState, void> {
  const where = 'scaleByRss';
  checkOptionKeys(where, options, ['eps', 'form', 'initialAccumulatorValue'], '{ eps: 1e-7 }');
  const eps = checkHyperparameter(where, 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  const form = checkChoice(where, 'form', options.form ?? 'book', ['book', 'optax'] as const, "the default is 'book'");
  const inSqrt = form === 'optax';
  const defaultInitial = inSqrt ? OPTAX_INITIAL_ACCUMULATOR : 0;
  const initial = checkHyperparameter(where, 'initialAccumulatorValue', options.initialAccumulatorValue ?? defaultInitial, 'nonNegative', `the default is ${defaultInitial}`);
  return defineTransform<ScaleByRssState, void>({
    name: where,
    init(params: Params) {
      return { kind: 'scaleByRss', sumOfSquares: filledBuffers(params, initial, where) };
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
          rssRow(data, start, stride, buffer, k, length, eps, inSqrt);
        });
      });
      return state;
    },
  });
}
