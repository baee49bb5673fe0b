/**
 * The TypeScript and Python definitions of the 35 problems are the same
 * functions: f and the analytic gradient at the standard start and at the
 * shifted check point agree with the values bench/scipy_problems.py recorded
 * (same formulas, so to rounding: 1e-12 relative), which makes scipy's recorded
 * counts comparable with ours.
 */
import { describe, expect, it } from 'vitest';
import { MGH_PROBLEMS, objectiveOf, shiftedStart } from './mgh.js';
import scipy from './scipy-mgh.json' with { type: 'json' };

function expectRelative(actual: number, expected: number, scale: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(Math.abs(expected), scale));
}

describe('MGH problems agree with the Python definitions behind scipy’s figures', () => {
  it(`records scipy ${scipy.scipy} with the same 35 problems and sizes`, () => {
    expect(scipy.problems.map((p) => [p.id, p.name, p.n, p.m])).toEqual(MGH_PROBLEMS.map((p) => [p.id, p.name, p.n, p.m]));
  });

  for (const p of MGH_PROBLEMS) {
    it(`${p.id} ${p.name}: f and ∇f at x0 and the shifted point match`, () => {
      const record = scipy.problems[p.id - 1]!;
      const objective = objectiveOf(p);
      const g = new Float64Array(p.n);
      for (const [x, f, grad] of [
        [Float64Array.from(p.x0), record.f0, record.g0],
        [shiftedStart(p), record.f1, record.g1],
      ] as const) {
        expectRelative(objective.f(x), f, 0);
        objective.gradientInto(g, x);
        const scale = Math.max(...grad.map(Math.abs));
        g.forEach((v, i) => expectRelative(v, grad[i]!, scale));
      }
    });
  }
});
