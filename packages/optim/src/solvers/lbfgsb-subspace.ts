/**
 * Subspace minimization of L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995, §5.1, direct
 * primal method): from the Cauchy point, minimize the quadratic model over the
 * variables that are not at a bound there, then come back into the box.
 */
import { solveInPlace } from './dense-solve.js';
import type { CompactLbfgs } from './lbfgsb-compact.js';

/**
 * Scratch space for `subspaceStepInto` (allocated once per run: 3 arrays of n, 3 of 2m, 2 of 4m²).
 * @example
 * const work = new SubspaceWork(2, 10);
 */
export class SubspaceWork {
  readonly free: Int32Array;
  readonly r: Float64Array;
  readonly du: Float64Array;
  readonly v: Float64Array;
  readonly mv: Float64Array;
  readonly w: Float64Array;
  readonly N: Float64Array;
  readonly WtW: Float64Array;

  constructor(n: number, m: number) {
    this.free = new Int32Array(n);
    this.r = new Float64Array(n);
    this.du = new Float64Array(n);
    this.v = new Float64Array(2 * m);
    this.mv = new Float64Array(2 * m);
    this.w = new Float64Array(2 * m);
    this.N = new Float64Array(4 * m * m);
    this.WtW = new Float64Array(4 * m * m);
  }
}

/**
 * (ZᵀW)ᵀ(ZᵀW) = Σ_{i free} wᵢwᵢᵀ into out (2k × 2k, leading dimension 2m): WᵀW
 * minus the rows of the variables at a bound when those are fewer.
 */
function freeGramInto(out: Float64Array, B: CompactLbfgs, work: SubspaceWork, nFree: number, atBound: (i: number) => boolean): void {
  const k2 = 2 * B.k;
  const ld = B.ld;
  const n = B.n;
  const fromAll = n - nFree < nFree;
  for (let a = 0; a < k2; a++) for (let b = 0; b < k2; b++) out[a * ld + b] = fromAll ? B.wtw(a, b) : 0;
  const w = work.w;
  for (let i = 0; i < n; i++) {
    if (atBound(i) !== fromAll) continue;
    B.wRowInto(w, i);
    const sign = fromAll ? -1 : 1;
    for (let a = 0; a < k2; a++) for (let b = 0; b < k2; b++) out[a * ld + b] = out[a * ld + b]! + sign * w[a]! * w[b]!;
  }
}

/**
 * Write x̄ into xbar: the Cauchy point xc with its free variables F moved by the
 * minimizer of the model on F,
 *
 *   rᶜ = Zᵀ(g + θ(xc − x) − W·M·c),   d = −B̂⁻¹rᶜ,   B̂ = θI − ZᵀW·M·WᵀZ
 *   B̂⁻¹ = I/θ + ZᵀW·(I − M·WᵀZZᵀW/θ)⁻¹·M·WᵀZ/θ²      (Sherman–Morrison–Woodbury)
 *
 * then projected onto the box; when the projected point is not a descent
 * direction from x ((x̄ − x)ᵀg ≥ 0), the step is truncated instead: x̄ = xc + α*·d
 * with the largest α* ≤ 1 keeping x̄ in the box (Morales & Nocedal 2011).
 * @param c - Wᵀ(xc − x) from the Cauchy point
 * @example
 * // No pairs (B = I): from xc = (0.25, 0.5) with x₀ at its bound, the free x₁ moves to the model's minimizer x₁ − g₁ = 2.
 * const xbar = new Float64Array(2);
 * subspaceStepInto(xbar, new Float64Array([0, 0]), new Float64Array([0.25, 0.5]), new Float64Array(20), new Float64Array([-1, -2]),
 *   new Float64Array([-1, -5]), new Float64Array([0.25, 5]), new CompactLbfgs(10, 2), new SubspaceWork(2, 10));
 * // xbar = [0.25, 2]
 */
