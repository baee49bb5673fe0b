/**
 * Each tolerance and limit of minimize stops the run at the step derived by hand.
 * Problem: f = x0² + x1² from (−3, 4) with the analytic gradient 2x and
 * sgd({ lr: 0.1 }) as the optimizer, so every step is x ← x − 0.1·2x = 0.8·x:
 *   x_k = 0.8^k·(−3, 4),  f_k = 25·0.64^k,  ‖Δx_k‖∞ = 0.2·4·0.8^(k−1) = 0.8^k,
 *   |Δf_k| = f_(k−1) − f_k = 9·0.64^(k−1),  ‖∇f(x_k)‖∞ = 8·0.8^k.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { backtracking, minimize, sgd } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const gradient = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
  out.set(1, 2 * x.get(1));
};
const start = (): NdArray => ndarray(new Float64Array([-3, 4]));
const REL = 1e-13; // ~k roundings of 0.8·x after k ≤ 40 steps

function expectPoint(x: NdArray, k: number): void {
  expect(Math.abs(x.get(0) + 3 * 0.8 ** k)).toBeLessThanOrEqual(REL * 3 * 0.8 ** k);
  expect(Math.abs(x.get(1) - 4 * 0.8 ** k)).toBeLessThanOrEqual(REL * 4 * 0.8 ** k);
}

describe('minimize stopping tests', () => {
  it("gradTol: ‖∇f‖∞ = 8·0.8^k ≤ 1e-3 first at k = 41 (8·0.8^40 = 1.06e-3, 8·0.8^41 = 8.5e-4)", () => {
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 0.1 }), gradient, gradTol: 1e-3 });
    expect(result.reason).toBe('gradTol');
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(41);
    expectPoint(result.x, 41);
    expect(result.fun).toBe(sphere(result.x));
  });

  it('gradTol at the start: no step is taken', () => {
    const result = minimize(sphere, ndarray(new Float64Array([0, 0])), { gradient });
    expect(result.reason).toBe('gradTol');
    expect(result.iterations).toBe(0);
    expect(result.evaluations).toBe(1);
    expect(Array.from(result.x.data)).toEqual([0, 0]);
  });

  it('fTol 1e-6: |Δf| = 9·0.64^(k−1) ≤ 1e-6·max(|f|, 1) first at k = 37 (9·0.64^35 = 1.5e-6, 9·0.64^36 = 9.5e-7)', () => {
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 0.1 }), gradient, gradTol: 0, fTol: 1e-6 });
    expect(result.reason).toBe('fTol');
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(37);
    expectPoint(result.x, 37);
    expect(result.message).toMatch(/^Converged: the last step changed f by \|Δf\| = 9\.47.e-7/);
  });

  it('xTol 1e-3: ‖Δx‖∞ = 0.8^k ≤ 1e-3 first at k = 31 (0.8^30 = 1.24e-3, 0.8^31 = 9.9e-4)', () => {
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 0.1 }), gradient, gradTol: 0, xTol: 1e-3 });
    expect(result.reason).toBe('xTol');
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(31);
    expectPoint(result.x, 31);
    expect(result.history.at(-1)!.stepSize).toBeCloseTo(0.8 ** 31, 15);
  });

  it('maxIterations 5: stops at x_5 = 0.8^5·(−3, 4) = (−0.98304, 1.31072), not converged', () => {
    const result = minimize(sphere, start(), { optimizer: sgd({ lr: 0.1 }), gradient, maxIterations: 5 });
    expect(result.reason).toBe('maxIterations');
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(5);
    expectPoint(result.x, 5);
    expect(result.fun).toBe(sphere(result.x));
    expect(result.message).toMatch(/^Stopped at maxIterations = 5 without converging/);
  });

  it('maxEvaluations 50: never more than 50 calls — a gradient the budget cannot cover is not started — and the best point evaluated is returned with its own f', () => {
    let calls = 0;
    const rosenbrock = (x: NdArray): number => {
      calls++;
      return (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
    };
    const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxEvaluations: 50 });
    expect(result.reason).toBe('maxEvaluations');
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBe(calls);
    // After 49 calls (13 steps) the next request is a forward gradient of 2 calls: 51 > 50, so it is not made.
    expect(calls).toBe(49);
    expect(result.iterations).toBe(13);
    // The previous default (halving search, central differences) stops the same way: 49 calls, then a gradient of 4.
    calls = 0;
    const old = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxEvaluations: 50, optimizer: backtracking(), gradient: { scheme: 'central' } });
    expect(old).toMatchObject({ reason: 'maxEvaluations', evaluations: 49, iterations: 6 });
    expect(calls).toBe(49);
    // Call 49 was the first trial of step 14, f = 1.171… below step 13's 1.555…: that trial is the best point evaluated
    // and is returned (its gradient, which the budget could not cover, is not evaluated: gradNorm NaN, and the message says so).
    const last = result.history.at(-1)!;
    expect(last.iteration).toBe(result.iterations);
    expect(last.fun).toBeCloseTo(1.5553168126638675, 12);
    expect(result.fun).toBeCloseTo(1.1714375133577366, 12);
    expect(result.gradNorm).toBeNaN();
    expect(result.message).toMatch(/from a trial point of step 14, not the last one reached \(f = 1\.555\)/);
    expect(result.message).toMatch(/the gradient was not evaluated there/);
    calls = 0;
    expect(rosenbrock(result.x)).toBe(result.fun);
  });
});
