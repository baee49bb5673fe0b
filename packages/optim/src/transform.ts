/**
 * The optimizer contract, in the style of optax: an optimizer is a small
 * transformation of gradients with explicit state that the CALLER owns.
 *
 *   const opt = chain(clipByGlobalNorm(1), adam({ lr: 1e-3 }));
 *   let state = opt.init(params);          // plain JSON data
 *   // each step: fill `grads` with ∇loss, then
 *   state = opt.update(grads, state, params); // grads now hold the step
 *   applyUpdates(params, grads);             // params += step, in place
 *
 * Design rules (shared by every transform in this package):
 * - `init(params)` returns plain data (numbers, number[] and records of them)
 *   so `JSON.parse(JSON.stringify(state))` is a checkpoint that resumes
 *   bit-identically.
 * - `update(updates, state, params)` rewrites `updates` IN PLACE (it arrives
 *   holding the gradients or the previous transform's output, and leaves holding
 *   the step to ADD to params) and returns the next state (it may be the same
 *   object, mutated). It allocates nothing per element.
 * - `updates` and `params` have the same structure: one NdArray, or a record of
 *   NdArrays with the same keys; arrays may be any ndarray view (strided, offset).
 */
import type { NdArray } from 'ndarray';

/** A parameter tree: one array, or a flat record of named arrays. */
export type Params = NdArray | Readonly<Record<string, NdArray>>;

/** JSON-compatible plain data. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One composable optimizer step (optax's GradientTransformation). */
export interface GradientTransformation<S = Json> {
  /** Create the initial state for `params`: plain JSON data owned by the caller. */
  init(params: Params): S;
  /**
   * Rewrite `updates` in place into the step to add to params; return the next state.
   * @param updates gradients on entry (or the previous transform's output), the step on exit
   * @param state the state returned by `init` or by the previous `update`
   * @param params the current parameters (read-only here; needed by e.g. weight decay)
   */
  update(updates: Params, state: S, params: Params): S;
  /**
   * Optional: throw if `state` (or `params`) cannot be used with `updates`, and
   * modify nothing. `chain` runs every transform's check before any update, so
   * a mismatch deep in a chain leaves the updates and all states untouched;
   * `update` runs its own check as well.
   */
  check?(updates: Params, state: S, params: Params): void;
}

/** A schedule: the learning rate as a function of the 0-based step count. */
export type Schedule = (step: number) => number;
/** A learning rate: a constant, or a schedule of the 0-based step count. */
export type LearningRate = number | Schedule;
