/**
 * Richardson's tableau for one coordinate, as a state machine driven one call
 * of f at a time — the one implementation behind scheme 'richardson' for a
 * scalar f (numericalDiff, derivative, numericalGradient(s): one lane) and a
 * vector-valued f (jacobian: one lane per output the column touches). The
 * nodes x ± h₀/2ᵏ are shared by the lanes; each lane extrapolates, judges
 * and stops on its own, and the coordinate is done when every lane is.
 * The algorithm and its error estimate are described in richardson.ts.
 * Internal module.
 *
 * Usage: t.setUp(plan, x, lo, hi, count); t.lanes.center[l] = f(x) per lane; then
 *   for (let node = t.next(); node === node; node = t.next()) {
 *     // call f with the coordinate at `node`; t.put(l, value of lane l) for every lane; t.advance();
 *   }
 * then t.failure (0, FAILED_VANISHED, FAILED_NON_FINITE) or per lane
 * t.lanes.bestValue[l], t.lanes.errorOf(l), t.lanes.status[l].
 */
import { intoBox } from '../kernel/bounds.js';
import type { Plan } from '../kernel/coordinate.js';
import { lagrangeNearest, lagrangeWeights } from '../kernel/lagrange.js';
import { CONVERGED, Lanes, NON_FINITE, NOT_CONVERGED, ROW, RUNNING } from './richardson-lanes.js';
import { FLOAT32_MAX, RICHARDSON_INITIAL_STEP, spacingAt } from '../kernel/step.js';

/** Column failure: the first step vanished (below the spacing of floats) before any estimate. */
export const FAILED_VANISHED = 1;
/** Column failure: f was not finite at every first step down to 4⁻³⁰·h₀. */
export const FAILED_NON_FINITE = 2;

/** Restarts with h₀/4 after a non-finite f at the first level (4⁻³⁰ ≈ 1e-18 of h₀). */
const RESTARTS = 30;
/** Restarts after the estimates diverged far above the rounding floor. */
const DIVERGED_RESTARTS = 6;
/** A change this many times the previous one (and the rounding floor) is a feature the larger steps straddled, not noise. */
const SUDDEN = 1e3;

const POINTS = new Float64Array(64);
const WEIGHTS = new Float64Array(64);

/** The tableau of one coordinate. */
export class Tableau {
  plan!: Plan;
  x = 0;
  lo = -Infinity;
  hi = Infinity;
  /** 0: central; ±1: one-sided toward that side. */
  side = 0;
  h0 = 0;
  /** Nodes per level (2 central, 1 one-sided) and the index of level 0's first node (1 one-sided: index 0 is x). */
  per = 2;
  base = 0;
  restarts = 0;
  diverged = 0;
  /** The level and the node within it that next() hands out. */
  k = 0;
  n = 0;
  /** Index of the current node, and of its lane 0 in values. */
  private current = 0;
  private slot = 0;
  /** Lanes still running. */
  active = 0;
  /** 0, FAILED_VANISHED or FAILED_NON_FINITE. */
  failure = 0;
  /** The last non-finite value seen, where, and in which lane. */
  failValue = 0;
  failNode = 0;
  failLane = 0;
  /** The step that vanished (FAILED_VANISHED). */
  failH = 0;
  private hadNonFinite = false;
  readonly nodes = new Float64Array(64);
  /** The outputs' estimates (values, rows, errors, status). */
  readonly lanes = new Lanes();

