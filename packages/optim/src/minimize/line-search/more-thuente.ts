/**
 * The Moré–Thuente line search (ACM TOMS 20(3), 1994 — the search of MINPACK-2,
 * L-BFGS-B and scipy): a safeguarded interval of uncertainty [stx, sty] that is
 * guaranteed to contain a strong-Wolfe step, trial steps from cubic and
 * quadratic models of φ, and the auxiliary ψ(α) = φ(α) − φ(0) − c1·α·φ'(0)
 * while no step with ψ ≤ 0 and φ' ≥ 0 has been seen. It evaluates φ and φ' at
 * every trial: the choice for analytic gradients.
 */
import { FailureProbe, sufficientDecrease, type LineFunction, type LineSearchOutcome } from './line-function.js';
import { resolveWolfeOptions, type WolfeSearchOptions } from './wolfe.js';
import type { Loop } from '../../drive/run-sync.js';

/** The interval of uncertainty: its best end x (lowest ψ so far), other end y, and whether a minimizer is bracketed. */
interface Interval {
  stx: number;
  fx: number;
  dx: number;
  sty: number;
  fy: number;
  dy: number;
  brackt: boolean;
}

/**
 * The minimizer of the cubic through (a, fa, da), (b, fb, db) written as b + r·(a − b)
 * (N&W eq. 3.59, scaled by s against overflow); returns [r, γ]. With clampRoot a
 * negative discriminant counts as 0 (case 3: the cubic may have no minimizer).
 */
function cubicRatio(a: number, fa: number, da: number, b: number, fb: number, db: number, clampRoot: boolean): [number, number] {
  const theta = (3 * (fa - fb)) / (b - a) + da + db;
  const s = Math.max(Math.abs(theta), Math.abs(da), Math.abs(db));
  const radicand = (theta / s) ** 2 - (da / s) * (db / s);
  let gamma = s * Math.sqrt(clampRoot ? Math.max(0, radicand) : radicand);
  if (b > a) gamma = -gamma;
  return [(gamma - db + theta) / (gamma - db + gamma + da), gamma];
}

function cubicStep(a: number, fa: number, da: number, b: number, fb: number, db: number): number {
  return b + cubicRatio(a, fa, da, b, fb, db, false)[0] * (a - b);
}

/**
 * One safeguarded step (the four cases of Moré & Thuente §4): updates the interval
 * with the trial (stp, fp, dp) and returns the next trial step.
 */
function nextStep(I: Interval, stp: number, fp: number, dp: number, stpmin: number, stpmax: number): number {
  const { stx, fx, dx, sty, fy, dy } = I;
  const sgnd = dp * Math.sign(dx);
  let stpf: number;
  if (fp > fx) {
    // Case 1: a higher value — the minimizer is bracketed; the cubic step if closer to stx, else between it and the quadratic one.
    const stpc = cubicStep(stx, fx, dx, stp, fp, dp);
    const stpq = stx + (dx / ((fx - fp) / (stp - stx) + dx) / 2) * (stp - stx);
    stpf = Math.abs(stpc - stx) < Math.abs(stpq - stx) ? stpc : stpc + (stpq - stpc) / 2;
    I.brackt = true;
  } else if (sgnd < 0) {
    // Case 2: the slope changed sign — bracketed; the step farther from stp of the cubic and the secant.
    const stpc = cubicStep(stx, fx, dx, stp, fp, dp);
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
    I.brackt = true;
  } else if (Math.abs(dp) < Math.abs(dx)) {
    // Case 3: lower value, same sign, smaller slope — the cubic may not have a minimizer in the direction.
    const [r, gamma] = cubicRatio(stx, fx, dx, stp, fp, dp, true);
    const stpc = r < 0 && gamma !== 0 ? stp + r * (stx - stp) : stp > stx ? stpmax : stpmin;
    const stpq = stp + (dp / (dp - dx)) * (stx - stp);
    if (I.brackt) {
      stpf = Math.abs(stpc - stp) < Math.abs(stpq - stp) ? stpc : stpq;
      stpf = stp > stx ? Math.min(stp + 0.66 * (sty - stp), stpf) : Math.max(stp + 0.66 * (sty - stp), stpf);
    } else {
      stpf = Math.abs(stpc - stp) > Math.abs(stpq - stp) ? stpc : stpq;
      stpf = Math.max(stpmin, Math.min(stpmax, stpf));
    }
  } else {
    // Case 4: lower value, same sign, slope not smaller — extrapolate, or use the cubic toward sty inside a bracket.
    stpf = I.brackt ? cubicStep(sty, fy, dy, stp, fp, dp) : stp > stx ? stpmax : stpmin;
  }
  if (fp > fx) {
    I.sty = stp;
    I.fy = fp;
    I.dy = dp;
  } else {
    if (sgnd < 0) {
      I.sty = stx;
      I.fy = fx;
      I.dy = dx;
    }
    I.stx = stp;
    I.fx = fp;
    I.dx = dp;
  }
  if (!Number.isFinite(stpf)) stpf = I.brackt ? (I.stx + I.sty) / 2 : stpmax;
  return stpf;
}

