/**
 * gradCheck's full mode: the numerical gradient element by element against
 * the analytic one, keeping the running maxima, the worst element and each
 * element's relative error.
 */
import ndarray, { type NdArray } from 'ndarray';
import { nextRow, rowStart, sizeOf, type FloatStorage } from '../memory/strided.js';

/** Denominator floor of the relative error, so that a = n = 0 gives 0. */
export const TINY = 1e-300;

/** Running maxima of a comparison, updated array by array (or direction by direction). */
export interface Tally {
  maxAbsError: number;
  maxRelError: number;
  /** How far the worst element (or direction) is beyond its tolerance; −Infinity before any. */
  worstScore: number;
  worstIndex: number[];
  worstKey: string | undefined;
  passed: boolean;
}

/** An empty tally. */
export function newTally(): Tally {
  return { maxAbsError: 0, maxRelError: 0, worstScore: -Infinity, worstIndex: [], worstKey: undefined, passed: true };
}

/**
 * Compare `analytic` with `numerical` (same shape) element by element into
 * the tally; returns |a − n| / max(tiny, |a| + |n|) per element as a new
 * contiguous Float64 ndarray of their shape.
 */
export function compareElements(tally: Tally, analytic: NdArray, numerical: NdArray, key: string | undefined, rtol: number, atol: number): NdArray {
  const shape = analytic.shape;
  const rank = shape.length;
  const errors = new Float64Array(sizeOf(shape));
  const relative = ndarray(errors, shape.slice());
  if (errors.length === 0) return relative;
  const a = analytic.data as FloatStorage;
  const n = numerical.data as FloatStorage;
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const aStep = rank === 0 ? 0 : analytic.stride[rank - 1]!;
  const nStep = rank === 0 ? 0 : numerical.stride[rank - 1]!;
  const index = new Int32Array(rank);
  let k = 0;
  do {
    let pa = rowStart(index, analytic.stride, analytic.offset);
    let pn = rowStart(index, numerical.stride, numerical.offset);
    for (let i = 0; i < rowLength; i++, pa += aStep, pn += nStep, k++) {
      const av = a[pa]!;
      const nv = n[pn]!;
      const absError = Math.abs(av - nv);
      const relError = absError / Math.max(TINY, Math.abs(av) + Math.abs(nv));
      errors[k] = relError;
      const ok = absError <= atol || relError <= rtol;
      const score = elementScore(absError, relError, ok, rtol, atol);
      tally.maxAbsError = Math.max(tally.maxAbsError, absError);
      tally.maxRelError = Math.max(tally.maxRelError, relError);
      if (!ok) tally.passed = false;
      if (!(score <= tally.worstScore)) {
        tally.worstScore = score;
        tally.worstIndex = Array.from(index);
        if (rank > 0) tally.worstIndex[rank - 1] = i;
        tally.worstKey = key;
      }
    }
  } while (rank > 1 && nextRow(index, shape));
  return relative;
}

/**
 * How far an element is beyond its tolerance, min(|a − n|/atol, rel/rtol): Infinity
 * when |a − n| is not finite (an analytic ±Infinity or NaN, whose relative error
 * is NaN), and 0 or Infinity by `ok` where the quotients are 0/0 (atol = rtol = 0),
 * so that a NaN never stands as the worst score (every later element would replace it).
 */
function elementScore(absError: number, relError: number, ok: boolean, rtol: number, atol: number): number {
  if (!(absError < Infinity)) return Infinity;
  const score = Math.min(absError / atol, relError / rtol);
  return score === score ? score : ok ? 0 : Infinity;
}
