/**
 * The generalized Cauchy point of L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995,
 * Algorithm CP): the first local minimizer of the quadratic model
 * m(z) = gᵀ(z − x) + ½(z − x)ᵀB(z − x) along the projected steepest-descent
 * path x(t) = P(x − t·g), examined segment by segment between breakpoints.
 */
import type { CompactLbfgs } from './lbfgsb-compact.js';

/**
 * Scratch space for `cauchyPointInto` (allocated once per run: 3 arrays of n, 5 of 2m).
 * @example
 * const work = new CauchyWork(2, 10);
 */
export class CauchyWork {
  readonly t: Float64Array;
  readonly d: Float64Array;
  readonly order: Int32Array;
  readonly p: Float64Array;
  readonly mp: Float64Array;
  readonly mc: Float64Array;
  readonly w: Float64Array;
  readonly mw: Float64Array;

  constructor(n: number, m: number) {
    this.t = new Float64Array(n);
    this.d = new Float64Array(n);
    this.order = new Int32Array(n);
    this.p = new Float64Array(2 * m);
    this.mp = new Float64Array(2 * m);
    this.mc = new Float64Array(2 * m);
    this.w = new Float64Array(2 * m);
    this.mw = new Float64Array(2 * m);
  }
}

function dot(a: Float64Array, b: Float64Array, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) s += a[i]! * b[i]!;
  return s;
}

/**
 * Write the generalized Cauchy point into xc and c = Wᵀ(xc − x) into c (length 2k).
 *
 * Breakpoints tᵢ = (xᵢ − uᵢ)/gᵢ (gᵢ < 0), (xᵢ − lᵢ)/gᵢ (gᵢ > 0), ∞ (gᵢ = 0). On the
 * segment after t_old the path moves along d (dᵢ = −gᵢ for the variables not yet at
 * a bound) and m' = f' + Δt·f'', with f' = gᵀd + dᵀB(z − x), f'' = dᵀBd updated per
 * breakpoint b in O(k²):
 *
 *   f' ← f' + Δt·f'' + g_b² + θ·g_b·z_b − g_b·w_bᵀM c
 *   f'' ← f'' − θ·g_b² − 2g_b·w_bᵀM p − g_b²·w_bᵀM w_b,   p ← p + g_b·w_b
 *
 * The model's minimizer t_old − f'/f'' on the current segment ends the search.
 * @param x - the current point (inside [lower, upper])
 * @param g - ∇f(x)
 * @example
 * // B = I (no pairs), x = 0, g = (−1, −2), box [−1, 0.25] × [−1, 1]: both variables reach their upper bounds.
 * const xc = new Float64Array(2);
 * cauchyPointInto(xc, new Float64Array(20), new Float64Array(2), new Float64Array([-1, -2]),
 *   new Float64Array([-1, -1]), new Float64Array([0.25, 1]), new CompactLbfgs(10, 2), new CauchyWork(2, 10));
 * // xc = [0.25, 1]
 */
export function cauchyPointInto(
  xc: Float64Array,
  c: Float64Array,
  x: Float64Array,
  g: Float64Array,
  lower: Float64Array,
  upper: Float64Array,
  B: CompactLbfgs,
  work: CauchyWork,
): void {
  const n = x.length;
  const k2 = 2 * B.k;
  const { t, d, order, p, mp, mc, w, mw } = work;
  let free = 0;
  let fp = 0;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    t[i] = gi < 0 ? (x[i]! - upper[i]!) / gi : gi > 0 ? (x[i]! - lower[i]!) / gi : Infinity;
    d[i] = t[i] === 0 ? 0 : -gi;
    xc[i] = x[i]!;
    fp -= d[i]! * d[i]!;
    if (t[i]! > 0 && t[i]! < Infinity) order[free++] = i;
  }
  const sorted = order.subarray(0, free).sort((a, b) => t[a]! - t[b]!);
  for (let j = 0; j < k2; j++) c[j] = 0;
  if (fp === 0) return;
  for (let j = 0; j < B.k; j++) {
    p[j] = dot(B.yAt(j), d, n);
    p[B.k + j] = B.theta * dot(B.sAt(j), d, n);
  }
  B.mTimesInto(mp, p);
  mc.fill(0, 0, k2);
  let fpp = -B.theta * fp - dot(p, mp, k2);
  const fppFloor = Number.EPSILON * fpp;
  let dtMin = -fp / fpp;
  let tOld = 0;
  let next = 0;
  let dt = free > 0 ? t[sorted[0]!]! : Infinity;
  while (dtMin >= dt) {
    const b = sorted[next++]!;
    const gb = g[b]!;
    xc[b] = d[b]! > 0 ? upper[b]! : lower[b]!;
    const zb = xc[b]! - x[b]!;
    for (let j = 0; j < k2; j++) {
      c[j] = c[j]! + dt * p[j]!;
      mc[j] = mc[j]! + dt * mp[j]!;
    }
    B.wRowInto(w, b);
    B.mTimesInto(mw, w);
    fp += dt * fpp + gb * gb + B.theta * gb * zb - gb * dot(w, mc, k2);
    fpp += -B.theta * gb * gb - 2 * gb * dot(w, mp, k2) - gb * gb * dot(w, mw, k2);
    fpp = Math.max(fpp, fppFloor);
    for (let j = 0; j < k2; j++) {
      p[j] = p[j]! + gb * w[j]!;
      mp[j] = mp[j]! + gb * mw[j]!;
    }
    d[b] = 0;
    dtMin = -fp / fpp;
    const tNext = next < free ? t[sorted[next]!]! : Infinity;
    dt = tNext - t[b]!;
    tOld = t[b]!;
  }
  const step = tOld + Math.max(dtMin, 0);
  for (let i = 0; i < n; i++) if (d[i] !== 0) xc[i] = Math.min(Math.max(x[i]! + step * d[i]!, lower[i]!), upper[i]!);
  const tail = Math.max(dtMin, 0);
  for (let j = 0; j < k2; j++) c[j] = c[j]! + tail * p[j]!;
}
