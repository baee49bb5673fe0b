/**
 * A line search for the strong Wolfe conditions that evaluates the gradient
 * only at trials that already decrease f enough (Nocedal & Wright, Numerical
 * Optimization, Algorithms 3.5 and 3.6, with safeguarded cubic/quadratic
 * interpolation). A rejected trial costs one call of f and no gradient — with a
 * numerical gradient, 1 call instead of N + 1.
 */
import { FailureProbe, sufficientDecrease, type LineFunction, type LineSearchOutcome } from './line-function.js';
import type { Loop } from '../../drive/run-sync.js';
import { cubicMinimizer, quadraticMinimizer, safeguard } from './interpolation.js';

/** Options of `wolfeSearch`. */
export interface WolfeSearchOptions {
  /** Sufficient-decrease constant c1 in (0, c2). @default 1e-4 */
  c1?: number;
  /** Curvature constant c2 in (c1, 1): accept |φ'(α)| ≤ c2·|φ'(0)| (0.9 suits quasi-Newton directions). @default 0.9 */
  c2?: number;
  /** Calls of φ (values) per search, an integer ≥ 1 (scipy's maxls is 20). @default 20 */
  maxTrials?: number;
  /** Largest step tried, > 0. @default Infinity */
  alphaMax?: number;
}

/** Wolfe options with every default filled in. */
export type ResolvedWolfeOptions = Required<WolfeSearchOptions>;

/**
 * Defaults of `WolfeSearchOptions`.
 * @example
 * WOLFE_DEFAULTS.c2; // 0.9
 */
export const WOLFE_DEFAULTS: Readonly<ResolvedWolfeOptions> = { c1: 1e-4, c2: 0.9, maxTrials: 20, alphaMax: Infinity };

/**
 * Fill in the defaults of the Wolfe options (the caller validates the values).
 * @example
 * resolveWolfeOptions({ c2: 0.5 }); // { c1: 1e-4, c2: 0.5, maxTrials: 20, alphaMax: Infinity }
 */
export function resolveWolfeOptions(o: WolfeSearchOptions): ResolvedWolfeOptions {
  return { c1: o.c1 ?? WOLFE_DEFAULTS.c1, c2: o.c2 ?? WOLFE_DEFAULTS.c2, maxTrials: o.maxTrials ?? WOLFE_DEFAULTS.maxTrials, alphaMax: o.alphaMax ?? WOLFE_DEFAULTS.alphaMax };
}

/** Fraction of the bracket a zoom trial keeps from either end. */
const ZOOM_MARGIN = 0.1;
/** An extrapolated step lies in [α + 1.1·(α − α₋), α + 4·(α − α₋)] (Moré–Thuente's bounds). */
const EXTRAPOLATE_MIN = 1.1;
const EXTRAPOLATE_MAX = 4;
/** After a non-finite φ, the next trial is this fraction of the way from lo to hi. */
const NON_FINITE_SHRINK = 0.2;

/** A bracket end: step, value, slope (NaN when not evaluated). */
interface End {
  a: number;
  v: number;
  d: number;
}

/** Running state of one search. */
interface Search<Q> {
  phi: LineFunction<Q>;
  v0: number;
  d0: number;
  o: ResolvedWolfeOptions;
  values: number;
  slopes: number;
  /** Step of the last `value` call and of the last `slope` call. */
  lastValueAt: number;
  lastSlopeAt: number;
  /** Classifies a failure (see FailureProbe). */
  probe: FailureProbe;
}

function* evaluate<Q>(s: Search<Q>, alpha: number): Loop<Q, number> {
  s.values++;
  s.lastValueAt = alpha;
  const v = yield* s.phi.value(alpha);
  s.probe.observe(alpha, v);
  return v;
}

function* slopeAt<Q>(s: Search<Q>, alpha: number): Loop<Q, number> {
  s.slopes++;
  s.lastSlopeAt = alpha;
  return yield* s.phi.slope();
}

function outcome<Q>(s: Search<Q>, status: LineSearchOutcome['status'], at: End): LineSearchOutcome {
  const current = s.lastValueAt === at.a && (at.d !== at.d || s.lastSlopeAt === at.a);
  return { status, alpha: at.a, value: at.v, slope: at.d, current, values: s.values, slopes: s.slopes };
}

/** The search failed to find a Wolfe step: the best decreasing step if any, else why there is none. */
function giveUp<Q>(s: Search<Q>, lo: End): LineSearchOutcome {
  if (lo.a > 0) return outcome(s, 'armijo', lo);
  return { ...outcome(s, s.probe.verdict(), { a: 0, v: s.v0, d: s.d0 }), current: false };
}

/**
 * Algorithm 3.6: shrink the bracket [lo, hi] (lo: lowest decreasing step so far,
 * slope known; hi: its other end) until a trial satisfies the strong Wolfe conditions.
 */
