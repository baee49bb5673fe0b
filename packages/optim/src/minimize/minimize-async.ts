/**
 * `minimizeAsync`: `minimize` for an objective (or gradient) that answers
 * asynchronously — a simulation behind an API, a worker, a GPU readback. The
 * same loop as `minimize` (minimize/loop.ts) is driven by the asynchronous
 * driver, so with the same answers the run is bit-identical to `minimize`'s.
 */
import type { NdArray } from 'ndarray';
import { InvalidArgumentError } from '@descent/core';
import type { NumericalGradientOptions } from '../checks/gradient-option.js';
import { checkFunction, checkNumber, checkSignal } from '../checks/options.js';
import { isGradientPool, splitPool, type GradientPoolLike } from '../drive/gradient-pool.js';
import { EvaluationAborted, runAsync } from '../drive/run-async.js';
import { minimizeLoop } from './loop.js';
import { prepareMinimize, resultOf } from './minimize.js';
import type { MinimizeOptions, MinimizeResult } from './options.js';
import { serveAsync } from './serve-async.js';

/** The evaluations of f in flight at once while a numerical gradient is estimated. */
export const DEFAULT_CONCURRENCY = 4;

/** An analytic gradient that may answer later: write ∇f(x) into `out`, then resolve. */
export type AsyncAnalyticGradient = (x: NdArray, out: NdArray) => void | Promise<void>;

/** What a gradient source is told with each request. */
export interface GradientContext {
  /** The run's signal (undefined without one): a long gradient may stop early when it is aborted. */
  readonly signal: AbortSignal | undefined;
}

/**
 * Any object that computes gradients (a GPU, another service…), used like an
 * analytic gradient. Its evaluations of f are its own: they are not counted in
 * `evaluations` nor limited by `maxEvaluations`. (A pool of @descent/core/pool
 * is recognised by its `evaluate`, `close` and `workers` and serves minimize's
 * numerical gradients instead, counted: pass it as the gradient directly.)
 */
export interface GradientSourceObject {
  /** Write ∇f(x) into `out` (a contiguous Float64 ndarray of x's shape); `x` must not be modified. */
  gradient(x: NdArray, out: NdArray, context: GradientContext): void | Promise<void>;
}

/**
 * A worker pool of `@descent/core/pool` as the numerical gradient's evaluator,
 * with the loss's context and core's numerical options (scheme 'adaptive' included).
 */
export interface PoolGradientSource extends NumericalGradientOptions {
  /** The pool (`createGradientPool(…)`): its loss must be f, as `loss(x, context)` (trainAsync: see TrainPoolContext). */
  pool: GradientPoolLike;
  /** The loss's second argument (structured-cloned to the workers once per gradient). @default undefined */
  context?: unknown;
}

/** Options of `minimizeAsync`: those of `minimize`, with asynchronous gradient sources and a concurrency. */
export interface MinimizeAsyncOptions extends Omit<MinimizeOptions, 'gradient'> {
  /**
   * The gradient: core's numerical options (as in `minimize`; the calls of f run
   * up to `concurrency` at a time), an analytic gradient `(x, out) => void | Promise<void>`,
   * a gradient source object `{ gradient(x, out, context) }`, or a worker pool of
   * `@descent/core/pool` (`createGradientPool(…)`, whose loss is f) — alone, or as
   * `{ pool, context, ...numerical options }` — that estimates the numerical
   * gradients in its workers (the same bits and counts as in this thread).
   * @default { scheme: 'adaptive', h: 'auto' }
   */
  gradient?: NumericalGradientOptions | AsyncAnalyticGradient | GradientSourceObject | GradientPoolLike | PoolGradientSource;
  /** Calls of f in flight at once while a numerical gradient is estimated, an integer ≥ 1. @default 4 */
  concurrency?: number;
}

