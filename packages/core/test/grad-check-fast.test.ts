/**
 * gradCheck's fast mode: vᵀa against the directional derivative along k
 * seeded random directions (uniform elements on [−1, 1)) — 2k calls (central) per array whatever N; a
 * correct gradient passes, a wrong one fails and the report names the array
 * (worstKey) and the direction; the tolerance is the bound the full check
 * implies, atol·Σ|vᵢ| + 2·rtol/(1−rtol)·Σ|vᵢaᵢ| (recomputed here from the
 * same seeded directions); the same seed gives the same report.
 *
 * f(x) = Σ xᵢ³/3 + x₀·x₁ on N = 5000: ∇f = x² + (x₁ at 0, x₀ at 1).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTIONS, gradCheck, randomState } from '@descent/core';
import { symmetricUniformInto } from '../src/random.js';

const N = 5000;
const f = (v: NdArray): number => {
  const x = v.data as Float64Array;
  let s = x[0]! * x[1]!;
  for (let i = 0; i < N; i++) s += (x[i]! * x[i]! * x[i]!) / 3;
  return s;
};
const point = (): NdArray => ndarray(Float64Array.from({ length: N }, (_, i) => Math.sin(0.71 * i) + 0.2), [N]);
function gradient(v: NdArray): NdArray {
  const x = v.data as Float64Array;
  const g = Float64Array.from(x, (t) => t * t);
  g[0] = g[0]! + x[1]!;
  g[1] = g[1]! + x[0]!;
  return ndarray(g, [N]);
}

describe("gradCheck, mode 'fast'", () => {
  it('a correct gradient passes in 2k calls (k = 4 by default: 8 calls for N = 5000)', () => {
    const report = gradCheck(f, gradient, point(), { mode: 'fast' });
    expect(DEFAULT_DIRECTIONS).toBe(4);
    expect(report.mode).toBe('fast');
    expect(report.passed).toBe(true);
    expect(report.evaluations).toBe(8);
    expect(report.directions).toHaveLength(4);
    // rounding of f's 5000-term sum (≈ √N·eps·Σ|xᵢ³|/3 ≈ 70·2.2e-16·1e3) over the step t ≈ eps^(1/3)·‖x‖/‖v‖ ≈ 4e-6,
    // against |vᵀa| ≈ ‖a‖ ≈ 50: ≈ 1e-7 relative (truncation t²/6·2Σvᵢ³ ≈ 2e-9 is smaller)
    expect(report.maxRelError).toBeLessThan(1e-6);
    expect(report.worstIndex).toEqual([]);
    expect(report.relativeErrors).toBeUndefined();
  });
  it('the tolerance of each direction is atol·Σ|vᵢ| + 2·rtol/(1−rtol)·Σ|vᵢaᵢ| for the seeded random v', () => {
    const x = point();
    const a = gradient(x).data as Float64Array;
    const report = gradCheck(f, gradient, x, { mode: 'fast', directions: 3, seed: 12, rtol: 1e-5, atol: 1e-7 });
    const random = randomState(12);
    const v = new Float64Array(N);
    report.directions!.forEach((check) => {
      symmetricUniformInto(v, random);
      let analytic = 0;
      let l1 = 0;
      let weighted = 0;
      for (let i = 0; i < N; i++) {
        analytic += v[i]! * a[i]!;
        l1 += Math.abs(v[i]!);
        weighted += Math.abs(v[i]! * a[i]!);
      }
      expect(check.analytic).toBe(analytic);
      expect(check.tolerance).toBeCloseTo(1e-7 * l1 + ((2 * 1e-5) / (1 - 1e-5)) * weighted, 12);
      expect(check.absError).toBe(Math.abs(check.analytic - check.numerical));
    });
  });
  it('a gradient missing the cross term fails; the worst direction is named', () => {
    const x = point();
    const wrong = (v: NdArray): NdArray => ndarray(Float64Array.from(v.data as Float64Array, (t) => t * t), [N]);
    const report = gradCheck(f, wrong, x, { mode: 'fast' });
    expect(report.passed).toBe(false);
    const worst = report.directions![report.worstDirection!]!;
    expect(worst.absError).toBeGreaterThan(worst.tolerance);
    expect(report.directions!.every((d) => d.absError / d.tolerance <= worst.absError / worst.tolerance)).toBe(true);
  });
  it('named parameters: 2k calls per array, worstKey names the wrong array', () => {
    const W = ndarray(Float64Array.from({ length: 300 }, (_, i) => Math.cos(i)), [20, 15]);
    const b = ndarray(Float64Array.from([0.5, -0.25, 2]), [3]);
    // loss = Σ W² + Σ b³: ∂/∂W = 2W, ∂/∂b = 3b²
    const loss = (): number => (W.data as Float64Array).reduce((s, t) => s + t * t, 0) + (b.data as Float64Array).reduce((s, t) => s + t ** 3, 0);
    const dW = ndarray(Float64Array.from(W.data as Float64Array, (t) => 2 * t), [20, 15]);
    const good = ndarray(Float64Array.from(b.data as Float64Array, (t) => 3 * t * t), [3]);
    const bad = ndarray(Float64Array.from(good.data as Float64Array, (t, i) => (i === 2 ? t * 1.01 : t)), [3]);
    const pass = gradCheck(loss, { W: dW, b: good }, { W, b }, { mode: 'fast', directions: 2 });
    expect(pass.passed).toBe(true);
    expect(pass.evaluations).toBe(2 * 2 * 2);
    expect(pass.directions!.map((d) => d.key)).toEqual(['W', 'W', 'b', 'b']);
    const fail = gradCheck(loss, { W: dW, b: bad }, { W, b }, { mode: 'fast', directions: 2 });
    expect(fail.passed).toBe(false);
    expect(fail.worstKey).toBe('b');
  });
  it('the same seed gives the same report; another seed other directions', () => {
    const x = point();
    const one = gradCheck(f, gradient, x, { mode: 'fast', seed: 3 });
    expect(gradCheck(f, gradient, x, { mode: 'fast', seed: 3 }).directions).toEqual(one.directions);
    expect(gradCheck(f, gradient, x, { mode: 'fast', seed: 4 }).directions![0]!.analytic).not.toBe(one.directions![0]!.analytic);
  });
  it('directions must be a positive integer, mode full or fast; an empty x is still an error', () => {
    const x = point();
    expect(() => gradCheck(f, gradient, x, { mode: 'fast', directions: 0 })).toThrow(RangeError);
    expect(() => gradCheck(f, gradient, x, { mode: 'fast', directions: 1.5 })).toThrow(RangeError);
    expect(() => gradCheck(f, gradient, x, { mode: 'quick' as 'fast' })).toThrow(RangeError);
    const empty = ndarray(new Float64Array(0), [0]);
    expect(() => gradCheck(f, empty, empty, { mode: 'fast' })).toThrow(/a check over no elements would pass/);
  });
});
