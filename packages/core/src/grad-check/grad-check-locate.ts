/**
 * Tracing a failed direction of gradCheck's fast mode to the array and the
 * element responsible, by bisection: split the elements in two (at an array
 * boundary while the part spans several arrays), measure the residual
 * vᵀa − ∇f·v of each half's part of the direction (2 calls of f each,
 * central) and follow the half further beyond its own tolerance. The
 * tolerance is a sum over elements, so when a part fails one of its halves
 * fails too (up to the differences' own error): the trace ends at a single
 * element that fails on its own — whose partial derivative then differs from
 * the analytic one beyond what the full check allows — after about
 * 4·log₂(N) calls. What is reported was measured: where neither half fails
 * alone, the trace stops and names only the array the failing part lies in
 * (if it lies in one).
 */
import { segmentOf, type Perturbation } from '../directional/perturb-along.js';

/** Where a failing direction was traced to. */
export interface FailureLocation {
  /** The parameter the failure lies in (named form), when the traced part lies in one array. */
  key?: string;
  /** The element's multi-index within its array, when traced to one element. */
  index?: number[];
  /** That element's analytic partial derivative. */
  analytic?: number;
  /** Its numerical partial derivative (from the difference along the element alone). */
  numerical?: number;
  /** |analytic − numerical|. */
  absError?: number;
  /** What the full check allows there: atol + 2·rtol/(1 − rtol)·|analytic|. */
  tolerance?: number;
  /** Calls of f the trace made. */
  evaluations: number;
}

/** The residual vᵀa − ∇f·v of v's elements from…to−1 (the others 0), with their tolerance, vᵀa and ∇f·v. */
export type Residual = (v: Float64Array, from: number, to: number) => { analytic: number; numerical: number; residual: number; tolerance: number };

/** How far a part is beyond its tolerance (> 1: it fails); a part whose vᵀa or residual is not finite (an analytic ±Infinity or NaN) fails outright. */
function score(r: { analytic: number; residual: number; tolerance: number }): number {
  const e = Math.abs(r.residual);
  if (!(e < Infinity) || !(Math.abs(r.analytic) < Infinity)) return Infinity;
  return r.tolerance > 0 ? e / r.tolerance : e > 0 ? Infinity : 0;
}

/** Where to split from…to−1: the array boundary nearest the middle while it spans several arrays, else the middle. */
function split(p: Perturbation, from: number, to: number): number {
  const middle = (from + to) / 2;
  let best = -1;
  for (const s of p.segments) if (s.start > from && s.start < to && (best < 0 || Math.abs(s.start - middle) < Math.abs(best - middle))) best = s.start;
  return best > 0 ? best : Math.floor(middle);
}

/**
 * Trace the failing direction v (whose residual over all elements is
 * `residual0`) by bisection.
 * @param named - name the array (named form) in the result
 * @param calls - the calls of f made so far (to count the trace's)
 */
export function locateFailure(p: Perturbation, v: Float64Array, residual: Residual, named: boolean, calls: () => number): FailureLocation {
  const before = calls();
  let from = 0;
  let to = p.size;
  let last: ReturnType<Residual> | undefined;
  while (to - from > 1) {
    const mid = split(p, from, to);
    const left = residual(v, from, mid);
    const right = residual(v, mid, to);
    const [l, r] = [score(left), score(right)];
    if (!(l > 1) && !(r > 1)) break; // neither half fails alone: the failure is spread over this part
    if (l >= r) [to, last] = [mid, left];
    else [from, last] = [mid, right];
  }
  const location: FailureLocation = { evaluations: 0 };
  const segment = segmentOf(p, from);
  if (named && to <= segment.end) location.key = segment.name; // the traced part lies in one array
  if (to - from === 1 && last !== undefined) {
    const k = from;
    const vk = Math.abs(v[k]!);
    location.index = multiIndex(segment.shape, k - segment.start);
    location.analytic = last.analytic / v[k]!;
    location.numerical = last.numerical / v[k]!;
    location.absError = Math.abs(last.residual) / vk;
    location.tolerance = last.tolerance / vk;
  }
  location.evaluations = calls() - before;
  return location;
}

/** The multi-index of element k of a row-major shape. */
function multiIndex(shape: readonly number[], k: number): number[] {
  const index = new Array<number>(shape.length).fill(0);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = k % shape[axis]!;
    k = Math.floor(k / shape[axis]!);
  }
  return index;
}
