/**
 * multiSteps: gradient accumulation — the inner transform steps once every k
 * calls, on the mean of the k updates (optax's `MultiSteps`).
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { defineTransform } from '../define-transform.js';
import { checkInteger } from '../hyperparameters.js';
import { stateRecord } from '../state.js';
import { stateInteger } from '../state-fields.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { forEachRow, storageOf } from '../../tree/strided.js';
import { assertBuffersMatch, isNdArray, leafBuffer, zeroBuffers, type Tree } from '../../tree/tree.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';

/** Options of `multiSteps`. */
export interface MultiStepsOptions {
  /**
   * Calls per inner step k: an integer ≥ 1, or a function of the number of
   * inner steps taken so far returning one (optax's `every_k_schedule`). Required.
   */
  everyK: number | ((gradientStep: number) => number);
  /** Hand the inner transform the mean of the k updates (true) or their sum (false). @default true */
  useGradMean?: boolean;
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
 * @param inner the transform stepping on the accumulated updates
 * @param options everyK, useGradMean
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
  const everyK = options?.everyK;
  if (typeof everyK !== 'function') checkInteger(where, 'everyK', everyK, 1, 'it is how many calls make one step, e.g. 4, or a function of the step count');
  const mean = options.useGradMean ?? true;
  if (typeof mean !== 'boolean') throw new InvalidArgumentError(`${where}: useGradMean must be true or false, got ${String(mean)}; the default is true.`);
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
