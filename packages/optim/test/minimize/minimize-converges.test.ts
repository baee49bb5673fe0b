/**
 * minimize with its default optimizer (gradient descent + Armijo backtracking)
 * converges on the sphere and on Rosenbrock's function, with numerical gradients
 * from core and with an analytic gradient; fun is always f at the returned x.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { minimize } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const rosenbrock = (x: NdArray): number => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
/** ∇ Rosenbrock = (−2(1 − a) − 400a(b − a²), 200(b − a²)). */
const rosenbrockGradient = (x: NdArray, out: NdArray): void => {
  const a = x.get(0);
  const b = x.get(1);
  out.set(0, -2 * (1 - a) - 400 * a * (b - a * a));
  out.set(1, 200 * (b - a * a));
};

describe('minimize converges', () => {
  it('sphere from (−3, 4) with the defaults (numerical gradient): gradTol, counting every call of f', () => {
    let calls = 0;
    const f = (x: NdArray): number => {
      calls++;
      return sphere(x);
    };
    const result = minimize(f, ndarray(new Float64Array([-3, 4])));
    expect(result.reason).toBe('gradTol');
    expect(result.converged).toBe(true);
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    // One Armijo step of α = 0.5 along −∇f lands on the minimum (see minimize-armijo-step);
    // the numerical gradient is exact up to its O(eps^(2/3)) error, so x ≈ 0 to ~1e-10.
    expect(Math.abs(result.x.get(0))).toBeLessThan(1e-9);
    expect(Math.abs(result.x.get(1))).toBeLessThan(1e-9);
    expect(result.iterations).toBe(1);
    // f(x0) 1 + gradient 2·2 + two trials 2 + gradient at the new point 4 = 11.
    expect(result.evaluations).toBe(11);
    expect(calls).toBe(result.evaluations);
    expect(result.fun).toBe(sphere(result.x));
    expect(result.message).toMatch(/^Converged: ‖∇f‖∞ = .* ≤ gradTol = 1e-5 after 1 step and 11 evaluations of f/);
  });

  it('Rosenbrock from (−1.2, 1) with numerical gradients reaches ‖g‖∞ ≤ 1e-5 near (1, 1)', () => {
    const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxIterations: 100_000 });
    expect(result.reason).toBe('gradTol');
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    // Near the minimum f ≈ ½ δᵀHδ with H's smallest eigenvalue ≈ 0.4: ‖δ‖ ≲ ‖g‖/0.4 ≈ 2.5e-5.
    expect(Math.abs(result.x.get(0) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(result.x.get(1) - 1)).toBeLessThan(1e-4);
    expect(result.fun).toBe(rosenbrock(result.x));
    // Plain steepest descent needs thousands of steps in the curved valley (scipy's BFGS: 117 calls of f);
    // the figures (12135 steps, 67227 calls when written) are reported, the bounds below keep them honest.
    expect(result.iterations).toBeGreaterThan(1000);
    expect(result.evaluations).toBeGreaterThan(4 * result.iterations);
  });

  it('Rosenbrock with the analytic gradient converges and calls f only for values, never for gradients', () => {
    const numeric = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxIterations: 100_000 });
    const analytic = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { maxIterations: 100_000, gradient: rosenbrockGradient });
    expect(analytic.reason).toBe('gradTol');
    expect(analytic.gradNorm).toBeLessThanOrEqual(1e-5);
    expect(analytic.fun).toBe(rosenbrock(analytic.x));
    // Only f(x0) and the line-search trials call f: evaluations = 1 + trials ≥ 1 + iterations,
    // and the numerical run spends exactly 4 more calls per gradient (central, 2 parameters).
    expect(analytic.evaluations).toBeGreaterThanOrEqual(1 + analytic.iterations);
    expect(numeric.evaluations - 4 * (numeric.iterations + 1)).toBeGreaterThanOrEqual(1 + numeric.iterations);
    expect(Math.abs(analytic.x.get(0) - 1)).toBeLessThan(1e-4);
  });
});
