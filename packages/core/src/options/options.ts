/**
 * The options every differentiation function shares, and their validation.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { describe } from '../errors/describe.js';
import { SCHEMES, type Scheme } from '../kernel/step.js';
import { checkBoundsShape, checkCounter, checkRichardson, choice } from './option-checks.js';

/** Counts calls of f; pass the same object to several calls to accumulate. */
export interface EvaluationCounter {
  evaluations: number;
}

/** Options shared by numericalDiff, numericalGradient(s) and gradCheck. */
export interface GradientOptions {
  /**
   * Step: a positive number (a fixed absolute step; the book uses 1e-4) or
   * 'auto' (eps^(1/3)·max(1,|xᵢ|) for central, eps^(1/2) for one-sided,
   * eps^(1/5) for five-point, eps of the array's storage: 2⁻⁵² for float64 and
   * plain arrays, 2⁻²³ for Float32Array). For scheme 'richardson' the first
   * of the halving steps: 'auto' is 0.5 (scipy.differentiate's), raised to
   * 1024 spacings of floats at huge |x|.
   * @default 'auto'
   */
  h?: number | 'auto';
  /**
   * Difference formula: 'central' (f(x+h) − f(x−h)) / 2h, 'forward'
   * (f(x+h) − f(x)) / h, 'backward' (f(x) − f(x−h)) / h, 'five-point'
   * (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h, or 'richardson': central
   * differences at h₀ = 0.5 (or h), h₀/2, h₀/4, … extrapolated until the
   * estimate reaches the rounding floor of f's values, with an error estimate
   * per element (the `error` option of numericalGradient(s) and jacobian;
   * `derivative` for a scalar) — about 6–12 calls per element, accurate to a
   * few ulps on smooth f.
   * @default 'central'
   */
  scheme?: Scheme;
  /**
   * Incremented once per call of f, also when a call throws. A gradient over N
   * coordinates costs N+1 calls (forward, backward; N with f0), 2N (central),
   * 4N (five-point), about 6N–12N + 1 (richardson).
   * Must be writable (checked before f runs).
   * @default undefined (nothing is counted)
   */
  counter?: EvaluationCounter;
  /**
   * What to do when a fixed `h` is below the spacing of floating-point numbers
   * at a coordinate, so that x ± h === x and no step is applied. 'throw': a
   * StepUnderflowError naming the coordinate and the smallest usable h (the
   * honest default: the quotient would be 0/2h, a silently wrong derivative).
   * 'zero': do what the book's formula does — evaluate f at the unmoved
   * point and return the quotient as computed (0 where no node moved; with
   * the 'actual' quotient a coordinate where only some nodes moved gets the
   * difference quotient of the nodes that did); the book-compatible
   * `gradientDescent` uses this to reproduce the book's numbers when x grows
   * past 1e12 with h = 1e-4. Never applies to h: 'auto' nor to scheme
   * 'richardson' (a first step that does not move x is always an error there).
   * @default 'throw'
   */
  stepUnderflow?: StepUnderflow;
  /**
   * What the difference of f is divided by. 'actual': the step actually
   * taken, i.e. the difference of the nodes as stored — (x+h) − (x−h) after
   * rounding, like scipy's approx_derivative — so a step that rounds
   * (x = 1e12, h = 1e-4; Float32Array storage) still gives the right slope;
   * five-point fits the cubic through the stored nodes. 'nominal': the book's
   * formula, dividing by 2h (h, 12h) whatever was stored: bit-identical to
   * "Deep Learning from Scratch" and wrong by the rounding of x ± h (22% at
   * x = 1e12, h = 1e-4). Both agree wherever x ± h is exact (always with h: 'auto').
   * Scheme 'richardson' always uses the stored nodes.
   * @default 'actual'
   */
  quotient?: Quotient;
  /**
   * f at the unperturbed point, when the caller already has it (scipy's
   * `f0`, FiniteDiff's `fx`): the one-sided schemes (and coordinates turned
   * one-sided by `bounds`) use it instead of calling f(x). It must be f(x)
   * exactly as f would return it now; it is not checked. Without it f(x) is
   * evaluated once per call — numericalGradients shares it across all arrays.
   * @default undefined (f(x) is evaluated when a formula needs it)
   */
  f0?: number;
  /**
   * A box the nodes must stay in: `lower` and `upper` are each a number (every
   * coordinate), an ndarray of x's shape, or — for numericalGradients — a
   * record of those by parameter name (a missing name is unbounded). Next to a
   * bound the formula turns one-sided with the same order (scipy's
   * _adjust_scheme_to_bounds): central becomes (−3f(x) + 4f(x±h) − f(x±2h))/±2h,
   * five-point its one-sided five-node form, forward steps backward at an upper
   * bound; where neither side has room for the step, the step shrinks to the
   * larger side. Every coordinate of x must lie in its box (else
   * ArgumentRangeError naming it) and lower < upper. Honoured by every
   * function of the package (jacobian, hessian, hessianVectorProduct,
   * directionalDerivative, spsaGradient and gradCheck too; see each).
   * @default undefined (unbounded)
   */
  bounds?: Bounds;
  /**
   * Called while a long gradient runs, with { done, total, evaluations,
   * elapsedMs, array } (coordinates finished and in all, calls of f so far,
   * milliseconds since the start, the array being differentiated). Cadence:
   * the clock is read every k coordinates (k doubles while reads come faster
   * than progressInterval/8 apart, so it costs nothing measurable), and
   * onProgress is called when progressInterval ms have passed since the last
   * call; once more at the end with done = total. Absent, the loop pays one
   * counter compare per coordinate.
   * @default undefined (no reporting)
   */
  onProgress?: (progress: Progress) => void;
  /**
   * Milliseconds between two onProgress calls (at least; a single call of f
   * longer than this delays the next report).
   * @default 1000
   */
  progressInterval?: number;
  /**
   * Tolerances of scheme 'richardson' (step halving with extrapolation): a
   * coordinate has converged when its error estimate is at most
   * atol + rtol·|∂f/∂xᵢ|, or when the estimate has reached the rounding floor
   * of f's values (the default: as accurate as the floats allow); at most
   * maxLevels step sizes (2 calls of f each, central).
   * @default { rtol: 0, atol: 0, maxLevels: 10 }
   */
  richardson?: RichardsonOptions;
}