function* zoom<Q>(s: Search<Q>, lo: End, hi: End): Loop<Q, LineSearchOutcome> {
  const bound = -s.o.c2 * s.d0;
  for (;;) {
    const width = Math.abs(hi.a - lo.a);
    // The linear model predicts a change of f below its rounding: no step in the bracket can show a decrease.
    const resolvable = width * Math.abs(s.d0) > Number.EPSILON * Math.abs(s.v0) || lo.a > 0;
    if (s.values >= s.o.maxTrials || width <= Number.EPSILON * Math.max(lo.a, hi.a) || !resolvable) return giveUp(s, lo);
    let trial: number;
    if (!Number.isFinite(hi.v)) trial = lo.a + NON_FINITE_SHRINK * (hi.a - lo.a);
    else {
      const t = Number.isFinite(hi.d) ? cubicMinimizer(lo.a, lo.v, lo.d, hi.a, hi.v, hi.d) : quadraticMinimizer(lo.a, lo.v, lo.d, hi.a, hi.v);
      trial = safeguard(t, lo.a, hi.a, ZOOM_MARGIN);
    }
    const v = yield* evaluate(s, trial);
    if (v === -Infinity) return outcome(s, 'unbounded', { a: trial, v, d: NaN });
    if (!(v < Infinity) || !sufficientDecrease(v, trial, s.v0, s.d0, s.o.c1) || v >= lo.v) {
      hi = { a: trial, v, d: NaN };
      continue;
    }
    const d = yield* slopeAt(s, trial);
    if (!Number.isFinite(d)) {
      hi = { a: trial, v: Infinity, d: NaN };
      continue;
    }
    if (Math.abs(d) <= bound) return outcome(s, 'wolfe', { a: trial, v, d });
    if (d * (hi.a - lo.a) >= 0) hi = lo;
    lo = { a: trial, v, d };
  }
}

/**
 * Find a step α > 0 along a descent direction satisfying the strong Wolfe conditions
 *
 *   φ(α) ≤ φ(0) + c1·α·φ'(0)  and  φ(α) < φ(0)      (sufficient, and strict, decrease)
 *   |φ'(α)| ≤ c2·|φ'(0)|                              (curvature)
 *
 * Algorithm 3.5 of Nocedal & Wright: try α₀; a trial that fails the decrease
 * test (or is non-finite, or is not below the previous trial) brackets a
 * minimizer and `zoom` shrinks the bracket by safeguarded interpolation (cubic
 * when both ends have slopes, else quadratic from φ(lo), φ'(lo), φ(hi)); a
 * trial with a positive slope brackets from the other side; a trial still
 * descending steeply extrapolates (cubic, within [1.1, 4]× the last increase).
 * The slope is evaluated only at trials passing the decrease test.
 *
 * @param phi - φ and φ' along the line (see LineFunction)
 * @param value0 - φ(0) = f(x)
 * @param slope0 - φ'(0) = ∇f(x)ᵀd, < 0
 * @param alpha0 - first trial step, > 0
 * @param options - c1, c2, maxTrials, alphaMax (see WolfeSearchOptions)
 * @returns the step, its value and slope, the status and the calls made
 * @example
 * // φ(α) = (α − 2)², φ(0) = 4, φ'(0) = −4. At α = 1: φ = 1 ≤ 4 − 1e-4·4 and |φ'(1)| = 2 ≤ 0.9·4 — accepted.
 * let a = 0;
 * const phi = {
 *   *value(alpha: number) { a = alpha; return (a - 2) ** 2; },
 *   *slope() { return 2 * (a - 2); },
 * };
 * settle(wolfeSearch(phi, 4, -4, 1)).alpha; // → 1
 */
export function* wolfeSearch<Q>(phi: LineFunction<Q>, value0: number, slope0: number, alpha0: number, options: WolfeSearchOptions = {}): Loop<Q, LineSearchOutcome> {
  const o = resolveWolfeOptions(options);
  const s: Search<Q> = { phi, v0: value0, d0: slope0, o, values: 0, slopes: 0, lastValueAt: NaN, lastSlopeAt: NaN, probe: new FailureProbe(value0, slope0) };
  const bound = -o.c2 * slope0;
  let prev: End = { a: 0, v: value0, d: slope0 };
  let alpha = Math.min(alpha0, o.alphaMax);
  for (;;) {
    const v = yield* evaluate(s, alpha);
    if (v === -Infinity) return outcome(s, 'unbounded', { a: alpha, v, d: NaN });
    if (!(v < Infinity) || !sufficientDecrease(v, alpha, value0, slope0, o.c1) || (prev.a > 0 && v >= prev.v)) {
      return yield* zoom(s, prev, { a: alpha, v, d: NaN });
    }
    const d = yield* slopeAt(s, alpha);
    if (!Number.isFinite(d)) return yield* zoom(s, prev, { a: alpha, v: Infinity, d: NaN });
    const here: End = { a: alpha, v, d };
    if (Math.abs(d) <= bound) return outcome(s, 'wolfe', here);
    if (d >= 0) return yield* zoom(s, here, prev);
    if (s.values >= o.maxTrials || alpha >= o.alphaMax) return outcome(s, 'armijo', here);
    const grow = alpha - prev.a;
    const t = cubicMinimizer(prev.a, prev.v, prev.d, alpha, v, d);
    const next = t > alpha ? Math.min(Math.max(t, alpha + EXTRAPOLATE_MIN * grow), alpha + EXTRAPOLATE_MAX * grow) : alpha + EXTRAPOLATE_MAX * grow;
    prev = here;
    alpha = Math.min(next, o.alphaMax);
  }
}
