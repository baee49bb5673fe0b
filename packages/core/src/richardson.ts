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
 * worst recent rate ρ = max(Eₖ/Eₖ₋₁, Eₖ₋₁/Eₖ₋₂), the truncation error is about
 * Eₖ·ρ (convergence is faster than geometric, so this errs high); the
 * rounding floor is R = c·eps·Σⱼ|wⱼ·f(nodeⱼ)| (what rounding of f's values
 * can do to the weighted sum). Reported error: max(Eₖ·ρ, R). Converged when
 * that is within atol + rtol·|f′| or when the diagonal has reached the
 * rounding floor (Eₖ ≤ 4R or Eₖ·ρ ≤ 4R): more levels could not help.
 * Off-diagonal entries (nodes of the recent levels only) are candidates too,
 * with Ridders' estimate max(|T(k,j) − T(k,j−1)|, |T(k,j) − T(k−1,j−1)|):
 * they win where the large steps straddle a feature (a kink nearby).
 *
 * Also: a kink at x (second differences f(x+h) + f(x−h) − 2f(x) shrinking
 * like h instead of h²) ends with 'not-converged' and the error set to half
 * the jump in slope; a non-finite f at the first level restarts with h₀/4
 * (log near 0: steps back from the singularity), later ones end with
 * 'non-finite' and the best estimate so far. Near a bound (or ±MAX) the
 * levels turn one-sided: nodes x ± h only on the side with room, with f(x).
 */
import type { Plan } from './finite-difference.js';
import { VANISHED } from './nodes.js';
import { BadPlacement, BadValue, type Probe } from './probe.js';
import { lagrangeRounding, lagrangeSlope, STENCILS } from './stencil.js';
import { FLOAT32_MAX, RICHARDSON_INITIAL_STEP, spacingAt } from './step.js';

/** How a Richardson estimate ended: converged (to the tolerance or the rounding floor), not converged (levels exhausted, a kink, the error growing), or stopped by a non-finite f. */
export type RichardsonStatus = 'converged' | 'not-converged' | 'non-finite';

/** What richardsonSlope reports besides the value (written, no allocation). */
export interface RichardsonReport {
  /** Estimated absolute error of the value. */
  error: number;
  status: RichardsonStatus;
}

/** Rounding floor factor c: R = c·eps·Σ|wⱼfⱼ| (f's values carry a few ulps of error each). */
const ROUNDING = 2;
/** The diagonal has reached the rounding floor when its change is within this many R. */
const FLOOR = 4;
/** Restarts with h₀/4 after a non-finite f at the first level (4⁻³⁰ ≈ 1e-18 of h₀). */
const RESTARTS = 30;

const POINTS = new Float64Array(64);
const VALUES = new Float64Array(64);
const ROW = new Float64Array(32);
const PREVIOUS = new Float64Array(32);

/**
 * ∂f/∂xₚ by Richardson extrapolation at the element the probe has selected
 * (saved value `old`), inside [lo, hi]; the error estimate and status go to
 * `report`. The element is restored before returning.
 *
 * @throws BadValue when f is not finite at any step down to 4⁻³⁰·h₀ (or returns a non-number)
 */
