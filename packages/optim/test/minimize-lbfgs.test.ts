/**
 * minimize with lbfgs(): L-BFGS directions (two-loop recursion, γ = sᵀy/yᵀy)
 * with an Armijo backtracking search from the unit step. Converges on
 * Rosenbrock (2-D with numerical gradients, 10-D) and an ill-conditioned
 * quadratic far faster than gradient descent, takes the hand-derived steps
 * below, and keeps minimize's guarantees (best point on divergence, the
 * evaluation budget).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError } from '@descent/core';
import { LbfgsMemory, lbfgs, minimize } from '@descent/optim';

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
  it('Rosenbrock 2-D from (−1.2, 1), numerical gradients: ‖g‖∞ ≤ 1e-5 within 2× the measured evaluations', () => {
    // Measured: 40 steps, 227 calls of f (gradient descent with Armijo needs 12,135 steps and
    // 67,227 calls; scipy's BFGS with a Wolfe search 117). The budget below is 2× that.
    let calls = 0;
    const f = (x: NdArray): number => {
      calls++;
      return rosenbrock(x);
    };
    const result = minimize(f, rosenbrockStart(), { optimizer: lbfgs() });
    expect(result.reason).toBe('gradTol');
    expect(result.converged).toBe(true);
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    expect(result.evaluations).toBeLessThanOrEqual(454);
    expect(calls).toBe(result.evaluations);
    // Near the minimum f ≈ ½ eᵀHe with H = [[802, −400], [−400, 200]]: ‖∇f‖∞ ≤ 1e-5 leaves |x − 1| of
    // order ‖H⁻¹‖·1e-5 ≈ 2.5e3·1e-5 along the valley, so 1e-4 bounds the error.
    expect(result.x.get(0)).toBeCloseTo(1, 4);
    expect(result.x.get(1)).toBeCloseTo(1, 4);
    expect(result.fun).toBe(rosenbrock(result.x));
  });

  it('Rosenbrock 2-D with the analytic gradient: within 2× the measured 62 evaluations', () => {
    const result = minimize(rosenbrock, rosenbrockStart(), { optimizer: lbfgs(), gradient: rosenbrockGradient });
    expect(result.reason).toBe('gradTol');
    expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
    expect(result.evaluations).toBeLessThanOrEqual(124);
    expect(result.x.get(0)).toBeCloseTo(1, 4);
    expect(result.x.get(1)).toBeCloseTo(1, 4);
  });

  it('Rosenbrock n = 10 from (−1.2, 1, −1.2, 1, …) converges to the all-ones minimum', () => {
    // Measured: 70 steps, 89 calls of f (analytic gradient); 1511 with numerical gradients.
    const start = new Float64Array(10);
    for (let i = 0; i < 10; i++) start[i] = i % 2 === 0 ? -1.2 : 1;
    const analytic = minimize(rosenbrock, ndarray(start), { optimizer: lbfgs(), gradient: rosenbrockGradient });
    const numerical = minimize(rosenbrock, ndarray(start), { optimizer: lbfgs() });
    for (const result of [analytic, numerical]) {
      expect(result.reason).toBe('gradTol');
      expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
      // Measured max |xᵢ − 1|: 3.1e-7 (numerical), below 1e-8 (analytic).
      for (const value of result.x.data) expect(Math.abs(value - 1)).toBeLessThan(1e-5);
    }
    expect(analytic.evaluations).toBeLessThanOrEqual(178);
    expect(numerical.evaluations).toBeLessThanOrEqual(3022);
  });

  it('ill-conditioned quadratic ½(x² + 100y²) from (1, 1): gradTol in 5 steps', () => {
    // Gradient descent with a fixed step needs ~100·ln(1e5) ≈ 1150 steps at condition number 100;
    // L-BFGS learns both curvatures from two pairs and finishes in 5 (measured, analytic gradient,
    // 12 calls of f).
    const f = (x: NdArray): number => 0.5 * (x.get(0) ** 2 + 100 * x.get(1) ** 2);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, x.get(0));
      out.set(1, 100 * x.get(1));
    };
    const result = minimize(f, ndarray(new Float64Array([1, 1])), { optimizer: lbfgs(), gradient });
    expect(result.reason).toBe('gradTol');
    expect(result.iterations).toBeLessThanOrEqual(6);
    expect(result.evaluations).toBeLessThanOrEqual(14);
    expect(Math.abs(result.x.get(0))).toBeLessThan(1e-5);
    expect(Math.abs(result.x.get(1))).toBeLessThan(1e-7);
  });

  it('takes the hand-derived first two steps on ½(x² + 4y²) from (1, 1)', () => {
    // g = (x, 4y).  x0 = (1, 1): f0 = 2.5, g0 = (1, 4).
    // Step 1 (no pairs yet: d = −g0, slope gᵀd = −17):
    //   α = 1:   (0, −3),    f = 18    > 2.5 − 1e-4·1·17              → reject;
    //   α = 0.5: (0.5, −1),  f = 2.125 ≤ 2.5 − 1e-4·0.5·17 = 2.49915  → accept.  x1 = (0.5, −1), g1 = (0.5, −4).
    // Pair: s = x1 − x0 = (−0.5, −2), y = g1 − g0 = (−0.5, −8); sᵀy = 16.25 > 0, ρ = 4/65, yᵀy = 64.25,
    //   γ = sᵀy/yᵀy = 65/257.
    // Step 2, two-loop recursion from q = g1 = (0.5, −4):
    //   α₁ = ρ·sᵀq = (4/65)(−0.25 + 8) = 31/65;  q ← q − α₁y = (48/65, −12/65);
    //   r = γq = (48/257, −12/257);  β = ρ·yᵀr = (4/65)(−24 + 96)/257 = 288/16705;
    //   r ← r + (α₁ − β)s, α₁ − β = 7679/16705:  r = (−1439/33410, −16138/16705);  d = −r.
    //   (The same d as −H g1 with the BFGS update H = (I − ρsyᵀ)γ(I − ρysᵀ) + ρssᵀ, checked below.)
    //   α = 1: x2 = x1 + d = (0.5 + 1439/33410, −1 + 16138/16705), f ≈ 0.1498 ≤ 2.125 + 1e-4·gᵀd → accept.
    // Calls of f: f(x0), two trials, one trial = 4 (analytic gradient).
    const f = (x: NdArray): number => 0.5 * (x.get(0) ** 2 + 4 * x.get(1) ** 2);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, x.get(0));
      out.set(1, 4 * x.get(1));
    };
    const result = minimize(f, ndarray(new Float64Array([1, 1])), { optimizer: lbfgs(), gradient, maxIterations: 2, historyPoints: true });
    expect(result.reason).toBe('maxIterations');
    expect(result.evaluations).toBe(4);
    expect(result.history[1]!.x).toEqual([0.5, -1]);
    expect(result.history[1]!.fun).toBe(2.125);
    const d = [1439 / 33410, 16138 / 16705];
    expect(result.x.get(0)).toBeCloseTo(0.5 + d[0]!, 14);
    expect(result.x.get(1)).toBeCloseTo(-1 + d[1]!, 14);

    // Independent check of d with the explicit BFGS matrix update of H₀ = γI.
    const s = [-0.5, -2];
    const y = [-0.5, -8];
    const rho = 1 / 16.25;
    const gamma = 16.25 / 64.25;
    const g1 = [0.5, -4];
    const H = [
      [0, 0],
      [0, 0],
    ];
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 2; j++) {
        // [(I − ρsyᵀ)(I − ρysᵀ)]ᵢⱼ = δᵢⱼ − ρ(sᵢyⱼ + yᵢsⱼ) + ρ²sᵢ(yᵀy)sⱼ
        const product = (i === j ? 1 : 0) - rho * (s[i]! * y[j]! + y[i]! * s[j]!) + rho * rho * s[i]! * 64.25 * s[j]!;
        H[i]![j] = gamma * product + rho * s[i]! * s[j]!;
      }
    }
    for (let i = 0; i < 2; i++) expect(-(H[i]![0]! * g1[0]! + H[i]![1]! * g1[1]!)).toBeCloseTo(d[i]!, 14);
  });

  it('NaN from f mid-run: diverged, returning the best finite point with fun = f there', () => {
    let calls = 0;
    const f = (x: NdArray): number => (++calls >= 60 ? Number.NaN : rosenbrock(x));
    const result = minimize(f, rosenbrockStart(), { optimizer: lbfgs() });
    expect(result.reason).toBe('diverged');
    expect(result.converged).toBe(false);
    for (const value of result.x.data) expect(Number.isFinite(value)).toBe(true);
    expect(result.fun).toBe(rosenbrock(result.x));
    expect(result.fun).toBeLessThan(24.2); // f(x0) = 24.2
    expect(Number.isFinite(result.gradNorm)).toBe(true);
    expect(result.message).toMatch(/^Diverged: .*returning the best point seen/);
  });

  it('a NaN at a trial point is a rejection: the unit step backs off to the finite side', () => {
    // f = (x − 3)² for x < 4, NaN beyond; from 0, g = −6, d = 6: α = 1 → x = 6, NaN → reject;
    // α = 0.5 → x = 3, f = 0 → accept, g = 0 → 'gradTol'. Calls: 1 + 2 = 3.
    const f = (x: NdArray): number => (x.get(0) < 4 ? (x.get(0) - 3) ** 2 : Number.NaN);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, 2 * (x.get(0) - 3));
    };
    const result = minimize(f, ndarray(new Float64Array([0])), { optimizer: lbfgs(), gradient });
    expect(result.reason).toBe('gradTol');
    expect(Array.from(result.x.data)).toEqual([3]);
    expect(result.evaluations).toBe(3);
  });

  it('works from a reversed view and leaves it untouched; onIteration false stops the run', () => {
    // x0 = step(−1) view of [1, −1.2]: the point (−1.2, 1). Stopped by the callback after 3 steps,
    // the run equals the first 3 steps of the run from the contiguous start.
    const data = new Float64Array([1, -1.2]);
    const view = ndarray(data).step(-1);
    const stopped = minimize(rosenbrock, view, { optimizer: lbfgs(), gradient: rosenbrockGradient, onIteration: (info) => info.iteration < 3 });
    const reference = minimize(rosenbrock, rosenbrockStart(), { optimizer: lbfgs(), gradient: rosenbrockGradient, maxIterations: 3 });
    expect(stopped.reason).toBe('callback');
    expect(stopped.iterations).toBe(3);
    expect(Array.from(stopped.x.data)).toEqual(Array.from(reference.x.data));
    expect(stopped.evaluations).toBe(reference.evaluations);
    expect(stopped.history).toEqual(reference.history);
    expect(Array.from(data)).toEqual([1, -1.2]);
  });

  it('never calls f beyond maxEvaluations', () => {
    let calls = 0;
    const f = (x: NdArray): number => {
      calls++;
      return rosenbrock(x);
    };
    const result = minimize(f, rosenbrockStart(), { optimizer: lbfgs(), maxEvaluations: 50 });
    expect(result.reason).toBe('maxEvaluations');
    expect(calls).toBe(50);
    expect(result.evaluations).toBe(50);
    expect(result.fun).toBe(rosenbrock(result.x));
  });
});

describe('LbfgsMemory', () => {
  it('a pair with sᵀy ≤ 0 is refused and drops the stored pairs: the direction is −g again', () => {
    const memory = new LbfgsMemory(10, 2, 1e-8);
    // s = (−0.5, −2), y = (−0.5, −8): sᵀy = 16.25 > 0 → stored.
    expect(memory.push(new Float64Array([0.5, -1]), new Float64Array([1, 1]), new Float64Array([0.5, -4]), new Float64Array([1, 4]))).toBe(true);
    expect(memory.size).toBe(1);
    // s = (1, 0), y = (−1, 0): sᵀy = −1 → refused.
    expect(memory.push(new Float64Array([1, 0]), new Float64Array([0, 0]), new Float64Array([-1, 0]), new Float64Array([0, 0]))).toBe(false);
    expect(memory.size).toBe(0);
    const slope = memory.descentDirection(new Float64Array([3, -4]));
    expect(Array.from(memory.direction)).toEqual([-3, 4]);
    expect(slope).toBe(-25);
  });

  it('keeps the last m pairs', () => {
    const memory = new LbfgsMemory(2, 1, 1e-8);
    // 1-D pairs s = 1, y = c (curvature c): γ = 1/c of the newest, so d = −g/c once any pair is stored.
    for (const c of [1, 2, 4]) {
      memory.push(new Float64Array([1]), new Float64Array([0]), new Float64Array([c]), new Float64Array([0]));
    }
    expect(memory.size).toBe(2);
    // The recursion's last update enforces the newest pair's secant condition H·y = s exactly:
    // in 1-D that makes H = s/y = 1/4 whatever the older pair, so d = −8/4 = −2.
    memory.descentDirection(new Float64Array([8]));
    expect(memory.direction[0]).toBe(-2);
  });

  it('rejects options outside their ranges, naming them', () => {
    expect(() => lbfgs({ memory: 0 })).toThrow(/lbfgs: memory must be an integer ≥ 1, got 0/);
    expect(() => lbfgs({ memory: 2.5 })).toThrow(ArgumentRangeError);
    expect(() => lbfgs({ c1: 1 })).toThrow(/lbfgs: c1 must be in \(0, 1\), got 1/);
    expect(() => lbfgs({ shrink: 1 })).toThrow(/lbfgs: shrink must be in \(0, 1\), got 1/);
    expect(() => lbfgs({ curvatureEps: -1 })).toThrow(/curvatureEps must be a finite number in \[0, 1\), got -1/);
    expect(lbfgs()).toEqual({ kind: 'lbfgs', memory: 10, c1: 1e-4, shrink: 0.5, curvatureEps: 1e-8 });
  });
});