/** What onProgress receives. */
export interface Progress {
  /** Coordinates finished (over every array of the call). */
  done: number;
  /** Coordinates in all. */
  total: number;
  /** Calls of f so far. */
  evaluations: number;
  /** Milliseconds since the call started. */
  elapsedMs: number;
  /** Name of the array being differentiated (`x`, or the parameter's key). */
  array: string;
}

/** A lower or upper bound: one number for every coordinate, an ndarray of x's shape, or (named form) a record of those. */
export type BoundValue = number | NdArray | Record<string, number | NdArray>;

/** The box of the `bounds` option. */
export interface Bounds {
  /** @default -Infinity */
  lower?: BoundValue;
  /** @default Infinity */
  upper?: BoundValue;
}

/** Tolerances of scheme 'richardson'. */
export interface RichardsonOptions {
  /** Relative tolerance on each derivative. @default 0 (to the rounding floor) */
  rtol?: number;
  /** Absolute tolerance. @default 0 */
  atol?: number;
  /** Largest number of step sizes (2 calls each), 2…30. @default 10 */
  maxLevels?: number;
}

/** How to treat a fixed step that vanishes at a coordinate (x ± h === x). */
export type StepUnderflow = 'throw' | 'zero';

/** What the difference quotient divides by: the step actually stored, or the nominal h. */
export type Quotient = 'actual' | 'nominal';

/** Default: a vanishing step is an error. */
export const DEFAULT_STEP_UNDERFLOW: StepUnderflow = 'throw';

/** Default step: chosen per coordinate from the storage's epsilon. */
export const DEFAULT_H = 'auto';
/** Default scheme: second-order central differences. */
export const DEFAULT_SCHEME: Scheme = 'central';
/** Default quotient: divide by the step actually taken (scipy's rule). */
export const DEFAULT_QUOTIENT: Quotient = 'actual';

/** Options after validation, defaults filled in (what resolveGradientOptions returns). */
export interface ResolvedGradientOptions {
  /** See GradientOptions.scheme. */
  scheme: Scheme;
  /** See GradientOptions.h. */
  h: number | 'auto';
  /** See GradientOptions.counter. */
  counter: EvaluationCounter | undefined;
  /** See GradientOptions.stepUnderflow. */
  stepUnderflow: StepUnderflow;
  /** See GradientOptions.quotient. */
  quotient: Quotient;
  /** See GradientOptions.f0. */
  f0: number | undefined;
  /** See GradientOptions.bounds (its form checked; values and shapes per array later). */
  bounds: Bounds | undefined;
  /** See GradientOptions.onProgress. */
  onProgress: ((progress: Progress) => void) | undefined;
  /** See GradientOptions.progressInterval. */
  progressInterval: number;
  /** See GradientOptions.richardson, every field filled in. */
  richardson: Required<RichardsonOptions>;
}

/** The keys of GradientOptions, in the order messages list them. */
const SHARED_KEYS: readonly string[] = ['h', 'scheme', 'counter', 'stepUnderflow', 'quotient', 'f0', 'bounds', 'onProgress', 'progressInterval', 'richardson'];

/** Default of progressInterval, in milliseconds. */
export const DEFAULT_PROGRESS_INTERVAL = 1000;

/** Defaults of the richardson option. */
export const DEFAULT_RICHARDSON: Readonly<Required<RichardsonOptions>> = Object.freeze({ rtol: 0, atol: 0, maxLevels: 10 });

/** The values stepUnderflow and quotient may take (hoisted: resolveOptions runs on every call). */
const STEP_UNDERFLOWS: readonly StepUnderflow[] = ['throw', 'zero'];
const QUOTIENTS: readonly Quotient[] = ['actual', 'nominal'];

