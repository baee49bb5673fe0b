import { setUpdateAfterCheck, updateAfterCheck } from './state.js';
import type { GradientTransformation, Params } from './transform.js';

/** The state type of a transformation. */
export type StateOf<T> = T extends GradientTransformation<infer S> ? S : never;

/** The state of a chain: the array of its transforms' states, in order. */
export type ChainState<T extends readonly GradientTransformation<any>[]> = { -readonly [K in keyof T]: StateOf<T[K]> };

/**
 * Compose transformations: `update` runs each one in order on the same
 * `updates` buffer, so the output of one is the input of the next:
 * u ← t_n(… t_2(t_1(g)) …). The state is the array of the inner states. Every
 * transform's `check` runs before the first update, so a state or params
 * mismatch anywhere in the chain throws with nothing modified.
 * @param transforms the transformations, applied first to last
 * @returns a transformation whose state is `[state_1, …, state_n]`
 * @throws Error (from update) when the state is not an array of n states
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
export function chain<T extends GradientTransformation<any>[]>(
  ...transforms: T
): GradientTransformation<ChainState<T>> & {
  /** Throw, with nothing modified, unless every transform of the chain accepts these updates, state and params. */
  check(updates: Params, state: ChainState<T>, params: Params): void;
} {
  const check = (updates: Params, state: ChainState<T>, params: Params): void => {
    const states = state as unknown;
    if (!Array.isArray(states) || states.length !== transforms.length) {
      throw new Error(
        `chain: state must be an array of ${transforms.length} states (one per transform), got ` +
          `${Array.isArray(states) ? `an array of ${states.length}` : states === null ? 'null' : typeof states}; ` +
          'pass the state returned by init(params) or by the previous update (or its JSON copy).',
      );
    }
    for (let i = 0; i < transforms.length; i++) transforms[i]!.check?.(updates, states[i], params);
  };
  // Every check has passed: run each transform without repeating its own check.
  const updateAfterChecks = (updates: Params, state: ChainState<T>, params: Params): ChainState<T> => {
    const states = state as unknown[];
    for (let i = 0; i < transforms.length; i++) states[i] = updateAfterCheck(transforms[i]!, updates, states[i], params);
    return state;
  };
  const transform = {
    init(params: Params) {
      return transforms.map((t) => t.init(params)) as ChainState<T>;
    },
    check,
    update(updates: Params, state: ChainState<T>, params: Params) {
      check(updates, state, params);
      return updateAfterChecks(updates, state, params);
    },
  };
  setUpdateAfterCheck(transform, updateAfterChecks);
  return transform;
}
