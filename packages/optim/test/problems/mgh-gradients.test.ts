/**
 * The 35 Moré–Garbow–Hillstrom fixtures: every analytic gradient 2Jᵀr agrees with
 * core's central differences (gradCheck) at the standard start and at a second,
 * shifted point; the sizes and starting values are the paper's.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradCheck } from '@descent/core';
import { MGH_PROBLEMS, objectiveOf, shiftedStart, type MghProblem } from './mgh.js';

function check(p: MghProblem, x: Float64Array): void {
  const objective = objectiveOf(p);
  const g = new Float64Array(p.n);
  objective.gradientInto(g, x);
  const point = ndarray(Float64Array.from(x));
  // Central differences with the automatic step are accurate to ≈ eps^(2/3) ≈ 4e-11 relative to the scale of f;
  // atol is relative to f's size (Meyer's f is 1.7e9 at x0), rtol the default 1e-6.
  const atol = 1e-8 * Math.max(1, objective.f(x));
  const report = gradCheck((v) => objective.f(v.data as Float64Array), ndarray(g), point, { atol });
  expect(report.passed, `${p.name}: worst ${report.worstIndex.join(',')} rel ${report.maxRelError} abs ${report.maxAbsError}`).toBe(true);
}

describe('Moré–Garbow–Hillstrom problems', () => {
  it('are the 35 of the paper, numbered 1–35, with consistent sizes', () => {
    expect(MGH_PROBLEMS.map((p) => p.id)).toEqual(Array.from({ length: 35 }, (_, i) => i + 1));
    for (const p of MGH_PROBLEMS) {
      expect(p.x0).toHaveLength(p.n);
      expect(p.m).toBeGreaterThanOrEqual(p.n);
    }
  });

  it('Rosenbrock: f(x0) = 24.2 and ∇f(x0) = (−215.6, −88), the textbook values', () => {
    // f = 100(x₂ − x₁²)² + (1 − x₁)² at (−1.2, 1): 100·0.44² + 2.2² = 19.36 + 4.84 = 24.2;
    // ∂f/∂x₁ = −400x₁(x₂ − x₁²) − 2(1 − x₁) = 480·(−0.44) − 4.4 = −215.6; ∂f/∂x₂ = 200(x₂ − x₁²) = −88.
    const objective = objectiveOf(MGH_PROBLEMS[0]!);
    const x = new Float64Array([-1.2, 1]);
    const g = new Float64Array(2);
    objective.gradientInto(g, x);
    expect(objective.f(x)).toBeCloseTo(24.2, 12);
    expect(g[0]).toBeCloseTo(-215.6, 10);
    expect(g[1]).toBeCloseTo(-88, 10);
  });

  for (const p of MGH_PROBLEMS) {
    it(`${p.id} ${p.name}: analytic gradient passes gradCheck at x0 and at a shifted point`, () => {
      check(p, Float64Array.from(p.x0));
      check(p, shiftedStart(p));
    });
  }
});
