/**
 * 2-D Rosenbrock from 225 starts around (−1.2, 1) (a 15 × 15 grid on
 * [−1.4, −1.0] × [0.8, 1.2]), counted as scipy's recorded runs are: calls of f to
 * the TRUE ‖∇f‖∞ ≤ 1e-5 (scipy 1.17.1, scipy-rosenbrock-starts.json).
 *
 * - bfgs() configured as scipy runs BFGS (H₀ = I, α₀ = min(1, 1.01·2·Δf/∇fᵀd), strong
 *   Wolfe c1 = 1e-4, c2 = 0.9) takes exactly scipy BFGS's number of calls from
 *   every one of the 225 starts (analytic gradient);
 * - minimize's default solves all 225 with either gradient, never claims
 *   convergence falsely, and its median (45 analytic) is L-BFGS-B's median to the
 *   same tolerance. scipy's BFGS with its forward differences solves 182 of 225,
 *   L-BFGS-B 207.
 */
import { describe, expect, it } from 'vitest';
import { bfgs } from '@descent/optim';
import { chainedRosenbrock, countMinimize, ROSENBROCK_CENTRE, ROSENBROCK_STARTS } from './harness.js';
import recorded from './scipy-rosenbrock-starts.json' with { type: 'json' };

const rosenbrock = chainedRosenbrock();
const median = (xs: number[]): number => {
  const s = xs.slice().sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2;
};

describe('2-D Rosenbrock from 225 starts around (−1.2, 1)', () => {
  it('has (−1.2, 1) at the centre of the grid', () => {
    expect(ROSENBROCK_STARTS.length).toBe(225);
    expect(ROSENBROCK_STARTS[ROSENBROCK_CENTRE]![0]).toBeCloseTo(-1.2, 14);
    expect(ROSENBROCK_STARTS[ROSENBROCK_CENTRE]![1]).toBeCloseTo(1, 14);
  });

  it('bfgs() configured as scipy runs it takes scipy BFGS’s calls from every start', () => {
    const scipyLike = { optimizer: bfgs({ scaleInitialMatrix: false, initialStep: 'previousDecrease' }) };
    const ours = ROSENBROCK_STARTS.map((x0) => countMinimize(rosenbrock, x0, 'analytic', scipyLike).calls);
    expect(ours).toEqual(recorded.runs.BFGS.analytic.map(([calls]) => calls as number));
    expect(ours[ROSENBROCK_CENTRE]).toBe(39); // the figure for scipy BFGS
  });

  it.each(['analytic', 'numerical'] as const)('minimize’s default solves every start (%s gradient), with no false claim', (kind) => {
    const runs = ROSENBROCK_STARTS.map((x0) => countMinimize(rosenbrock, x0, kind));
    expect(runs.filter((r) => r.solved).length).toBe(225);
    expect(runs.filter((r) => r.result.converged && !r.solved)).toEqual([]);
    if (kind === 'analytic') {
      const lbfgsb = recorded.runs['L-BFGS-B ftol=0'].analytic.map(([calls]) => calls as number);
      expect(median(runs.map((r) => r.calls))).toBe(45);
      expect(median(lbfgsb)).toBe(45);
    }
  });
});
