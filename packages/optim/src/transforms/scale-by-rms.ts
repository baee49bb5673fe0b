import { checkHyperparameter } from './hyperparameters.js';
import { DEFAULT_ROOT_EPS, filledBuffers } from './scale-by-rss.js';
import { defineTransform } from './define-transform.js';
import { stateRecord } from './state.js';
import { checkBoolean, checkChoice, checkOptionKeys } from '../checks/options.js';
import { forEachRow, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, forEachLeaf, leafBuffer, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';

/** RMSProp's decay rate in "Deep Learning from Scratch". */
export const DEFAULT_RMS_DECAY = 0.99;
/** optax `scale_by_rms`'s decay and ε, the defaults with form 'optax'. */
export const OPTAX_RMS_DECAY = 0.9;
export const OPTAX_RMS_EPS = 1e-8;

/** Options of `scaleByRms`. */
export interface ScaleByRmsOptions {
  /** Decay ρ of the running mean of squares, in [0, 1). @default 0.99 (0.9 with form 'optax', optax's default) */
  decay?: number;
  /** Added in the denominator, ≥ 0. @default 1e-7 (1e-8 with form 'optax', optax's default) */
  eps?: number;
  /** Where ε sits: 'book' (g/(√h + ε)) or 'optax' (g/√(h + ε), optax's default eps_in_sqrt). @default 'book' */
  form?: 'book' | 'optax';
  /** The value h starts from, ≥ 0 (optax's initial_scale). @default 0 */
  initialScale?: number;
  /** Subtract the squared running mean of g from h (optax `scale_by_stddev`, rmsprop(centered=True)). @default false */
  centered?: boolean;
}

/** State of `scaleByRms`: the running mean of squared updates h, and with `centered` the running mean of the updates (row-major, one buffer per array). */
export interface ScaleByRmsState {
  /** What made the state (see `stateRecord`). */
  kind: 'scaleByRms';
  nu: Tree<number[]>;
  /** Only with `centered`: the running mean of the updates. */
  mu?: Tree<number[]>;
}

/** Resolved options of one row. */
interface RmsRow {
  decay: number;
  oneMinusDecay: number;
  eps: number;
  inSqrt: boolean;
}

/**
 * h ← ρ·h + ((1−ρ)·g)·g (and m ← ρ·m + (1−ρ)·g when centered, h − m² in the
 * root), u ← g/(√h + ε) (book) or g/√(h + ε) (optax), over one row.
 */
function rmsRow(data: Storage, start: number, stride: number, nu: number[], mu: number[] | null, k: number, length: number, r: RmsRow): void {
  const { decay, oneMinusDecay, eps, inSqrt } = r;
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const h = nu[j]! * decay + oneMinusDecay * g * g;
    nu[j] = h;
    let s = h;
    if (mu !== null) {
      const m = mu[j]! * decay + oneMinusDecay * g;
      mu[j] = m;
      s = h - m * m;
    }
    data[p] = inSqrt ? g / Math.sqrt(s + eps) : g / (Math.sqrt(s) + eps);
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
 * puts ε inside the root (g/√(h + ε)); `form: 'optax'` does the same (with its
 * defaults), so `scaleByRms({ form: 'optax' })` is optax's `scale_by_rms()`.
 * `initialScale` is optax's initial_scale (h₀); `centered` is optax's
 * `scale_by_stddev`: m ← ρ·m + (1−ρ)·g and h − m² in place of h. PyTorch
 * `RMSprop` uses ρ = 0.99 with ε = 1e-8 outside the root.
 * @param options decay (ρ), eps, form, initialScale, centered
 * @throws ArgumentRangeError when decay is outside [0, 1), eps or initialScale negative, or any non-finite;
 *   InvalidArgumentError when form or centered is of the wrong type
 * @example
 * import { chain, scaleByRms, scaleByLearningRate } from '@descent/optim';
 * const rmsprop = chain(scaleByRms({ decay: 0.9 }), scaleByLearningRate(0.001));
 */
export function scaleByRms(options: ScaleByRmsOptions = {}): CheckedTransformation<ScaleByRmsState, void> {
  const where = 'scaleByRms';
  checkOptionKeys(where, options, ['decay', 'eps', 'form', 'initialScale', 'centered'], '{ decay: 0.99 }');
  const form = checkChoice(where, 'form', options.form ?? 'book', ['book', 'optax'] as const, "the default is 'book'");
  const optax = form === 'optax';
  const defaultDecay = optax ? OPTAX_RMS_DECAY : DEFAULT_RMS_DECAY;
  const defaultEps = optax ? OPTAX_RMS_EPS : DEFAULT_ROOT_EPS;
  const decay = checkHyperparameter(where, 'decay', options.decay ?? defaultDecay, 'unitInterval', `the default is ${defaultDecay}`);
  const eps = checkHyperparameter(where, 'eps', options.eps ?? defaultEps, 'nonNegative', `the default is ${defaultEps}`);
  const initialScale = checkHyperparameter(where, 'initialScale', options.initialScale ?? 0, 'nonNegative', 'the default is 0');
  const centered = checkBoolean(where, 'centered', options.centered ?? false, 'the default is false');
  const row: RmsRow = { decay, oneMinusDecay: 1 - decay, eps, inSqrt: optax };
  const fields = centered ? ['nu', 'mu'] : ['nu'];
  return defineTransform<ScaleByRmsState, void>({
    name: where,
    init(params: Params) {
      const nu = filledBuffers(params, initialScale, where);
      return centered ? { kind: 'scaleByRms', nu, mu: zeroBuffers(params, where) } : { kind: 'scaleByRms', nu };
    },
    check(updates: Params, state: ScaleByRmsState, _params: Params): void {
      assertUpdatesTree(updates, where, true);
      const record = stateRecord(state, where, 'scaleByRms', fields);
      for (const field of fields) assertBuffersMatch(record[field], updates, where, field);
    },
    apply(updates: Params, state: ScaleByRmsState, _params: Params): ScaleByRmsState {
      forEachLeaf(updates, where, (u, key) => {
        const data = storageOf(u, where);
        const nu = leafBuffer(state.nu, key);
        const mu = state.mu === undefined ? null : leafBuffer(state.mu, key);
        forEachRow(u, u, (start, stride, _bStart, _bStride, length, k) => {
          rmsRow(data, start, stride, nu, mu, k, length, row);
        });
      });
      return state;
    },
  });
}
