/**
 * minimize with its defaults — L-BFGS with a strong-Wolfe search and the
 * adaptive numerical gradient — converges on the sphere (steps derived below)
 * and on Rosenbrock's function, and fun is always f at the returned x. The
 * previous default, gradient descent with Armijo backtracking and central
 * differences, stays one option away and keeps its numbers.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { backtracking, minimize } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const rosenbrock = (x: NdArray): number => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
/** ∇ Rosenbrock = (−2(1 − a) − 400a(b − a²), 200(b − a²)). */
const rosenbrockGradient = (x: NdArray, out: NdArray): void => {
  const a = x.get(0);
  const b = x.get(1);
  out.set(0, -2 * (1 - a) - 400 * a * (b - a * a));
  out.set(1, 200 * (b - a * a));
};

describe('minimize converges with its defaults', () => {
  it('sphere from (−3, 4): two L-BFGS steps and 11 calls of f, derived', () => {
    // f(x0) = 25 (call 1); forward differences reusing f(x0): g0 ≈ (−6, 8) (calls 2–3).
    // Step 1, d = −g0, first trial of length 1: α = 1/‖g0‖ = 0.1 → x = (−2.4, 3.2), φ = 16 (call 4);
    //   its gradient (calls 5–6) gives φ' = −100·(1 − 2·0.1) = −80, |−80| ≤ 0.9·|φ'(0)| = 90: strong Wolfe holds.
    // Step 2: the pair s = (0.6, −0.8), y = (1.2, −1.6) gives H₀ = γI, γ = sᵀy/yᵀy = ½ — the exact inverse
    //   Hessian — so α = 1 lands on the minimum up to the forward error (call 7), gradient (calls 8–9).
    // ‖∇f‖∞ ≈ 6e-7 is far below 30·gradTol: the gradient is verified by backward differences (calls 10–11).
    let calls = 0;
    const f = (x: NdArray): number => {
      calls++;
      return sphere(x);
    };
    const result = minimize(f, ndarray(new Float64Array([-3, 4])), { historyPoints: true });
    expect(result.reason).toBe('gradTol');
    expect(result.converged).toBe(true);
    expect(result.iterations).toBe(2);
    expect(result.evaluations).toBe(11);
    expect(calls).toBe(11);
    expect(result.history[1]!.x![0]).toBeCloseTo(-2.4, 7);
    expect(result.history[1]!.x![1]).toBeCloseTo(3.2, 7);
    // The forward error of the first gradients (≈ h·f'' /2 = h ≈ 1.5e-8·|x|) leaves x within 1e-6 of 0.
    expect(Math.abs(result.x.get(0))).toBeLessThan(1e-6);
    expect(Math.abs(result.x.get(1))).toBeLessThan(1e-6);
    expect(result.fun).toBe(sphere(result.x));
    expect(result.message).toMatch(/^Converged: ‖∇f‖∞ = .* ≤ gradTol = 1e-5 after 2 steps and 11 evaluations of f/);
  });

  it('Rosenbrock from (−1.2, 1), numerical: ‖g‖∞ ≤ 1e-5 near (1, 1) in 124 calls (scipy’s BFGS: 117–120, L-BFGS-B to 1e-5: 135)', () => {
    const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])));
    expect(result.reason).toBe('gradTol');
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    // Near the minimum f ≈ ½ δᵀHδ with H's smallest eigenvalue ≈ 0.4: ‖δ‖ ≲ ‖g‖/0.4 ≈ 2.5e-5.
    expect(Math.abs(result.x.get(0) - 1)).toBeLessThan(1e-4);
    expect(Math.abs(result.x.get(1) - 1)).toBeLessThan(1e-4);
    expect(result.fun).toBe(rosenbrock(result.x));
    expect(result.evaluations).toBe(124);
  });

  it('Rosenbrock with the analytic gradient: 45 calls of f, none for gradients', () => {
    const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { gradient: rosenbrockGradient });
    expect(result.reason).toBe('gradTol');
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    expect(result.fun).toBe(rosenbrock(result.x));
    // Moré–Thuente evaluates f and ∇f at every trial: calls of f = trials ≥ iterations + 1 (f(x0)).
    expect(result.evaluations).toBe(45);
    expect(result.evaluations).toBeGreaterThanOrEqual(1 + result.iterations);
    expect(Math.abs(result.x.get(0) - 1)).toBeLessThan(1e-4);
  });
});

describe('the previous default, one option away: backtracking() with central differences', () => {
  const old = { optimizer: backtracking(), gradient: { scheme: 'central' }, maxIterations: 100_000 } as const;

  it('sphere: one Armijo step of α = 0.5 along −∇f, 11 calls', () => {
    // f(x0) 1 + gradient 2·2 + two trials (α = 1 rejected: f = 25 again; α = 0.5 lands on 0) + gradient 4 = 11.
    const result = minimize(sphere, ndarray(new Float64Array([-3, 4])), old);
    expect(result).toMatchObject({ reason: 'gradTol', iterations: 1, evaluations: 11 });
    expect(Math.abs(result.x.get(0))).toBeLessThan(1e-9);
  });

  it('Rosenbrock: plain steepest descent needs thousands of steps in the curved valley', () => {
    const numeric = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), old);
    const analytic = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { ...old, gradient: rosenbrockGradient });
    for (const result of [numeric, analytic]) {
      expect(result.reason).toBe('gradTol');
      expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
      expect(result.iterations).toBeGreaterThan(1000);
      expect(result.fun).toBe(rosenbrock(result.x));
    }
    // The numerical run spends exactly 4 more calls per gradient (central, 2 parameters).
    expect(numeric.evaluations - 4 * (numeric.iterations + 1)).toBeGreaterThanOrEqual(1 + numeric.iterations);
    expect(analytic.evaluations).toBeGreaterThanOrEqual(1 + analytic.iterations);
  });
});
