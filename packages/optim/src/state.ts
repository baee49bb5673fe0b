/**
 * Checks on the state a caller passes back to `update`: it must be the plain
 * object that `init` (or the previous `update`) returned, possibly after a JSON
 * round trip.
 */
import type { GradientTransformation, Params } from './transform.js';

function wrongState(where: string, detail: string): Error {
  return new TypeError(`${where}: ${detail}; pass the state returned by init(params) or by the previous update (or its JSON copy).`);
}

/**
 * The state as a record, after checking it is a non-null, non-array object.
 * @throws TypeError naming the transform when it is not
 */
export function stateRecord(state: unknown, where: string): Record<string, unknown> {
  if (typeof state !== 'object' || state === null || Array.isArray(state)) {
    throw wrongState(where, `state must be an object, got ${state === null ? 'null' : Array.isArray(state) ? 'an array' : typeof state}`);
  }
  return state as Record<string, unknown>;
}

/**
 * The state's step counter, after checking it is an integer ≥ 0.
 * @throws TypeError when `state.count` is missing or not a non-negative integer
 */
export function stateCount(state: Record<string, unknown>, where: string): number {
  const count = state['count'];
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) {
    throw wrongState(where, `state.count must be an integer ≥ 0, got ${String(count)}`);
  }
  return count;
}

/**
 * Key of an optional `update` that skips the transform's own checks. `chain`
 * calls it in place of `update` right after running every transform's `check`,
 * so each check runs once per step instead of twice. Only set (by
 * `setUpdateAfterCheck`) on transforms whose `check` covers everything their
 * `update` would check.
 */
const UPDATE_AFTER_CHECK = Symbol('updateAfterCheck');

type Update<S> = (updates: Params, state: S, params: Params) => S;

/** Give `transform` an update without checks, for `chain` to call after `transform.check`; returns `transform`. */
export function setUpdateAfterCheck<S>(transform: GradientTransformation<S>, update: Update<S>): GradientTransformation<S> {
  (transform as { [UPDATE_AFTER_CHECK]?: Update<S> })[UPDATE_AFTER_CHECK] = update;
  return transform;
}

/**
 * Run `transform`'s update once its `check` has passed: the unchecked update when
 * it has one, else `transform.update` (which checks again).
 */
export function updateAfterCheck<S>(transform: GradientTransformation<S>, updates: Params, state: S, params: Params): S {
  const unchecked = (transform as { [UPDATE_AFTER_CHECK]?: Update<S> })[UPDATE_AFTER_CHECK];
  return unchecked !== undefined ? unchecked(updates, state, params) : transform.update(updates, state, params);
}
