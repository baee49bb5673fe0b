/**
 * L-BFGS-B over Float64Arrays: bound-constrained L-BFGS (Byrd, Lu, Nocedal &
 * Zhu 1995) — generalized Cauchy point along the projected gradient path,
 * subspace minimization over the free variables, a strong-Wolfe search inside
 * the box, and the projected-gradient stop test.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { toGradientSource, type GradientInto, type GradientSource } from './gradient-source.js';
import { CauchyWork, cauchyPointInto } from './lbfgsb-cauchy.js';
import { CompactLbfgs } from './lbfgsb-compact.js';
import { SubspaceWork, subspaceStepInto } from './lbfgsb-subspace.js';
import { resolveSolverOptions, type SolverOptions } from './solver-options.js';
import type { SolverResult } from './solver-result.js';
import { checkStart, SolverRun } from './solver-run.js';

/** Options of `lbfgsbMinimize`: the bounds and the shared solver options. */
export interface LbfgsbOptions extends SolverOptions {
  /** Lower bound per variable (−Infinity for none), length n. @default all −Infinity */
  lower?: Float64Array;
  /** Upper bound per variable (Infinity for none), length n, ≥ lower. @default all Infinity */
  upper?: Float64Array;
}

/** The result of `lbfgsbMinimize`. */
export interface LbfgsbResult extends SolverResult {
  /** True when x0 was outside the box and the run started from its projection. */
  projectedStart: boolean;
  /** Variables at a bound at the returned x. */
  activeBounds: number;
}

const WHERE = 'lbfgsbMinimize';

function bound(value: Float64Array | undefined, n: number, name: string, fill: number): Float64Array {
  if (value === undefined) return new Float64Array(n).fill(fill);
  if (!(value instanceof Float64Array) || value.length !== n) {
    throw new InvalidArgumentError(`${WHERE}: ${name} must be a Float64Array of length ${n} (one bound per variable, ${fill} for none).`);
  }
  return value;
}

/** Validate the bounds: same length as x0, no NaN, lower ≤ upper, neither lower = +∞ nor upper = −∞. */
function checkBounds(lower: Float64Array, upper: Float64Array): void {
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i]!;
    const hi = upper[i]!;
    if (!(lo <= hi) || lo === Infinity || hi === -Infinity) {
      throw new ArgumentRangeError(`${WHERE}: bounds of variable ${i} are [${lo}, ${hi}]; each needs lower ≤ upper, no NaN, lower < +∞ and upper > −∞.`);
    }
  }
}

/** A numerical gradient must difference inside the same box, or it would call f outside it. */
function checkSourceBounds(source: GradientSource, lower: Float64Array, upper: Float64Array): void {
  if (!source.numerical || (lower.every((v) => v === -Infinity) && upper.every((v) => v === Infinity))) return;
  const b = source.bounds;
  const same = b !== undefined && b.lower.length === lower.length && lower.every((v, i) => b.lower[i] === v && b.upper[i] === upper[i]);
  if (!same) {
    throw new InvalidArgumentError(
      `${WHERE}: the numerical gradient ${b === undefined ? 'has no bounds' : 'has other bounds'}, so its differences could call f outside the box; ` +
        'create it with numericalGradientSource(f, n, { bounds: { lower, upper } }) and the same lower and upper.',
    );
  }
}

/** ‖P(x − g) − x‖∞: the projected gradient's norm, 0 exactly at a stationary point of the box problem. */
function projectedNorm(run: SolverRun, lower: Float64Array, upper: Float64Array): number {
  let m = 0;
  for (let i = 0; i < run.x.length; i++) {
    const xi = run.x[i]!;
    const pg = Math.min(Math.max(xi - run.g[i]!, lower[i]!), upper[i]!) - xi;
    if (pg !== pg) return NaN;
    m = Math.max(m, Math.abs(pg));
  }
  return m;
}

/** Largest α with x + α·d inside the box (Infinity when d never reaches a bound). */
function maxFeasibleStep(x: Float64Array, d: Float64Array, lower: Float64Array, upper: Float64Array): number {
  let alpha = Infinity;
  for (let i = 0; i < x.length; i++) {
    if (d[i]! > 0) alpha = Math.min(alpha, (upper[i]! - x[i]!) / d[i]!);
    else if (d[i]! < 0) alpha = Math.min(alpha, (lower[i]! - x[i]!) / d[i]!);
  }
  return alpha;
}

