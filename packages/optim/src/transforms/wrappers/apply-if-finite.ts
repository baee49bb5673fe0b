/**
 * applyIfFinite: skip the steps whose incoming updates hold a NaN or ±Infinity
 * (optax's `apply_if_finite`).
 */
import { checkOptionKeys } from '../../checks/options.js';
import { defineTransform } from '../define-transform.js';
import { checkInteger } from '../hyperparameters.js';
import { stateRecord } from '../state.js';
import { stateBoolean, stateInteger } from '../state-fields.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import type { StateOf } from '../chain.js';
import { allFinite, zeroTree } from './leaf-ops.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';

/** Options of `applyIfFinite`. */
export interface ApplyIfFiniteOptions {
  /**
   * How many non-finite updates in a row are skipped; the next one in a row
   * passes through the inner transform as it is (optax's behaviour), so a run
   * that keeps producing NaN ends up with NaN params, which a loop such as
   * `train` then reports. An integer ≥ 0 (required: optax has no default either).
   */
  maxConsecutiveErrors: number;
}

/** State of `applyIfFinite`. */
export interface ApplyIfFiniteState<S> {
  /** What made the state (see `stateRecord`). */
  kind: 'applyIfFinite';
  /** Non-finite updates in a row, up to and including the last one (0 after a finite one). */
  consecutiveErrors: number;
  /** Non-finite updates since init. */
  totalErrors: number;
  /** Whether the last update was finite (true before the first). */
  lastFinite: boolean;
  /** The inner transform's state, untouched by skipped steps. */
  inner: S;
}

const FIELDS = ['consecutiveErrors', 'totalErrors', 'lastFinite', 'inner'] as const;

/**
 * Skip a step whose updates hold a NaN or ±Infinity: the updates are zeroed
 * (so `applyUpdates` leaves params unchanged) and the inner state is left as it
 * was; the state counts the skips in a row and in total. After
 * `maxConsecutiveErrors` skips in a row, the next non-finite update is no
 * longer skipped: it runs through the inner transform and reaches the params,
 * exactly as optax's `apply_if_finite` gives up. (A throw there is impossible
 * by contract: the finiteness is known only in the apply phase, after the
 * transforms before this one in a chain have written, and an apply never
 * throws. A loop that must stop reads `state.consecutiveErrors`, or checks its
 * params — `train` stops with reason 'non-finite' and rolls back.)
 *
 * What is tested is the updates as they arrive (the gradients, or what the
 * transforms before it in a chain made of them), as optax does; wrap the whole
 * optimizer so a skipped step touches no state: `applyIfFinite(adam(), …)`.
 * @param inner the transform applied to finite updates
 * @param options maxConsecutiveErrors
 * @returns a transform with state `{ kind: 'applyIfFinite', consecutiveErrors, totalErrors, lastFinite, inner }`
 * @throws InvalidArgumentError when inner is not a transformation or maxConsecutiveErrors is missing or not a number; ArgumentRangeError when it is not an integer ≥ 0
 * @example
 * import ndarray from 'ndarray';
 * import { applyIfFinite, sgd, applyUpdates } from '@descent/optim';
 * const opt = applyIfFinite(sgd({ lr: 0.1 }), { maxConsecutiveErrors: 3 });
 * const x = ndarray(new Float64Array([1, 2]));
 * let state = opt.init(x);
 * const g = ndarray(new Float64Array([NaN, 4]));
 * state = opt.update(g, state, x);
 * applyUpdates(x, g);
 * x; // → [1, 2] — the step was skipped
 * state.consecutiveErrors; // → 1
 * g.set(0, 2); // a finite gradient again (the skipped step zeroed g)
 * g.set(1, 4);
 * state = opt.update(g, state, x);
 * applyUpdates(x, g);
 * x; // ≈ [0.8, 1.6]
 * state.consecutiveErrors; // → 0
 * state.totalErrors; // → 1
 */
export function applyIfFinite<T extends GradientTransformation<any>>(
  inner: T,
  options: ApplyIfFiniteOptions,
): CheckedTransformation<ApplyIfFiniteState<StateOf<T>>, unknown> {
  const where = 'applyIfFinite';
  assertInner(inner, where, 'inner');
  checkOptionKeys(where, options, ['maxConsecutiveErrors'], '{ maxConsecutiveErrors: 5 }');
  const limit = checkInteger(where, 'maxConsecutiveErrors', options?.maxConsecutiveErrors, 0, 'it is how many non-finite updates in a row are skipped, e.g. 5');
  return defineTransform<ApplyIfFiniteState<StateOf<T>>, InnerPlan>({
    name: where,
    init(params: Params) {
      return { kind: 'applyIfFinite', consecutiveErrors: 0, totalErrors: 0, lastFinite: true, inner: inner.init(params) as StateOf<T> };
    },
    check(updates: Params, state: ApplyIfFiniteState<StateOf<T>>, params: Params, extras?: UpdateExtras): InnerPlan {
      assertUpdatesTree(updates, where, true);
      const record = stateRecord(state, where, 'applyIfFinite', FIELDS);
      stateInteger(record, 'consecutiveErrors', where);
      stateInteger(record, 'totalErrors', where);
      stateBoolean(record, 'lastFinite', where);
      return checkInner(inner, updates, state.inner, params, extras);
    },
    apply(updates: Params, state: ApplyIfFiniteState<StateOf<T>>, params: Params, plan: InnerPlan) {
      const finite = allFinite(updates, where);
      state.lastFinite = finite;
      if (finite) {
        state.consecutiveErrors = 0;
      } else {
        state.consecutiveErrors += 1;
        state.totalErrors += 1;
        if (state.consecutiveErrors <= limit) {
          zeroTree(updates, where);
          return state;
        }
      }
      state.inner = applyInner(inner, updates, state.inner, params, plan) as StateOf<T>;
      return state;
    },
  });
}
