/**
 * Scheme 'richardson': derivatives that report their own error. Central
 * differences at steps h₀, h₀/2, h₀/4, … (2 calls of f each), extrapolated by
 * the derivative at x of the polynomial through the stored nodes of the
 * recent levels (Richardson's tableau, Neville in h², on the nodes as the
 * storage holds them), until the estimate converges or stops improving.
 * Exported for jacobian and the other routines of the package (internal module).
 *
 * Per level k: T(k, j) is the slope through the nodes of levels k−j…k (T(k,k)
 * through all of them, order 2k+2). Error of the diagonal T(k,k): with
 * Eₖ = |T(k,k) − T(k−1,k−1)| (≈ the error of the previous diagonal) and the
 * rate ρ = max(Eₖ/Eₖ₋₁, Eₖ₋₁/(4Eₖ₋₂)) (convergence is faster than
 * geometric, about 4× per level, so this errs high even when one rate jumps),
 * the truncation error is about Eₖ·ρ; the rounding floor is
 * R = 2·eps·(√Σⱼ(wⱼ·f(nodeⱼ))² + |T|) (independent errors of about an ulp in
 * each value of f, and the result's own rounding). Reported error:
 * max(Eₖ·ρ, R). Converged when that is within atol + rtol·|f′|, or when the
 * diagonal has reached the rounding floor (Eₖ ≤ 4R or Eₖ·ρ ≤ 4R: more levels
 * could not help). Entries through the recent levels only compete with
 * Ridders' estimate max(|T(k,j) − T(k,j−1)|, |T(k,j) − T(k−1,j−1)|, R): they
 * win where the large steps straddle a feature (a kink or a jump nearby).
 *
 * Stepping back: a non-finite f at the first level restarts with h₀/4 (log
 * near 0); estimates that diverge far above the rounding floor (a pole or an
 * oscillation smaller than the step) restart with h/4, up to 6 times; a later
 * non-finite f ends with 'non-finite' and the best estimate so far. A kink at
 * x (second differences f(x+h) + f(x−h) − 2f(x) halving with h while they are
 * above rounding) blocks convergence; if it persists to the last level the
 * result is the symmetric derivative with 'not-converged' and the error half
 * the jump in slope. Near a bound (or ±MAX) the levels turn one-sided: nodes
 * only on the side with room, with f(x) (when that side has less than h₀/8,
 * else h₀ shrinks to the room). A not-converged error is at least the spread
 * of the last estimates.
 */
import type { Plan } from './coordinate.js';
import { VANISHED } from './nodes.js';
import { BadPlacement, BadValue, type Probe } from './probe.js';
import { lagrangeRounding, lagrangeSlope, STENCILS } from './stencil.js';
import { FLOAT32_MAX, RICHARDSON_INITIAL_STEP, spacingAt } from './step.js';
import { intoBox } from './bounds.js';

/** How a Richardson estimate ended: converged (to the tolerance or the rounding floor), not converged (levels exhausted, a kink, the error growing), or stopped by a non-finite f. */
export type RichardsonStatus = 'converged' | 'not-converged' | 'non-finite';

/** What richardsonSlope reports besides the value (written, no allocation). */
export interface RichardsonReport {
  /** Estimated absolute error of the value. */
  error: number;
  status: RichardsonStatus;
}

/** Rounding floor factor: R = 2·eps·(√Σ(wⱼfⱼ)² + |T|). */
const ROUNDING = 2 * 2 ** -52;
/** The diagonal has reached the rounding floor when its change is within this many R. */
const FLOOR = 4;
/** Restarts with h₀/4 after a non-finite f at the first level (4⁻³⁰ ≈ 1e-18 of h₀). */
const RESTARTS = 30;
/** Restarts after the estimates diverged far above the rounding floor. */
const DIVERGED_RESTARTS = 6;

/**
 * The tableau of one coordinate. Nodes and values live in the probe's
 * scratch: one-sided, index 0 holds (x, f(x)); then `per` nodes per level.
 */
class Tableau {
  probe!: Probe;
  plan!: Plan;
  x = 0;
  lo = -Infinity;
  hi = Infinity;
  side = 0; // 0: central; ±1: one-sided toward that side
  h0 = 0;
  per = 2;
  base = 0;
  restarts = 0;
  diverged = 0;
  // per level
  readonly row = new Float64Array(32);
  readonly previous = new Float64Array(32);
  e1 = NaN; // E of the previous level
  e2 = NaN; // and the one before
  s1 = NaN; // second differences (kink check)
  s2 = NaN;
  kink = false;
  /** How far the one-sided slopes of a kink seen at x lie from the estimate (0: none). */
  jump = 0;
  rounding = 0;
  lastRounding = 0;
  // result
  bestValue = NaN;
  bestError = Infinity;
  spread = 0;
  status: RichardsonStatus = 'not-converged';
  lastBad: BadValue | undefined;

