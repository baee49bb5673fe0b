/**
 * Counting harness for the solvers on the test problems: calls of f (numerical
 * gradient calls included) until the solver stops, and whether the TRUE
 * (analytic) ‖∇f‖∞ at its answer is ≤ 1e-5 — the way scipy's figures in
 * test/problems/scipy-mgh.json are counted. Not a test file itself.
 */
import { lbfgsMinimize, type LbfgsDriverOptions } from '../../src/solvers/lbfgs-driver.js';
import { numericalGradientSource } from '../../src/solvers/numerical-gradient-source.js';
import type { SolverResult } from '../../src/solvers/solver-result.js';
import { MGH_PROBLEMS, objectiveOf, type Objective } from '../problems/mgh.js';
import scipyRecord from '../problems/scipy-mgh.json' with { type: 'json' };

/** How the solver gets ∇f. */
export type GradientKind = 'analytic' | 'forward' | 'central' | 'adaptive';

/** The gradient tolerance of every count. */
export const GRAD_TOL = 1e-5;

/** One counted run. */
export interface CountedRun {
  calls: number;
  result: SolverResult;
  /** ‖∇f‖∞ of the analytic gradient at the answer. */
  trueGradNorm: number;
  solved: boolean;
}

/** Run lbfgsMinimize on an objective and count calls of f. */
export function countLbfgs(objective: Objective, x0: readonly number[], kind: GradientKind, options: LbfgsDriverOptions = {}): CountedRun {
  let calls = 0;
  const f = (x: Float64Array): number => {
    calls++;
    return objective.f(x);
  };
  const gradient =
    kind === 'analytic'
      ? (g: Float64Array, x: Float64Array) => objective.gradientInto(g, x)
      : numericalGradientSource(f, x0.length, { scheme: kind });
  const result = lbfgsMinimize(Float64Array.from(x0), f, gradient, { gradTol: GRAD_TOL, ...options });
  const g = new Float64Array(x0.length);
  objective.gradientInto(g, result.x);
  let trueGradNorm = 0;
  for (const v of g) trueGradNorm = Math.max(trueGradNorm, Math.abs(v));
  if (g.some((v) => v !== v)) trueGradNorm = NaN;
  return { calls, result, trueGradNorm, solved: trueGradNorm <= GRAD_TOL };
}

/** Σ 100(xᵢ₊₁ − xᵢ²)² + (1 − xᵢ)², the chained Rosenbrock function of any n ≥ 2, with its gradient. */
export function chainedRosenbrock(): Objective {
  return {
    f(x) {
      let sum = 0;
      for (let i = 0; i + 1 < x.length; i++) sum += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
      return sum;
    },
    gradientInto(g, x) {
      const n = x.length;
      for (let i = 0; i < n; i++) {
        let d = 0;
        if (i + 1 < n) d += -400 * x[i]! * (x[i + 1]! - x[i]! ** 2) - 2 * (1 - x[i]!);
        if (i > 0) d += 200 * (x[i]! - x[i - 1]! ** 2);
        g[i] = d;
      }
    },
  };
}

/** scipy's recorded figures (see bench/scipy_problems.py). */
export const SCIPY = scipyRecord;

export { MGH_PROBLEMS, objectiveOf };

/** scipy's gradient key for one of ours: analytic ↔ analytic, central ↔ '3-point', forward/adaptive ↔ '2-point'. */
export function scipyGradientKey(kind: GradientKind): 'analytic' | '2-point' | '3-point' {
  return kind === 'analytic' ? 'analytic' : kind === 'central' ? '3-point' : '2-point';
}

/** The scipy methods recorded in the JSON. */
export const SCIPY_METHODS = ['BFGS', 'L-BFGS-B', 'L-BFGS-B ftol=0'] as const;
export type ScipyMethod = (typeof SCIPY_METHODS)[number];

/** A scipy run as recorded. */
export interface ScipyRun {
  calls: number;
  solved: boolean;
  gradNorm?: number | null;
}

/** scipy's recorded run of one problem. */
export function scipyRun(id: number, method: ScipyMethod, gradient: 'analytic' | '2-point' | '3-point'): ScipyRun {
  const runs = SCIPY.problems[id - 1]!.runs as unknown as Record<ScipyMethod, Record<string, ScipyRun>>;
  return runs[method][gradient]!;
}

/** Our runs on the 35 problems and how they compare with scipy's. */
export interface SetSummary {
  runs: CountedRun[];
  solved: number;
  /** Runs that returned converged: true with a true ‖∇f‖∞ above 1e-5. */
  falseClaims: number[];
  /** Per scipy method: problems both solved, our calls and scipy's on them. */
  versus: Record<ScipyMethod, { both: number; ours: number; theirs: number; solved: number }>;
}

/** Run the 35 problems with one kind of gradient and compare with scipy's figures for `against` (default: the matching kind). */
export function summarizeSet(kind: GradientKind, options: LbfgsDriverOptions = {}, against = scipyGradientKey(kind)): SetSummary {
  const runs = MGH_PROBLEMS.map((p) => countLbfgs(objectiveOf(p), p.x0, kind, options));
  const versus = {} as SetSummary['versus'];
  for (const method of SCIPY_METHODS) {
    const v = { both: 0, ours: 0, theirs: 0, solved: 0 };
    MGH_PROBLEMS.forEach((p, i) => {
      const theirs = scipyRun(p.id, method, against);
      if (theirs.solved) v.solved++;
      if (theirs.solved && runs[i]!.solved) {
        v.both++;
        v.ours += runs[i]!.calls;
        v.theirs += theirs.calls;
      }
    });
    versus[method] = v;
  }
  return {
    runs,
    solved: runs.filter((r) => r.solved).length,
    falseClaims: runs.flatMap((r, i) => (r.result.converged && !r.solved ? [MGH_PROBLEMS[i]!.id] : [])),
    versus,
  };
}