/** Relative width of the interval below which the search stops (L-BFGS-B uses 0.1, scipy's BFGS 1e-14). */
const X_TOL = 1e-14;
const EXTRAPOLATE_MIN = 1.1;
const EXTRAPOLATE_MAX = 4;

/**
 * Find a strong-Wolfe step by the Moré–Thuente algorithm (same conditions and
 * outcome as `wolfeSearch`, with φ'(α) evaluated at every trial).
 *
 * Stage 1 works on ψ(α) = φ(α) − φ(0) − c1·α·φ'(0) until a trial has ψ ≤ 0 and
 * φ' ≥ 0; each trial comes from `nextStep`; once bracketed, a bisection is forced
 * when the interval did not shrink by a third in two steps. Non-finite φ or φ'
 * at a trial shrinks the step toward stx by 0.2.
 * @example
 * // φ(α) = (α − 2)², φ'(0) = −4: α = 1 has |φ'(1)| = 2 ≤ 0.9·4 — accepted at once.
 * let a = 0;
 * const phi = {
 *   *value(alpha: number) { a = alpha; return (a - 2) ** 2; },
 *   *slope() { return 2 * (a - 2); },
 * };
 * settle(moreThuenteSearch(phi, 4, -4, 1)).alpha; // → 1
 */
export function* moreThuenteSearch<Q>(phi: LineFunction<Q>, value0: number, slope0: number, alpha0: number, options: WolfeSearchOptions = {}): Loop<Q, LineSearchOutcome> {
  const o = resolveWolfeOptions(options);
  const gtest = o.c1 * slope0;
  const I: Interval = { stx: 0, fx: value0, dx: slope0, sty: 0, fy: value0, dy: slope0, brackt: false };
  let stage1 = true;
  let width = o.alphaMax;
  let width1 = 2 * width;
  let stmin = 0;
  let stmax = alpha0 + EXTRAPOLATE_MAX * alpha0;
  let stp = Math.min(alpha0, o.alphaMax);
  let values = 0;
  let slopes = 0;
  let lastAt = 0;
  const probe = new FailureProbe(value0, slope0);
  let best = { a: 0, v: value0, d: slope0 };
  for (;;) {
    const f = yield* phi.value(stp);
    values++;
    lastAt = stp;
    probe.observe(stp, f);
    if (f === -Infinity) return { status: 'unbounded', alpha: stp, value: f, slope: NaN, current: true, values, slopes };
    let g = NaN;
    if (Number.isFinite(f)) {
      slopes++;
      g = yield* phi.slope();
    }
    const decrease = sufficientDecrease(f, stp, value0, slope0, o.c1);
    if (decrease && Number.isFinite(g) && f < best.v) best = { a: stp, v: f, d: g };
    if (decrease && Math.abs(g) <= -o.c2 * slope0) return { status: 'wolfe', alpha: stp, value: f, slope: g, current: true, values, slopes };
    if (values >= o.maxTrials || (I.brackt && stmax - stmin <= X_TOL * stmax) || (stp === o.alphaMax && decrease && g <= gtest)) break;
    if (!Number.isFinite(f) || !Number.isFinite(g)) {
      I.brackt = true;
      I.sty = stp;
      I.fy = Infinity;
      I.dy = NaN;
      stp = I.stx + 0.2 * (stp - I.stx);
    } else {
      if (stage1 && f <= value0 + stp * gtest && g >= 0) stage1 = false;
      if (stage1 && f <= I.fx && f > value0 + stp * gtest) {
        // The modified function ψ: shift values and slopes by the sufficient-decrease line.
        const J: Interval = { ...I, fx: I.fx - I.stx * gtest, fy: I.fy - I.sty * gtest, dx: I.dx - gtest, dy: I.dy - gtest };
        stp = nextStep(J, stp, f - stp * gtest, g - gtest, stmin, stmax);
        Object.assign(I, J, { fx: J.fx + J.stx * gtest, fy: J.fy + J.sty * gtest, dx: J.dx + gtest, dy: J.dy + gtest });
      } else {
        stp = nextStep(I, stp, f, g, stmin, stmax);
      }
      if (I.brackt) {
        if (Math.abs(I.sty - I.stx) >= 0.66 * width1) stp = I.stx + 0.5 * (I.sty - I.stx);
        width1 = width;
        width = Math.abs(I.sty - I.stx);
      }
    }
    if (I.brackt) {
      stmin = Math.min(I.stx, I.sty);
      stmax = Math.max(I.stx, I.sty);
    } else {
      stmin = stp + EXTRAPOLATE_MIN * (stp - I.stx);
      stmax = stp + EXTRAPOLATE_MAX * (stp - I.stx);
    }
    stp = Math.max(0, Math.min(stp, o.alphaMax));
    if (I.brackt && (stp <= stmin || stp >= stmax || stmax - stmin <= X_TOL * stmax)) stp = I.stx;
    if (!(stp > 0)) break;
  }
  if (best.a > 0) return { status: 'armijo', alpha: best.a, value: best.v, slope: best.d, current: best.a === lastAt, values, slopes };
  return { status: probe.verdict(), alpha: 0, value: value0, slope: slope0, current: false, values, slopes };
}
