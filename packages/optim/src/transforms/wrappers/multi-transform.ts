/**
 * multiTransform: a different transform per group of parameter arrays
 * (optax's `multi_transform` / `partition`).
 */
import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import { defineTransform } from '../define-transform.js';
import { STATE_FIX, stateRecord } from '../state.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { assertSameStructure } from '../../tree/tree.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';
import { checkLabelSpec, groupKeys, split, type Groups, type LabelSpec } from './partition.js';

/** The label of each array: `{ w: 'decay', b: 'plain' }`, or a function such as `(key) => (key.startsWith('b') ? 'plain' : 'decay')`. */
export type Labels = LabelSpec<string>;

/** State of `multiTransform`: each label's transform state, made for the arrays of that label. */
export interface MultiTransformState<T extends Record<string, GradientTransformation<any>>> {
  /** What made the state (see `stateRecord`). */
  kind: 'multiTransform';
  inner: { [L in keyof T]: StateOf<T[L]> };
}

/** What multiTransform's check hands to its apply. */
export interface MultiTransformPlan {
  readonly updates: Groups;
  readonly params: Groups;
  readonly inner: InnerPlan[];
}

const isString = (label: unknown): label is string => typeof label === 'string';

/**
 * Apply `transforms[label]` to the arrays with that label: each transform sees
 * (and its state is made for) the sub-record of its arrays; a label no array
 * has keeps an empty state. Every array must have a label that names a
 * transform (give frozen arrays a transform that zeroes their updates, e.g.
 * `scale(0)`). The params must be a record of arrays; the labels are a record
 * with exactly their keys, or a function of each key and array, evaluated at
 * init and at every step.
 * @param transforms one transformation per label
 * @param labels `{ key: label }` for every key of the params, or `(key, array) => label`
 * @returns a transform with state `{ kind: 'multiTransform', inner: { label: state } }`
 * @throws InvalidArgumentError (at construction) for an entry of transforms that is not a transformation or labels
 *   that are neither a record of strings nor a function; (from init and update) for params that are one NdArray,
 *   labels whose keys differ from the params', or a label that names no transform
 * @example
 * import ndarray from 'ndarray';
 * import { multiTransform, sgd } from '@descent/optim';
 * const opt = multiTransform({ fast: sgd({ lr: 0.5 }), slow: sgd({ lr: 0.1 }) }, { w: 'fast', b: 'slow' });
 * const params = { w: ndarray(new Float64Array([1])), b: ndarray(new Float64Array([1])) };
 * const grads = { w: ndarray(new Float64Array([2])), b: ndarray(new Float64Array([2])) };
 * const state = opt.update(grads, opt.init(params), params);
 * grads.w; // → [-1]
 * grads.b; // ≈ [-0.2]
 * state.inner.fast[0].count; // → 1
 */
export function multiTransform<T extends Record<string, GradientTransformation<any>>>(
  transforms: T,
  labels: Labels,
): CheckedTransformation<MultiTransformState<T>, unknown> {
  const where = 'multiTransform';
  if (typeof transforms !== 'object' || transforms === null || Array.isArray(transforms)) {
    throw new InvalidArgumentError(`${where}: transforms must be a record { label: transformation }, got ${transforms === null ? 'null' : typeof transforms}.`);
  }
  const names = Object.keys(transforms);
  for (const name of names) assertInner(transforms[name], where, `transforms.${name}`);
  const spec = checkLabelSpec(labels, where, 'labels', isString, 'a label of transforms');
  const expected = `one of the labels of transforms (${names.map((n) => `'${n}'`).join(', ')})`;
  const groups = (params: Params) => groupKeys(params, spec, (label: string) => (Object.hasOwn(transforms, label) ? names.indexOf(label) : -1), where, 'labels', expected);
  return defineTransform<MultiTransformState<T>, MultiTransformPlan>({
    name: where,
    init(params: Params) {
      const parts = split(params, groups(params), names.length);
      const inner: Record<string, unknown> = {};
      names.forEach((name, g) => {
        inner[name] = transforms[name]!.init(parts[g]!);
      });
      return { kind: 'multiTransform', inner: inner as MultiTransformState<T>['inner'] };
    },
    check(updates: Params, state: MultiTransformState<T>, params: Params, extras?: UpdateExtras): MultiTransformPlan {
      assertUpdatesTree(updates, where, false);
      assertSameStructure(updates, params, where);
      const inner = stateRecord(state, where, 'multiTransform', ['inner'])['inner'];
      if (typeof inner !== 'object' || inner === null || Array.isArray(inner) || Object.keys(inner).length !== names.length || !names.every((n) => Object.hasOwn(inner, n))) {
        throw new InvalidStateError(`${where}: state.inner must hold one state per label (${names.join(', ')}); ${STATE_FIX}.`, 'state.inner');
      }
      const byKey = groups(params);
      const u = split(updates, byKey, names.length);
      const p = split(params, byKey, names.length);
      const plans = names.map((name, g) => checkInner(transforms[name]!, u[g]!, (inner as Record<string, unknown>)[name], p[g]!, extras));
      return { updates: u, params: p, inner: plans };
    },
    apply(_updates: Params, state: MultiTransformState<T>, _params: Params, plan: MultiTransformPlan) {
      const inner = state.inner as Record<string, unknown>;
      names.forEach((name, g) => {
        inner[name] = applyInner(transforms[name]!, plan.updates[g]!, inner[name], plan.params[g]!, plan.inner[g]!);
      });
      return state;
    },
  });
}
