/**
 * lbfgsbMinimize: bounded Rosenbrock ends where scipy's L-BFGS-B ends, in no
 * more calls, never evaluating f outside the box (numerical gradients included);
 * hand-derived box-constrained minimizers; the projected-gradient stop; a start
 * outside the box is projected and said so; without bounds it is L-BFGS.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { lbfgsMinimize } from '../../src/solvers/lbfgs-driver.js';
import { lbfgsbMinimize } from '../../src/solvers/lbfgsb.js';
import { numericalGradientSource } from '../../src/solvers/numerical-gradient-source.js';
import { chainedRosenbrock, SCIPY } from './harness.js';

const rosenbrock = chainedRosenbrock();
const gradient = (g: Float64Array, x: Float64Array): void => rosenbrock.gradientInto(g, x);
const lower = new Float64Array([-2, -2]);
const upper = new Float64Array([0.5, 2]);
const scipyBounded = SCIPY.cases.rosenbrockBounded.runs['L-BFGS-B'];

/** f that records whether it was ever called outside the box. */
function guarded(lo: Float64Array, hi: Float64Array) {
  const state = { calls: 0, outside: 0 };
  const f = (x: Float64Array): number => {
    state.calls++;
    if (x.some((v, i) => !(v >= lo[i]! && v <= hi[i]!))) state.outside++;
    return rosenbrock.f(x);
  };
  return { f, state };
}

