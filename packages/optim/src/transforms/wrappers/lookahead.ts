/**
 * lookahead: k fast steps forward, one step back towards slow weights
 * (Zhang et al. 2019; optax's `lookahead`).
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { defineTransform } from '../define-transform.js';
import { checkHyperparameter, checkInteger } from '../hyperparameters.js';
import { stateRecord } from '../state.js';
import { stateInteger } from '../state-fields.js';
import { assertReadsParams } from '../reads-params.js';
import { roundingOf } from '../stored-values.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { forEachRow, storageOf } from '../../tree/strided.js';
import { assertBuffersMatch, isNdArray, leafBuffer, type BuffersTarget, type Tree } from '../../tree/tree.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';
import { buffersOf } from './leaf-ops.js';
import { checkOptionKeys } from '../../checks/options.js';

/** Options of `lookahead` (the paper's k and α). */
export interface LookaheadOptions {
  /** Fast steps per synchronization k, an integer ≥ 1. @default 5 */
  syncPeriod?: number;
  /** How far the slow weights move towards the fast ones at a sync, α in [0, 1] (0: the fast weights restart from the slow ones, as optax allows). @default 0.5 */
  slowStepSize?: number;
  /** Restart the fast optimizer's state (its init) after each sync. @default false */
  resetState?: boolean;
}

/** State of `lookahead`. */
export interface LookaheadState<S> {
  /** What made the state (see `stateRecord`). */
  kind: 'lookahead';
  /** Fast steps since the last sync (0 … k − 1). */
  stepsSinceSync: number;
  /** The slow weights, row-major per array (equal to the params right after a sync). */
  slow: Tree<number[]>;
  /** The fast optimizer's state. */
  fast: S;
}

/** What lookahead's check hands to its apply. */
export interface LookaheadPlan {
  readonly sync: boolean;
  readonly fast: InnerPlan;
  /** A fresh fast state for after the sync (resetState), or undefined. */
  readonly reset: unknown;
}

/** Defaults of the paper (k = 5, α = 0.5). */
export const DEFAULT_SYNC_PERIOD = 5;
export const DEFAULT_SLOW_STEP_SIZE = 0.5;

/**
 * At a sync, per element: s ← s + α·(p + u − s), u ← s − p, and s is set to
 * what the params will then hold (the stored p + u), so params and slow
 * weights are bit-identical after every sync.
 */
function syncInto(u: NdArray, p: NdArray, slow: number[], alpha: number, where: string): void {
  const uData = storageOf(u, where);
  const pData = storageOf(p, where);
  const roundU = roundingOf(uData);
  const roundP = roundingOf(pData);
  forEachRow(u, p, (uStart, uStride, pStart, pStride, length, k) => {
    for (let i = 0; i < length; i++) {
      const q = uStart + i * uStride;
      const x = pData[pStart + i * pStride]!;
      const s = slow[k + i]!;
      const d = roundU(s + alpha * (x + uData[q]! - s) - x);
      uData[q] = d;
      slow[k + i] = roundP(x + d);
    }
  });
}

/**
 * Lookahead around a fast optimizer: the params are the FAST weights (compute
 * the gradients there, as usual) and the state keeps the SLOW weights. Each
 * call passes the fast optimizer's step through, except every `syncPeriod`-th,
 * which ends at the slow weights moved towards the fast ones:
 *
 *   s ← s + α·(p + u − s),   u ← s − p        (so params + u = s)
 *
 * — optax's `lookahead`, whose `LookaheadParams` pair becomes params (fast)
 * plus `state.slow` (slow) here, so params stay a plain tree and `train` or
 * any loop runs it unchanged. Evaluate with the slow weights (the paper's
 * advice) through `lookaheadSlowInto`; right after a sync they equal the
 * params bit for bit. Put it last (outermost): a transform after it would
 * change the step that the sync computed.
 * @param fast the inner optimizer, e.g. adam()
 * @param options syncPeriod (k), slowStepSize (α), resetState
 * @returns a transform with state `{ kind: 'lookahead', stepsSinceSync, slow, fast }`
 * @throws InvalidArgumentError when fast is not a transformation or resetState not a boolean;
 *   ArgumentRangeError when syncPeriod is not an integer ≥ 1 or slowStepSize is outside [0, 1]
 * @example
 * import ndarray from 'ndarray';
 * import { applyUpdates, lookahead, sgd } from '@descent/optim';
 * const opt = lookahead(sgd({ lr: 1 }), { syncPeriod: 2, slowStepSize: 0.5 });
 * const x = ndarray(new Float64Array([0]));
 * let state = opt.init(x);                  // slow weights [0]
 * const g = ndarray(new Float64Array([-1])); // sgd steps +1 each time
 * state = opt.update(g, state, x); applyUpdates(x, g);
 * x; // → [1] — a fast step
 * g.set(0, -1);
 * state = opt.update(g, state, x); applyUpdates(x, g);
 * x; // → [1] — the fast weights reached 2; the sync moved slow 0 half-way there, to 1
 * state.slow; // → [1]
 */
