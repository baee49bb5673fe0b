/**
 * multiSteps: gradient accumulation — the inner transform steps once every k
 * calls, on the mean of the k updates (optax's `MultiSteps`).
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { checkOptionKeys } from '../../checks/options.js';
import { defineTransform } from '../define-transform.js';
import { checkHyperparameter, checkInteger } from '../hyperparameters.js';
import { stateRecord } from '../state.js';
import { stateInteger } from '../state-fields.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { forEachRow, storageOf } from '../../tree/strided.js';
import { assertBuffersMatch, forEachLeaf, isNdArray, leafBuffer, zeroBuffers, type Tree } from '../../tree/tree.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';
import { allFinite, zeroTree } from './leaf-ops.js';
import ops from 'ndarray-ops';

/** Options of `multiSteps`. */
export interface MultiStepsOptions {
  /**
   * Calls per inner step k: an integer ≥ 1, or a function of the number of
   * inner steps taken so far returning one (optax's `every_k_schedule`). Required.
   */
  everyK: number | ((gradientStep: number) => number);
  /** Hand the inner transform the mean of the k updates (true) or their sum (false). @default true */
  useGradMean?: boolean;
  /**
   * Calls to ignore (optax's should_skip_update_fn): 'notFinite' (optax's
   * skip_not_finite: updates holding a NaN or ±Infinity) or { maxSquaredNorm }
   * (skip_large_updates: Σ u² above it, or NaN). An ignored call returns zero
   * updates and leaves the state as it was (not counted in k). @default undefined (none ignored)
   */
  shouldSkipUpdate?: 'notFinite' | { readonly maxSquaredNorm: number };
}

/** State of `multiSteps`. */
export interface MultiStepsState<S> {
  /** What made the state (see `stateRecord`). */
  kind: 'multiSteps';
  /** Calls accumulated since the last inner step (0 … k − 1). */
  miniStep: number;
  /** Inner steps taken. */
  gradientStep: number;
  /** The running mean (or sum) of the updates since the last inner step, row-major per array. */
  accumulated: Tree<number[]>;
  /** The inner transform's state. */
  inner: S;
}

/** What multiSteps' check hands to its apply. */
export interface MultiStepsPlan {
  /** Whether this call completes k calls (the inner transform steps). */
  readonly final: boolean;
  /** miniStep + 1: the running mean divides by it. */
  readonly divisor: number;
  readonly mean: boolean;
  readonly inner: InnerPlan;
}

const FIELDS = ['miniStep', 'gradientStep', 'accumulated', 'inner'] as const;

/** Σ u² over every array of the tree (plain: it overflows to Infinity, which counts as large). */
function sumOfSquares(tree: Params): number {
  let sum = 0;
  forEachLeaf(tree, 'multiSteps', (a) => {
    sum += ops.norm2squared(a);
  });
  return sum;
}

/** The skip rule as a predicate on the incoming updates (null: never skip). */
function skipRule(rule: unknown, where: string): ((updates: Params) => boolean) | null {
  if (rule === undefined) return null;
  if (rule === 'notFinite') return (updates) => !allFinite(updates, where);
  if (typeof rule === 'object' && rule !== null && !Array.isArray(rule)) {
    const max = checkHyperparameter(where, 'shouldSkipUpdate.maxSquaredNorm', (rule as { maxSquaredNorm?: unknown }).maxSquaredNorm, 'nonNegative', 'e.g. 1e6');
    return (updates) => {
      const n = sumOfSquares(updates);
      return Number.isNaN(n) || n > max;
    };
  }
  throw new InvalidArgumentError(`${where}: shouldSkipUpdate must be 'notFinite' or { maxSquaredNorm: number }, got ${String(rule)}; leave it out to skip nothing.`);
}

/**
 * Whether the last call of a `multiSteps` made an inner step (optax's
 * `MultiSteps.has_updated`): miniStep is back to 0 and at least one inner step was taken.
 * @param state a multiSteps state
 * @returns true right after every k-th call
 * @example
 * import ndarray from 'ndarray';
 * import { multiSteps, multiStepsHasUpdated, sgd } from '@descent/optim';
 * const opt = multiSteps(sgd({ lr: 0.1 }), { everyK: 2 });
 * const x = ndarray(new Float64Array([0]));
 * let state = opt.init(x);
 * state = opt.update(ndarray(new Float64Array([1])), state, x);
 * multiStepsHasUpdated(state); // → false
 * state = opt.update(ndarray(new Float64Array([1])), state, x);
 * multiStepsHasUpdated(state); // → true
 */
export function multiStepsHasUpdated(state: MultiStepsState<unknown>): boolean {
  const record = stateRecord(state, 'multiStepsHasUpdated', 'multiSteps', FIELDS);
  return stateInteger(record, 'miniStep', 'multiStepsHasUpdated') === 0 && stateInteger(record, 'gradientStep', 'multiStepsHasUpdated') > 0;
}

/** everyK(gradientStep), checked: an integer ≥ 1. */
function kAt(everyK: (step: number) => number, step: number, where: string): number {
  const k = everyK(step);
  if (typeof k === 'number' && Number.isSafeInteger(k) && k >= 1) return k;
  throw new ArgumentRangeError(`${where}: everyK must be an integer ≥ 1, got ${String(k)} (the everyK function returned it for gradientStep ${step}); it is how many calls make one step, e.g. 4.`);
}

