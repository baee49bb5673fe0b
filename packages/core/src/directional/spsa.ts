/**
 * SPSA — simultaneous perturbation stochastic approximation (Spall 1992): a
 * gradient estimate from 2 calls of f per sample whatever the size of x, by
 * moving every element at once by ±hᵢ along random Rademacher signs.
 */
import ndarray, { type NdArray } from 'ndarray';
import { assertElementsFinite, assertFunction, checkDestination, checkPoint } from '../options/arguments.js';
import { alongCalls, valueAlong, valueAtCenter } from './along-call.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { checkF0 } from './directional.js';
import { elementBounds, intoBox, resolveBounds, type ElementBounds } from '../kernel/bounds.js';
import { stepOverflowError, stepTooSmallError } from '../kernel/errors.js';
import { refuseKernelOnlyOptions } from '../options/kernel-only-options.js';
import { addEvaluations, resolveOptions, type GradientOptions, type ResolvedGradientOptions } from '../options/options.js';
import { elementName, perturbation, restoreAll, type Perturbation } from './perturb-along.js';
import { scatter } from '../memory/strided.js';
import { checkRandomState, rademacherInto, randomState, type RandomState } from './random.js';
import { autoStep, autoStepBase, epsilonOf, FLOAT32_MAX, type Precision } from '../kernel/step.js';
import { sizeOf } from '../memory/strided.js';

/** Options of spsaGradient. `scheme` is 'central' (default), 'forward' or 'backward'. */
export interface SpsaOptions extends GradientOptions {
  /**
   * Perturbations averaged: the estimate's variance falls as 1/samples; each
   * costs 2 calls of f (central) or 1 (one-sided, plus one f(x) per call).
   * @default 1
   */
  samples?: number;
  /**
   * Seed of a fresh generator for the signs (ignored when `random` is given).
   * @default 0
   */
  seed?: number;
  /**
   * A generator state (randomState(seed)) advanced in place: pass the same
   * state at every step of a loop so each step draws new signs.
   * @default undefined (a fresh state from `seed`)
   */
  random?: RandomState;
  /**
   * f(x), when known: one-sided schemes then make no extra call.
   * @default undefined
   */
  f0?: number;
}

/** Validated SPSA settings. */
interface Spsa {
  samples: number;
  random: RandomState;
  f0: number | undefined;
}

function resolveSpsa(options: SpsaOptions | undefined, where: string): { resolved: ResolvedGradientOptions; spsa: Spsa } {
  refuseKernelOnlyOptions(options, where);
  const resolved = resolveOptions(options, where, ['samples', 'seed', 'random', 'f0']);
  if (resolved.scheme === 'five-point') throw new ArgumentRangeError(`${where}: scheme 'five-point' is not an SPSA scheme; use 'central' (default), 'forward' or 'backward'.`);
  const samples = options?.samples ?? 1;
  if (typeof samples !== 'number') throw new InvalidArgumentError(`${where}: samples must be a positive integer (got ${describe(samples)}).`);
  if (!(Number.isSafeInteger(samples) && samples >= 1)) throw new ArgumentRangeError(`${where}: samples must be a positive integer (got ${samples}).`);
  if (options?.random !== undefined && options.seed !== undefined) {
    throw new InvalidArgumentError(`${where}: pass seed or random, not both (random is a state that replaces the seed).`);
  }
  const random = options?.random !== undefined ? checkRandomState(options.random, where, 'random') : randomState(options?.seed ?? 0, where);
  return { resolved, spsa: { samples, random, f0: checkF0(options?.f0, where) } };
}

/** Per element: the step, the displacements the scheme divides by, and — when some element had to move — the centre of the perturbations. */
interface Steps {
  h: Float64Array;
  up: Float64Array;
  down: Float64Array;
  /** x with the elements next to a bound (or ±MAX) shifted a step inside; undefined when none was. */
  center: Float64Array | undefined;
}

/**
 * Per element: the step hᵢ, the centre cᵢ of its two nodes cᵢ ± hᵢ — xᵢ,
 * or, where xᵢ ± hᵢ would leave the box or the range of floats, the nearest
 * point a step inside it (the step shrunk to half the box where the box is
 * narrower than 2hᵢ) — and the displacements actually stored on either side,
 * up = (c+h) − c or (c+h) − (c−h), down likewise, as the scheme divides.
 * @throws StepOverflowError (a fixed h wider than the range of floats; quotient 'nominal' at its edge), StepUnderflowError
 */