  /**
   * A coordinate at x in [lo, hi] with `count` outputs: the first step
   * (scipy's absolute 0.5, or h; raised where x is so large that ten halvings
   * would reach the spacing of floats) and the side — central, or one-sided
   * toward the room when the box or the float range leaves less than h₀/8 on
   * one side (else h₀ shrinks to the room). The caller sets lanes.center[l] = f(x).
   */
  setUp(plan: Plan, x: number, lo: number, hi: number, count: number): void {
    this.lanes.reset(count);
    this.plan = plan;
    this.x = x;
    this.lo = lo;
    this.hi = hi;
    this.active = count;
    this.restarts = 0;
    this.diverged = 0;
    this.failure = 0;
    this.hadNonFinite = false;
    let h0 = plan.auto ? Math.max(RICHARDSON_INITIAL_STEP, 1024 * spacingAt(x, plan.float32 ? 'float32' : 'float64')) : plan.fixedH;
    const top = plan.float32 ? FLOAT32_MAX : Number.MAX_VALUE; // the float range is a box too
    const up = Math.min(hi, top) - x;
    const down = x - Math.max(lo, -top);
    this.side = 0;
    if (!(up >= h0 && down >= h0)) {
      const room = Math.min(up, down);
      if (room >= h0 / 8) h0 = room;
      else {
        // one-sided toward the room; a bound at distance d > 0 may be where f stops being smooth (√x at 0): start within d
        this.side = up >= down ? 1 : -1;
        h0 = Math.min(h0, this.side > 0 ? up : down, room > 0 ? Math.max(room, h0 / 64) : h0);
      }
    }
    this.per = this.side === 0 ? 2 : 1;
    this.base = this.side === 0 ? 0 : 1;
    this.nodes[0] = x;
    this.restart(h0);
  }

  /** Start the running lanes over with the first step `h0`. */
  private restart(h0: number): void {
    this.h0 = h0;
    this.k = 0;
    this.n = 0;
    const lanes = this.lanes;
    for (let l = 0; l < lanes.count; l++) if (lanes.status[l] === RUNNING) lanes.restart(l);
  }

  /**
   * The next node to call f at (the coordinate's value as stored), or NaN when
   * the coordinate is done or failed. A node that equals x or the previous
   * level's (the step reached the spacing of floats) ends the coordinate with
   * the best estimates so far — or fails it when there are none yet.
   */
  next(): number {
    if (this.active === 0 || this.failure !== 0) return NaN;
    const { x, side, k, n } = this;
    if (k >= this.plan.richardson.maxLevels) return this.finish();
    const h = this.h0 / 2 ** k;
    let node = x + (side === 0 ? (n === 0 ? h : -h) : side * h);
    if (this.plan.float32) node = intoBox(Math.fround(node), this.lo, this.hi, true);
    const j = this.base + k * this.per + n;
    if (node === x || node - node !== 0 || (k > 0 && node === this.nodes[j - this.per])) {
      const { count, status, bestValue } = this.lanes;
      for (let l = 0; l < count; l++) if (status[l] === RUNNING && bestValue[l] === bestValue[l]) return this.finish();
      this.failure = this.hadNonFinite ? FAILED_NON_FINITE : FAILED_VANISHED; // stepped back from non-finite values all the way, or no step fits
      this.failH = h;
      return NaN;
    }
    this.nodes[j] = node;
    this.current = j;
    this.slot = j * this.lanes.count;
    return node;
  }

  /** The value of lane l at the node next() returned. */
  put(l: number, value: number): void {
    this.lanes.values[this.slot + l] = value;
  }

  /** True when the next advance() completes a level (extrapolates and judges it). */
  completesLevel(): boolean {
    return this.n + 1 >= this.per;
  }

  /**
   * Every lane's value is in: a non-finite value at the first level steps
   * back (the coordinate restarts with h₀/4), later it ends its lane
   * ('non-finite'); a complete level is extrapolated and judged.
   */
  advance(): void {
    const lanes = this.lanes;
    const { status, values } = lanes;
    const slot = this.slot;
    let restart = false;
    for (let l = 0; l < lanes.count; l++) {
      if (status[l] !== RUNNING) continue;
      const v = values[slot + l]!;
      if (v - v === 0) continue;
      this.hadNonFinite = true;
      this.failValue = v;
      this.failNode = this.nodes[this.current]!;
      this.failLane = l;
      if (this.k === 0) restart = true;
      else {
        status[l] = NON_FINITE;
        this.active--;
      }
    }
    if (restart) {
      if (this.restarts < RESTARTS) {
        this.restarts++;
        this.restart(this.h0 / 4);
      } else this.failure = FAILED_NON_FINITE;
      return;
    }
    if (this.active === 0 || ++this.n < this.per) return;
    this.n = 0;
    this.endLevel();
  }

