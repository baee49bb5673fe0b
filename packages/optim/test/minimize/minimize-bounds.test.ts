/**
 * minimize with `bounds` (L-BFGS-B): bounded Rosenbrock ends where scipy's
 * L-BFGS-B ends, never evaluating f outside the box (numerical gradients
 * included, through core's `bounds`); hand-derived box-constrained minimizers;
 * the projected-gradient stop; a start outside the box is projected and said
 * so; a fixed variable (lower = upper) stays put; bounds as numbers or ndarrays
 * of x0's shape, ±Infinity for none; bad bounds and methods that cannot keep x
 * in the box are refused before f runs.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { adam, backtracking, lbfgs, minimize } from '@descent/optim';
import { chainedRosenbrock } from './problems/harness.js';

const rosenbrock = chainedRosenbrock();
const f = (x: NdArray): number => rosenbrock.f(x.data as Float64Array);
const gradient = (x: NdArray, out: NdArray): void => rosenbrock.gradientInto(out.data as Float64Array, x.data as Float64Array);
const bounds = { lower: ndarray(new Float64Array([-2, -2])), upper: ndarray(new Float64Array([0.5, 2])) };

/** f that records whether it was ever called outside [lo, hi]. */
function guarded(lo: readonly number[], hi: readonly number[]) {
  const state = { calls: 0, outside: 0 };
  const g = (x: NdArray): number => {
    state.calls++;
    for (let i = 0; i < x.size; i++) if (!(x.get(i) >= lo[i]! && x.get(i) <= hi[i]!)) state.outside++;
    return f(x);
  };
  return { f: g, state };
}

