/**
 * The 35 Moré–Garbow–Hillstrom problems through the public `minimize` with its
 * DEFAULT method (L-BFGS, strong-Wolfe search; numerical gradients: the
 * adaptive default), counted as scipy's recorded runs are (calls of f to the
 * true ‖∇f‖∞ ≤ 1e-5): it solves at least as many as scipy's best method, with no
 * more calls than scipy's L-BFGS-B (and BFGS) on the problems both solve, and
 * never returns converged: true where the true gradient is above 1e-5.
 *
 * Measured (scipy 1.17.1 figures recorded in scipy-mgh.json): analytic — 34 solved
 * (scipy: BFGS 34, L-BFGS-B 15, L-BFGS-B to 1e-5 32), 0.75× BFGS's calls, 0.96× L-BFGS-B's,
 * 0.96× L-BFGS-B-to-1e-5's; numerical — 33 solved (scipy 2-point: BFGS 26, L-BFGS-B 12 / 27;
 * 3-point: BFGS 31), 0.42×, 0.98×, 0.92× of the 2-point runs.
 */
import { describe, expect, it } from 'vitest';
import { MGH_PROBLEMS, SCIPY_METHODS, scipyRun, summarizeSet, type GradientKind } from './harness.js';

const bestScipy = (gradients: readonly ('analytic' | '2-point' | '3-point')[]): number =>
  Math.max(...SCIPY_METHODS.flatMap((m) => gradients.map((g) => MGH_PROBLEMS.filter((p) => scipyRun(p.id, m, g).solved).length)));

describe.each([
  ['analytic', ['analytic']],
  ['numerical', ['2-point', '3-point']],
] as [GradientKind, ('analytic' | '2-point' | '3-point')[]][])('35 problems, %s gradients, minimize’s defaults', (kind, scipyGradients) => {
  const summary = summarizeSet(kind);

  it('solves at least as many as scipy’s best method', () => {
    expect(summary.solved).toBeGreaterThanOrEqual(bestScipy(scipyGradients));
  });

  it('never claims convergence where the true ‖∇f‖∞ exceeds 1e-5', () => {
    expect(summary.falseClaims).toEqual([]);
  });

  it.each(SCIPY_METHODS)('uses no more calls than scipy’s %s on the problems both solve', (method) => {
    const v = summary.versus[method];
    expect(v.both).toBeGreaterThanOrEqual(12);
    expect(v.ours).toBeLessThanOrEqual(v.theirs);
  });
});
