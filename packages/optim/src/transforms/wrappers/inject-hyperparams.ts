/**
 * injectHyperparams: hyperparameters kept in the state as plain numbers, which
 * the caller (a callback, a plateau rule, a UI slider) may change between
 * steps (optax's `inject_hyperparams`).
 */
import { ArgumentRangeError, InvalidArgumentError, InvalidStateError } from '@descent/core';
import { defineTransform } from '../define-transform.js';
import { STATE_FIX, stateRecord } from '../state.js';
import type { CheckedTransformation, GradientTransformation, Params, UpdateExtras } from '../transform.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';

/** State of `injectHyperparams`: the current hyperparameters (change them between steps) and the inner state. */
export interface InjectHyperparamsState<V, S> {
  /** What made the state (see `stateRecord`). */
  kind: 'injectHyperparams';
  /** The hyperparameters the next update uses: finite numbers, one per key given at construction. */
  hyperparams: { [K in keyof V]: number };
  /** The state of the transform built from them. */
  inner: S;
}

/** What injectHyperparams' check hands to its apply: the transform built for this step's values. */
export interface InjectHyperparamsPlan {
  readonly transform: GradientTransformation<any>;
  readonly inner: InnerPlan;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : typeof value === 'function' ? 'a function' : `${typeof value} ${String(value)}`;
}

/**
 * Optimizer hyperparameters as state. `injectHyperparams(factory)(values)`
 * builds `factory(values)` and keeps `values` in the state, as
 * `state.hyperparams`: set `state.hyperparams.lr = 1e-4` (a callback, a
 * plateau rule, code that reads a checkpoint) and the next update uses it.
 * Nothing is rebuilt on a step whose values equal the previous step's: the
 * factory runs again only when a value changed (at most once per change, in
 * the check phase, so a value the factory refuses — a negative lr — throws
 * before anything is modified). The inner state carries over unchanged
 * (hyperparameters are not part of a state's kind), as in optax, which calls
 * the factory at every step.
 *
 * The values are numbers only (they live in JSON state); pass fixed non-number
 * options inside the factory, and a learning-rate schedule to the optimizer
 * itself (`adam({ lr: warmupCosineDecaySchedule(…) })`, which rebuilds nothing).
 * @param factory builds the transform from the hyperparameters, e.g. `sgd` or `(h: { lr: number }) => adamw({ lr: h.lr })`
 * @returns a function of the initial values giving the transform, with state `{ kind: 'injectHyperparams', hyperparams, inner }`
 * @throws InvalidArgumentError when factory is not a function, a value is not a number or the factory does not
 *   return a transformation; ArgumentRangeError for a non-finite value (also from update, naming
 *   `state.hyperparams.key`); the factory's own errors for values it refuses
 * @example
 * import ndarray from 'ndarray';
 * import { injectHyperparams, sgd } from '@descent/optim';
 * const opt = injectHyperparams(sgd)({ lr: 0.1 });
 * const x = ndarray(new Float64Array([1]));
 * let state = opt.init(x);
 * const g = ndarray(new Float64Array([2]));
 * state = opt.update(g, state, x);
 * g; // ≈ [-0.2]
 * state.hyperparams.lr = 0.01; // from now on
 * g.set(0, 2);
 * state = opt.update(g, state, x);
 * g; // ≈ [-0.02]
 */
export function injectHyperparams<H extends object, T extends GradientTransformation<any>>(
  factory: (hyperparams: H) => T,
): <V extends H & { [K in keyof V]: number }>(hyperparams: V) => CheckedTransformation<InjectHyperparamsState<V, StateOf<T>>, unknown> {
  const where = 'injectHyperparams';
  if (typeof factory !== 'function') throw new InvalidArgumentError(`${where}: factory must be a function (hyperparams) => transformation such as sgd, got ${describe(factory)}.`);
  return <V extends H & { [K in keyof V]: number }>(hyperparams: V) => {
    if (typeof hyperparams !== 'object' || hyperparams === null || Array.isArray(hyperparams)) {
      throw new InvalidArgumentError(`${where}: hyperparams must be a record of numbers such as { lr: 0.01 }, got ${describe(hyperparams)}.`);
    }
    const keys = Object.keys(hyperparams);
    const values = keys.map((key) => finite((hyperparams as Record<string, unknown>)[key], `hyperparams.${key}`, false));
    const build = (numbers: readonly number[]): GradientTransformation<any> => {
      const record: Record<string, number> = {};
      keys.forEach((key, i) => {
        record[key] = numbers[i]!;
      });
      const t: unknown = factory(record as H);
      assertInner(t, where, 'what the factory returned');
      return t;
    };
    // The transform for the values seen last: rebuilt only when one of them changes.
    let built = { values, transform: build(values) };
    const current = (state: unknown): GradientTransformation<any> => {
      const record = (state as Record<string, unknown>)['hyperparams'];
      if (typeof record !== 'object' || record === null || Array.isArray(record) || Object.keys(record).length !== keys.length || !keys.every((k) => Object.hasOwn(record, k))) {
        throw new InvalidStateError(`${where}: state.hyperparams must hold exactly the keys ${keys.join(', ')}, each a number; ${STATE_FIX}.`, 'state.hyperparams');
      }
      let changed = false;
      for (let i = 0; i < keys.length; i++) {
        const value = finite((record as Record<string, unknown>)[keys[i]!], `state.hyperparams.${keys[i]!}`, true);
        if (!Object.is(value, built.values[i])) changed = true;
      }
      if (!changed) return built.transform;
      const next = keys.map((k) => (record as Record<string, number>)[k]!);
      built = { values: next, transform: build(next) };
      return built.transform;
    };
    return defineTransform<InjectHyperparamsState<V, StateOf<T>>, InjectHyperparamsPlan>({
      name: where,
      init(params: Params) {
        const record = {} as { [K in keyof V]: number };
        keys.forEach((key, i) => {
          (record as Record<string, number>)[key] = values[i]!;
        });
        return { kind: 'injectHyperparams', hyperparams: record, inner: built.transform.init(params) as StateOf<T> };
      },
      check(updates: Params, state: InjectHyperparamsState<V, StateOf<T>>, params: Params, extras?: UpdateExtras): InjectHyperparamsPlan {
        assertUpdatesTree(updates, where, false);
        const record = stateRecord(state, where, 'injectHyperparams', ['hyperparams', 'inner']);
        const transform = current(record);
        return { transform, inner: checkInner(transform, updates, record['inner'], params, extras) };
      },
      apply(updates: Params, state: InjectHyperparamsState<V, StateOf<T>>, params: Params, plan: InjectHyperparamsPlan) {
        state.inner = applyInner(plan.transform, updates, state.inner, params, plan.inner) as StateOf<T>;
        return state;
      },
    });
  };

  function finite(value: unknown, path: string, inState: boolean): number {
    if (typeof value !== 'number') {
      const message = `${where}: ${path} must be a finite number, got ${describe(value)}`;
      if (inState) throw new InvalidStateError(`${message}; set it to a number (JSON.stringify writes NaN as null) — ${STATE_FIX}.`, path);
      throw new InvalidArgumentError(`${message}; pass numbers only (a schedule goes to the optimizer itself).`);
    }
    if (!Number.isFinite(value)) throw new ArgumentRangeError(`${where}: ${path} must be a finite number, got ${value}.`);
    return value;
  }
}
