/**
 * minimize's numerical gradient sources, driven as minimize drives them
 * (runSync with the synchronous serve): forward differences cost N calls (the
 * known f(x) is core's f0) and equal core's forward quotients bit for bit;
 * central cost 2N; 'adaptive' completes forward into central with N backward
 * calls and subtracts the measured forward error afterwards, or checks central
 * quotients against the 2h ones (Richardson) where f is too large for the
 * short step; bounds (core's option) keep every call inside the box.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradientInto } from '@descent/core';
import { runSync } from '../../../src/drive/run-sync.js';
import { resolveBounds } from '../../../src/minimize/bounds.js';
import { Evaluations, serveSync } from '../../../src/minimize/evaluation.js';
import { numericalSource, type MinimizeScheme } from '../../../src/minimize/gradient/numerical-gradient-source.js';

/** f = x₀² + 3x₀x₁ + e^{x₁} with ∇f = (2x₀ + 3x₁, 3x₀ + e^{x₁}); records its calls. */
function counted(shift = 0) {
  const points: number[][] = [];
  const f = (x: NdArray): number => {
    points.push([x.get(0), x.get(1)]);
    return x.get(0) ** 2 + 3 * x.get(0) * x.get(1) + Math.exp(x.get(1)) + shift;
  };
  return { f, points };
}

/** A source over f as minimize builds it, with synchronous into/refine. */
function sourceOf(f: (x: NdArray) => number, scheme: MinimizeScheme, bounds?: object) {
  const evaluations = new Evaluations(Infinity, undefined);
  evaluations.started = true;
  const source = numericalSource(evaluations, {}, scheme, resolveBounds(bounds, [2]), () => ndarray(new Float64Array(2)));
  const serve = serveSync(f, undefined);
  return {
    source,
    evaluations,
    into: (g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number) => runSync(source.into(g, x, fx), serve),
    refine: (g: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number, tolerance: number) => runSync(source.refineInto(g, x, fx, tolerance), serve),
  };
}

const point = (a: number, b: number): NdArray<Float64Array> => ndarray(new Float64Array([a, b]));
const buffer = (): NdArray<Float64Array> => ndarray(new Float64Array(2));

