/**
 * Numerical gradients for the solvers: forward differences cost N calls (the
 * known f(x) is reused) and equal core's forward quotients bit for bit; central
 * cost 2N; 'adaptive' completes forward into central with N backward calls and
 * subtracts the measured forward error afterwards, or checks central quotients
 * against the 2h ones (Richardson) where f is too large for the short step;
 * bounds keep every call inside the box.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradientInto } from '@descent/core';
import { boxSchemeFor } from '../../src/solvers/box-difference.js';
import { numericalGradientSource } from '../../src/solvers/numerical-gradient-source.js';

/** f = x₀² + 3x₀x₁ + e^{x₁} with ∇f = (2x₀ + 3x₁, 3x₀ + e^{x₁}); counts and records its calls. */
function counted(shift = 0) {
  const points: number[][] = [];
  const f = (x: Float64Array): number => {
    points.push(Array.from(x));
    return x[0]! ** 2 + 3 * x[0]! * x[1]! + Math.exp(x[1]!) + shift;
  };
  return { f, points };
}

describe('numericalGradientSource', () => {
  it('forward: N calls, never at the unperturbed x, the same quotients as core', () => {
    const { f, points } = counted();
    const x = new Float64Array([0.5, -1]);
    const source = numericalGradientSource(f, 2, { scheme: 'forward' });
    const g = new Float64Array(2);
    source.into(g, x, f(x));
    points.shift();
    expect(source.evaluations).toBe(2);
    expect(points.every((p) => p[0] !== 0.5 || p[1] !== -1)).toBe(true);
    const reference = ndarray(new Float64Array(2));
    numericalGradientInto(reference, (v) => (v.get(0) as number) ** 2 + 3 * v.get(0) * v.get(1) + Math.exp(v.get(1)), ndarray(new Float64Array([0.5, -1])), { scheme: 'forward' });
    expect(Array.from(g)).toEqual(Array.from(reference.data as Float64Array));
    expect(g[0]).toBeCloseTo(2 * 0.5 - 3, 6);
    expect(g[1]).toBeCloseTo(1.5 + Math.exp(-1), 6);
    expect(Array.from(x)).toEqual([0.5, -1]); // restored
  });

  it('central: 2N calls, second-order accurate; not coarse (nothing to refine)', () => {
    const { f } = counted();
    const source = numericalGradientSource(f, 2, { scheme: 'central' });
    const g = new Float64Array(2);
    const x = new Float64Array([0.5, -1]);
    source.into(g, x, f(x));
    expect(source.evaluations).toBe(4);
    expect(g[0]).toBeCloseTo(-2, 9);
    expect(g[1]).toBeCloseTo(1.5 + Math.exp(-1), 9);
    expect(source.coarse).toBe(false);
    expect(source.refineInto(g, x, f(x), 1e-5)).toBe(false);
  });

  it('adaptive: refining at the last point completes forward into central for N calls and keeps the forward error', () => {
    const { f } = counted();
    const source = numericalGradientSource(f, 2);
    const x = new Float64Array([0.5, -1]);
    const fx = f(x);
    const forward = new Float64Array(2);
    source.into(forward, x, fx);
    expect(source.coarse).toBe(true);
    expect(source.errorBound()).toBe(Infinity); // unverified until refined
    const refined = new Float64Array(2);
    expect(source.refineInto(refined, x, fx, 1e-5)).toBe(true);
    expect(source.evaluations).toBe(4);
    // Its error bound is the rounding of a central quotient with the forward step: 16ε·|f|/√ε.
    expect(source.errorBound()).toBeCloseTo((16 * Number.EPSILON * Math.abs(fx)) / Math.sqrt(Number.EPSILON), 20);
    // (forward + backward)/2 with h ≈ 1.5e-8 is a central quotient: error ≈ ε·|f|/h ≈ 1e-8.
    expect(refined[0]).toBeCloseTo(-2, 7);
    expect(refined[1]).toBeCloseTo(1.5 + Math.exp(-1), 7);
    // Forward error ≈ (h/2)·∂²f/∂xᵢ² = (h/2)·(2, e⁻¹) is now subtracted: the next forward gradient at a nearby point is central-accurate.
    const y = new Float64Array([0.5 + 1e-4, -1 - 1e-4]);
    const corrected = new Float64Array(2);
    source.into(corrected, y, f(y));
    expect(corrected[0]).toBeCloseTo(2 * y[0]! + 3 * y[1]!, 7);
    expect(corrected[1]).toBeCloseTo(3 * y[0]! + Math.exp(y[1]!), 7);
  });

  it('adaptive: where 16ε·|f|/h is too large for the forward step, a Richardson check with steps h and 2h', () => {
    // f shifted by 1e6: the rounding error of a forward-step central quotient, 16ε·1e6/1.5e-8 ≈ 2.4e-1, exceeds 1e-6.
    const { f } = counted(1e6);
    const source = numericalGradientSource(f, 2);
    const x = new Float64Array([0.5, -1]);
    const fx = f(x);
    const g = new Float64Array(2);
    source.into(g, x, fx);
    const before = source.evaluations;
    expect(source.refineInto(g, x, fx, 1e-5)).toBe(true);
    expect(source.evaluations - before).toBe(8); // central with h (2N) and with 2h (2N)
    expect(source.errorBound()).toBeCloseTo((2 * 16 * Number.EPSILON * Math.abs(fx)) / Math.cbrt(Number.EPSILON), 12);
    expect(g[0]).toBeCloseTo(-2, 4);
    expect(g[1]).toBeCloseTo(1.5 + Math.exp(-1), 4);
    expect(source.description).toMatch(/differences \(adaptive\)/);
  });

  it('bounds: every call stays inside the box; one-sided at a bound, central inside', () => {
    const { f, points } = counted();
    const lower = new Float64Array([0, -2]);
    const upper = new Float64Array([0.5, 2]);
    const source = numericalGradientSource(f, 2, { scheme: 'central', bounds: { lower, upper } });
    const g = new Float64Array(2);
    const x = new Float64Array([0.5, -1]); // x₀ on its upper bound
    source.into(g, x, f(x));
    expect(points.every((p) => p[0]! >= 0 && p[0]! <= 0.5 && p[1]! >= -2 && p[1]! <= 2)).toBe(true);
    expect(source.evaluations).toBe(3); // backward at x₀ (x reused), central at x₁
    expect(g[0]).toBeCloseTo(-2, 6);
    expect(g[1]).toBeCloseTo(1.5 + Math.exp(-1), 9);
  });

  it('a non-finite f next to x gives a NaN gradient (a solver rejects that trial) instead of an error', () => {
    const f = (x: Float64Array): number => (x[0]! > 1 ? Infinity : x[0]! ** 2);
    const source = numericalGradientSource(f, 1, { scheme: 'forward' });
    const g = new Float64Array(1);
    source.into(g, new Float64Array([1]), 1);
    expect(g[0]).toBeNaN();
  });
});

describe('boxSchemeFor', () => {
  it('keeps the scheme inside, goes one-sided next to a bound, halves the room in a narrow box, skips a fixed variable', () => {
    expect(boxSchemeFor(0, -1, 1, 'central', 'auto')).toEqual({ scheme: 'central', h: 'auto' });
    expect(boxSchemeFor(0.5, -2, 0.5, 'central', 'auto')).toEqual({ scheme: 'backward', h: 'auto' });
    expect(boxSchemeFor(-2, -2, 0.5, 'forward', 'auto')).toEqual({ scheme: 'forward', h: 'auto' });
    expect(boxSchemeFor(0.5, -2, 0.5, 'forward', 1e-4)).toEqual({ scheme: 'backward', h: 1e-4 });
    expect(boxSchemeFor(0, 0, 1e-12, 'forward', 'auto')).toEqual({ scheme: 'forward', h: 5e-13 });
    expect(boxSchemeFor(3, 3, 3, 'central', 'auto')).toBeNull();
  });
});
