/**
 * A run that stops without converging returns the lowest-f point among ALL the
 * points where f was evaluated — line-search trials included — not only the
 * best iterate, with fun = f there and an honest gradNorm.
 *
 * The problem: f(t) = t for t ≥ −2, −Infinity below (1-D), from x0 = 0, ∇f = 1.
 * Strong-Wolfe (L-BFGS, BFGS, L-BFGS-B): d = −∇f = −1 and the first trial has
 * length 1 (empty memory: α₀ = 1/‖d‖ = 1), so t = −1, f = −1 ≤ 0 + 1e-4·1·(−1):
 * sufficient decrease; its slope φ'(1) = −1 is evaluated there (|−1| > 0.9·1: no
 * curvature), so the search extrapolates to α ∈ [1 + 1.1, 1 + 4] — t ≤ −2.1,
 * f = −Infinity: 'unbounded', the run stops 'diverged' at iteration 0. The best
 * iterate is x0 (f = 0); the best point evaluated is the trial t = −1 (f = −1,
 * ‖∇f‖∞ = 1, known from the slope evaluation).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { backtracking, bfgs, lbfgs, minimize, minimizeAsync, type MinimizeOptions, type MinimizeResult } from '@descent/optim';

const f = (x: NdArray): number => (x.get(0) >= -2 ? x.get(0) : -Infinity);
const gradient = (_x: NdArray, out: NdArray): void => {
  out.set(0, 1);
};
const x0 = (): NdArray => ndarray(new Float64Array([0]));

function expectTrial(result: MinimizeResult, gradNormDigits: number): void {
  expect(result.reason).toBe('diverged');
  expect(result.iterations).toBe(0);
  expect(Array.from(result.x.data)).toEqual([-1]);
  expect(result.fun).toBe(-1);
  expect(result.fun).toBe(f(result.x));
  expect(result.gradNorm).toBeCloseTo(1, gradNormDigits);
  expect(result.message).toMatch(/f reached −Infinity.*returning the best point seen, from a trial point of step 1 \(f = -1, ‖∇f‖∞ = 1\)/);
}

describe('minimize returns the best point evaluated, trial points included', () => {
  const wolfe: [string, MinimizeOptions][] = [
    ['L-BFGS (default)', {}],
    ['L-BFGS, More–Thuente', { optimizer: lbfgs({ lineSearch: 'moreThuente' }) }],
    ['BFGS', { optimizer: bfgs() }],
    ['L-BFGS-B (lower bound −10)', { bounds: { lower: -10, upper: Infinity } }],
  ];
  for (const [name, options] of wolfe) {
    it(`${name}, analytic gradient: the trial t = −1, not x0`, () => {
      expectTrial(minimize(f, x0(), { ...options, gradient }), 15);
    });
  }

  it('L-BFGS with the numerical gradient: the same trial, its gradient measured by differences', () => {
    // f is linear on [−2, ∞): the differences are exact up to rounding, ‖∇f‖∞ ≈ 1.
    expectTrial(minimize(f, x0()), 6);
  });

  it('minimizeAsync drives the same loop: the same trial point', async () => {
    expectTrial(await minimizeAsync(async (x: NdArray) => f(x), x0(), { gradient }), 15);
  });

  it('backtracking: the accepted −1 is an iterate; the next trial (α = 2·1 → t = −3) is −Infinity', () => {
    // Armijo from 0: α = 1 → f(−1) = −1 accepted at its first trial, so the next α grows to 2: t = −3, −Infinity.
    const result = minimize(f, x0(), { optimizer: backtracking(), gradient });
    expect(result.reason).toBe('diverged');
    expect(result.iterations).toBe(1);
    expect(Array.from(result.x.data)).toEqual([-1]);
    expect(result.fun).toBe(-1);
    expect(result.gradNorm).toBe(1);
    expect(result.message).toMatch(/from step 1 \(f = -1, ‖∇f‖∞ = 1\)/);
  });

  describe('a best trial whose gradient was never evaluated gets it evaluated once, on divergence', () => {
    // h(t) = t for t > −0.4, −Infinity on [−0.75, −0.4], t/2 below −0.75. L-BFGS with the Armijo search, c1 = 0.9,
    // halving (shrink 0.5): α = 1 → t = −1, h = −0.5 > 0 + 0.9·1·(−1) = −0.9: rejected (no slope is evaluated by
    // this search); α = 0.5 → t = −0.5, −Infinity: unbounded. The best point evaluated is the rejected trial
    // t = −1 (h = −0.5); its gradient (1/2) is evaluated once after the run stopped.
    const h = (x: NdArray): number => (x.get(0) > -0.4 ? x.get(0) : x.get(0) >= -0.75 ? -Infinity : x.get(0) / 2);
    const optimizer = lbfgs({ lineSearch: 'armijo', c1: 0.9, c2: 0.95, shrink: 0.5 });
    const check = (result: MinimizeResult): void => {
      expect(result.reason).toBe('diverged');
      expect(Array.from(result.x.data)).toEqual([-1]);
      expect(result.fun).toBe(-0.5);
    };

    it('analytic gradient: 3 calls of f (x0, two trials), gradNorm 0.5 exactly', () => {
      let gradients = 0;
      const dh = (x: NdArray, out: NdArray): void => {
        gradients++;
        out.set(0, x.get(0) < -0.75 ? 0.5 : 1);
      };
      const result = minimize(h, x0(), { optimizer, gradient: dh });
      check(result);
      expect(result.evaluations).toBe(3);
      expect(gradients).toBe(2); // at x0, then once at the returned trial
      expect(result.gradNorm).toBe(0.5);
    });

    it('numerical gradient (forward, 1 call each): 5 calls, gradNorm ≈ 0.5', () => {
      // f(0), its forward difference, the two trials, then the forward difference at t = −1.
      const result = minimize(h, x0(), { optimizer });
      check(result);
      expect(result.evaluations).toBe(5);
      expect(result.gradNorm).toBeCloseTo(0.5, 6);
    });
  });
});