  /** Evaluate the nodes of level k (false: a node vanished or f was not finite there). */
  evaluateLevel(k: number): 'ok' | 'vanished' | 'non-finite' {
    const { probe, x, side, per, base } = this;
    const nodes = probe.nodes;
    const values = probe.values;
    const h = this.h0 / 2 ** k;
    for (let n = 0; n < per; n++) {
      let node = x + (side === 0 ? (n === 0 ? h : -h) : side * h);
      if (this.plan.float32) node = intoBox(Math.fround(node), this.lo, this.hi, true);
      const j = base + k * per + n;
      if (node === x || node - node !== 0 || (k > 0 && node === nodes[j - per])) return 'vanished';
      nodes[j] = node;
      const v = probe.evaluate(node, false);
      values[j] = v;
      if (v - v !== 0) {
        this.lastBad = new BadValue(v, node, node);
        return 'non-finite';
      }
    }
    return 'ok';
  }

  /** The slope at x through the nodes of levels from…to (and, one-sided, the point (x, f(x))). */
  slopeThrough(from: number, to: number): number {
    const { nodes, values } = this.probe;
    let m = 0;
    if (this.base === 1) {
      POINTS[m] = 0;
      VALUES[m++] = values[0]!;
    }
    for (let j = this.base + from * this.per; j < this.base + (to + 1) * this.per; j++) {
      POINTS[m] = nodes[j]! - this.x;
      VALUES[m++] = values[j]!;
    }
    if (m === 2) {
      const w = 1 / (POINTS[0]! - POINTS[1]!);
      this.lastRounding = Math.abs(w) * Math.hypot(VALUES[0]!, VALUES[1]!);
      return (VALUES[0]! - VALUES[1]!) * w;
    }
    const slope = lagrangeSlope(POINTS, VALUES, m);
    this.lastRounding = lagrangeRounding;
    return slope;
  }

  /** Fill row k of the tableau and judge it: true when the estimate is final. */
  judge(k: number): boolean {
    const row = this.row;
    for (let j = 0; j <= k; j++) row[j] = this.slopeThrough(k - j, k);
    const diagonal = row[k]!;
    this.rounding = ROUNDING * (this.lastRounding + Math.abs(diagonal)); // the diagonal was computed last
    this.checkKink(k);
    if (k === 0) {
      if (Number.isNaN(this.bestValue)) this.bestValue = diagonal;
      return false;
    }
    const e = Math.abs(diagonal - this.previous[k - 1]!);
    const rate = Math.max(this.e1 > 0 ? e / this.e1 : 0, k >= 3 && this.e2 > 0 ? this.e1 / (4 * this.e2) : 0);
    const truncation = k === 1 ? e : e * Math.min(1, rate);
    let candidate = diagonal;
    let error = Math.max(truncation, this.rounding);
    let candidateAtFloor = false;
    for (let j = 1; j < k; j++) {
      const nr = Math.max(Math.abs(row[j]! - row[j - 1]!), Math.abs(row[j]! - this.previous[j - 1]!), this.rounding);
      if (nr < error) {
        error = nr;
        candidate = row[j]!;
        candidateAtFloor = nr <= FLOOR * this.rounding;
      }
    }
    this.spread = Math.max(Math.abs(diagonal - this.previous[k - 1]!), Math.abs(candidate - diagonal));
    if (error < this.bestError) {
      this.bestError = error;
      this.bestValue = candidate;
    }
    const floor = k >= 2 && (e <= FLOOR * this.rounding || truncation <= FLOOR * this.rounding || candidateAtFloor);
    const { atol, rtol } = this.plan.richardson;
    if (!this.kink && (floor || error <= atol + rtol * Math.abs(candidate))) {
      this.status = 'converged';
      this.bestValue = candidate;
      this.bestError = error;
      return true;
    }
    this.e2 = this.e1;
    this.e1 = e;
    return false;
  }

  /** Kink at x: the second difference halves with h, twice running, above rounding. */
  checkKink(k: number): void {
    if (this.side !== 0) return;
    const values = this.probe.values;
    const plus = values[2 * k]!;
    const minus = values[2 * k + 1]!;
    const f0 = this.plan.center.value;
    const s = plus + minus - 2 * f0;
    const significant = Math.abs(s) > 1e3 * 2 ** -52 * (Math.abs(plus) + Math.abs(minus) + 2 * Math.abs(f0));
    this.kink = k >= 2 && significant && Math.abs(s / this.s1 - 0.5) < 0.1 && Math.abs(this.s1 / this.s2 - 0.5) < 0.1;
    if (this.kink) {
      // the one-sided slopes (f(x±h) − f(x))/±h differ from the symmetric one by half the jump; the value may be anywhere between
      const h = this.h0 / 2 ** k;
      const symmetric = (plus - minus) / (2 * h);
      this.jump = Math.max(this.jump, Math.abs((plus - f0) / h - symmetric), Math.abs((f0 - minus) / h - symmetric), Math.abs(this.bestValue - symmetric) + Math.abs(s) / (2 * h));
    }
    this.s2 = this.s1;
    this.s1 = s;
  }

