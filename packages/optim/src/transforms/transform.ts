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
 * - `init(params)` returns plain data (numbers, number[] and records of them,
 *   each record tagged with the `kind` of transform that made it) so
 *   `stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))))` is a
 *   checkpoint that resumes bit-identically, NaN, ±Infinity and −0 included
 *   (plain `JSON.stringify` writes those as null or 0, and update refuses a
 *   null where a number belongs).
 * - `update(updates, state, params)` rewrites `updates` IN PLACE (it arrives
 *   holding the gradients or the previous transform's output, and leaves holding
 *   the step to ADD to params) and returns the next state (it may be the same
 *   object, mutated). It allocates nothing per element.
 * - `updates` and `params` have the same structure: one NdArray, or a record of
 *   NdArrays with the same keys; arrays may be any ndarray view (strided, offset).
 * - Every transform of this package is made by `defineTransform` (or
 *   `stateless`): `update` is `check` then `apply`, where `check` validates
 *   everything and writes nothing, and `apply` writes and cannot fail. `chain`
 *   runs all the checks of a chain before the first apply, so a bad state, bad
 *   updates or a failing learning-rate schedule anywhere in it modifies nothing.
 */
import type { NdArray } from 'ndarray';

/** A parameter tree: one array, or a flat record of named arrays. */
export type Params = NdArray | Readonly<Record<string, NdArray>>;

/**
 * What a caller may pass to `update` besides the gradients (optax's extra
 * arguments), as an optional fourth argument: `opt.update(grads, state,
 * params, { value: loss })`. A chain and every wrapper of this package hand it
 * to each inner transform's `check` (or, for a hand-written transform, its
 * `update`); transforms that do not read it ignore it.
 */
export interface UpdateExtras {
  /**
   * The objective's value (the loss) at `params`, for transforms that watch it
   * (`reduceOnPlateau` refuses an update without it).
   * @default undefined
   */
  readonly value?: number;
}

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
   * @param extras what else the step knows, e.g. `{ value: loss }` (see `UpdateExtras`)
   */
  update(updates: Params, state: S, params: Params, extras?: UpdateExtras): S;
  /**
   * Optional (every transform of this package has it; see `defineTransform`):
   * throw if `updates`, `state` or `params` cannot be used, modifying nothing,
   * and return what `apply` needs. `chain` runs a transform without `apply`
   * through `update` in its apply phase (after its `check`, if it has one), so
   * a hand-written `{ init, update }` is not covered by the chain's "nothing is
   * modified when a check fails"; build it with `defineTransform` to be.
   */
  check?(updates: Params, state: S, params: Params, extras?: UpdateExtras): unknown;
  /** Optional, with `check`: rewrite `updates` in place and return the next state, given `check`'s result. Never throws. */
  apply?(updates: Params, state: S, params: Params, plan: unknown): S;
}

/**
 * A transform made by `defineTransform`: `check` and `apply` are always there,
 * and `update(u, s, p)` is `apply(u, s, p, check(u, s, p))`. `P` is what check
 * hands to apply.
 */
export interface CheckedTransformation<S = Json, P = unknown> extends GradientTransformation<S> {
  check(updates: Params, state: S, params: Params, extras?: UpdateExtras): P;
  apply(updates: Params, state: S, params: Params, plan: P): S;
}

/**
 * A schedule: the learning rate as a function of the 0-based step count. Yours
 * is a callback: an exception it throws reaches the caller of update (and of
 * minimize or train) unchanged.
 */
export type Schedule = (step: number) => number;
/** A learning rate: a constant, or a schedule of the 0-based step count. */
export type LearningRate = number | Schedule;
