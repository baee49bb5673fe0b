/**
 * The one contract every transform of this package follows: `check`, then
 * `apply`. `check` validates everything (the updates tree, the state, the
 * params it reads) and evaluates what may fail (a learning-rate schedule),
 * writing nothing; `apply` then writes the updates and the state and cannot
 * fail. `update` is check-then-apply; `chain` runs every check of the chain
 * first and only then every apply, so a failure anywhere modifies nothing.
 */
import { InvalidStateError } from '@descent/core';
import { STATE_FIX } from './state.js';
import type { CheckedTransformation, Params, UpdateExtras } from './transform.js';
import { assertUpdatesTree, assertWritableTree } from '../tree/memory.js';
import { assertSameStructure, assertStructure } from '../tree/tree.js';

/** What `defineTransform` builds a transform from. */
export interface TransformDefinition<S, P> {
  /** The transform's name, for messages (`'scaleByAdam'`). */
  name: string;
  /** The initial state for `params` (already checked: float arrays, each with its own memory). */
  init(params: Params): S;
  /**
   * Throw if `updates`, `state` or `params` cannot be used, modifying nothing;
   * return what `apply` needs that could fail to compute (e.g. the scheduled
   * learning rate). It must not depend on the VALUES of `updates`: in a chain,
   * every check runs before the first transform has rewritten them.
   * `extras` is what the caller passed to `update` (e.g. `{ value: loss }`);
   * whatever `apply` needs of it goes through the returned plan.
   */
  check(updates: Params, state: S, params: Params, extras?: UpdateExtras): P;
  /** Rewrite `updates` in place and return the next state; called only after `check` passed, with its result. Must not throw. */
  apply(updates: Params, state: S, params: Params, plan: P): S;
}

/**
 * Build a transform from its check and apply. `init(params)` first refuses
 * params that an in-place update cannot serve (integer storage, aliased
 * elements, arrays sharing memory); `check` first refuses updates whose keys
 * or shapes differ from the params' (when params are given), then runs the
 * definition's check; `update` is `apply(…, check(…))`.
 * @param definition name, init, check, apply
 * @returns a transform whose check and apply `chain` can run in two phases
 * @throws (from init) InvalidArgumentError, AliasedMemoryError or OverlappingMemoryError for such params;
 *   (from check / update) InvalidArgumentError naming the transform and the key or shapes when updates do not fit params
 * @example
 * import ndarray from 'ndarray';
 * import { defineTransform, chain, sgd } from '@descent/optim';
 * // Count the steps (a state { kind, steps }) and leave the updates as they are.
 * const countSteps = defineTransform({
 *   name: 'countSteps',
 *   init: () => ({ kind: 'countSteps', steps: 0 }),
 *   check: (_u, state) => { if (typeof state.steps !== 'number') throw new TypeError('countSteps: bad state'); },
 *   apply: (_u, state) => ({ kind: 'countSteps', steps: state.steps + 1 }),
 * });
 * const opt = chain(countSteps, sgd({ lr: 0.1 }));
 * const x = ndarray(new Float64Array([1]));
 * const g = ndarray(new Float64Array([2]));
 * const state = opt.update(g, opt.init(x), x);
 * state[0]; // → { kind: 'countSteps', steps: 1 }
 * g; // ≈ [-0.2] — sgd's step −0.1·2
 */
export function defineTransform<S, P = void>(definition: TransformDefinition<S, P>): CheckedTransformation<S, P> {
  const { name, init, apply } = definition;
  const check = (updates: Params, state: S, params: Params, extras?: UpdateExtras): P => {
    assertUpdatesFitParams(updates, params, name);
    return definition.check(updates, state, params, extras);
  };
  return {
    init(params: Params): S {
      assertStructure(params, name, 'params');
      assertWritableTree(params, name, 'params');
      return init(params);
    },
    check,
    apply,
    update(updates: Params, state: S, params: Params, extras?: UpdateExtras): S {
      return apply(updates, state, params, check(updates, state, params, extras));
    },
  };
}

/**
 * Every transform's first check: when params are given (not undefined or
 * null, as optax allows for transforms that do not read them), the updates
 * must have their structure — the same record keys, the same shapes — or
 * applyUpdates would refuse them after the state had already moved. O(keys):
 * shapes are compared, no element is read. An updates tree that is not an
 * object is left to the transform's own check (its message names the problem).
 * @throws InvalidArgumentError naming the transform, the key and both shapes
 * @example
 * import ndarray from 'ndarray';
 * assertUpdatesFitParams({ w: ndarray(new Float64Array(2)) }, { w: ndarray(new Float64Array(2)) }, 'sgd'); // same keys and shapes: returns
 */
export function assertUpdatesFitParams(updates: Params, params: Params | undefined | null, where: string): void {
  if (params === undefined || params === null || typeof updates !== 'object' || updates === null) return;
  assertSameStructure(updates, params, where);
}

/** What `stateless` builds a transform from. */
export interface StatelessDefinition<P> {
  /** The transform's name, for messages. */
  name: string;
  /** Optional extra check of updates and params (the updates tree itself is always checked); its result goes to apply. */
  check?(updates: Params, params: Params, extras?: UpdateExtras): P;
  /** Rewrite `updates` in place; must not throw for updates that passed the checks. */
  apply(updates: Params, params: Params, plan: P): void;
}

/**
 * A transform without state (its state is `null`): `check` refuses a non-null
 * state (a state meant for another transform of a chain) and an updates tree
 * that cannot be rewritten in place, then runs the definition's own check.
 * @param definition name, apply, optional check
 * @throws (from check) InvalidStateError for a non-null state; InvalidArgumentError, AliasedMemoryError, OverlappingMemoryError for bad updates
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { stateless } from '@descent/optim';
 * // u ← −u, for a single 1-D array
 * const negate = stateless({
 *   name: 'negate',
 *   apply: (u) => {
 *     const a = u as NdArray;
 *     for (let i = 0; i < a.size; i++) a.set(i, -a.get(i));
 *   },
 * });
 * const u = ndarray(new Float64Array([1, -2]));
 * negate.update(u, negate.init(u), u); // → null
 * u; // → [-1, 2]
 */
export function stateless<P = void>(definition: StatelessDefinition<P>): CheckedTransformation<null, P> {
  const { name, apply } = definition;
  const own = definition.check;
  return defineTransform<null, P>({
    name,
    init: () => null,
    check(updates: Params, state: null, params: Params, extras?: UpdateExtras): P {
      if (state !== null) {
        throw new InvalidStateError(
          `${name}: this transform keeps no state, so its state must be null, got ${Array.isArray(state) ? 'an array' : typeof state}; ` +
            `${STATE_FIX}.`,
          'state',
        );
      }
      assertUpdatesTree(updates, name, false);
      return own === undefined ? (undefined as P) : own(updates, params, extras);
    },
    apply(updates: Params, _state: null, params: Params, plan: P): null {
      apply(updates, params, plan);
      return null;
    },
  });
}
