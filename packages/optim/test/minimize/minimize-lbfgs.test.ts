/**
 * minimize with lbfgs() (the default method): L-BFGS directions (two-loop
 * recursion, γ = sᵀy/yᵀy) with a strong-Wolfe line search whose first trial of
 * the run has length 1. It takes the hand-derived steps below, converges on
 * Rosenbrock 10-D and an ill-conditioned quadratic, reuses the trial gradients,
 * stops honestly (precision loss, a failed search, divergence, budgets), and
 * keeps minimize's guarantees (best point, the evaluation budget, views).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { lbfgs, minimize } from '@descent/optim';

/** Σᵢ (1 − xᵢ)² + 100 (xᵢ₊₁ − xᵢ²)², any n ≥ 2. */
const rosenbrock = (x: NdArray): number => {
  let sum = 0;
  for (let i = 0; i + 1 < x.size; i++) sum += (1 - x.get(i)) ** 2 + 100 * (x.get(i + 1) - x.get(i) ** 2) ** 2;
  return sum;
};
/** ∂/∂xᵢ: −2(1 − xᵢ) − 400xᵢ(xᵢ₊₁ − xᵢ²) from the i-th term, 200(xᵢ − xᵢ₋₁²) from the (i−1)-th. */
const rosenbrockGradient = (x: NdArray, out: NdArray): void => {
  const n = x.size;
  for (let i = 0; i < n; i++) {
    const a = x.get(i);
    let d = 0;
    if (i + 1 < n) d += -2 * (1 - a) - 400 * a * (x.get(i + 1) - a * a);
    if (i > 0) d += 200 * (a - x.get(i - 1) ** 2);
    out.set(i, d);
  }
};
const rosenbrockStart = (): NdArray => ndarray(new Float64Array([-1.2, 1]));

