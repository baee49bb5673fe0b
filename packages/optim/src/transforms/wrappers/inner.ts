/**
 * How a wrapper (applyIfFinite, masked, multiTransform, multiSteps,
 * injectHyperparams, lookahead) drives the transform it wraps through the
 * two phases of the contract: the inner check runs in the wrapper's check,
 * the inner apply in the wrapper's apply, so a chain holding the wrapper still
 * modifies nothing when any check fails. A hand-written inner `{ init, update }`
 * without check/apply runs its whole update in the apply phase, as in `chain`.
 */
import { InvalidArgumentError } from '@descent/core';
import { markCheckedUpdates, restoreCheckedUpdates } from '../../tree/memory.js';
import type { GradientTransformation, Params, UpdateExtras } from '../transform.js';

/** What the inner check returned, with the caller's extras (for an inner without apply). */
export interface InnerPlan {
  readonly plan: unknown;
  readonly extras: UpdateExtras | undefined;
}

/**
 * Throw unless `t` is a transformation (it has init and update).
 * @param where the wrapper, for the message
 * @param name the argument's name (`inner`, `transforms.decay`)
 * @throws InvalidArgumentError naming the argument and what it got
 */
export function assertInner(t: unknown, where: string, name: string): asserts t is GradientTransformation<any> {
  if (typeof t === 'object' && t !== null && typeof (t as GradientTransformation).init === 'function' && typeof (t as GradientTransformation).update === 'function') return;
  const got = t === null ? 'null' : typeof t === 'object' ? 'an object without init/update' : typeof t;
  throw new InvalidArgumentError(`${where}: ${name} must be a GradientTransformation { init, update } such as sgd() or addDecayedWeights(1e-4), got ${got}.`);
}

/**
 * The inner transform's check phase on `updates` (already checked by the
 * wrapper: the tree is marked so the inner check does not walk it again).
 * @returns what `applyInner` needs
 */
export function checkInner(t: GradientTransformation<any>, updates: Params, state: unknown, params: Params, extras: UpdateExtras | undefined): InnerPlan {
  if (t.check === undefined) return { plan: undefined, extras };
  const previous = markCheckedUpdates(updates);
  try {
    return { plan: t.check(updates, state, params, extras), extras };
  } finally {
    restoreCheckedUpdates(previous);
  }
}

/** The inner transform's apply phase, after `checkInner` passed; returns its next state. */
export function applyInner(t: GradientTransformation<any>, updates: Params, state: unknown, params: Params, inner: InnerPlan): unknown {
  return t.apply !== undefined ? t.apply(updates, state, params, inner.plan) : t.update(updates, state, params, inner.extras);
}