function stepsOf(p: Perturbation, options: ResolvedGradientOptions, precision: Precision, box: ElementBounds | undefined, where: string): Steps {
  const { float32, saved } = p;
  const auto = options.h === 'auto';
  const nominal = options.quotient === 'nominal';
  const base = autoStepBase(options.scheme, epsilonOf(precision));
  const central = options.scheme === 'central';
  const top = float32 ? FLOAT32_MAX : Number.MAX_VALUE;
  const steps: Steps = { h: new Float64Array(p.size), up: new Float64Array(p.size), down: new Float64Array(p.size), center: undefined };
  const stored = (v: number): number => (float32 ? Math.fround(v) : v);
  for (let k = 0; k < p.size; k++) {
    const x = saved[k]!;
    let hk = auto ? autoStep(x, base, float32) : (options.h as number);
    const boxLo = box === undefined ? -Infinity : box.lower[k]!;
    const boxHi = box === undefined ? Infinity : box.upper[k]!;
    const lo = Math.max(boxLo, -top);
    const hi = Math.min(boxHi, top);
    let c = x;
    let plus = stored(x + hk);
    let minus = stored(x - hk);
    if (!(minus >= lo && plus <= hi)) {
      // the pair does not fit around x: centre it a step inside the box (shrunk to half a narrow box)
      const edge = x - hk >= boxLo && x + hk <= boxHi; // the range of floats, not a bound the user gave, is in the way
      if (edge && nominal) throw stepOverflowError(where, elementName('x', p.shape, k), hk, x, precision, true, auto);
      if (!(hi / 2 - lo / 2 >= hk)) {
        if (edge && !auto) throw stepOverflowError(where, elementName('x', p.shape, k), hk, x, precision, false, auto);
        hk = hi / 2 - lo / 2;
      }
      c = stored(Math.min(Math.max(x, lo + hk), hi - hk));
      plus = intoBox(stored(c + hk), lo, hi, float32);
      minus = intoBox(stored(c - hk), lo, hi, float32);
      steps.center ??= Float64Array.from(saved);
      steps.center[k] = c;
    }
    if ((plus === c || minus === c) && (options.stepUnderflow === 'throw' || auto)) throw stepTooSmallError(where, elementName('x', p.shape, k), hk, x, precision, options.scheme);
    steps.h[k] = hk;
    steps.up[k] = nominal ? (central ? 2 * hk : hk) : central ? plus - minus : plus - c;
    steps.down[k] = nominal ? (central ? 2 * hk : hk) : central ? plus - minus : c - minus;
  }
  return steps;
}

/** Validate, then estimate into `out`; every check runs before f is first called. */
function spsaInto(out: unknown, outRequired: boolean, f: (x: NdArray) => number, x: NdArray, options: SpsaOptions | undefined, where: string, outName: string): NdArray {
  const precision = checkPoint(x, where, 'x');
  assertFunction(f, where, '(x) => number');
  const { resolved, spsa } = resolveSpsa(options, where);
  if (outRequired || out !== undefined) checkDestination(out, x, where, outName, 'x');
  assertElementsFinite(x, where, 'x');
  const box = elementBounds(resolveBounds(resolved.bounds, x, where, 'x'), sizeOf(x.shape));
  const destination = (out as NdArray | undefined) ?? ndarray(new Float64Array(sizeOf(x.shape)), x.shape.slice());
  const p = perturbation(x, precision);
  if (p.size === 0) return destination;
  const { h, up, down, center: shifted } = stepsOf(p, resolved, precision, box, where);
  const signs = new Float64Array(p.size);
  const d = new Float64Array(p.size);
  const sumUp = new Float64Array(p.size); // Σ over samples with Δᵢ = +1 of the difference of f
  const sumDown = new Float64Array(p.size); // … with Δᵢ = −1
  // the perturbations are taken around the shifted centre: moves relative to it, x restored from p at the end
  const around: Perturbation = shifted === undefined ? p : { ...p, saved: shifted };
  const calls = alongCalls(f, x, around, 'x', where);
  const { scheme } = resolved;
  const name = shifted === undefined ? 'x' : 'x (shifted inside its bounds)';
  try {
    const center = scheme === 'central' ? 0 : ((shifted === undefined ? spsa.f0 : undefined) ?? valueAtCenter(calls));
    const side = scheme === 'backward' ? -1 : 1;
    for (let s = 0; s < spsa.samples; s++) {
      rademacherInto(signs, spsa.random);
      for (let k = 0; k < p.size; k++) d[k] = h[k]! * signs[k]!;
      const at = (tau: number) => () => `${name} ${tau > 0 ? '+' : '−'} h·Δ (sample ${s + 1} of ${spsa.samples})`;
      const first = valueAlong(calls, d, side, at(side));
      const difference = scheme === 'central' ? first - valueAlong(calls, d, -1, at(-1)) : side * (first - center);
      for (let k = 0; k < p.size; k++) {
        if ((signs[k]! > 0) === (side > 0)) sumUp[k] = sumUp[k]! + difference;
        else sumDown[k] = sumDown[k]! + difference;
      }
    }
  } finally {
    restoreAll(p);
    addEvaluations(resolved.counter, calls.evaluations);
  }
  const estimate = new Float64Array(p.size);
  for (let k = 0; k < p.size; k++) {
    const g = (sumUp[k]! / up[k]! - sumDown[k]! / down[k]!) / spsa.samples;
    estimate[k] = g === g ? g : 0; // stepUnderflow 'zero': an element that did not move gets 0
  }
  scatter(destination, estimate);
  return destination;
}

