/**
 * gradCheck's fast mode (torch.autograd.gradcheck's fast_mode): instead of
 * all N partial derivatives, compare vᵀa (a the analytic gradient) with the
 * directional derivative ∇f·v along k seeded random directions over ALL the
 * checked elements at once (every parameter array moved together) — 2k calls
 * of f (central) whatever N and however many arrays. A failing direction is
 * then traced to an array and an element by bisection (grad-check-locate.ts).
 */
import type { NdArray } from 'ndarray';
import { alongCalls, valueAtCenter, type AlongCalls } from '../directional/along-call.js';
import type { ElementBounds } from '../kernel/bounds.js';
import { derivativeAlong } from '../directional/directional.js';
import { AUTO_STEP_HINT } from '../kernel/finite-difference.js';
import { locateFailure, type FailureLocation, type Residual } from './grad-check-locate.js';
import { TINY, type Tally } from './grad-check-full.js';
import type { EvaluationCounter, ResolvedGradientOptions } from '../options/options.js';
import { gather } from '../memory/strided.js';
import { joinPerturbations, norm2, perturbation, restoreAll } from '../directional/perturb-along.js';
import { symmetricUniformInto, type RandomState } from '../directional/random.js';
import type { Precision } from '../kernel/step.js';

/** One direction of a fast check (over every checked element). */
export interface DirectionCheck {
  /** vᵀa: the analytic gradient along the direction. */
  analytic: number;
  /** ∇f·v by a finite difference along the direction. */
  numerical: number;
  /** |analytic − numerical|. */
  absError: number;
  /** |analytic − numerical| / max(tiny, |analytic| + |numerical|). */
  relError: number;
  /**
   * The largest |analytic − numerical| that every element passing the full
   * check allows: atol·Σ|vᵢ| + 2·rtol/(1 − rtol)·Σ|vᵢ|·|aᵢ| (Infinity for rtol ≥ 1).
   */
  tolerance: number;
  /** absError ≤ tolerance. */
  passed: boolean;
}

/** An array a fast check covers. */
export interface FastArray {
  f: (x: NdArray) => unknown;
  x: NdArray;
  analytic: NdArray;
  /** The array's name in messages (`x`, `W1`). */
  name: string;
  /** The key in the named form, else undefined. */
  key: string | undefined;
  precision: Precision;
}

/** What the fast check reports besides the tally and the directions. */
export interface FastResult {
  /** Where the worst failing direction was traced to (undefined when every direction passed). */
  location: FailureLocation | undefined;
}

/**
 * Check every array together along `directions` random directions drawn
 * from `random` (independent uniform elements on [−1, 1) over all N
 * elements, as torch's fast mode), adding each to `checks` and the tally and
 * the calls to `counter`; when one fails, trace the worst to an element. The
 * arrays are restored (also on error).
 *
 * Why the tolerance: an element passes the full check when |aᵢ − nᵢ| ≤ atol
 * or |aᵢ − nᵢ| ≤ rtol·(|aᵢ| + |nᵢ|); the latter gives |aᵢ − nᵢ| ≤
 * 2·rtol·|aᵢ|/(1 − rtol). So if every element passes, |vᵀ(a − n)| ≤
 * Σ|vᵢ|·(atol + 2·rtol·|aᵢ|/(1 − rtol)): the fast check fails only where the
 * full check would (up to the difference's own error), and it catches any
 * error vector e with |vᵀe| above that bound — for continuous random v, vᵀe
 * vanishes with probability 0 (Rademacher signs would cancel two equal
 * errors of opposite sign half of the time).
 */