function isSourceObject(value: unknown): value is GradientSourceObject {
  return typeof value === 'object' && value !== null && typeof (value as { gradient?: unknown }).gradient === 'function' && !isGradientPool(value);
}

/**
 * Minimise f(x) whose value (or gradient) arrives asynchronously, with the
 * method, options and result of `minimize`.
 *
 * f may return a number or a Promise of one. Every request of the loop is
 * awaited in turn — a line search is sequential — except the N (forward) or
 * 2N (central) calls of a numerical gradient, which run up to `concurrency` at
 * a time, each on its own copy of the point. The answers being the same, the
 * result is bit-identical to `minimize`'s.
 *
 * Cancellation: `signal` is checked before every evaluation, so an abort takes
 * effect within one evaluation (the one in flight completes, its value is not
 * used). Once f and ∇f at x0 are known, the promise resolves with reason
 * 'aborted' and the best point seen; an abort before that rejects with
 * `signal.reason` (as fetch does: there is no point to return). x0 is never
 * modified.
 *
 * With a worker pool (`gradient: pool`), the numerical gradients are the pool's
 * (its loss must compute f; f itself is still called for values in this thread).
 * @param f the function to minimise, f(x) → number | Promise<number>
 * @param x0 the starting point: a non-empty float ndarray, any view; never modified
 * @param options those of `minimize`, plus `concurrency`; `gradient` may be async, a source object or a pool
 * @returns a promise of `minimize`'s result
 * @throws (rejects with) the errors of `minimize`: InvalidArgumentError, ArgumentRangeError, NotANumberError
 *   (f resolved to something that is not a number), FunctionThrewError (f or the gradient threw or rejected; its error is the cause), NonFiniteValueError
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { minimizeAsync } from '@descent/optim';
 * const remote = async (x: NdArray) => (x.get(0) - 1) ** 2 + (x.get(1) + 2) ** 2; // e.g. a fetch
 * const result = await minimizeAsync(remote, ndarray(new Float64Array([0, 0])), { concurrency: 2 });
 * result.reason; // → 'gradTol'
 * result.x; // ≈ [1, -2]
 */
export async function minimizeAsync<X extends NdArray<Float64Array> = NdArray<Float64Array>>(
  f: (x: X) => number | Promise<number>,
  x0: NdArray,
  options: MinimizeAsyncOptions = {},
): Promise<MinimizeResult> {
  checkFunction('minimizeAsync', 'f', f, '(x: NdArray) => number | Promise<number>');
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`minimizeAsync: options must be an object such as { concurrency: 4 }, got ${String(options)}.`);
  }
  const { concurrency: concurrencyOption, gradient: gradientOption, ...rest } = options;
  const { pool, rest: gradient } = splitPool(gradientOption, 'minimizeAsync');
  const concurrency = checkNumber('minimizeAsync', 'concurrency', concurrencyOption ?? DEFAULT_CONCURRENCY, { min: 1, integer: true }, 'the default is 4');
  const signal = checkSignal('minimizeAsync', rest.signal);
  const analytic: AsyncAnalyticGradient | undefined = isSourceObject(gradient)
    ? (x, out) => gradient.gradient(x, out, { signal })
    : (gradient as AsyncAnalyticGradient | undefined);
  const syncOptions: MinimizeOptions = { ...rest, ...(gradient === undefined ? {} : { gradient: (isSourceObject(gradient) ? analytic : gradient) as MinimizeOptions['gradient'] }) };
  const p = prepareMinimize(x0, syncOptions, 'minimizeAsync');
  const serve = serveAsync(f as (x: NdArray) => unknown, typeof analytic === 'function' ? analytic : undefined, { concurrency, signal, pool });
  try {
    const ending = await runAsync(minimizeLoop(p.run, p.stepper, p.o, p.history), serve, signal);
    return resultOf(p, ending);
  } catch (error) {
    if (error instanceof EvaluationAborted) throw signal?.reason ?? error;
    throw error;
  }
}
