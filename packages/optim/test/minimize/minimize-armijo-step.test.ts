/**
 * minimize with backtracking() — gradient descent with the package's Armijo
 * search, halving — takes the steps derived here by hand (analytic gradients,
 * so every number below is exact in float64).
 *
 * Rule: from x with g = ∇f(x), try α0, α0/2, α0/4, … and accept the first α with
 *   f(x − α·g) ≤ f(x) − c1·α·‖g‖₂²,   c1 = 1e-4;
 * the next search starts at the accepted α, doubled when it was accepted at the first trial.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError } from '@descent/core';
import { backtracking, minimize } from '@descent/optim';

describe('Armijo backtracking, by hand', () => {
  it('sphere from (−3, 4): α = 1 is rejected, α = 0.5 lands exactly on the minimum', () => {
    // f = x0² + x1², g = 2x.  f(x0) = 25, g0 = (−6, 8), ‖g0‖₂² = 100.
    // α = 1:   x0 − g0   = (3, −4), f = 25   >  25 − 1e-4·1·100   = 24.99  → reject.
    // α = 0.5: x0 − g0/2 = (0, 0),  f = 0    ≤  25 − 1e-4·0.5·100 = 24.995 → accept.
    // g(0, 0) = (0, 0): ‖g‖∞ = 0 ≤ gradTol → 'gradTol' after 1 step, 3 calls of f
    // (f(x0) and the two trials; the analytic gradient costs none).
    const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, 2 * x.get(0));
      out.set(1, 2 * x.get(1));
    };
    const result = minimize(f, ndarray(new Float64Array([-3, 4])), { gradient, optimizer: backtracking() });
    expect(result.reason).toBe('gradTol');
    expect(result.converged).toBe(true);
    expect(Array.from(result.x.data)).toEqual([0, 0]);
    expect(result.fun).toBe(0);
    expect(result.gradNorm).toBe(0);
    expect(result.iterations).toBe(1);
    expect(result.evaluations).toBe(3);
    // history: the start, then the step of ‖Δx‖∞ = max(3, 4) = 4.
    expect(result.history).toEqual([
      { iteration: 0, fun: 25, gradNorm: 8, stepSize: 0 },
      { iteration: 1, fun: 0, gradNorm: 0, stepSize: 4 },
    ]);
  });

  it('a step accepted at its first trial doubles the next initial step', () => {
    // f = x², g = 2x, from x = 1 with initialStep 0.25.
    // Step 1: α = 0.25: x = 1 − 0.25·2 = 0.5, f = 0.25 ≤ 1 − 1e-4·0.25·4 = 0.9999 → accept at the
    //         first trial, so the next search starts at α = 0.5.
    // Step 2: α = 0.5: x = 0.5 − 0.5·1 = 0, f = 0 ≤ 0.25 − 1e-4·0.5·1 → accept; g = 0 → 'gradTol'.
    // (Without the doubling step 2 would reach 0.5 − 0.25·1 = 0.25.)  Calls of f: 1 + 1 + 1 = 3.
    const f = (x: NdArray): number => x.get(0) ** 2;
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, 2 * x.get(0));
    };
    const result = minimize(f, ndarray(new Float64Array([1])), {
      gradient,
      optimizer: backtracking({ initialStep: 0.25 }),
      historyPoints: true,
    });
    expect(result.history.map((entry) => entry.x)).toEqual([[1], [0.5], [0]]);
    expect(result.reason).toBe('gradTol');
    expect(result.iterations).toBe(2);
    expect(result.evaluations).toBe(3);
  });

  it('a NaN at a trial point is a rejection: the search backs off to the finite side', () => {
    // f = (x − 3)² for x < 4, NaN beyond (outside its domain); from x = 0, g = 2(0 − 3) = −6.
    // α = 1:   x = 0 + 6 = 6 → f = NaN → reject.
    // α = 0.5: x = 0 + 3 = 3 → f = 0 ≤ 9 − 1e-4·0.5·36 → accept; g(3) = 0 → 'gradTol'.
    const f = (x: NdArray): number => (x.get(0) < 4 ? (x.get(0) - 3) ** 2 : Number.NaN);
    const gradient = (x: NdArray, out: NdArray): void => {
      out.set(0, 2 * (x.get(0) - 3));
    };
    const result = minimize(f, ndarray(new Float64Array([0])), { gradient, optimizer: backtracking() });
    expect(result.reason).toBe('gradTol');
    expect(Array.from(result.x.data)).toEqual([3]);
    expect(result.fun).toBe(0);
    expect(result.evaluations).toBe(3);
  });

  it('rejects line-search constants outside their ranges, naming them', () => {
    expect(() => backtracking({ c1: 1 })).toThrow('backtracking: c1 must be a finite number in (0, 1), got 1; the default is 1e-4.');
    expect(() => backtracking({ shrink: 0 })).toThrow(/shrink must be a finite number in \(0, 1\), got 0/);
    expect(() => backtracking({ growth: 0.5 })).toThrow(/growth must be a finite number ≥ 1, got 0.5/);
    expect(() => backtracking({ growht: 2 } as object)).toThrow(/backtracking: unknown option 'growht'/);
    expect(() => backtracking({ initialStep: -1 })).toThrow(ArgumentRangeError);
  });
});