  /** End every running lane as not converged; returns NaN (for next()). */
  private finish(): number {
    const { count, status } = this.lanes;
    for (let l = 0; l < count; l++) if (status[l] === RUNNING) status[l] = NOT_CONVERGED;
    this.active = 0;
    return NaN;
  }

  /** Level k is complete: fill and judge each running lane's row; step back from divergence. */
  private endLevel(): void {
    const k = this.k;
    const lanes = this.lanes;
    const { status, e1, e2 } = lanes;
    this.fillRows(k);
    const kinkStep = this.side === 0 ? this.h0 / 2 ** k : -1;
    let diverging = false;
    for (let l = 0; l < lanes.count; l++) {
      if (status[l] !== RUNNING) continue;
      if (lanes.judge(l, k, this.plan.richardson, kinkStep)) {
        status[l] = CONVERGED;
        this.active--;
        continue;
      }
      for (let j = l * ROW; j <= l * ROW + k; j++) lanes.previous[j] = lanes.row[j]!;
      if (k >= 3 && e1[l]! > 2 * e2[l]! && this.diverged < DIVERGED_RESTARTS) {
        const rounding = lanes.rounding[l]!;
        // far above rounding, or a sudden jump from estimates that agreed to near rounding (an oscillation aliased
        // at the larger steps: sin(100x) at steps ≈ 2πm/100); noise grows ~2× per level and triggers neither
        if (lanes.bestError[l]! > 1e3 * rounding || e1[l]! > SUDDEN * Math.max(e2[l]!, rounding)) diverging = true;
      }
    }
    if (diverging) {
      // diverging far above rounding: a feature smaller than the step (a pole, an oscillation) — start below it
      this.diverged++;
      this.restart(this.h0 / 2 ** (k + 2));
      return;
    }
    for (let l = 0; l < lanes.count; l++) {
      if (status[l] === RUNNING && k >= 3 && e1[l]! > 2 * e2[l]! && e2[l]! > 0) {
        // diverging at the rounding floor: the best is behind us
        status[l] = NOT_CONVERGED;
        this.active--;
      }
    }
    this.k = k + 1;
  }

  /**
   * Row k of every running lane: T(k, j) = the slope at x through the nodes
   * of levels k−j…k (and, one-sided, (x, f(x))), the weights computed once
   * for all lanes; the diagonal's rounding scale √Σ(wⱼfⱼ)² into `rounding`.
   */
  private fillRows(k: number): void {
    const { base, per, x, nodes } = this;
    const { count, status, row, rounding: scale } = this.lanes;
    for (let j = 0; j <= k; j++) {
      let m = 0;
      if (base === 1) POINTS[m++] = 0;
      const first = base + (k - j) * per;
      for (let q = first; q < base + (k + 1) * per; q++) POINTS[m++] = nodes[q]! - x;
      if (m === 2) {
        const w = 1 / (POINTS[0]! - POINTS[1]!);
        for (let l = 0; l < count; l++) {
          if (status[l] !== RUNNING) continue;
          const v0 = this.pointValue(first, 0, l);
          const v1 = this.pointValue(first, 1, l);
          row[l * ROW + j] = (v0 - v1) * w;
          if (j === k) scale[l] = Math.abs(w) * Math.hypot(v0, v1);
        }
        continue;
      }
      const r = lagrangeWeights(WEIGHTS, POINTS, m);
      const nearest = lagrangeNearest;
      for (let l = 0; l < count; l++) {
        if (status[l] !== RUNNING) continue;
        const shift = this.pointValue(first, nearest, l);
        let sum = 0;
        let rounding = 0;
        for (let i = 0; i < m; i++) {
          const v = this.pointValue(first, i, l);
          sum += WEIGHTS[i]! * (v - shift);
          const term = WEIGHTS[i]! * v;
          rounding += term * term;
        }
        row[l * ROW + j] = sum / r;
        if (j === k) scale[l] = Math.sqrt(rounding) / r;
      }
    }
  }

  /** Lane l's value at point i of a row whose first node is `first`: point 0 is (x, f(x)) one-sided. */
  private pointValue(first: number, i: number, l: number): number {
    const lanes = this.lanes;
    return this.base === 1 && i === 0 ? lanes.center[l]! : lanes.values[(first + i - this.base) * lanes.count + l]!;
  }
}
