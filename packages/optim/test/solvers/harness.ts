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
