/**
 * The per-output state of Richardson's tableau (richardson-tableau.ts): each
 * lane's values at the shared nodes, its rows T(k, ·), its error estimates
 * and its status — judged level by level on its own. Internal module.
 */
import type { RichardsonOptions } from '../options/options.js';

/** Lane status: still running. */
export const RUNNING = 0;
/** Lane status: converged (to the tolerances or the rounding floor). */
export const CONVERGED = 1;
/** Lane status: levels exhausted, a kink, or the estimates stopped improving. */
export const NOT_CONVERGED = 2;
/** Lane status: f was not finite at a smaller step; the best estimate before it stands. */
export const NON_FINITE = 3;

/** Rounding floor factor: R = 2·eps·(√Σ(wⱼfⱼ)² + |T|). */
const ROUNDING = 2 * 2 ** -52;
/** The diagonal has reached the rounding floor when its change is within this many R. */
const FLOOR = 4;
/** Tableau entries kept per lane (maxLevels ≤ 30). */
export const ROW = 32;

/** The lanes of one coordinate. values are node-major: values[j·count + l]. */
export class Lanes {
  count = 0;
  values = new Float64Array(0);
  /** f(x) per lane, set by the driver. */
  center = new Float64Array(0);
  /** T(k, j) of the current level at row[l·ROW + j]; the previous level's in previous. */
  row = new Float64Array(0);
  previous = new Float64Array(0);
  /** E of the previous level, and the one before. */
  e1 = new Float64Array(0);
  e2 = new Float64Array(0);
  /** Second differences f(x+h) + f(x−h) − 2f(x) of the last two levels (kink check). */
  s1 = new Float64Array(0);
  s2 = new Float64Array(0);
  /** How far the one-sided slopes of a kink at x lie from the estimate (0: none). */
  jump = new Float64Array(0);
  /** √Σ(wⱼfⱼ)² of the diagonal (fillRows), then the rounding floor R (judge). */
  rounding = new Float64Array(0);
  spread = new Float64Array(0);
  kink = new Uint8Array(0);
  bestValue = new Float64Array(0);
  bestError = new Float64Array(0);
  status = new Uint8Array(0);

  /** Room for n lanes (grown, never shrunk), n of them in use, all running. */
  reset(n: number): void {
    if (this.center.length < n) {
      const size = Math.max(n, 2 * this.center.length);
      this.values = new Float64Array(64 * size);
      this.row = new Float64Array(ROW * size);
      this.previous = new Float64Array(ROW * size);
      for (const key of ['center', 'e1', 'e2', 's1', 's2', 'jump', 'rounding', 'spread', 'bestValue', 'bestError'] as const) this[key] = new Float64Array(size);
      this.kink = new Uint8Array(size);
      this.status = new Uint8Array(size);
    }
    this.count = n;
    this.status.fill(RUNNING, 0, n);
    this.spread.fill(0, 0, n);
  }

  /** Start lane l over (a restart of the coordinate with a smaller first step). */
  restart(l: number): void {
    this.e1[l] = this.e2[l] = this.s1[l] = this.s2[l] = NaN;
    this.bestValue[l] = NaN;
    this.bestError[l] = Infinity;
    this.kink[l] = 0;
    this.jump[l] = 0;
  }

  /** Lane l's estimated error (for a lane that did not converge, at least the spread of its last estimates and half a kink's jump). */
  errorOf(l: number): number {
    return this.status[l] === CONVERGED ? this.bestError[l]! : Math.max(this.bestError[l]!, this.spread[l]!, this.jump[l]!);
  }

  /** Judge lane l at level k (its row filled): true when its estimate is final. */
  judge(l: number, k: number, tolerances: Required<RichardsonOptions>, kinkStep: number): boolean {
    const o = l * ROW;
    const row = this.row;
    const previous = this.previous;
    const diagonal = row[o + k]!;
    const rounding = ROUNDING * (this.rounding[l]! + Math.abs(diagonal));
    this.rounding[l] = rounding;
    if (kinkStep >= 0) this.checkKink(l, k, kinkStep);
    if (k === 0) {
      if (this.bestValue[l] !== this.bestValue[l]) this.bestValue[l] = diagonal;
      return false;
    }
    const e = Math.abs(diagonal - previous[o + k - 1]!);
    const e1 = this.e1[l]!;
    const e2 = this.e2[l]!;
    const rate = Math.max(e1 > 0 ? e / e1 : 0, k >= 3 && e2 > 0 ? e1 / (4 * e2) : 0);
    const truncation = k === 1 ? e : e * Math.min(1, rate);
    let candidate = diagonal;
    let error = Math.max(truncation, rounding);
    let candidateAtFloor = false;
    for (let j = 1; j < k; j++) {
      const nr = Math.max(Math.abs(row[o + j]! - row[o + j - 1]!), Math.abs(row[o + j]! - previous[o + j - 1]!), rounding);
      if (nr < error) {
        error = nr;
        candidate = row[o + j]!;
        candidateAtFloor = nr <= FLOOR * rounding;
      }
    }
    this.spread[l] = Math.max(Math.abs(diagonal - previous[o + k - 1]!), Math.abs(candidate - diagonal));
    if (error < this.bestError[l]!) {
      this.bestError[l] = error;
      this.bestValue[l] = candidate;
    }
    const floor = k >= 2 && (e <= FLOOR * rounding || truncation <= FLOOR * rounding || candidateAtFloor);
    const { atol, rtol } = tolerances;
    if (this.kink[l] === 0 && (floor || error <= atol + rtol * Math.abs(candidate))) {
      this.bestValue[l] = candidate;
      this.bestError[l] = error;
      return true;
    }
    this.e2[l] = e1;
    this.e1[l] = e;
    return false;
  }

  /** Kink at x (central levels, step h): the second difference halves with h, twice running, above rounding. */
  private checkKink(l: number, k: number, h: number): void {
    const lanes = this.count;
    const plus = this.values[2 * k * lanes + l]!;
    const minus = this.values[(2 * k + 1) * lanes + l]!;
    const f0 = this.center[l]!;
    const s = plus + minus - 2 * f0;
    const s1 = this.s1[l]!;
    const s2 = this.s2[l]!;
    const significant = Math.abs(s) > 1e3 * 2 ** -52 * (Math.abs(plus) + Math.abs(minus) + 2 * Math.abs(f0));
    const kink = k >= 2 && significant && Math.abs(s / s1 - 0.5) < 0.1 && Math.abs(s1 / s2 - 0.5) < 0.1;
    this.kink[l] = kink ? 1 : 0;
    if (kink) {
      // the one-sided slopes (f(x±h) − f(x))/±h differ from the symmetric one by half the jump; the value may be anywhere between
      const symmetric = (plus - minus) / (2 * h);
      this.jump[l] = Math.max(this.jump[l]!, Math.abs((plus - f0) / h - symmetric), Math.abs((f0 - minus) / h - symmetric), Math.abs(this.bestValue[l]! - symmetric) + Math.abs(s) / (2 * h));
    }
    this.s2[l] = s1;
    this.s1[l] = s;
  }
}