describe('numerical gradient sources', () => {
  it('forward: N calls, never at the unperturbed x, the same quotients as core', () => {
    const { f, points } = counted();
    const s = sourceOf(f, 'forward');
    const x = point(0.5, -1);
    const g = buffer();
    s.into(g, x, f(x));
    points.shift();
    expect(s.evaluations.evaluations).toBe(2);
    expect(points.every((p) => p[0] !== 0.5 || p[1] !== -1)).toBe(true);
    const reference = ndarray(new Float64Array(2));
    numericalGradientInto(reference, f, point(0.5, -1), { scheme: 'forward' });
    expect(Array.from(g.data)).toEqual(Array.from(reference.data as Float64Array));
    expect(g.get(0)).toBeCloseTo(2 * 0.5 - 3, 6);
    expect(g.get(1)).toBeCloseTo(1.5 + Math.exp(-1), 6);
    expect(Array.from(x.data)).toEqual([0.5, -1]); // restored
  });

  it('central: 2N calls, second-order accurate; not coarse (nothing to refine)', () => {
    const { f } = counted();
    const s = sourceOf(f, 'central');
    const g = buffer();
    const x = point(0.5, -1);
    s.into(g, x, f(x));
    expect(s.evaluations.evaluations).toBe(4);
    expect(g.get(0)).toBeCloseTo(-2, 9);
    expect(g.get(1)).toBeCloseTo(1.5 + Math.exp(-1), 9);
    expect(s.source.coarse).toBe(false);
    expect(s.refine(g, x, f(x), 1e-5)).toBe(false);
    // A chosen scheme's error bound is the rounding of its quotient: 16ε·|f|/eps^(1/3).
    expect(s.source.errorBound()).toBeCloseTo((16 * Number.EPSILON * Math.abs(f(x))) / Math.cbrt(Number.EPSILON), 20);
  });

  it('adaptive: refining at the last point completes forward into central for N calls and keeps the forward error', () => {
    const { f } = counted();
    const s = sourceOf(f, 'adaptive');
    const x = point(0.5, -1);
    const fx = f(x);
    const forward = buffer();
    s.into(forward, x, fx);
    expect(s.source.coarse).toBe(true);
    expect(s.source.errorBound()).toBe(Infinity); // unverified until refined
    const refined = buffer();
    expect(s.refine(refined, x, fx, 1e-5)).toBe(true);
    expect(s.evaluations.evaluations).toBe(4);
    // Its error bound is the rounding of a central quotient with the forward step: 16ε·|f|/√ε.
    expect(s.source.errorBound()).toBeCloseTo((16 * Number.EPSILON * Math.abs(fx)) / Math.sqrt(Number.EPSILON), 20);
    // (forward + backward)/2 with h ≈ 1.5e-8 is a central quotient: error ≈ ε·|f|/h ≈ 1e-8.
    expect(refined.get(0)).toBeCloseTo(-2, 7);
    expect(refined.get(1)).toBeCloseTo(1.5 + Math.exp(-1), 7);
    // Forward error ≈ (h/2)·∂²f/∂xᵢ² = (h/2)·(2, e⁻¹) is now subtracted: the next forward gradient at a nearby point is central-accurate.
    const y = point(0.5 + 1e-4, -1 - 1e-4);
    const corrected = buffer();
    s.into(corrected, y, f(y));
    expect(corrected.get(0)).toBeCloseTo(2 * y.get(0) + 3 * y.get(1), 7);
    expect(corrected.get(1)).toBeCloseTo(3 * y.get(0) + Math.exp(y.get(1)), 7);
  });

  it('adaptive: where 16ε·|f|/h is too large for the forward step, a Richardson check with steps h and 2h', () => {
    // f shifted by 1e6: the rounding error of a forward-step central quotient, 16ε·1e6/1.5e-8 ≈ 2.4e-1, exceeds 1e-6.
    const { f } = counted(1e6);
    const s = sourceOf(f, 'adaptive');
    const x = point(0.5, -1);
    const fx = f(x);
    const g = buffer();
    s.into(g, x, fx);
    const before = s.evaluations.evaluations;
    expect(s.refine(g, x, fx, 1e-5)).toBe(true);
    expect(s.evaluations.evaluations - before).toBe(8); // central with h (2N) and with 2h (2N)
    expect(s.source.errorBound()).toBeCloseTo((2 * 16 * Number.EPSILON * Math.abs(fx)) / Math.cbrt(Number.EPSILON), 12);
    expect(g.get(0)).toBeCloseTo(-2, 4);
    expect(g.get(1)).toBeCloseTo(1.5 + Math.exp(-1), 4);
    expect(s.source.description).toMatch(/differences \(adaptive\)/);
  });

  it('bounds: every call stays inside the box; second-order one-sided at a bound, central inside', () => {
    const { f, points } = counted();
    const s = sourceOf(f, 'central', { lower: ndarray(new Float64Array([0, -2])), upper: ndarray(new Float64Array([0.5, 2])) });
    const g = buffer();
    const x = point(0.5, -1); // x₀ on its upper bound
    s.into(g, x, f(x));
    points.shift();
    expect(points.every((p) => p[0]! >= 0 && p[0]! <= 0.5 && p[1]! >= -2 && p[1]! <= 2)).toBe(true);
    // Core's (−3f(x) + 4f(x − h) − f(x − 2h))/(−2h) at x₀ (f(x) reused: 2 calls), central at x₁ (2 calls).
    expect(s.evaluations.evaluations).toBe(4);
    expect(g.get(0)).toBeCloseTo(-2, 8);
    expect(g.get(1)).toBeCloseTo(1.5 + Math.exp(-1), 8);
  });

  it('a non-finite f next to x gives a NaN gradient (the stepper rejects that trial) instead of an error', () => {
    const s = sourceOf((x) => (x.get(0) > 1 ? Infinity : x.get(0) ** 2), 'forward');
    const g = buffer();
    s.into(g, point(1, 0), 1);
    expect(g.get(0)).toBeNaN();
    expect(s.evaluations.nonFiniteDetail).toMatch(/^f returned Infinity when x\[0\] was perturbed/);
  });
});
