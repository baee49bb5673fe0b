import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import { defineTransform } from './define-transform.js';
import { STATE_FIX } from './state.js';
import { assertUpdatesTree, markCheckedUpdates, restoreCheckedUpdates } from '../tree/memory.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from './transform.js';

/** The state type of a transformation. */
export type StateOf<T> = T extends GradientTransformation<infer S> ? S : never;

/** The state of a chain: the array of its transforms' states, in order. */
export type ChainState<T extends readonly GradientTransformation<any>[]> = { -readonly [K in keyof T]: StateOf<T[K]> };

/** Throw unless `t` is a transformation (it has init and update). */
function assertTransformation(t: unknown, where: string, position: number): void {
  if (typeof t !== 'object' || t === null || typeof (t as GradientTransformation).init !== 'function' || typeof (t as GradientTransformation).update !== 'function') {
    throw new InvalidArgumentError(
      `${where}: transform ${position + 1} must be a GradientTransformation { init, update } such as sgd() or clip(1), got ${
        t === null ? 'null' : typeof t === 'object' ? 'an object without init/update' : typeof t
      }.`,
    );
  }
}

/**
 * A chain reporting errors of its own under `where` (`'chain'`, or the
 * optimizer built as a chain, e.g. `'adamw'`). See `chain`.
 */
export function namedChain<T extends GradientTransformation<any>[]>(where: string, transforms: [...T]): CheckedTransformation<ChainState<T>, unknown[]> {
  transforms.forEach((t, i) => assertTransformation(t, where, i));
  const n = transforms.length;
  return defineTransform<ChainState<T>, unknown[]>({
    name: where,
    init(params: Params) {
      return transforms.map((t) => t.init(params)) as ChainState<T>;
    },
    check(updates: Params, state: ChainState<T>, params: Params, extras?: UpdateExtras): unknown[] {
      const states = state as unknown;
      if (!Array.isArray(states) || states.length !== n) {
        throw new InvalidStateError(
          `${where}: state must be an array of ${n} states (one per transform), got ` +
            `${Array.isArray(states) ? `an array of ${states.length}` : states === null ? 'null' : typeof states}; ${STATE_FIX}.`,
          'state',
        );
      }
      // The updates tree is checked once here; the transforms' checks then skip that walk.
      assertUpdatesTree(updates, where, false);
      // One plan per transform, then the caller's extras (a hand-written transform gets them in its update).
      const plans = new Array<unknown>(n + 1);
      plans[n] = extras;
      const previous = markCheckedUpdates(updates);
      try {
        for (let i = 0; i < n; i++) {
          const t = transforms[i]!;
          if (t.check !== undefined) plans[i] = t.check(updates, states[i], params, extras);
        }
      } finally {
        restoreCheckedUpdates(previous);
      }
      return plans;
    },
    apply(updates: Params, state: ChainState<T>, params: Params, plans: unknown[]): ChainState<T> {
      const states = state as unknown[];
      const extras = plans[n] as UpdateExtras | undefined;
      for (let i = 0; i < n; i++) {
        const t = transforms[i]!;
        // A transform without apply (hand-written) runs its whole update here, after every check.
        states[i] = t.apply !== undefined ? t.apply(updates, states[i], params, plans[i]) : t.update(updates, states[i], params, extras);
      }
      return state;
    },
  });
}

/**
 * Compose transformations: `update` runs each one in order on the same
 * `updates` buffer, so the output of one is the input of the next:
 * u ← t_n(… t_2(t_1(g)) …). The state is the array of the inner states.
 *
 * `update(updates, state, params, extras)` hands `extras` (e.g. `{ value: loss }`,
 * see `UpdateExtras`) to every transform.
 *
 * Two phases per step: first every transform's `check` (the state array, each
 * inner state, the updates tree, and each learning-rate schedule evaluated at
 * its step), then every transform's `apply`. So when anything is wrong — a
 * state made for other params or by another optimizer, an updates array that
 * cannot be written, a schedule that throws or returns NaN — the chain throws
 * with the updates and every state untouched, and each transform validates
 * exactly once per step. (A hand-written transform without `check`/`apply`
 * runs its whole `update` in the apply phase; see `defineTransform`.)
 * @param transforms the transformations, applied first to last
 * @returns a transformation whose state is `[state_1, …, state_n]`
 * @throws InvalidArgumentError (at construction) when an argument is not a transformation;
 *   InvalidStateError (from update) when the state is not an array of n states
 * @example
 * import ndarray from 'ndarray';
 * import { chain, clipByGlobalNorm, scale, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 1]));
 * const g = ndarray(new Float64Array([30, 40])); // ‖g‖ = 50
 * const opt = chain(clipByGlobalNorm(1), scale(-0.5)); // clip to norm 1, then a step of 0.5
 * let state = opt.init(x);                              // → [null, null]
 * state = opt.update(g, state, x);                      // g ≈ [−0.3, −0.4]
 * applyUpdates(x, g);                                   // x ≈ [0.7, 0.6]
 */
export function chain<T extends GradientTransformation<any>[]>(...transforms: T): CheckedTransformation<ChainState<T>, unknown[]> {
  return namedChain<T>('chain', transforms);
}