export function fastCheck(
  tally: Tally,
  checks: DirectionCheck[],
  arrays: readonly FastArray[],
  box: ElementBounds | undefined,
  directions: number,
  random: RandomState,
  options: ResolvedGradientOptions,
  rtol: number,
  atol: number,
  where: string,
  counter: EvaluationCounter,
): FastResult {
  const named = arrays[0]!.key !== undefined;
  const p = joinPerturbations(arrays.map((a) => perturbation(a.x, a.precision, a.name)));
  const a = new Float64Array(p.size);
  let at = 0;
  for (const array of arrays) {
    a.set(gather(array.analytic), at);
    at += array.x.size;
  }
  const calls = alongCalls(arrays[0]!.f, arrays[0]!.x, p, named ? 'the parameters' : 'x', where, options.h === 'auto' ? AUTO_STEP_HINT : undefined);
  const factor = rtol >= 1 ? Infinity : (2 * rtol) / (1 - rtol);
  const v = new Float64Array(p.size);
  let worst: Float64Array | undefined; // the worst failing direction
  try {
    const oneSided = options.scheme === 'forward' || options.scheme === 'backward';
    const f0 = oneSided ? valueAtCenter(calls) : undefined;
    const scratch = new Float64Array(p.size);
    const residual: Residual = (d, from, to) => residualOf(calls, scratch, d, a, from, to, options, f0, box, atol, factor);
    for (let j = 0; j < directions; j++) {
      symmetricUniformInto(v, random);
      if (box !== undefined) orientInward(v, p.saved, box);
      const r = residual(v, 0, p.size);
      const absError = Math.abs(r.residual);
      const numerical = r.numerical;
      const check: DirectionCheck = {
        analytic: r.analytic,
        numerical,
        absError,
        relError: absError / Math.max(TINY, Math.abs(r.analytic) + Math.abs(numerical)),
        tolerance: r.tolerance,
        passed: directionPasses(r.analytic, numerical, absError, r.tolerance, factor),
      };
      checks.push(check);
      tally.maxAbsError = Math.max(tally.maxAbsError, absError);
      tally.maxRelError = Math.max(tally.maxRelError, check.relError);
      if (!check.passed) tally.passed = false;
      const score = check.passed ? absError / r.tolerance || 0 : absError < Infinity ? Math.max(absError / r.tolerance, 1) : Infinity;
      if (!(score <= tally.worstScore)) {
        tally.worstScore = score;
        tally.worstIndex = [checks.length - 1];
        if (!check.passed) {
          worst = Float64Array.from(v);
        }
      }
    }
    const location = worst === undefined ? undefined : locateFailure(p, worst, residual, named, () => calls.evaluations);
    return { location };
  } finally {
    restoreAll(p);
    counter.evaluations += calls.evaluations;
  }
}

/**
 * absError ≤ tolerance, for finite numbers only: a non-finite vᵀa or ∇f·v (an
 * analytic gradient holding ±Infinity or NaN, or vᵀa overflowing) fails, and so
 * does a tolerance that overflowed to Infinity while rtol < 1 (Σ|vᵢ·aᵢ| beyond
 * the float range) — either would otherwise pass any error, Infinity ≤ Infinity.
 */
function directionPasses(analytic: number, numerical: number, absError: number, tolerance: number, factor: number): boolean {
  if (analytic - analytic !== 0 || numerical - numerical !== 0) return false;
  if (tolerance === Infinity && factor !== Infinity) return false;
  return absError <= tolerance;
}

/**
 * Point each bounded element's part of v toward its farther bound, so that
 * +v has room in the box (random signs would leave none either way as soon
 * as two elements sit on bounds they point out of) and the formula can turn
 * one-sided toward +v; vᵀa against ∇f·v holds for any v.
 */
function orientInward(v: Float64Array, x: Float64Array, box: ElementBounds): void {
  for (let k = 0; k < v.length; k++) {
    const below = x[k]! - box.lower[k]!;
    const above = box.upper[k]! - x[k]!;
    if (below === Infinity && above === Infinity) continue;
    const inward = above >= below ? 1 : -1;
    if (v[k]! * inward < 0) v[k] = -v[k]!;
  }
}

/**
 * vᵀa − ∇f·v over the elements from…to−1 of v (the others 0), with the
 * tolerance the full check implies for them; v is not modified (d is the
 * direction's scratch). The step follows the elements moved: the length of
 * their part of x, and float32's epsilon if any of them is stored in float32
 * (so a single element gets numericalGradient's own step).
 */
function residualOf(
  calls: AlongCalls,
  d: Float64Array,
  v: Float64Array,
  a: Float64Array,
  from: number,
  to: number,
  options: ResolvedGradientOptions,
  f0: number | undefined,
  box: ElementBounds | undefined,
  atol: number,
  factor: number,
): { analytic: number; numerical: number; residual: number; tolerance: number } {
  const p = calls.p;
  let precision: Precision = 'float64';
  for (const s of p.segments) if (s.float32 && s.start < to && s.end > from) precision = 'float32';
  const xNorm = norm2(p.saved.subarray(from, to));
  d.fill(0);
  let analytic = 0;
  let l1 = 0;
  let weighted = 0;
  for (let i = from; i < to; i++) {
    const vi = v[i]!;
    d[i] = vi;
    analytic += vi * a[i]!;
    l1 += Math.abs(vi);
    weighted += Math.abs(vi * a[i]!);
  }
  const numerical = derivativeAlong(calls, d, options, precision, f0, xNorm, box);
  return { analytic, numerical, residual: analytic - numerical, tolerance: atol * l1 + (weighted === 0 ? 0 : factor * weighted) };
}

export type { FailureLocation } from './grad-check-locate.js';
