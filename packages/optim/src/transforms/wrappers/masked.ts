/**
 * masked: a transform applied to some arrays of the params only (optax's
 * `masked`), e.g. weight decay on the weights but not on the biases.
 */
import { defineTransform } from '../define-transform.js';
import { stateRecord } from '../state.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { assertSameStructure } from '../../tree/tree.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';
import { checkLabelSpec, groupKeys, split, type Groups, type LabelSpec } from './partition.js';

/** Which arrays `masked` applies its transform to: `{ w: true, b: false }`, or a function such as `(key, a) => a.dimension > 1`. */
export type Mask = LabelSpec<boolean>;

/** State of `masked`: the inner transform's state, made for the selected arrays only. */
export interface MaskedState<S> {
  /** What made the state (see `stateRecord`). */
  kind: 'masked';
  inner: S;
}

/** What masked's check hands to its apply. */
export interface MaskedPlan {
  readonly updates: Groups;
  readonly params: Groups;
  readonly inner: InnerPlan;
}

const isBoolean = (label: unknown): label is boolean => typeof label === 'boolean';
const groupOf = (selected: boolean): number => (selected === true ? 0 : selected === false ? 1 : -1);

/**
 * Apply `inner` to the arrays the mask selects; the updates of the others pass
 * through unchanged. The inner transform sees (and its state is made for) the
 * sub-record of the selected arrays, so `masked(addDecayedWeights(λ), mask)`
 * decays only those. The params must be a record of arrays; the mask is a
 * record with exactly their keys, or a function of each key and array,
 * evaluated at init and at every step (it must give the same answer each time:
 * the inner state is checked against the selected arrays).
 * @param inner the transform for the selected arrays
 * @param mask `{ key: true | false }` for every key of the params, or `(key, array) => boolean`
 * @returns a transform with state `{ kind: 'masked', inner }`
 * @throws InvalidArgumentError (at construction) for an inner that is not a transformation or a mask that is
 *   neither; (from init and update) for params that are one NdArray, a mask whose keys differ from the params',
 *   or a mask function returning something else than a boolean
 * @example
 * import ndarray from 'ndarray';
 * import { addDecayedWeights, chain, masked, sgd } from '@descent/optim';
 * // Weight decay 0.1 on w, none on b; then a plain SGD step of lr 1.
 * const opt = chain(masked(addDecayedWeights(0.1), (key) => key !== 'b'), sgd({ lr: 1 }));
 * const params = { w: ndarray(new Float64Array([2])), b: ndarray(new Float64Array([2])) };
 * const grads = { w: ndarray(new Float64Array([0])), b: ndarray(new Float64Array([0])) };
 * opt.update(grads, opt.init(params), params);
 * grads.w; // ≈ [-0.2] — −1·(0 + 0.1·2)
 * grads.b; // → [-0] — −1·0, no decay
 */
export function masked<T extends GradientTransformation<any>>(inner: T, mask: Mask): CheckedTransformation<MaskedState<StateOf<T>>, unknown> {
  const where = 'masked';
  assertInner(inner, where, 'inner');
  const spec = checkLabelSpec(mask, where, 'mask', isBoolean, 'true or false');
  const groups = (params: Params) => groupKeys(params, spec, groupOf, where, 'mask', 'true or false');
  return defineTransform<MaskedState<StateOf<T>>, MaskedPlan>({
    name: where,
    init(params: Params) {
      const [selected] = split(params, groups(params), 2);
      return { kind: 'masked', inner: inner.init(selected!) as StateOf<T> };
    },
    check(updates: Params, state: MaskedState<StateOf<T>>, params: Params, extras?: UpdateExtras): MaskedPlan {
      assertUpdatesTree(updates, where, false);
      assertSameStructure(updates, params, where);
      const record = stateRecord(state, where, 'masked', ['inner']);
      const byKey = groups(params);
      const u = split(updates, byKey, 2);
      const p = split(params, byKey, 2);
      return { updates: u, params: p, inner: checkInner(inner, u[0]!, record['inner'], p[0]!, extras) };
    },
    apply(_updates: Params, state: MaskedState<StateOf<T>>, _params: Params, plan: MaskedPlan) {
      state.inner = applyInner(inner, plan.updates[0]!, state.inner, plan.params[0]!, plan.inner) as StateOf<T>;
      return state;
    },
  });
}
