/**
 * Scheme 'richardson': derivatives that report their own error. Central
 * differences at steps h₀, h₀/2, h₀/4, … (2 calls of f each), extrapolated by
 * the derivative at x of the polynomial through the stored nodes of the
 * recent levels (Richardson's tableau, Neville in h², on the nodes as the
 * storage holds them), until the estimate converges or stops improving.
 * The tableau itself (richardson-tableau.ts) serves a scalar f (one lane,
 * here) and a vector-valued f (jacobian-richardson.ts: one lane per output).
 * Internal module.
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
 * oscillation smaller than the step), or jump by 1000× the previous change
 * after agreeing to near rounding (an oscillation aliased by the larger
 * steps), restart with h/4 below the current step, up to 6 times; a later
 * non-finite f ends with 'non-finite' and the best estimate so far. A kink at
 * x (second differences f(x+h) + f(x−h) − 2f(x) halving with h while they are
 * above rounding) blocks convergence; if it persists to the last level the
 * result is the symmetric derivative with 'not-converged' and the error half
 * the jump in slope. Near a bound (or ±MAX) the levels turn one-sided: nodes
 * only on the side with room, with f(x) (when that side has less than h₀/8,
 * else h₀ shrinks to the room). A not-converged error is at least the spread
 * of the last estimates.
 */
import type { Plan } from '../kernel/coordinate.js';
import { VANISHED } from '../kernel/nodes.js';
import { BadPlacement, BadValue, type Probe } from '../kernel/probe.js';
import { CONVERGED, NON_FINITE } from './richardson-lanes.js';
import { FAILED_NON_FINITE, Tableau } from './richardson-tableau.js';
import { STENCILS } from '../kernel/stencil.js';

/** How a Richardson estimate ended: converged (to the tolerance or the rounding floor), not converged (levels exhausted, a kink, the error growing), or stopped by a non-finite f. */
export type RichardsonStatus = 'converged' | 'not-converged' | 'non-finite';

/** What richardsonSlope reports besides the value (written, no allocation). */
export interface RichardsonReport {
  /** Estimated absolute error of the value. */
  error: number;
  status: RichardsonStatus;
}

/** A lane's status code (richardson-tableau.ts) as the public name. */
export function statusName(code: number): RichardsonStatus {
  return code === CONVERGED ? 'converged' : code === NON_FINITE ? 'non-finite' : 'not-converged';
}

/** One tableau per nesting depth: f may differentiate something itself. */
const TABLEAUS: Tableau[] = [];
let depth = 0;

/**
 * ∂f/∂xₚ by Richardson extrapolation at the element the probe has selected
 * (saved value `old`), inside [lo, hi]; the error estimate and status go to
 * `report`. f(x) is evaluated once per call (or taken from the plan's
 * center). The element is restored before returning.
 *
 * @throws BadValue when f is not finite at any step down to 4⁻³⁰·h₀ (or returns a non-number); BadPlacement for a step below the spacing of floats
 */
export function richardsonSlope(probe: Probe, plan: Plan, old: number, lo: number, hi: number, report: RichardsonReport): number {
  const t = (TABLEAUS[depth] ??= new Tableau());
  depth++;
  try {
    t.setUp(plan, old, lo, hi, 1);
    const center = plan.center;
    if (!center.known) {
      center.value = probe.evaluateCenter();
      center.known = true;
    }
    t.lanes.center[0] = center.value;
    for (let node = t.next(); node === node; node = t.next()) {
      t.put(0, probe.evaluate(node, false));
      if (t.completesLevel()) probe.settle(); // the level is judged next: its values must be known (async: wait)
      t.advance();
    }
    if (t.failure === FAILED_NON_FINITE) throw new BadValue(t.failValue, t.failNode, t.failNode);
    if (t.failure !== 0) throw new BadPlacement(VANISHED, t.failH, old, STENCILS.central);
    probe.restore();
    report.error = t.lanes.errorOf(0);
    report.status = statusName(t.lanes.status[0]!);
    return t.lanes.bestValue[0]!;
  } finally {
    depth--; // on a throw the caller restores x (and names the node that failed)
  }
}