/**
 * Write an SPSA estimate of ∇f(x) into `out`. See spsaGradient.
 *
 * @param out - destination of x's shape (float storage, no memory shared with x)
 * @param f - the function, called as f(x) with every element of x moved; must not write to x
 * @param x - the point (Float64Array, Float32Array or plain-array data, any view)
 * @param options - samples, seed or random, h, scheme, counter, stepUnderflow, quotient, f0, bounds
 * @returns out
 * @example
 * const x = ndarray(new Float64Array([1, -2]), [2]);
 * const g = ndarray(new Float64Array(2), [2]);
 * spsaGradientInto(g, (a) => 2 * a.get(0), x, { samples: 8, seed: 1 });
 * g.get(0); // ≈ 2.0000000 — ∂f/∂x₁ = 0, so every sample gives 2 here; g.get(1) is noise of mean 0
 */
export function spsaGradientInto<A extends NdArray>(out: NdArray, f: (x: A) => number, x: A, options?: SpsaOptions): NdArray;
export function spsaGradientInto(out: NdArray, f: (x: NdArray) => number, x: NdArray, options?: SpsaOptions): NdArray {
  return spsaInto(out, true, f, x, options, 'spsaGradientInto', 'out');
}

/**
 * An SPSA estimate of ∇f(x): S samples of Rademacher signs Δ ∈ {−1, +1}ᴺ,
 *
 *   ĝᵢ = (1/S) Σ_s [f(x + h∘Δ_s) − f(x − h∘Δ_s)] / (2hᵢΔ_{s,i})
 *
 * (central; forward (f(x + h∘Δ) − f(x)) / (hᵢΔᵢ), backward likewise), from
 * 2 calls of f per sample whatever N. Unbiased up to O(h²): by Taylor,
 * f(x + h∘Δ) − f(x − h∘Δ) = 2Σ_j g_j h_jΔ_j + O(h³), and E[Δ_jΔᵢ] = δᵢⱼ,
 * so E[ĝᵢ] = gᵢ + O(h²); its variance per sample is Σ_{j≠i} g_j²·h_j²/hᵢ² —
 * large for large N, shrinking as 1/S. For noisy or very high-dimensional f,
 * and as a gradient source of an optimizer (one `random` state kept across
 * steps).
 *
 * The step hᵢ is per element, as in numericalGradient: 'auto' is
 * eps^(1/3)·max(1,|xᵢ|) made representable (eps^(1/2) one-sided); a fixed h
 * is used as given. Quotient 'actual' divides by the displacement actually
 * stored, (xᵢ+hᵢ) − (xᵢ−hᵢ); 'nominal' by 2hᵢ. Every element is moved in
 * place and restored bit-identically, also when f throws.
 *
 * Bounds and the edge of the float range: where xᵢ ± hᵢ would leave the box
 * (`bounds`: numbers or ndarrays of x's shape) or the finite floats, that
 * element's pair is centred a step inside, at cᵢ (the step shrunk to half a
 * box narrower than 2hᵢ): the nodes never leave it, and the estimate is
 * then of ∇f at c — an O(h) bias (H·(c − x)) in the elements coupled to the
 * shifted ones, which SPSA's noise usually dwarfs; f(x) (`f0`) is not used
 * then, f(c) is evaluated. A fixed h with no room in the range of floats, or
 * quotient 'nominal' at its edge, is a StepOverflowError.
 *
 * @param f - the function, called as f(x); must not write to x
 * @param x - the point (Float64Array, Float32Array or plain-array data, any view)
 * @param options - samples (1), seed (0) or random, h, scheme, counter, stepUnderflow, quotient, f0, bounds
 * @returns the estimate, a new Float64 ndarray of x's shape
 * @throws the validation errors of numericalGradient before f is called (samples not a positive integer:
 *   ArgumentRangeError; seed and random both given: InvalidArgumentError; a bad random state: InvalidStateError);
 *   StepUnderflowError, StepOverflowError before f is called; FunctionThrewError, NonFiniteValueError,
 *   NotANumberError, InputModifiedError with x restored
 * @example
 * const x = ndarray(new Float64Array([0.5]), [1]);
 * spsaGradient((a) => a.get(0) ** 2, x); // ≈ [1.00000000] (N = 1: Δ² = 1, the central difference)
 */
export function spsaGradient<A extends NdArray>(f: (x: A) => number, x: A, options?: SpsaOptions): NdArray;
export function spsaGradient(f: (x: NdArray) => number, x: NdArray, options?: SpsaOptions): NdArray {
  return spsaInto(undefined, false, f, x, options, 'spsaGradient', 'options.out');
}