describe('lbfgsbMinimize', () => {
  it(`bounded Rosenbrock, analytic: (0.5, 0.25), f = 0.25, ≤ scipy's ${scipyBounded.analytic.calls} calls`, () => {
    const { f, state } = guarded(lower, upper);
    const r = lbfgsbMinimize(new Float64Array([-1.2, 1]), f, gradient, { lower, upper });
    // On x₀ = 0.5 the problem is 100(x₁ − 0.25)² + 0.25 in x₁: minimum (0.5, 0.25), f = 0.25; ∂f/∂x₀ = −2(1 − 0.5) = −1
    // there pushes against the bound, so the projected gradient is 0 while ∇f = (−1, 0).
    expect(r).toMatchObject({ reason: 'gradTol', converged: true, activeBounds: 1, projectedStart: false });
    expect(r.x[0]).toBe(0.5);
    expect(r.x[1]).toBeCloseTo(0.25, 8);
    expect(r.f).toBeCloseTo(0.25, 12);
    expect(r.gradient[0]).toBeCloseTo(-1, 6);
    expect(r.gradNorm).toBeLessThanOrEqual(1e-5);
    expect(state.calls).toBeLessThanOrEqual(scipyBounded.analytic.calls);
    expect(state.outside).toBe(0);
  });

  it(`bounded Rosenbrock, numerical gradient in the box: same answer, ≤ scipy's ${scipyBounded['2-point'].calls} calls, never outside`, () => {
    const { f, state } = guarded(lower, upper);
    const r = lbfgsbMinimize(new Float64Array([-1.2, 1]), f, numericalGradientSource(f, 2, { bounds: { lower, upper } }), { lower, upper });
    expect(r.reason).toBe('gradTol');
    expect(r.x[0]).toBe(0.5);
    expect(r.x[1]).toBeCloseTo(0.25, 7);
    expect(state.calls).toBe(r.evaluations);
    expect(state.calls).toBeLessThanOrEqual(scipyBounded['2-point'].calls);
    expect(state.outside).toBe(0);
  });

  it('one-sided bounds: x₀ ≥ 1.5 moves the minimum to (1.5, 2.25), f = 0.25', () => {
    const r = lbfgsbMinimize(new Float64Array([2, 1]), (x) => rosenbrock.f(x), gradient, { lower: new Float64Array([1.5, -Infinity]) });
    expect(r.reason).toBe('gradTol');
    expect(r.x[0]).toBe(1.5);
    expect(r.x[1]).toBeCloseTo(2.25, 7);
    expect(r.f).toBeCloseTo(0.25, 10);
  });

  it('separable quadratic Σ(xᵢ − cᵢ)² over [−1, 1]³ with c = (2, −3, 0.5): x = clamp(c) = (1, −1, 0.5), f = 5', () => {
    const c = [2, -3, 0.5];
    const r = lbfgsbMinimize(
      new Float64Array(3),
      (x) => x.reduce((s, v, i) => s + (v - c[i]!) ** 2, 0),
      (g, x) => x.forEach((v, i) => (g[i] = 2 * (v - c[i]!))),
      { lower: new Float64Array([-1, -1, -1]), upper: new Float64Array([1, 1, 1]) },
    );
    expect(Array.from(r.x)).toEqual([1, -1, 0.5]);
    expect(r.f).toBe(5);
    expect(r).toMatchObject({ reason: 'gradTol', gradNorm: 0, activeBounds: 2 });
  });

  it('projects a start outside the box and says so; a fixed variable (lower = upper) stays put', () => {
    const lo = new Float64Array([-1, 0.3]);
    const hi = new Float64Array([1, 0.3]);
    const { f, state } = guarded(lo, hi);
    const r = lbfgsbMinimize(new Float64Array([5, 5]), f, numericalGradientSource(f, 2, { bounds: { lower: lo, upper: hi } }), { lower: lo, upper: hi });
    expect(r.projectedStart).toBe(true);
    expect(state.outside).toBe(0);
    // With x₁ = 0.3 fixed: 100(0.3 − x₀²)² + (1 − x₀)² is least where its derivative −400x₀(0.3 − x₀²) − 2(1 − x₀)
    // vanishes, i.e. at the root of 400x³ − 118x − 2 = 0 in (0.5, 0.6): 0.551423….
    expect(r.x[1]).toBe(0.3);
    expect(400 * r.x[0]! ** 3 - 118 * r.x[0]! - 2).toBeCloseTo(0, 4);
    expect(r.x[0]).toBeCloseTo(0.551423, 5);
    expect(r.reason).toBe('gradTol');
  });

  it('without bounds takes the steps of lbfgsMinimize (same calls; the same points up to rounding)', () => {
    const points = (solver: typeof lbfgsMinimize) => {
      const seen: number[] = [];
      const r = solver(new Float64Array([-1.2, 1]), (x) => (seen.push(x[0]!, x[1]!), rosenbrock.f(x)), gradient);
      return { seen, r };
    };
    const a = points(lbfgsMinimize);
    const b = points(lbfgsbMinimize);
    expect(b.r.evaluations).toBe(a.r.evaluations);
    // The subspace step x̄ = xc + (x − Hg − xc) rounds differently from x − Hg, by a few ulps.
    b.seen.slice(0, 40).forEach((v, i) => expect(v).toBeCloseTo(a.seen[i]!, 10));
    expect(b.r.x[0]).toBeCloseTo(a.r.x[0]!, 10);
  });

  it('rejects bad bounds with typed errors', () => {
    const run = (o: object) => () => lbfgsbMinimize(new Float64Array(2), (x) => rosenbrock.f(x), gradient, o);
    expect(run({ lower: new Float64Array([1, 0]), upper: new Float64Array([0, 1]) })).toThrow(ArgumentRangeError);
    expect(run({ lower: new Float64Array([NaN, 0]) })).toThrow(/bounds of variable 0/);
    expect(run({ upper: new Float64Array([-Infinity, 1]) })).toThrow(ArgumentRangeError);
    expect(run({ lower: new Float64Array(3) })).toThrow(InvalidArgumentError);
    expect(run({ lower: [0, 0] })).toThrow(/Float64Array of length 2/);
  });

  it('refuses a numerical gradient without the same bounds (its differences could leave the box)', () => {
    const f = (x: Float64Array): number => rosenbrock.f(x);
    expect(() => lbfgsbMinimize(new Float64Array(2), f, numericalGradientSource(f, 2), { lower, upper })).toThrow(/has no bounds/);
    const other = { lower: new Float64Array([-1, -1]), upper };
    expect(() => lbfgsbMinimize(new Float64Array(2), f, numericalGradientSource(f, 2, { bounds: other }), { lower, upper })).toThrow(InvalidArgumentError);
  });

  it('counts every call of f, numerical ones included, in a caller-owned counter as they happen', () => {
    const f = (x: Float64Array): number => rosenbrock.f(x);
    const counter = { evaluations: 5 };
    const r = lbfgsbMinimize(new Float64Array([-1.2, 1]), f, numericalGradientSource(f, 2, { bounds: { lower, upper } }), { lower, upper, counter });
    expect(counter.evaluations).toBe(5 + r.evaluations);
  });
});