describe('minimize with bounds', () => {
  it('bounded Rosenbrock, analytic and numerical: (0.5, 0.25), f = 0.25, the projected gradient 0, never outside the box', () => {
    // On x₀ = 0.5 the problem is 100(x₁ − 0.25)² + 0.25 in x₁: minimum (0.5, 0.25), f = 0.25; ∂f/∂x₀ = −2(1 − 0.5) = −1
    // there pushes against the bound, so the projected gradient P(x − ∇f) − x is 0 while ∇f = (−1, 0).
    for (const options of [{ gradient }, {}]) {
      const { f: g, state } = guarded([-2, -2], [0.5, 2]);
      const result = minimize(g, ndarray(new Float64Array([-1.2, 1])), { bounds, ...options });
      expect(result).toMatchObject({ reason: 'gradTol', converged: true, projectedStart: false });
      expect(result.x.get(0)).toBe(0.5);
      expect(result.x.get(1)).toBeCloseTo(0.25, 7);
      expect(result.fun).toBeCloseTo(0.25, 12);
      expect(result.gradNorm).toBeLessThanOrEqual(1e-5);
      expect(state.calls).toBe(result.evaluations);
      expect(state.outside).toBe(0);
    }
  });

  it('one-sided bounds (a number with −Infinity / Infinity): x₀ ≥ 1.5 moves the minimum to (1.5, 2.25), f = 0.25', () => {
    const result = minimize(f, ndarray(new Float64Array([2, 1])), { gradient, bounds: { lower: ndarray(new Float64Array([1.5, -Infinity])) } });
    expect(result.reason).toBe('gradTol');
    expect(result.x.get(0)).toBe(1.5);
    expect(result.x.get(1)).toBeCloseTo(2.25, 7);
    expect(result.fun).toBeCloseTo(0.25, 10);
  });

  it('separable quadratic Σ(xᵢ − cᵢ)² over [−1, 1]³ with c = (2, −3, 0.5): x = clamp(c) = (1, −1, 0.5), f = 5', () => {
    const c = [2, -3, 0.5];
    const result = minimize(
      (x) => (x.get(0) - c[0]!) ** 2 + (x.get(1) - c[1]!) ** 2 + (x.get(2) - c[2]!) ** 2,
      ndarray(new Float64Array(3)),
      { gradient: (x, out) => [0, 1, 2].forEach((i) => out.set(i, 2 * (x.get(i) - c[i]!))), bounds: { lower: -1, upper: 1 } },
    );
    expect(Array.from(result.x.data)).toEqual([1, -1, 0.5]);
    expect(result.fun).toBe(5);
    expect(result).toMatchObject({ reason: 'gradTol', gradNorm: 0 });
  });

  it('projects a start outside the box and says so; a fixed variable (lower = upper) stays put', () => {
    const lo = [-1, 0.3];
    const hi = [1, 0.3];
    const { f: g, state } = guarded(lo, hi);
    const result = minimize(g, ndarray(new Float64Array([5, 5])), { bounds: { lower: ndarray(Float64Array.from(lo)), upper: ndarray(Float64Array.from(hi)) } });
    expect(result.projectedStart).toBe(true);
    expect(result.message).toMatch(/x0 was outside the bounds: 2 elements were projected onto them\.$/);
    expect(state.outside).toBe(0);
    // With x₁ = 0.3 fixed: 100(0.3 − x₀²)² + (1 − x₀)² is least where its derivative −400x₀(0.3 − x₀²) − 2(1 − x₀)
    // vanishes, i.e. at the root of 400x³ − 118x − 2 = 0 in (0.5, 0.6): 0.551423….
    expect(result.x.get(1)).toBe(0.3);
    expect(400 * result.x.get(0) ** 3 - 118 * result.x.get(0) - 2).toBeCloseTo(0, 4);
    expect(result.x.get(0)).toBeCloseTo(0.551423, 5);
    expect(result.reason).toBe('gradTol');
  });

  it('lbfgs() options configure L-BFGS-B; without finite bounds the run is plain L-BFGS', () => {
    const a = minimize(f, ndarray(new Float64Array([-1.2, 1])), { gradient, optimizer: lbfgs({ memory: 5 }), bounds });
    expect(a.x.get(0)).toBe(0.5);
    const unbounded = minimize(f, ndarray(new Float64Array([-1.2, 1])), { gradient, bounds: { lower: -Infinity, upper: Infinity } });
    const plain = minimize(f, ndarray(new Float64Array([-1.2, 1])), { gradient });
    expect(unbounded.evaluations).toBe(plain.evaluations);
    expect(Array.from(unbounded.x.data)).toEqual(Array.from(plain.x.data));
  });

  it('counts every call of f, numerical ones included, also in the caller’s core counter', () => {
    const counter = { evaluations: 5 };
    const result = minimize(f, ndarray(new Float64Array([-1.2, 1])), { bounds, gradient: { counter } });
    expect(counter.evaluations).toBe(5 + result.evaluations);
  });

  it('rejects bad bounds and methods that cannot keep x in the box, before calling f', () => {
    let calls = 0;
    const counted = (x: NdArray): number => (calls++, f(x));
    const run = (options: object) => () => minimize(counted, ndarray(new Float64Array(2)), options);
    expect(run({ bounds: { lower: 1, upper: 0 } })).toThrow(ArgumentRangeError);
    expect(run({ bounds: { lower: Number.NaN } })).toThrow(/bounds.lower is NaN/);
    expect(run({ bounds: { upper: -Infinity } })).toThrow(/lower ≤ upper, lower < \+Infinity and upper > −Infinity/);
    expect(run({ bounds: { lower: ndarray(new Float64Array(3)) } })).toThrow(/bounds.lower has shape \[3\] but x0 has shape \[2\]/);
    expect(run({ bounds: { lower: [0, 0] } })).toThrow(InvalidArgumentError);
    expect(run({ bounds: { low: 0 } })).toThrow(/unknown bounds key 'low'/);
    expect(run({ bounds, optimizer: adam() })).toThrow(/bounds need a method that keeps x inside them/);
    expect(run({ bounds, optimizer: backtracking() })).toThrow(InvalidArgumentError);
    expect(run({ bounds, gradient: { bounds: { lower: 0 } } })).toThrow(/supplied by minimize itself/);
    expect(calls).toBe(0);
  });
});