/**
 * Validate the shared numerical-differentiation options and fill in the
 * defaults, under the name of the calling function. For callers that pass
 * options on to @descent/core later (an optimizer's `gradient` or `numerical`
 * option): call it up front so a bad option is reported before anything runs,
 * under the caller's name. The result is a valid GradientOptions object.
 *
 * Rules: options is undefined or a non-array object with only the keys h,
 * scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress,
 * progressInterval, richardson (a misspelt key is an error, not a
 * silently ignored setting); a key set to undefined takes its default; null
 * is refused like any other wrong type. counter must be writable.
 *
 * @param options - the caller's options (undefined for all defaults)
 * @param where - the public function's name, for messages (`minimize`, `train`)
 * @returns every option, defaults filled in
 * @throws InvalidArgumentError for a wrong type, an unknown key or a read-only counter;
 *   ArgumentRangeError for a value out of range (h ≤ 0, an unknown scheme, …)
 * @example
 * const resolved = resolveGradientOptions({ h: 1e-4 }, 'minimize');
 * resolved.scheme; // → 'central'
 * resolved.quotient; // → 'actual'
 * // A misspelt key, resolveGradientOptions({ sheme: 'forward' }, 'train'), throws an
 * // InvalidArgumentError: "train: unknown option sheme …".
 */
export function resolveGradientOptions(options: GradientOptions | undefined, where: string): ResolvedGradientOptions {
  return resolveOptions(options, where, []);
}

/**
 * resolveGradientOptions for a function that accepts further keys (`out`,
 * `rtol`, `atol`), validated by that function itself.
 */
export function resolveOptions(options: GradientOptions | undefined, where: string, extraKeys: readonly string[]): ResolvedGradientOptions {
  if (options === undefined) {
    // the same object literal as below (one hidden class for every resolved options object the kernels read)
    return { scheme: DEFAULT_SCHEME, h: DEFAULT_H, counter: undefined, stepUnderflow: DEFAULT_STEP_UNDERFLOW, quotient: DEFAULT_QUOTIENT, f0: undefined, bounds: undefined, onProgress: undefined, progressInterval: DEFAULT_PROGRESS_INTERVAL, richardson: DEFAULT_RICHARDSON };
  }
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${where}: options must be an object like { h: 1e-4, scheme: 'central' } (got ${describe(options)}).`);
  }
  for (const key in options) {
    if (!SHARED_KEYS.includes(key) && !extraKeys.includes(key) && Object.prototype.hasOwnProperty.call(options, key)) {
      throw new InvalidArgumentError(
        `${where}: unknown option ${JSON.stringify(key)}; the options are ${[...SHARED_KEYS, ...extraKeys].join(', ')}.`,
      );
    }
  }
  const scheme = choice(options.scheme, DEFAULT_SCHEME, SCHEMES, where, 'scheme');
  const h = options.h === undefined ? DEFAULT_H : options.h;
  if (h !== 'auto' && !(typeof h === 'number' && h > 0 && h < Infinity)) {
    const message = `${where}: h must be a positive finite number or 'auto' (got ${describe(h)}); the book uses h: 1e-4.`;
    throw typeof h === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const stepUnderflow = choice(options.stepUnderflow, DEFAULT_STEP_UNDERFLOW, STEP_UNDERFLOWS, where, 'stepUnderflow');
  const quotient = choice(options.quotient, DEFAULT_QUOTIENT, QUOTIENTS, where, 'quotient');
  const f0 = options.f0;
  if (f0 !== undefined && !(typeof f0 === 'number' && f0 - f0 === 0)) {
    const message = `${where}: f0 must be f(x), a finite number (got ${describe(f0)}); leave it out to let f(x) be evaluated.`;
    throw typeof f0 === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const onProgress = options.onProgress;
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw new InvalidArgumentError(`${where}: onProgress must be a function ({ done, total }) => void (got ${describe(onProgress)}).`);
  }
  const progressInterval = options.progressInterval === undefined ? DEFAULT_PROGRESS_INTERVAL : options.progressInterval;
  if (!(typeof progressInterval === 'number' && progressInterval >= 0 && progressInterval < Infinity)) {
    const message = `${where}: progressInterval must be a number of milliseconds ≥ 0 (got ${describe(progressInterval)}); the default is ${DEFAULT_PROGRESS_INTERVAL}.`;
    throw typeof progressInterval === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  return {
    scheme,
    h,
    counter: checkCounter(options.counter, where),
    stepUnderflow,
    quotient,
    f0,
    bounds: checkBoundsShape(options.bounds, where),
    onProgress,
    progressInterval,
    richardson: options.richardson === undefined ? DEFAULT_RICHARDSON : checkRichardson(options.richardson, where),
  };
}

/**
 * Add `calls` to the counter without ever throwing: the counter was checked to
 * be writable up front, so this fails only if f made it read-only while it
 * ran; the count is then dropped rather than losing the gradient or f's error.
 */
export function addEvaluations(counter: EvaluationCounter | undefined, calls: number): void {
  if (counter === undefined) return;
  try {
    counter.evaluations += calls;
  } catch {
    // f froze the counter mid-run: keep the result / the original error.
  }
}
