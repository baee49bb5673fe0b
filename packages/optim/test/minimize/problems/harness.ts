/**
 * Counting harness for minimize on the test problems: calls of f (numerical
 * gradient calls included) until minimize stops, and whether the TRUE
 * (analytic) ‖∇f‖∞ at its answer is ≤ 1e-5 — the way scipy's figures in
 * scipy-mgh.json are counted. Everything goes through the public `minimize`.
 * Not a test file itself.
 */
import ndarray, { type NdArray } from 'ndarray';
import { minimize, type MinimizeOptions, type MinimizeResult } from '@descent/optim';
import { MGH_PROBLEMS, objectiveOf, type Objective } from './mgh.js';
import scipyRecord from './scipy-mgh.json' with { type: 'json' };

/** How minimize gets ∇f: the analytic gradient, or its default numerical one. */
export type GradientKind = 'analytic' | 'numerical';

/** The gradient tolerance of every count (minimize's default gradTol). */
export const GRAD_TOL = 1e-5;

/** One counted run. */
export interface CountedRun {
  calls: number;
  result: MinimizeResult;
  /** ‖∇f‖∞ of the analytic gradient at the answer. */
  trueGradNorm: number;
  solved: boolean;
}

/** minimize f from x0 with its default method (or `options`) and count calls of f. */
export function countMinimize(objective: Objective, x0: readonly number[], kind: GradientKind, options: MinimizeOptions = {}): CountedRun {
  let calls = 0;
  const f = (x: NdArray): number => {
    calls++;
    return objective.f(x.data as Float64Array);
  };
  const o: MinimizeOptions = { maxIterations: 100_000, ...options };
  if (kind === 'analytic') o.gradient = (x, out) => objective.gradientInto(out.data as Float64Array, x.data as Float64Array);
  const result = minimize(f, ndarray(Float64Array.from(x0)), o);
  const g = new Float64Array(x0.length);
  objective.gradientInto(g, result.x.data);
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

/** scipy's gradient keys a kind of ours is compared with: analytic ↔ analytic, numerical ↔ '2-point' (forward, like our adaptive default). */
export function scipyGradientKey(kind: GradientKind): 'analytic' | '2-point' {
  return kind === 'analytic' ? 'analytic' : '2-point';
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
  /** Per scipy method: problems both solved, our calls and scipy's on them, and how many scipy solved. */
  versus: Record<ScipyMethod, { both: number; ours: number; theirs: number; solved: number }>;
}

/** Run the 35 problems through minimize with one kind of gradient and compare with scipy's figures for `against` (default: the matching kind). */
export function summarizeSet(kind: GradientKind, options: MinimizeOptions = {}, against: 'analytic' | '2-point' | '3-point' = scipyGradientKey(kind)): SetSummary {
  const runs = MGH_PROBLEMS.map((p) => countMinimize(objectiveOf(p), p.x0, kind, options));
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

/**
 * 225 starts for 2-D Rosenbrock: a 15 × 15 grid on [−1.4, −1.0] × [0.8, 1.2],
 * (−1.2, 1) at its centre (index ROSENBROCK_CENTRE). scipy's counts from them are
 * recorded in scipy-rosenbrock-starts.json (bench/scipy_rosenbrock_starts.py).
 */
export const ROSENBROCK_STARTS: readonly (readonly [number, number])[] = Array.from({ length: 225 }, (_, k) => [-1.4 + (0.4 * Math.floor(k / 15)) / 14, 0.8 + (0.4 * (k % 15)) / 14] as const);

/** The index of (−1.2, 1) in ROSENBROCK_STARTS. */
export const ROSENBROCK_CENTRE = 7 * 15 + 7;