export function richardsonSlope(probe: Probe, plan: Plan, old: number, lo: number, hi: number, report: RichardsonReport): number {
  const float32 = plan.float32;
  // scipy's absolute 0.5, raised where x is so large that ten halvings would reach the spacing of floats
  let h0 = plan.auto ? Math.max(RICHARDSON_INITIAL_STEP, 1024 * spacingAt(old, float32 ? 'float32' : 'float64')) : plan.fixedH;
  // one-sided toward the side with room when the box (or the float range) does not hold x ± h₀
  const top = float32 ? FLOAT32_MAX : Number.MAX_VALUE; // the float range is a box too
  const up = Math.min(hi, top) - old;
  const down = old - Math.max(lo, -top);
  let side = 0;
  if (!(up >= h0 && down >= h0)) {
    const room = Math.min(up, down);
    if (room >= h0 / 8) h0 = room;
    else {
      side = up >= down ? 1 : -1;
      h0 = Math.min(h0, side > 0 ? up : down);
    }
  }
  const center = plan.center;
  if (!center.known) {
    center.value = probe.evaluateCenter();
    center.known = true;
  }
  const nodes = probe.nodes;
  const values = probe.values;
  const per = side === 0 ? 2 : 1;
  const base = side === 0 ? 0 : 1;
  nodes[0] = old; // one-sided: the point (x, f(x)) first
  values[0] = center.value;
  const { rtol, atol, maxLevels } = plan.richardson;
  let restarts = 0;
  let bestValue = NaN;
  let bestError = Infinity;
  let status: RichardsonStatus = 'not-converged';
  let e1 = NaN; // E of the previous level
  let e2 = NaN; // and the one before
  let s1 = NaN; // second difference of the previous level (kink check)
  let s2 = NaN;
  for (let k = 0; k < maxLevels; k++) {
    const h = h0 / 2 ** k;
    let finite = true;
    let vanished = false;
    for (let n = 0; n < per; n++) {
      let node = old + (side === 0 ? (n === 0 ? h : -h) : side * h);
      if (float32) node = Math.fround(node);
      const j = base + k * per + n;
      const previous = k === 0 ? old : nodes[j - per]!;
      if (node === old || node === previous || node - node !== 0) vanished = true;
      nodes[j] = node;
      if (vanished) break;
      const v = probe.evaluate(node, false);
      values[j] = v;
      if (v - v !== 0) finite = false;
    }
    if (vanished) {
      // the step is below the spacing of floats: no further level (none at all: the step underflows)
      if (Number.isNaN(bestValue)) throw new BadPlacement(VANISHED, h, old, STENCILS.central);
      break;
    }
    if (!finite) {
      if (k === 0 && Number.isNaN(bestValue)) {
        if (++restarts > RESTARTS) throw new BadValue(values[base + per - 1]!, probe.data[probe.p], probe.perturbed);
        h0 /= 4;
        k = -1;
        continue;
      }
      status = 'non-finite';
      break;
    }
    // the tableau row: T(k, j) through the levels k−j…k
    for (let j = 0; j <= k; j++) ROW[j] = slopeThrough(nodes, values, old, base, per, k - j, k);
    const rounding = ROUNDING * 2 ** -52 * (lagrangeRounding + Math.abs(ROW[k]!)); // of the diagonal (computed last), and of the result itself
    const diagonal = ROW[k]!;
    let candidate = diagonal;
    let error = Infinity;
    if (k >= 1) {
      const e = Math.abs(diagonal - PREVIOUS[k - 1]!);
      const rate = Math.max(e1 > 0 ? e / e1 : 0, k >= 3 && e2 > 0 ? e1 / e2 : 0);
      const truncation = k === 1 ? e : e * Math.min(1, rate);
      error = Math.max(truncation, rounding);
      const floor = k >= 2 && (e <= FLOOR * rounding || truncation <= FLOOR * rounding);
      // Ridders' estimate for the entries through recent levels only
      for (let j = 1; j < k; j++) {
        const nr = Math.max(Math.abs(ROW[j]! - ROW[j - 1]!), Math.abs(ROW[j]! - PREVIOUS[j - 1]!), rounding);
        if (nr < error) {
          error = nr;
          candidate = ROW[j]!;
        }
      }
      if (error < bestError || Number.isNaN(bestValue)) {
        bestError = error;
        bestValue = candidate;
      }
      // kink at x: second differences halving with h (|x| at 0), two levels running
      if (side === 0) {
        const s = values[2 * k]! + values[2 * k + 1]! - 2 * center.value;
        const significant = Math.abs(s) > 1e3 * 2 ** -52 * (Math.abs(values[2 * k]!) + Math.abs(values[2 * k + 1]!) + 2 * Math.abs(center.value));
        if (k >= 2 && significant && Math.abs(s / s1 - 0.5) < 0.1 && Math.abs(s1 / s2 - 0.5) < 0.1) {
          bestValue = diagonal;
          bestError = Math.max(error, Math.abs(s) / (2 * h));
          status = 'not-converged';
          break;
        }
        s2 = s1;
        s1 = s;
      }
      if (floor || error <= atol + rtol * Math.abs(candidate)) {
        status = 'converged';
        bestValue = candidate;
        bestError = error;
        break;
      }
      if (k >= 3 && e > 2 * e1 && e1 > 2 * e2) break; // the diagonal diverges: rounding or no smoothness at this scale
      e2 = e1;
      e1 = e;
    } else if (side === 0) {
      s1 = values[0]! + values[1]! - 2 * center.value;
      bestValue = diagonal;
    } else bestValue = diagonal;
    PREVIOUS.set(ROW.subarray(0, k + 1));
  }
  probe.restore();
  report.error = bestError;
  report.status = status;
  return bestValue;
}

/** The slope at x through the nodes of levels from…to (and, one-sided, the point (x, f(x)) at index 0). */
function slopeThrough(nodes: Float64Array, values: Float64Array, x: number, base: number, per: number, from: number, to: number): number {
  let m = 0;
  if (base === 1) {
    POINTS[m] = 0;
    VALUES[m++] = values[0]!;
  }
  for (let j = base + from * per; j < base + (to + 1) * per; j++) {
    POINTS[m] = nodes[j]! - x;
    VALUES[m++] = values[j]!;
  }
  if (m === 2) return (VALUES[0]! - VALUES[1]!) / (POINTS[0]! - POINTS[1]!);
  return lagrangeSlope(POINTS, VALUES, m);
}
