/**
 * gradCheck's options and report, the tolerances' defaults and their checks.
 */
import type { NdArray } from 'ndarray';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import type { DirectionCheck } from './grad-check-fast.js';
import type { FailureLocation } from './grad-check-locate.js';
import type { GradientOptions } from '../options/options.js';

/** Options of gradCheck: the numerical-gradient options, the tolerances and the mode. */
export interface GradCheckOptions extends GradientOptions {
  /**
   * An element passes when its relative error |a−n| / (|a|+|n|) is at most
   * rtol. Central differences with the automatic step are accurate to about
   * 1e-10 relative in float64, so 1e-6 leaves room for ill-scaled losses while
   * still catching a wrong derivative (typically off by ≥ 1e-2). For
   * Float32Array parameters or one-sided schemes pass a looser rtol (≈ 1e-3).
   * @default 1e-6
   */
  rtol?: number;
  /**
   * ...or when its absolute error |a−n| is at most atol: the floor for
   * elements where both gradients are ≈ 0, whose relative error is
   * meaningless (a = 0, n = 1e-12 gives relative error 1).
   * @default 1e-8
   */
  atol?: number;
  /**
   * 'full': every partial derivative (2N calls of f, central), element by
   * element, with a per-element relative error array. 'fast': the directional
   * derivative along `directions` seeded random directions v over every
   * checked element at once (all parameter arrays moved together) against
   * vᵀa — torch's fast mode: 2k calls of f (central) whatever N and however
   * many arrays; a direction passes when |vᵀa − ∇f·v| ≤ atol·Σ|vᵢ| +
   * 2·rtol/(1−rtol)·Σ|vᵢaᵢ|, the bound every element passing the full check
   * implies. When a direction fails, bisection traces it to the array and the
   * element responsible (about 4·log₂N more calls; see
   * GradCheckReport.location). Fast mode is less sensitive to a single
   * wrong element among many (its error is diluted by the others' tolerances).
   * @default 'full'
   */
  mode?: 'full' | 'fast';
  /**
   * Fast mode: random directions, each over every checked element (2 calls of f each, central).
   * @default 4
   */
  directions?: number;
  /**
   * Fast mode: seed of the directions (the same seed, the same directions).
   * @default 0
   */
  seed?: number;
}

/**
 * The result of gradCheck. `E` is the shape of the per-element errors: one
 * ndarray for the one-array form, a record of them for named parameters.
 */
export interface GradCheckReport<E = NdArray | Record<string, NdArray>> {
  /** The mode that ran. */
  mode: 'full' | 'fast';
  /** max |a − n| over all elements (fast mode: over all directions). */
  maxAbsError: number;
  /** max |a − n| / max(tiny, |a| + |n|) over all elements (fast mode: directions). */
  maxRelError: number;
  /**
   * Full mode: multi-index of the element furthest beyond its tolerance
   * (largest min(abs/atol, rel/rtol)). Fast mode: the element a failing
   * direction was traced to (location.index), else [].
   */
  worstIndex: number[];
  /**
   * Named-parameter form: the parameter of the worst element (full mode), or
   * the one a failing direction was traced to (fast mode; absent when the
   * failure could not be confined to one array, or nothing failed).
   */
  worstKey?: string;
  /** Fast mode: index in `directions` of the direction furthest beyond its tolerance. */
  worstDirection?: number;
  /** Full mode: every element satisfies |a−n| ≤ atol or relative error ≤ rtol; fast mode: every direction passed. */
  passed: boolean;
  /** Calls of f made by the check. */
  evaluations: number;
  /**
   * Full mode: |a − n| / max(tiny, |a| + |n|) per element, as new Float64
   * ndarrays shaped like x (one-array form) or like each parameter (named form).
   */
  relativeErrors?: E;
  /** Fast mode: one record per direction (each over every checked element). */
  directions?: DirectionCheck[];
  /**
   * Fast mode, when a direction failed: where bisection traced the worst one
   * — the array (`key`, named form) and the element (`index`, with its
   * analytic and numerical partial derivatives), each only when measured to
   * fail on its own; also in worstKey and worstIndex.
   */
  location?: FailureLocation;
}

/** Default relative tolerance (see GradCheckOptions.rtol). */
export const DEFAULT_RTOL = 1e-6;
/** Default absolute tolerance (see GradCheckOptions.atol). */
export const DEFAULT_ATOL = 1e-8;
/** Default number of random directions of the fast mode (see GradCheckOptions.directions). */
export const DEFAULT_DIRECTIONS = 4;

export function tolerance(value: unknown, fallback: number, name: string): number {
  const t = value === undefined ? fallback : value;
  if (typeof t !== 'number' || !(t >= 0 && t < Infinity)) {
    const message = `gradCheck: ${name} must be a finite number ≥ 0 (got ${describe(t)}); the default is ${fallback}.`;
    throw typeof t === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  return t;
}

/** The mode and, for 'fast', the number of directions. */
export function modeOf(options: GradCheckOptions | undefined): { fast: boolean; directions: number } {
  const mode = options?.mode ?? 'full';
  if (mode !== 'full' && mode !== 'fast') {
    const message = `gradCheck: mode must be 'full' or 'fast' (got ${describe(mode)}).`;
    throw typeof mode === 'string' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const directions = options?.directions ?? DEFAULT_DIRECTIONS;
  if (typeof directions !== 'number') throw new InvalidArgumentError(`gradCheck: directions must be a positive integer (got ${describe(directions)}).`);
  if (!(Number.isSafeInteger(directions) && directions >= 1)) throw new ArgumentRangeError(`gradCheck: directions must be a positive integer (got ${directions}).`);
  return { fast: mode === 'fast', directions };
}