/**
 * acc ← acc + (u − acc)/(m + 1) (mean) or acc + u (sum) over one
 * array; then u ← acc and acc ← 0 on the final call, u ← 0 otherwise.
 */
function accumulateInto(u: NdArray, acc: number[], plan: MultiStepsPlan, where: string): void {
  const data = storageOf(u, where);
  const { final, divisor, mean } = plan;
  forEachRow(u, u, (start, stride, _b, _bs, length, k) => {
    for (let i = 0; i < length; i++) {
      const p = start + i * stride;
      const a = acc[k + i]!;
      const next = mean ? a + (data[p]! - a) / divisor : a + data[p]!;
      data[p] = final ? next : 0;
      acc[k + i] = final ? 0 : next;
    }
  });
}

/**
 * Gradient accumulation over k calls, exactly as optax's `MultiSteps`: each
 * call adds its updates to a running mean m ← m + (u − m)/(j + 1) (j = calls
 * since the last inner step) and returns zero updates, except every k-th call,
 * which hands the mean of the k updates to the inner transform and returns its
 * step (the mean is then reset). With k = 1 it is the inner transform itself.
 * The inner state changes only on the k-th calls; `extras` reach it on those.
 * `shouldSkipUpdate` ignores chosen calls (zero updates, state unchanged), as
 * optax's should_skip_update_fn; optax's skip_state (the rule's diagnostics)
 * is not kept. `multiStepsHasUpdated(state)` is optax's `has_updated`.
 * @param inner the transform stepping on the accumulated updates
 * @param options everyK, useGradMean, shouldSkipUpdate
 * @returns a transform with state `{ kind: 'multiSteps', miniStep, gradientStep, accumulated, inner }`
 * @throws InvalidArgumentError when inner is not a transformation, useGradMean not a boolean or everyK not a number nor a function;
 *   ArgumentRangeError when everyK (or what its function returns, from update) is not an integer ≥ 1
 * @example
 * import ndarray from 'ndarray';
 * import { multiSteps, sgd } from '@descent/optim';
 * const opt = multiSteps(sgd({ lr: 0.1 }), { everyK: 2 });
 * const x = ndarray(new Float64Array([0]));
 * let state = opt.init(x);
 * const g = ndarray(new Float64Array([1]));
 * state = opt.update(g, state, x);
 * g; // → [0] — first of two calls: accumulated
 * g.set(0, 3);
 * state = opt.update(g, state, x);
 * g; // ≈ [-0.2] — −0.1 · mean(1, 3)
 * state.gradientStep; // → 1
 */
export function multiSteps<T extends GradientTransformation<any>>(
  inner: T,
  options: MultiStepsOptions,
): CheckedTransformation<MultiStepsState<StateOf<T>>, unknown> {
  const where = 'multiSteps';
  assertInner(inner, where, 'inner');
  checkOptionKeys(where, options, ['everyK', 'useGradMean', 'shouldSkipUpdate'], '{ everyK: 4 }');
  const everyK = options?.everyK;
  if (typeof everyK !== 'function') checkInteger(where, 'everyK', everyK, 1, 'it is how many calls make one step, e.g. 4, or a function of the step count');
  const mean = options.useGradMean ?? true;
  if (typeof mean !== 'boolean') throw new InvalidArgumentError(`${where}: useGradMean must be true or false, got ${String(mean)}; the default is true.`);
  const shouldSkip = skipRule(options.shouldSkipUpdate, where);
  return defineTransform<MultiStepsState<StateOf<T>>, MultiStepsPlan>({
    name: where,
    init(params: Params) {
      return { kind: 'multiSteps', miniStep: 0, gradientStep: 0, accumulated: zeroBuffers(params, where), inner: inner.init(params) as StateOf<T> };
    },
    check(updates: Params, state: MultiStepsState<StateOf<T>>, params: Params, extras?: UpdateExtras): MultiStepsPlan {
      assertUpdatesTree(updates, where, true);
      const record = stateRecord(state, where, 'multiSteps', FIELDS);
      const miniStep = stateInteger(record, 'miniStep', where);
      const gradientStep = stateInteger(record, 'gradientStep', where);
      assertBuffersMatch(record['accumulated'], updates, where, 'accumulated');
      const k = typeof everyK === 'function' ? kAt(everyK, gradientStep, where) : (everyK as number);
      const plan = checkInner(inner, updates, record['inner'], params, extras);
      return { final: miniStep >= k - 1, divisor: miniStep + 1, mean, inner: plan };
    },
    apply(updates: Params, state: MultiStepsState<StateOf<T>>, params: Params, plan: MultiStepsPlan) {
      if (shouldSkip !== null && shouldSkip(updates)) {
        zeroTree(updates, where);
        return state;
      }
      if (isNdArray(updates)) accumulateInto(updates, state.accumulated as number[], plan, where);
      else for (const key of Object.keys(updates)) accumulateInto(updates[key]!, leafBuffer(state.accumulated, key), plan, where);
      if (!plan.final) {
        state.miniStep += 1;
        return state;
      }
      state.inner = applyInner(inner, updates, state.inner, params, plan.inner) as StateOf<T>;
      state.miniStep = 0;
      state.gradientStep += 1;
      return state;
    },
  });
}