describe('minimize with lbfgs()', () => {
  it('takes the hand-derived first two steps on ½(x² + 4y²) from (1, 1)', () => {
    // g = (x, 4y). x0 = (1, 1): f0 = 2.5, g0 = (1, 4), ‖g0‖₂ = √17.
    // Step 1: d = −g0, α0 = 1/√17 (a trial of length 1). φ(α) = ½(5 − 34α + 65α²), φ'(α) = −17 + 65α:
    //   φ'(α0) = −17 + 65/√17 ≈ −1.235, |φ'| ≤ 0.9·17 and φ(α0) < φ(0) − 1e-4·α0·17 — strong Wolfe at once.
    // Step 2: s = α0·d, y = g1 − g0 = α0·(−1, −16); d = −H·g1 with the BFGS update of H₀ = γI, γ = sᵀy/yᵀy,
    //   H = (I − ρsyᵀ)γ(I − ρysᵀ) + ρssᵀ (what the two-loop recursion computes with one pair), checked below;
    //   α = 1 is accepted when the strong Wolfe conditions hold there, also checked below.
    // Calls of f: f(x0) and one trial per step = 3 (the gradient is analytic).
    const f = (x: NdArray): number => 0.5 * (x.get(0) ** 2 + 4 * x.get(1) ** 2);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, x.get(0));
      out.set(1, 4 * x.get(1));
    };
    const result = minimize(f, ndarray(new Float64Array([1, 1])), { optimizer: lbfgs(), gradient, maxIterations: 2, historyPoints: true });
    expect(result.reason).toBe('maxIterations');
    expect(result.evaluations).toBe(3);
    const a0 = 1 / Math.sqrt(17);
    const x1 = [1 - a0, 1 - 4 * a0];
    expect(result.history[1]!.x![0]).toBeCloseTo(x1[0]!, 15);
    expect(result.history[1]!.x![1]).toBeCloseTo(x1[1]!, 15);
    const s = [-a0, -4 * a0];
    const y = [-a0, -16 * a0];
    const sy = s[0]! * y[0]! + s[1]! * y[1]!;
    const yy = y[0]! ** 2 + y[1]! ** 2;
    const rho = 1 / sy;
    const gamma = sy / yy;
    const g1 = [x1[0]!, 4 * x1[1]!];
    const d = [0, 0];
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        // [(I − ρsyᵀ)(I − ρysᵀ)]ᵢⱼ = δᵢⱼ − ρ(sᵢyⱼ + yᵢsⱼ) + ρ²sᵢ(yᵀy)sⱼ
        const product = (i === j ? 1 : 0) - rho * (s[i]! * y[j]! + y[i]! * s[j]!) + rho * rho * s[i]! * yy * s[j]!;
        d[i] = d[i]! - (gamma * product + rho * s[i]! * s[j]!) * g1[j]!;
      }
    }
    // Wolfe at α = 1: φ(1) ≤ φ(0) + 1e-4·∇f(x1)ᵀd and |∇f(x1 + d)ᵀd| ≤ 0.9·|∇f(x1)ᵀd|.
    const x2 = [x1[0]! + d[0]!, x1[1]! + d[1]!];
    const slope0 = g1[0]! * d[0]! + g1[1]! * d[1]!;
    const slope1 = x2[0]! * d[0]! + 4 * x2[1]! * d[1]!;
    expect(0.5 * (x2[0]! ** 2 + 4 * x2[1]! ** 2)).toBeLessThan(0.5 * (x1[0]! ** 2 + 4 * x1[1]! ** 2) + 1e-4 * slope0);
    expect(Math.abs(slope1)).toBeLessThanOrEqual(0.9 * Math.abs(slope0));
    expect(result.x.get(0)).toBeCloseTo(x2[0]!, 14);
    expect(result.x.get(1)).toBeCloseTo(x2[1]!, 14);
  });

  it('Rosenbrock n = 10 from (−1.2, 1, −1.2, 1, …) converges to the all-ones minimum', () => {
    const start = new Float64Array(10);
    for (let i = 0; i < 10; i++) start[i] = i % 2 === 0 ? -1.2 : 1;
    const analytic = minimize(rosenbrock, ndarray(start), { gradient: rosenbrockGradient });
    const numerical = minimize(rosenbrock, ndarray(start));
    for (const result of [analytic, numerical]) {
      expect(result.reason).toBe('gradTol');
      expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
      for (const value of result.x.data) expect(Math.abs(value - 1)).toBeLessThan(1e-5);
    }
    // The previous default (Armijo halving, memory dropped on a bad pair) took 89 and 1511 calls.
    expect(analytic.evaluations).toBeLessThan(89);
    expect(numerical.evaluations).toBeLessThan(1511);
  });

  it('ill-conditioned quadratic ½(x² + 100y²) from (1, 1): gradTol within a dozen steps', () => {
    // Gradient descent with a fixed step needs ~100·ln(1e5) ≈ 1150 steps at condition number 100;
    // L-BFGS learns both curvatures from two pairs.
    const f = (x: NdArray): number => 0.5 * (x.get(0) ** 2 + 100 * x.get(1) ** 2);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, x.get(0));
      out.set(1, 100 * x.get(1));
    };
    const result = minimize(f, ndarray(new Float64Array([1, 1])), { optimizer: lbfgs(), gradient });
    expect(result.reason).toBe('gradTol');
    expect(result.iterations).toBeLessThanOrEqual(12);
    expect(Math.abs(result.x.get(0))).toBeLessThan(1e-5);
    expect(Math.abs(result.x.get(1))).toBeLessThan(1e-7);
  });

  it("reuses trial gradients: with lineSearch 'wolfe' a gradient is computed only at trials that decreased f", () => {
    let fCalls = 0;
    let gCalls = 0;
    const result = minimize((x) => (fCalls++, rosenbrock(x)), rosenbrockStart(), {
      optimizer: lbfgs({ lineSearch: 'wolfe' }),
      gradient: (x, out) => (gCalls++, rosenbrockGradient(x, out)),
    });
    expect(result.reason).toBe('gradTol');
    expect(result.evaluations).toBe(fCalls);
    expect(gCalls).toBeLessThan(fCalls);
    // One at x0, one per accepted point (taken over from its trial, never recomputed), one per decreasing
    // trial that failed the curvature test: at least iterations + 1 and, on Rosenbrock, only a few more.
    expect(gCalls).toBeGreaterThanOrEqual(result.iterations + 1);
    expect(gCalls).toBeLessThanOrEqual(result.iterations + 4);
  });

  it.each([1e8, 1e14])('f = Rosenbrock + %s stops with precisionLoss, converged false — never gradTol', (shift) => {
    // Near (1, 1) the decrease a step can make (≈ ‖∇f‖²/λ) falls below the ulp of the shift long before ‖∇f‖∞ ≤ 1e-5.
    for (const gradient of [rosenbrockGradient, undefined]) {
      const result = minimize((x) => rosenbrock(x) + shift, rosenbrockStart(), gradient === undefined ? {} : { gradient });
      expect(result.reason).toBe('precisionLoss');
      expect(result.converged).toBe(false);
      expect(result.message).toMatch(/^Stopped without converging \(precision loss\)/);
      const g = ndarray(new Float64Array(2));
      rosenbrockGradient(result.x, g);
      expect(Math.max(Math.abs(g.get(0)), Math.abs(g.get(1)))).toBeGreaterThan(1e-5);
    }
  });

  it('a wrong analytic gradient ends in lineSearchFailed at x0, and the message points to gradCheck', () => {
    const result = minimize(rosenbrock, rosenbrockStart(), {
      gradient: (x, out) => {
        rosenbrockGradient(x, out);
        out.set(0, -out.get(0));
        out.set(1, -out.get(1));
      },
    });
    expect(result).toMatchObject({ reason: 'lineSearchFailed', converged: false, iterations: 0 });
    expect(result.message).toMatch(/gradCheck/);
    expect(Array.from(result.x.data)).toEqual([-1.2, 1]);
  });

  it('f unbounded below (−eˣ) stops with diverged at the last finite point', () => {
    const result = minimize((x) => -Math.exp(x.get(0)), ndarray(new Float64Array([0])), { gradient: (x, out) => out.set(0, -Math.exp(x.get(0))) });
    expect(result.reason).toBe('diverged');
    expect(Number.isFinite(result.fun) && Number.isFinite(result.x.get(0))).toBe(true);
    expect(result.converged).toBe(false);
    expect(result.message).toMatch(/unbounded below/);
  });

  it('NaN from f mid-run: diverged, returning the best finite point with fun = f there', () => {
    let calls = 0;
    const f = (x: NdArray): number => (++calls >= 60 ? Number.NaN : rosenbrock(x));
    const result = minimize(f, rosenbrockStart());
    expect(result.reason).toBe('diverged');
    expect(result.converged).toBe(false);
    for (const value of result.x.data) expect(Number.isFinite(value)).toBe(true);
    expect(result.fun).toBe(rosenbrock(result.x));
    expect(result.fun).toBeLessThan(24.2); // f(x0) = 24.2
    expect(result.message).toMatch(/^Diverged: /);
  });

  it('a NaN at a trial point shrinks the step toward the finite side', () => {
    // f = (x − 0.5)² for x < 0.9, NaN beyond; from 0, g = −1, d = 1. The first trial α = 1 (length 1) meets NaN;
    // Moré–Thuente shrinks to 0.2·1: x = 0.2, f = 0.09, φ' = −0.6, |−0.6| ≤ 0.9·1 — Wolfe. The pair s = 0.2,
    // y = 0.4 gives H = ½, the exact inverse curvature: x = 0.2 + ½·0.6 = 0.5, g = 0. Calls: 1 + 2 + 1 = 4.
    const f = (x: NdArray): number => (x.get(0) < 0.9 ? (x.get(0) - 0.5) ** 2 : Number.NaN);
    const result = minimize(f, ndarray(new Float64Array([0])), { gradient: (x, out) => out.set(0, 2 * (x.get(0) - 0.5)) });
    expect(result.reason).toBe('gradTol');
    expect(result.x.get(0)).toBeCloseTo(0.5, 15);
    expect(result.iterations).toBe(2);
    expect(result.evaluations).toBe(4);
  });

  it('works from a reversed view and leaves it untouched; onIteration false stops the run', () => {
    const data = new Float64Array([1, -1.2]);
    const view = ndarray(data).step(-1);
    const stopped = minimize(rosenbrock, view, { gradient: rosenbrockGradient, onIteration: (info) => info.iteration < 3 });
    const reference = minimize(rosenbrock, rosenbrockStart(), { gradient: rosenbrockGradient, maxIterations: 3 });
    expect(stopped.reason).toBe('callback');
    expect(stopped.iterations).toBe(3);
    expect(Array.from(stopped.x.data)).toEqual(Array.from(reference.x.data));
    expect(stopped.evaluations).toBe(reference.evaluations);
    expect(stopped.history).toEqual(reference.history);
    expect(Array.from(data)).toEqual([1, -1.2]);
  });

  it('never calls f beyond maxEvaluations; maxIterations; an explicit fTol', () => {
    let calls = 0;
    const f = (x: NdArray): number => (calls++, rosenbrock(x));
    const budget = minimize(f, rosenbrockStart(), { maxEvaluations: 50 });
    expect(budget.reason).toBe('maxEvaluations');
    expect(calls).toBeLessThanOrEqual(50);
    expect(budget.evaluations).toBe(calls);
    expect(budget.fun).toBe(rosenbrock(budget.x));
    expect(minimize(rosenbrock, rosenbrockStart(), { maxIterations: 3 })).toMatchObject({ reason: 'maxIterations', iterations: 3, converged: false });
    const early = minimize(rosenbrock, rosenbrockStart(), { gradient: rosenbrockGradient, fTol: 1e-3 });
    expect(early).toMatchObject({ reason: 'fTol', converged: true });
    expect(early.gradNorm).toBeGreaterThan(1e-5);
  });

  it("onCurvatureFailure 'reset' and 'skip', and the 'armijo' search with halving, all converge", () => {
    for (const options of [{ onCurvatureFailure: 'reset' }, { onCurvatureFailure: 'skip' }, { lineSearch: 'armijo', shrink: 0.5 }] as const) {
      const result = minimize(rosenbrock, rosenbrockStart(), { optimizer: lbfgs(options), gradient: rosenbrockGradient });
      expect(result.reason).toBe('gradTol');
    }
  });

  it('rejects options outside their ranges, naming them', () => {
    expect(() => lbfgs({ memory: 0 })).toThrow('lbfgs: memory must be an integer ≥ 1, got 0; the default is 20.');
    expect(() => lbfgs({ memory: 2.5 })).toThrow(/memory must be an integer ≥ 1, got 2.5/);
    expect(() => lbfgs({ c1: 1 })).toThrow(/lbfgs: c1 must be a finite number in \(0, 1\), got 1/);
    expect(() => lbfgs({ c1: 0.95, c2: 0.9 })).toThrow(/lbfgs: c2 must be a finite number in \(0.95, 1\), got 0.9/);
    expect(() => lbfgs({ shrink: 1 })).toThrow(/lbfgs: shrink must be a finite number in \(0, 1\), got 1; or 'interpolate'/);
    expect(() => lbfgs({ curvatureEps: -1 })).toThrow(/curvatureEps must be a finite number in \[0, 1\), got -1/);
    expect(() => lbfgs({ lineSearch: 'newton' as 'wolfe' })).toThrow(/lineSearch must be 'auto', 'wolfe', 'moreThuente' or 'armijo'/);
    expect(() => lbfgs({ memroy: 5 } as object)).toThrow(/lbfgs: unknown option 'memroy'/);
    expect(lbfgs()).toEqual({
      kind: 'lbfgs',
      memory: 20,
      onCurvatureFailure: 'skip',
      lineSearch: 'auto',
      c1: 1e-4,
      c2: 0.9,
      maxLineSearchTrials: 20,
      shrink: 'interpolate',
      curvatureEps: 1e-10,
    });
  });
});