/**
 * Minimize f over the box lower ≤ x ≤ upper with L-BFGS-B.
 *
 * Each iteration: the generalized Cauchy point xc (first minimizer of the
 * quadratic model B = θI − WMWᵀ along P(x − t·∇f)), the model's minimizer over
 * the variables free at xc (projected back into the box, or truncated if that is
 * no descent direction), and a strong-Wolfe line search along d = x̄ − x capped
 * at the largest feasible step, from α = 1 — or, while the memory is empty, from
 * the step of length 1 (the full step to x̄ when every variable has both bounds,
 * as scipy's L-BFGS-B does). Trial points are clamped to the box, so f is never called
 * outside it. Stops at ‖P(x − ∇f) − x‖∞ ≤ gradTol ('gradTol'), or for the
 * reasons of `lbfgsMinimize`. A numerical gradient must keep its steps in the box
 * too: create it with the same bounds (numericalGradientSource(f, n, { bounds })),
 * else an InvalidArgumentError says so.
 *
 * A start outside the box is projected onto it (`projectedStart: true`).
 * @param x0 - the start: a Float64Array or an array of finite numbers (not modified)
 * @param f - the objective, called with points inside the box only
 * @param gradient - a GradientSource or an analytic `(g, x, fx) => void`
 * @param options - lower, upper and the shared solver options
 * @throws InvalidArgumentError/ArgumentRangeError for bad bounds, options or arguments; NonFiniteCoordinateError for a
 *   non-finite x0; NonFiniteValueError when f or ∇f is not finite at the start
 * @example
 * // Rosenbrock with x₀ ≤ 0.5: the minimum moves to (0.5, 0.25), f = 0.25.
 * const f = (x: Float64Array) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2;
 * const g = (out: Float64Array, x: Float64Array) => {
 *   out[0] = -400 * x[0]! * (x[1]! - x[0]! ** 2) - 2 * (1 - x[0]!);
 *   out[1] = 200 * (x[1]! - x[0]! ** 2);
 * };
 * const r = lbfgsbMinimize(new Float64Array([-1.2, 1]), f, g, { lower: new Float64Array([-2, -2]), upper: new Float64Array([0.5, 2]) });
 * // r.x ≈ [0.5, 0.25], r.f ≈ 0.25, r.activeBounds = 1
 */
export function lbfgsbMinimize(x0: ArrayLike<number>, f: (x: Float64Array) => number, gradient: GradientSource | GradientInto, options: LbfgsbOptions = {}): LbfgsbResult {
  checkStart(x0, f, WHERE);
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError(`${WHERE}: options must be an object like { lower, upper }.`);
  const n = x0.length;
  const lower = bound(options.lower, n, 'lower', -Infinity);
  const upper = bound(options.upper, n, 'upper', Infinity);
  checkBounds(lower, upper);
  const source = toGradientSource(gradient);
  checkSourceBounds(source, lower, upper);
  const o = resolveSolverOptions(WHERE, options, source);
  const start = Float64Array.from(x0, (v, i) => Math.min(Math.max(v, lower[i]!), upper[i]!));
  const projectedStart = start.some((v, i) => v !== x0[i]);
  const boxed = lower.every((lo, i) => lo > -Infinity && upper[i]! < Infinity);
  const run = new SolverRun(start, f, source, WHERE, { lower, upper }, o.counter);
  const B = new CompactLbfgs(o.memory, n);
  const cauchy = new CauchyWork(n, o.memory);
  const subspace = new SubspaceWork(n, o.memory);
  const xc = new Float64Array(n);
  const c = new Float64Array(2 * o.memory);
  const norm = (r: SolverRun): number => projectedNorm(r, lower, upper);
  const finish = (reason: Parameters<SolverRun['finish']>[0]): LbfgsbResult => {
    const result = run.finish(reason, o, norm(run));
    const activeBounds = result.x.reduce((count, v, i) => count + (v === lower[i] || v === upper[i] ? 1 : 0), 0);
    return { ...result, projectedStart, activeBounds };
  };
  let retried = false;
  for (;;) {
    const stop = run.stopTest(o, norm);
    if (stop !== null) return finish(stop);
    cauchyPointInto(xc, c, run.x, run.g, lower, upper, B, cauchy);
    subspaceStepInto(run.d, run.x, xc, c, run.g, lower, upper, B, subspace);
    let slope0 = 0;
    let length = 0;
    for (let i = 0; i < n; i++) {
      run.d[i] = run.d[i]! - run.x[i]!;
      slope0 += run.d[i]! * run.g[i]!;
      length += run.d[i]! * run.d[i]!;
    }
    const alphaMax = maxFeasibleStep(run.x, run.d, lower, upper);
    // With an empty memory the first trial has length 1, unless every variable is boxed (scipy's rule): then xbar itself.
    const alpha0 = Math.min(B.k === 0 && !boxed ? 1 / Math.sqrt(length) : 1, alphaMax);
    const out = slope0 < 0 ? run.search(slope0, alpha0, alphaMax, o) : null;
    if (out?.status === 'unbounded') return finish('diverged');
    if (out === null || (out.status !== 'wolfe' && out.status !== 'armijo')) {
      if (run.refine(o)) continue;
      if (!retried && B.k > 0) {
        B.reset();
        retried = true;
        continue;
      }
      return finish(out?.status === 'precisionLoss' ? 'precisionLoss' : 'lineSearchFailed');
    }
    retried = false;
    B.tryPush(run.xt, run.x, run.gt, run.g, o.curvatureEps);
    const fPrev = run.fx;
    run.accept();
    if (run.fTolMet(fPrev, o)) return finish('fTol');
  }
}