export function subspaceStepInto(
  xbar: Float64Array,
  x: Float64Array,
  xc: Float64Array,
  c: Float64Array,
  g: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  B: CompactLbfgs,
  work: SubspaceWork,
): void {
  const n = x.length;
  const { free, r, du, v, mv, w, N } = work;
  const k = B.k;
  const k2 = 2 * k;
  const ld = B.ld;
  const theta = B.theta;
  xbar.set(xc);
  let nFree = 0;
  for (let i = 0; i < n; i++) if (xc[i]! > lower[i]! && xc[i]! < upper[i]!) free[nFree++] = i;
  if (nFree === 0) return;
  if (nFree === n) {
    // Nothing is at a bound at xc: the model's minimizer over all variables is x − H·g (two-loop recursion, more
    // stable than the compact form on badly scaled problems; without bounds this is exactly L-BFGS's step).
    B.inverseTimesInto(du, g, work.v);
    for (let i = 0; i < n; i++) du[i] = x[i]! + du[i]! - xc[i]!;
    return finishStep(xbar, x, xc, g, lower, upper, work, n);
  }
  B.mTimesInto(mv, c);
  for (let j = 0; j < k2; j++) v[j] = 0;
  for (let q = 0; q < nFree; q++) {
    const i = free[q]!;
    B.wRowInto(w, i);
    let wMc = 0;
    for (let j = 0; j < k2; j++) wMc += w[j]! * mv[j]!;
    r[q] = g[i]! + theta * (xc[i]! - x[i]!) - wMc;
    for (let j = 0; j < k2; j++) v[j] = v[j]! + w[j]! * r[q]!;
  }
  let solved = true;
  if (k > 0) {
    B.mTimesInto(mv, v);
    const WtW = work.WtW;
    freeGramInto(WtW, B, work, nFree, (i) => !(xc[i]! > lower[i]! && xc[i]! < upper[i]!));
    // N = I − M·WtW/θ
    for (let a = 0; a < k2; a++) {
      for (let b = 0; b < k2; b++) {
        let s = 0;
        for (let j = 0; j < k2; j++) s += B.M[a * ld + j]! * WtW[j * ld + b]!;
        N[a * ld + b] = (a === b ? 1 : 0) - s / theta;
      }
    }
    for (let j = 0; j < k2; j++) v[j] = mv[j]!;
    solved = solveInPlace(N, k2, ld, v, 1, 1);
  }
  for (let q = 0; q < nFree; q++) {
    const i = free[q]!;
    let wv = 0;
    if (k > 0 && solved) {
      B.wRowInto(w, i);
      for (let j = 0; j < k2; j++) wv += w[j]! * v[j]!;
    }
    du[q] = -r[q]! / theta - wv / (theta * theta);
  }
  return finishStep(xbar, x, xc, g, lower, upper, work, nFree);
}

/**
 * x̄ = P(xc + d) on the free variables (d in work.du, indexed like work.free, or
 * by variable when all n are free); when that is no descent direction from x,
 * x̄ = xc + α*·d with the largest α* ≤ 1 inside the box.
 */
function finishStep(
  xbar: Float64Array,
  x: Float64Array,
  xc: Float64Array,
  g: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  work: SubspaceWork,
  nFree: number,
): void {
  const { free, du } = work;
  const all = nFree === x.length;
  const at = (q: number): number => (all ? q : free[q]!);
  for (let q = 0; q < nFree; q++) {
    const i = at(q);
    xbar[i] = Math.min(Math.max(xc[i]! + du[q]!, lower[i]!), upper[i]!);
  }
  let descent = 0;
  for (let i = 0; i < x.length; i++) descent += (xbar[i]! - x[i]!) * g[i]!;
  if (descent < 0) return;
  let alpha = 1;
  for (let q = 0; q < nFree; q++) {
    const i = at(q);
    const step = du[q]!;
    if (step > 0) alpha = Math.min(alpha, (upper[i]! - xc[i]!) / step);
    else if (step < 0) alpha = Math.min(alpha, (lower[i]! - xc[i]!) / step);
  }
  for (let q = 0; q < nFree; q++) xbar[at(q)] = xc[at(q)]! + alpha * du[q]!;
}