  /** Start over with the first step `h0`. */
  restart(h0: number): void {
    this.h0 = h0;
    this.e1 = this.e2 = this.s1 = this.s2 = NaN;
    this.bestValue = NaN;
    this.bestError = Infinity;
    this.kink = false;
    this.jump = 0;
  }
}

const POINTS = new Float64Array(64);
const VALUES = new Float64Array(64);
const TABLEAUS: Tableau[] = [];
let depth = 0;

/**
 * ∂f/∂xₚ by Richardson extrapolation at the element the probe has selected
 * (saved value `old`), inside [lo, hi]; the error estimate and status go to
 * `report`. The element is restored before returning.
 *
 * @throws BadValue when f is not finite at any step down to 4⁻³⁰·h₀ (or returns a non-number); BadPlacement for a step below the spacing of floats
 */
export function richardsonSlope(probe: Probe, plan: Plan, old: number, lo: number, hi: number, report: RichardsonReport): number {
  const t = (TABLEAUS[depth] ??= new Tableau());
  depth++;
  try {
    setUp(t, probe, plan, old, lo, hi);
    const value = levels(t);
    probe.restore();
    report.error = t.status === 'converged' ? t.bestError : Math.max(t.bestError, t.spread, t.jump);
    report.status = t.status;
    return value;
  } finally {
    depth--; // on a throw the caller restores x (and names the node that failed)
  }
}

/** The first step, the side (central, or one-sided within the box and the float range) and f(x). */
function setUp(t: Tableau, probe: Probe, plan: Plan, old: number, lo: number, hi: number): void {
  t.probe = probe;
  t.plan = plan;
  t.x = old;
  t.lo = lo;
  t.hi = hi;
  t.restarts = 0;
  t.diverged = 0;
  t.status = 'not-converged';
  t.spread = 0;
  t.lastBad = undefined;
  // scipy's absolute 0.5, raised where x is so large that ten halvings would reach the spacing of floats
  let h0 = plan.auto ? Math.max(RICHARDSON_INITIAL_STEP, 1024 * spacingAt(old, plan.float32 ? 'float32' : 'float64')) : plan.fixedH;
  const top = plan.float32 ? FLOAT32_MAX : Number.MAX_VALUE; // the float range is a box too
  const up = Math.min(hi, top) - old;
  const down = old - Math.max(lo, -top);
  t.side = 0;
  if (!(up >= h0 && down >= h0)) {
    const room = Math.min(up, down);
    if (room >= h0 / 8) h0 = room;
    else {
      // one-sided toward the room; a bound at distance d > 0 may be where f stops being smooth (√x at 0): start within d
      t.side = up >= down ? 1 : -1;
      h0 = Math.min(h0, t.side > 0 ? up : down, room > 0 ? Math.max(room, h0 / 64) : h0);
    }
  }
  t.per = t.side === 0 ? 2 : 1;
  t.base = t.side === 0 ? 0 : 1;
  t.restart(h0);
  const center = plan.center;
  if (!center.known) {
    center.value = probe.evaluateCenter();
    center.known = true;
  }
  probe.nodes[0] = old;
  probe.values[0] = center.value;
}

/** Run the levels: evaluate, judge, step back from non-finite values and divergence. */
function levels(t: Tableau): number {
  const maxLevels = t.plan.richardson.maxLevels;
  for (let k = 0; k < maxLevels; k++) {
    const outcome = t.evaluateLevel(k);
    t.probe.settle(); // what follows depends on the level's values
    if (outcome === 'vanished') {
      if (!Number.isNaN(t.bestValue)) break; // the step reached the spacing of floats: no further level
      if (t.lastBad !== undefined) throw t.lastBad; // stepped back from non-finite values all the way
      throw new BadPlacement(VANISHED, t.h0 / 2 ** k, t.x, STENCILS.central);
    }
    if (outcome === 'non-finite') {
      if (k === 0 && t.restarts < RESTARTS) {
        t.restarts++;
        t.restart(t.h0 / 4);
        k = -1;
        continue;
      }
      if (k === 0) throw t.lastBad!;
      t.status = 'non-finite';
      break;
    }
    if (t.judge(k)) break;
    t.previous.set(t.row.subarray(0, k + 1));
    const e = t.e1;
    if (k >= 3 && e > 2 * t.e2 && t.bestError > 1e3 * t.rounding && t.diverged < DIVERGED_RESTARTS) {
      // diverging far above rounding: a feature smaller than the step (a pole, an oscillation) — start below it
      t.diverged++;
      t.restart(t.h0 / 2 ** (k + 2));
      k = -1;
      continue;
    }
    if (k >= 3 && e > 2 * t.e2 && t.e2 > 0) break; // diverging at the rounding floor: the best is behind us
  }
  return t.bestValue;
}
