/**
 * gradCheck's fast mode (torch.autograd.gradcheck's fast_mode): instead of
 * all N partial derivatives, compare vᵀa (a the analytic gradient) with the
 * directional derivative ∇f·v along k seeded random directions — 2k calls of
 * f (central) per array instead of 2N.
 */
import type { NdArray } from 'ndarray';
import { alongCalls, valueAtCenter } from './along-call.js';
import { derivativeAlong } from './directional.js';
import { AUTO_STEP_HINT } from './finite-difference.js';
import type { Tally } from './grad-check-full.js';
import { TINY } from './grad-check-full.js';
import type { EvaluationCounter, ResolvedGradientOptions } from './options.js';
import { gather, norm2, perturbation, restoreAll } from './perturb-along.js';
import { symmetricUniformInto, type RandomState } from './random.js';
import type { Precision } from './step.js';

/** One direction of a fast check. */
export interface DirectionCheck {
  /** The parameter the direction moves (named form only). */
  key?: string;
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

/** What a fast check of one array needs. */
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

/**
 * Check one array along `directions` random directions drawn from `random`
 * (independent uniform elements on [−1, 1), as torch's fast mode),
 * adding each to `checks` and the tally and the calls to `counter`; x is
 * restored (also on error).
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
export function fastCheckArray(
  tally: Tally,
  checks: DirectionCheck[],
  array: FastArray,
  directions: number,
  random: RandomState,
  options: ResolvedGradientOptions,
  rtol: number,
  atol: number,
  where: string,
  counter: EvaluationCounter,
): void {
  const { x, name, key, precision } = array;
  const a = gather(array.analytic);
  const p = perturbation(x, precision);
  const v = new Float64Array(p.size);
  const d = new Float64Array(p.size);
  const calls = alongCalls(array.f, x, p, name, where, options.h === 'auto' ? AUTO_STEP_HINT : undefined);
  const xNorm = norm2(p.saved);
  const factor = rtol >= 1 ? Infinity : (2 * rtol) / (1 - rtol);
  try {
    const oneSided = options.scheme === 'forward' || options.scheme === 'backward';
    const f0 = oneSided ? valueAtCenter(calls) : undefined;
    for (let j = 0; j < directions; j++) {
      symmetricUniformInto(v, random);
      let analytic = 0;
      let l1 = 0;
      let weighted = 0;
      for (let i = 0; i < p.size; i++) {
        const vi = v[i]!;
        analytic += vi * a[i]!;
        l1 += Math.abs(vi);
        weighted += Math.abs(vi * a[i]!);
      }
      d.set(v);
      const numerical = derivativeAlong(calls, d, options, precision, f0, xNorm);
      const absError = Math.abs(analytic - numerical);
      const relError = absError / Math.max(TINY, Math.abs(analytic) + Math.abs(numerical));
      const tolerance = atol * l1 + (weighted === 0 ? 0 : factor * weighted);
      const passed = absError <= tolerance;
      const check: DirectionCheck = { analytic, numerical, absError, relError, tolerance, passed };
      if (key !== undefined) check.key = key;
      checks.push(check);
      tally.maxAbsError = Math.max(tally.maxAbsError, absError);
      tally.maxRelError = Math.max(tally.maxRelError, relError);
      if (!passed) tally.passed = false;
      const score = absError / tolerance;
      if (!(score <= tally.worstScore)) {
        tally.worstScore = score;
        tally.worstIndex = [checks.length - 1];
        tally.worstKey = key;
      }
    }
  } finally {
    restoreAll(p);
    counter.evaluations += calls.evaluations;
  }
}