export function lookahead<T extends GradientTransformation<any>>(fast: T, options: LookaheadOptions = {}): CheckedTransformation<LookaheadState<StateOf<T>>, unknown> {
  const where = 'lookahead';
  assertInner(fast, where, 'fast');
  checkOptionKeys(where, options, ['syncPeriod', 'slowStepSize', 'resetState'], '{ syncPeriod: 5, slowStepSize: 0.5 }');
  const period = checkInteger(where, 'syncPeriod', options.syncPeriod ?? DEFAULT_SYNC_PERIOD, 1, 'the default is 5');
  const alpha = checkHyperparameter(where, 'slowStepSize', options.slowStepSize ?? DEFAULT_SLOW_STEP_SIZE, 'nonNegative', 'the default is 0.5');
  if (alpha > 1) throw new ArgumentRangeError(`${where}: slowStepSize must be in [0, 1], got ${alpha}; the default is 0.5 (1 keeps the fast weights, 0 the slow ones).`);
  const reset = options.resetState ?? false;
  if (typeof reset !== 'boolean') throw new InvalidArgumentError(`${where}: resetState must be true or false, got ${String(reset)}; the default is false.`);
  return defineTransform<LookaheadState<StateOf<T>>, LookaheadPlan>({
    name: where,
    init(params: Params) {
      return { kind: 'lookahead', stepsSinceSync: 0, slow: buffersOf(params, where), fast: fast.init(params) as StateOf<T> };
    },
    check(updates: Params, state: LookaheadState<StateOf<T>>, params: Params, extras?: UpdateExtras): LookaheadPlan {
      assertUpdatesTree(updates, where, true);
      assertReadsParams(updates, params, where);
      const record = stateRecord(state, where, 'lookahead', ['stepsSinceSync', 'slow', 'fast']);
      const steps = stateInteger(record, 'stepsSinceSync', where);
      assertBuffersMatch(record['slow'], params, where, 'slow');
      const sync = steps >= period - 1;
      const plan = checkInner(fast, updates, record['fast'], params, extras);
      return { sync, fast: plan, reset: sync && reset ? fast.init(params) : undefined };
    },
    apply(updates: Params, state: LookaheadState<StateOf<T>>, params: Params, plan: LookaheadPlan) {
      state.fast = applyInner(fast, updates, state.fast, params, plan.fast) as StateOf<T>;
      if (!plan.sync) {
        state.stepsSinceSync += 1;
        return state;
      }
      if (isNdArray(updates)) syncInto(updates, params as NdArray, state.slow as number[], alpha, where);
      else for (const key of Object.keys(updates)) syncInto(updates[key]!, (params as Record<string, NdArray>)[key]!, leafBuffer(state.slow, key), alpha, where);
      state.stepsSinceSync = 0;
      if (plan.reset !== undefined) state.fast = plan.reset as StateOf<T>;
      return state;
    },
  });
}

/** lookaheadSlowInto checks the state against its `out` argument. */
const OUT_TARGET: BuffersTarget = {
  name: 'out',
  are: 'is',
  does: 'does',
  fix: 'give out the structure and shapes of the params the state was made for (e.g. treeZerosLike(params)).',
};

/**
 * Write lookahead's slow weights into `out` (a tree with the params' structure
 * and shapes, any views): the weights to evaluate with.
 * @param out the destination, e.g. `treeZerosLike(params)`
 * @param state lookahead's state (the `state` of `lookahead(…)`, or its entry in a chain's state)
 * @returns out
 * @throws InvalidStateError when the state is not a lookahead state made for out's structure and shapes;
 *   InvalidArgumentError / AliasedMemoryError / OverlappingMemoryError naming `out` when it is not a writable tree
 * @example
 * import ndarray from 'ndarray';
 * import { lookahead, lookaheadSlowInto, sgd } from '@descent/optim';
 * const x = ndarray(new Float64Array([3, 4]));
 * const state = lookahead(sgd()).init(x);
 * lookaheadSlowInto(ndarray(new Float64Array(2)), state); // → [3, 4]
 */
export function lookaheadSlowInto(out: Params, state: LookaheadState<unknown>): Params {
  const where = 'lookaheadSlowInto';
  const slow = stateRecord(state, where, 'lookahead', ['stepsSinceSync', 'slow', 'fast'])['slow'];
  assertUpdatesTree(out, where, true, 'out');
  assertBuffersMatch(slow, out, where, 'slow', OUT_TARGET);
  const write = (a: NdArray, buffer: number[]) => {
    const data = storageOf(a, where);
    forEachRow(a, a, (start, stride, _b, _bs, length, k) => {
      for (let i = 0; i < length; i++) data[start + i * stride] = buffer[k + i]!;
    });
  };
  if (isNdArray(out)) write(out, slow as number[]);
  else for (const key of Object.keys(out)) write(out[key]!, leafBuffer(slow as Tree<number[]>, key));
  return out;
}
