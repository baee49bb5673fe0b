/**
 * lbfgsMinimize's behaviour: it converges on quadratics and Rosenbrock with every
 * line search, its first trial step has length 1, trial gradients are reused,
 * and every stop says honestly why — precision loss at f = 1e8 + Rosenbrock, a
 * failed line search with a wrong gradient or a kink, divergence, budgets, fTol —
 * never converged: true with ‖∇f‖∞ > gradTol. Bad input gets typed errors.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteCoordinateError, NonFiniteValueError } from '@descent/core';
import { lbfgsMinimize } from '../../src/solvers/lbfgs-driver.js';
import { numericalGradientSource } from '../../src/solvers/numerical-gradient-source.js';
import { chainedRosenbrock } from './harness.js';

const rosenbrock = chainedRosenbrock();
const rosenbrockGradient = (g: Float64Array, x: Float64Array): void => rosenbrock.gradientInto(g, x);
const start = (): Float64Array => new Float64Array([-1.2, 1]);

describe('lbfgsMinimize', () => {
  it('minimizes the quadratic ½Σ aᵢxᵢ² − Σ xᵢ (a = 1, 10, 100) to x = 1/a', () => {
    const a = [1, 10, 100];
    const f = (x: Float64Array): number => x.reduce((s, v, i) => s + 0.5 * a[i]! * v * v - v, 0);
    const r = lbfgsMinimize(new Float64Array(3), f, (g, x) => x.forEach((v, i) => (g[i] = a[i]! * v - 1)));
    expect(r).toMatchObject({ reason: 'gradTol', converged: true });
    expect(r.gradNorm).toBeLessThanOrEqual(1e-5);
    // x ≈ 1/a to ‖∇f‖∞/a = 1e-5/a. With exact line searches BFGS ends a quadratic in n steps; the inexact Wolfe
    // steps (c2 = 0.9) took 9 here.
    r.x.forEach((v, i) => expect(Math.abs(v - 1 / a[i]!)).toBeLessThanOrEqual(1e-5 / a[i]!));
    expect(r.iterations).toBeLessThanOrEqual(12);
  });

  it('takes a first trial step of length 1 along −∇f (scipy does too)', () => {
    const points: number[][] = [];
    lbfgsMinimize(start(), (x) => (points.push(Array.from(x)), rosenbrock.f(x)), rosenbrockGradient);
    const [x0, x1] = [points[0]!, points[1]!];
    expect(Math.hypot(x1[0]! - x0[0]!, x1[1]! - x0[1]!)).toBeCloseTo(1, 12);
  });

  it.each(['moreThuente', 'wolfe', 'armijo'] as const)('Rosenbrock converges to (1, 1) with lineSearch %s', (lineSearch) => {
    const r = lbfgsMinimize(start(), (x) => rosenbrock.f(x), rosenbrockGradient, { lineSearch });
    expect(r.reason).toBe('gradTol');
    expect(r.gradNorm).toBeLessThanOrEqual(1e-5);
    // ‖∇f‖∞ ≤ 1e-5 near (1, 1): |x − 1| ≲ ‖H⁻¹‖·1e-5 ≈ 2.5e-2·... below 1e-4 (H = [[802, −400], [−400, 200]]).
    expect(r.x[0]).toBeCloseTo(1, 4);
    expect(r.x[1]).toBeCloseTo(1, 4);
    expect(r.f).toBe(rosenbrock.f(r.x));
  });

  it("reuses trial gradients: with 'wolfe' a gradient is computed only at trials that decreased f, so never more than f", () => {
    let fCalls = 0;
    let gCalls = 0;
    const r = lbfgsMinimize(start(), (x) => (fCalls++, rosenbrock.f(x)), (g, x) => (gCalls++, rosenbrockGradient(g, x)), { lineSearch: 'wolfe' });
    expect(r.evaluations).toBe(fCalls);
    expect(r.gradientEvaluations).toBe(gCalls);
    expect(gCalls).toBeLessThan(fCalls);
    // One at x0, one per accepted point (taken over from its trial, never recomputed), one per decreasing trial
    // that failed the curvature test: so at least iterations + 1 and, on Rosenbrock, only a few more.
    expect(gCalls).toBeGreaterThanOrEqual(r.iterations + 1);
    expect(gCalls).toBeLessThanOrEqual(r.iterations + 4);
  });

  it('counts numerical-gradient calls of f in evaluations', () => {
    let calls = 0;
    const f = (x: Float64Array): number => (calls++, rosenbrock.f(x));
    const r = lbfgsMinimize(start(), f, numericalGradientSource(f, 2));
    expect(r.reason).toBe('gradTol');
    expect(r.evaluations).toBe(calls);
    expect(r.gradientEvaluations).toBeGreaterThan(r.iterations);
  });

  it.each([1e8, 1e14])('f = Rosenbrock + %s stops with precisionLoss, converged: false, never gradTol', (shift) => {
    // Near (1, 1) the decrease a step can make (≈ ‖∇f‖²/λ) falls below the ulp of the shift long before ‖∇f‖∞ ≤ 1e-5.
    for (const gradient of ['analytic', 'numerical'] as const) {
      const f = (x: Float64Array): number => rosenbrock.f(x) + shift;
      const r = lbfgsMinimize(start(), f, gradient === 'analytic' ? rosenbrockGradient : numericalGradientSource(f, 2));
      expect(r.reason).toBe('precisionLoss');
      expect(r.converged).toBe(false);
      expect(r.message).toMatch(/^Precision loss/);
      const g = new Float64Array(2);
      rosenbrockGradient(g, r.x);
      expect(Math.max(Math.abs(g[0]!), Math.abs(g[1]!))).toBeGreaterThan(1e-5);
    }
  });

  it('a wrong analytic gradient ends in lineSearchFailed, and the message points to gradCheck', () => {
    const r = lbfgsMinimize(start(), (x) => rosenbrock.f(x), (g, x) => {
      rosenbrockGradient(g, x);
      g[0] = -g[0]!;
      g[1] = -g[1]!;
    });
    expect(r).toMatchObject({ reason: 'lineSearchFailed', converged: false, iterations: 0 });
    expect(r.message).toMatch(/gradCheck/);
    expect(Array.from(r.x)).toEqual([-1.2, 1]);
  });

  it('a kink (f = |x₀| + |x₁|) ends in lineSearchFailed with the best point, not a claim of convergence', () => {
    const f = (x: Float64Array): number => Math.abs(x[0]!) + Math.abs(x[1]!);
    const r = lbfgsMinimize(new Float64Array([1, -2]), f, (g, x) => ((g[0] = Math.sign(x[0]!)), (g[1] = Math.sign(x[1]!))));
    expect(r.reason).toBe('lineSearchFailed');
    expect(r.converged).toBe(false);
    expect(r.f).toBeLessThan(3);
  });

  it('f unbounded below (−eˣ) stops with diverged and the last finite point', () => {
    const r = lbfgsMinimize(new Float64Array([0]), (x) => -Math.exp(x[0]!), (g, x) => void (g[0] = -Math.exp(x[0]!)));
    expect(r.reason).toBe('diverged');
    expect(Number.isFinite(r.f) && Number.isFinite(r.x[0]!)).toBe(true);
    expect(r.converged).toBe(false);
  });

  it('stops on maxIterations, maxEvaluations and fTol, each with converged: false', () => {
    const run = (o: object) => lbfgsMinimize(start(), (x) => rosenbrock.f(x), rosenbrockGradient, o);
    expect(run({ maxIterations: 3 })).toMatchObject({ reason: 'maxIterations', iterations: 3, converged: false });
    const budget = run({ maxEvaluations: 10 });
    expect(budget).toMatchObject({ reason: 'maxEvaluations', converged: false });
    expect(budget.evaluations).toBeGreaterThanOrEqual(10);
    const early = run({ fTol: 1e-3 });
    expect(early).toMatchObject({ reason: 'fTol', converged: false });
    expect(early.gradNorm).toBeGreaterThan(1e-5);
  });

  it("onCurvatureFailure 'reset' and 'skip' both converge; x0 is never modified; results are copies", () => {
    const x0 = start();
    for (const onCurvatureFailure of ['skip', 'reset'] as const) {
      const r = lbfgsMinimize(x0, (x) => rosenbrock.f(x), rosenbrockGradient, { lineSearch: 'armijo', onCurvatureFailure });
      expect(r.reason).toBe('gradTol');
      expect(r.x).not.toBe(x0);
    }
    expect(Array.from(x0)).toEqual([-1.2, 1]);
  });

  it('an empty x0 converges at once', () => {
    expect(lbfgsMinimize(new Float64Array(0), () => 3, () => {})).toMatchObject({ reason: 'gradTol', iterations: 0, f: 3, evaluations: 1 });
  });

  it('rejects bad options and a non-finite start with typed errors naming the problem', () => {
    const run = (o: object) => () => lbfgsMinimize(start(), (x) => rosenbrock.f(x), rosenbrockGradient, o);
    expect(run({ memory: 0 })).toThrow(ArgumentRangeError);
    expect(run({ memory: 2.5 })).toThrow(/memory must be an integer/);
    expect(run({ c1: 0.95, c2: 0.9 })).toThrow(/c2 must be/);
    expect(run({ gradTol: -1 })).toThrow(ArgumentRangeError);
    expect(run({ gradTol: '1e-5' })).toThrow(InvalidArgumentError);
    expect(run({ lineSearch: 'newton' })).toThrow(/lineSearch must be 'auto' or 'wolfe' or 'moreThuente' or 'armijo'/);
    expect(() => lbfgsMinimize(start(), () => NaN, rosenbrockGradient)).toThrow(NonFiniteValueError);
    expect(() => lbfgsMinimize(start(), (x) => rosenbrock.f(x), (g) => g.fill(NaN))).toThrow(/gradient at x0 is not finite/);
    expect(() => lbfgsMinimize(start(), () => '1' as unknown as number, rosenbrockGradient)).toThrow(InvalidArgumentError);
  });

  it('rejects a start with NaN or ±Infinity, a non-array start, a non-function f or gradient — before calling f', () => {
    let calls = 0;
    const f = (x: Float64Array): number => (calls++, rosenbrock.f(x));
    expect(() => lbfgsMinimize([1, NaN], f, rosenbrockGradient)).toThrow(NonFiniteCoordinateError);
    expect(() => lbfgsMinimize(new Float64Array([Infinity, 0]), f, rosenbrockGradient)).toThrow(/x0\[0\] = Infinity/);
    expect(() => lbfgsMinimize('12' as unknown as number[], f, rosenbrockGradient)).toThrow(InvalidArgumentError);
    expect(() => lbfgsMinimize([1, 2], 'f' as unknown as () => number, rosenbrockGradient)).toThrow(/f must be a function/);
    expect(() => lbfgsMinimize([1, 2], f, {} as never)).toThrow(/gradient must be/);
    expect(calls).toBe(0);
  });

  it('accepts a plain array start and leaves it untouched', () => {
    const x0 = [-1.2, 1];
    const r = lbfgsMinimize(x0, (x) => rosenbrock.f(x), rosenbrockGradient);
    expect(r.reason).toBe('gradTol');
    expect(x0).toEqual([-1.2, 1]);
  });
});
