/**
 * injectHyperparams: hyperparameters kept in the state as plain numbers, which
 * the caller (a callback, a plateau rule, a UI slider) may change between
 * steps, or which schedules set at each step (optax's `inject_hyperparams`).
 */
import { ArgumentRangeError, InvalidArgumentError, InvalidStateError } from '@descent/core';
import { defineTransform } from '../define-transform.js';
import { STATE_FIX, stateRecord } from '../state.js';
import type { CheckedTransformation, GradientTransformation, Params, Schedule, UpdateExtras } from '../transform.js';
import { stateInteger } from '../state-fields.js';
import type { StateOf } from '../chain.js';
import { assertUpdatesTree } from '../../tree/memory.js';
import { applyInner, assertInner, checkInner, type InnerPlan } from './inner.js';

/** State of `injectHyperparams`: the current hyperparameters (change them between steps) and the inner state. */
export interface InjectHyperparamsState<V, S> {
  /** What made the state (see `stateRecord`). */
  kind: 'injectHyperparams';
  /**
   * The hyperparameters: finite numbers, one per key given at construction.
   * A number given at construction is what the next update uses (change it
   * between steps); a schedule's entry is the value it gave at the last update
   * (at step 0 before the first), rewritten at every update, as in optax.
   */
  hyperparams: { [K in keyof V]: number };
  /** Only when a hyperparameter is a schedule: the number of updates made (the schedules' step). */
  count?: number;
  /** The state of the transform built from them. */
  inner: S;
}

/** What injectHyperparams' check hands to its apply: the transform built for this step's values. */
export interface InjectHyperparamsPlan {
  readonly transform: GradientTransformation<any>;
  readonly inner: InnerPlan;
  /** The values the scheduled keys took at this step (to store in the state), or null. */
  readonly scheduled: readonly number[] | null;
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
 * A value may also be a schedule `(step) => number`, as in optax: the state
 * then counts the updates (`state.count`), update t builds the transform with
 * schedule(t), and `state.hyperparams[key]` shows the value used last
 * (schedule(0) before the first update); the factory receives numbers only.
 * Other non-number options go inside the factory.
 * @param factory builds the transform from the hyperparameters, e.g. `sgd` or `(h: { lr: number }) => adamw({ lr: h.lr })`
 * @returns a function of the initial values (numbers or schedules) giving the transform, with state
 *   `{ kind: 'injectHyperparams', hyperparams, inner }` (and `count` when a value is a schedule)
 * @throws InvalidArgumentError when factory is not a function, a value is neither a number nor a function, or the
 *   factory does not return a transformation; ArgumentRangeError for a non-finite value (also from update, naming
 *   `state.hyperparams.key`, or a schedule's value at a step); the factory's own errors for values it refuses
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
): <V extends { [K in keyof V]: number | Schedule }>(hyperparams: V) => CheckedTransformation<InjectHyperparamsState<V, StateOf<T>>, unknown> {
  const where = 'injectHyperparams';
  if (typeof factory !== 'function') throw new InvalidArgumentError(`${where}: factory must be a function (hyperparams) => transformation such as sgd, got ${describe(factory)}.`);
  return <V extends { [K in keyof V]: number | Schedule }>(hyperparams: V) => {
    if (typeof hyperparams !== 'object' || hyperparams === null || Array.isArray(hyperparams)) {
      throw new InvalidArgumentError(`${where}: hyperparams must be a record of numbers or schedules such as { lr: 0.01 }, got ${describe(hyperparams)}.`);
    }
    const keys = Object.keys(hyperparams);
    const given = keys.map((key) => (hyperparams as Record<string, unknown>)[key]);
    const schedules = given.map((v) => (typeof v === 'function' ? (v as Schedule) : null));
    const hasSchedule = schedules.some((s) => s !== null);
    const valueAt = (i: number, step: number): number => finite(schedules[i]!(step), `hyperparams.${keys[i]!} (the schedule at step ${step})`, false);
    const values: readonly number[] = keys.map((key, i) => (schedules[i] !== null ? valueAt(i, 0) : finite(given[i], `hyperparams.${key}`, false)));
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
    const current = (numbers: readonly number[]): GradientTransformation<any> => {
      if (numbers.every((v, i) => Object.is(v, built.values[i]))) return built.transform;
      built = { values: numbers, transform: build(numbers) };
      return built.transform;
    };
    /** This step's values: the state's numbers, the schedules' values at state.count. */
    const stepValues = (record: Record<string, unknown>): number[] => {
      const stored = record['hyperparams'];
      if (typeof stored !== 'object' || stored === null || Array.isArray(stored) || Object.keys(stored).length !== keys.length || !keys.every((k) => Object.hasOwn(stored, k))) {
        throw new InvalidStateError(`${where}: state.hyperparams must hold exactly the keys ${keys.join(', ')}, each a number; ${STATE_FIX}.`, 'state.hyperparams');
      }
      const count = hasSchedule ? stateInteger(record, 'count', where) : 0;
      return keys.map((key, i) => {
        const value = finite((stored as Record<string, unknown>)[key], `state.hyperparams.${key}`, true);
        return schedules[i] !== null ? valueAt(i, count) : value;
      });
    };
    return defineTransform<InjectHyperparamsState<V, StateOf<T>>, InjectHyperparamsPlan>({
      name: where,
      init(params: Params) {
        const record = {} as { [K in keyof V]: number };
        keys.forEach((key, i) => {
          (record as Record<string, number>)[key] = values[i]!;
        });
        const inner = current(values).init(params) as StateOf<T>;
        return hasSchedule ? { kind: 'injectHyperparams', hyperparams: record, count: 0, inner } : { kind: 'injectHyperparams', hyperparams: record, inner };
      },
      check(updates: Params, state: InjectHyperparamsState<V, StateOf<T>>, params: Params, extras?: UpdateExtras): InjectHyperparamsPlan {
        assertUpdatesTree(updates, where, false);
        const record = stateRecord(state, where, 'injectHyperparams', hasSchedule ? ['hyperparams', 'count', 'inner'] : ['hyperparams', 'inner']);
        const numbers = stepValues(record);
        const transform = current(numbers);
        return { transform, inner: checkInner(transform, updates, record['inner'], params, extras), scheduled: hasSchedule ? numbers : null };
      },
      apply(updates: Params, state: InjectHyperparamsState<V, StateOf<T>>, params: Params, plan: InjectHyperparamsPlan) {
        state.inner = applyInner(plan.transform, updates, state.inner, params, plan.inner) as StateOf<T>;
        if (plan.scheduled !== null) {
          keys.forEach((key, i) => {
            if (schedules[i] !== null) (state.hyperparams as Record<string, number>)[key] = plan.scheduled![i]!;
          });
          state.count = state.count! + 1;
        }
        return state;
      },
    });
  };

  function finite(value: unknown, path: string, inState: boolean): number {
    if (typeof value !== 'number') {
      const message = `${where}: ${path} must be a finite number, got ${describe(value)}`;
      if (inState) throw new InvalidStateError(`${message}; set it to a number (JSON.stringify writes NaN as null) — ${STATE_FIX}.`, path);
      throw new InvalidArgumentError(`${message}; pass a number or a schedule (step) => number.`);
    }
    if (!Number.isFinite(value)) throw new ArgumentRangeError(`${where}: ${path} must be a finite number, got ${value}.`);
    return value;
  }
}
