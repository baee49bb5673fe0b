/**
 * gradCheck's fast mode: vᵀa against the directional derivative along k
 * seeded random directions (uniform elements on [−1, 1)) over every checked
 * element — 2k calls (central) whatever N and the number of arrays; a correct
 * gradient passes, a wrong one fails, the report names the direction, and
 * bisection traces it to the array and element (worstKey, worstIndex,
 * location) — only what it measured to fail; the tolerance is the bound the full check
 * implies, atol·Σ|vᵢ| + 2·rtol/(1−rtol)·Σ|vᵢaᵢ| (recomputed here from the
 * same seeded directions); the same seed gives the same report.
 *
 * f(x) = Σ xᵢ³/3 + x₀·x₁ on N = 5000: ∇f = x² + (x₁ at 0, x₀ at 1).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DIRECTIONS, gradCheck, randomState } from '@descent/core';
import { symmetricUniformInto } from '../../src/directional/random.js';

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
  it('named parameters: 2k calls in all, whatever the number of arrays; a wrong b[2] is traced to it', () => {
    const W = ndarray(Float64Array.from({ length: 300 }, (_, i) => Math.cos(i)), [20, 15]);
    const b = ndarray(Float64Array.from([0.5, -0.25, 2]), [3]);
    // loss = Σ W² + Σ b³: ∂/∂W = 2W, ∂/∂b = 3b²
    const loss = (): number => (W.data as Float64Array).reduce((s, t) => s + t * t, 0) + (b.data as Float64Array).reduce((s, t) => s + t ** 3, 0);
    const dW = ndarray(Float64Array.from(W.data as Float64Array, (t) => 2 * t), [20, 15]);
    const good = ndarray(Float64Array.from(b.data as Float64Array, (t) => 3 * t * t), [3]);
    const bad = ndarray(Float64Array.from(good.data as Float64Array, (t, i) => (i === 2 ? t * 1.01 : t)), [3]);
    const pass = gradCheck(loss, { W: dW, b: good }, { W, b }, { mode: 'fast', directions: 2 });
    expect(pass.passed).toBe(true);
    expect(pass.evaluations).toBe(2 * 2);
    expect(pass.location).toBeUndefined();
    expect(pass.worstKey).toBeUndefined();
    const fail = gradCheck(loss, { W: dW, b: bad }, { W, b }, { mode: 'fast', directions: 2 });
    expect(fail.passed).toBe(false);
    expect(fail.worstKey).toBe('b');
    expect(fail.worstIndex).toEqual([2]);
    // b[2] = 2: analytic 3·4·1.01 = 12.12, the partial derivative 12 (central, error ≈ h² ≈ 1e-10)
    expect(fail.location!.analytic).toBeCloseTo(12.12, 12);
    expect(fail.location!.numerical).toBeCloseTo(12, 8);
    expect(fail.location!.absError).toBeCloseTo(0.12, 8);
    // the tolerance at the element: atol + 2·rtol/(1 − rtol)·|a| = 1e-8 + 2e-6/(1 − 1e-6)·12.12
    expect(fail.location!.tolerance).toBeCloseTo(1e-8 + (2e-6 / (1 - 1e-6)) * 12.12, 15);
    // bisection: W | b (the array boundary), then b[0] | b[1], b[2], then b[1] | b[2]: 3 halvings × 2 halves × 2 calls
    expect(fail.location!.evaluations).toBe(12);
    expect(fail.evaluations).toBe(2 * 2 + 12);
  });
  it('a wrong element of a 2-D array among four arrays (one of them Float32Array) is named with its multi-index', () => {
    const A = ndarray(Float64Array.from({ length: 60 }, (_, i) => Math.sin(i)), [6, 10]).transpose(1, 0); // a view
    const B = ndarray(Float32Array.from({ length: 7 }, (_, i) => 0.1 * i - 0.3), [7]);
    const C = ndarray([0.4, -0.7, 1.1], [3]);
    const D = ndarray(Float64Array.of(0.25), [1]);
    // loss = Σ A³/3 + Σ B²/2 + C₀·C₁·C₂ + eᴰ: ∂A = A², ∂B = B, ∂C = (C₁C₂, C₀C₂, C₀C₁), ∂D = eᴰ
    const loss = (): number => {
      let s = Math.exp(D.get(0)) + C.get(0) * C.get(1) * C.get(2);
      for (let i = 0; i < 10; i++) for (let j = 0; j < 6; j++) s += A.get(i, j) ** 3 / 3;
      for (let i = 0; i < 7; i++) s += B.get(i) ** 2 / 2;
      return s;
    };
    const dA = ndarray(new Float64Array(60), [10, 6]);
    for (let i = 0; i < 10; i++) for (let j = 0; j < 6; j++) dA.set(i, j, A.get(i, j) ** 2);
    dA.set(7, 4, dA.get(7, 4) + 0.5); // the planted error
    const dB = ndarray(Float64Array.from({ length: 7 }, (_, i) => B.get(i)), [7]);
    const dC = ndarray(Float64Array.of(C.get(1) * C.get(2), C.get(0) * C.get(2), C.get(0) * C.get(1)), [3]);
    const dD = ndarray(Float64Array.of(Math.exp(0.25)), [1]);
    const before = [A, B, C, D].map((a) => Array.from(a.data as ArrayLike<number>));
    const report = gradCheck(loss, { A: dA, B: dB, C: dC, D: dD }, { A, B, C, D }, { mode: 'fast', rtol: 1e-3 });
    expect(report.passed).toBe(false);
    expect(report.worstKey).toBe('A');
    expect(report.worstIndex).toEqual([7, 4]);
    expect(report.location!.absError).toBeCloseTo(0.5, 6);
    expect([A, B, C, D].map((a) => Array.from(a.data as ArrayLike<number>))).toEqual(before);
  });
  it('names nothing it did not measure: a false alarm from a step too large for the small elements traces to no element', () => {
    // x = [1e4, 0.1 … 0.8]: the joint step moves x by eps^(1/3)·‖x‖ ≈ 0.06, so the central difference of Σ xᵢ³
    // over the small elements is off by ≈ (0.06·vᵢ/‖v‖)²/3xᵢ² relative — far beyond rtol; each small element
    // alone, with numericalGradient's step eps^(1/3), is right to 1e-10. Bisection: [x₀…x₃] fails (x₀'s length
    // still sets the step), [x₄…x₈] passes; [x₀, x₁] fails, [x₂, x₃] passes; x₀ alone and x₁ alone pass — it stops there.
    const x = ndarray(Float64Array.of(1e4, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8), [9]);
    const f = (v: NdArray): number => {
      let s = 1e-4 * v.get(0); // small beside the rest, so f's rounding stays ≈ eps·2
      for (let i = 1; i < 9; i++) s += v.get(i) ** 3;
      return s;
    };
    const g = (v: NdArray): NdArray => ndarray(Float64Array.from({ length: 9 }, (_, i) => (i === 0 ? 1e-4 : 3 * v.get(i) ** 2)), [9]);
    const report = gradCheck(f, g, x, { mode: 'fast' });
    expect(report.passed).toBe(false);
    expect(report.location!.index).toBeUndefined();
    expect(report.location!.key).toBeUndefined();
    expect(report.location!.evaluations).toBe(3 * 4);
    expect(report.worstIndex).toEqual([]);
    expect(gradCheck(f, g, x).passed).toBe(true); // the full check agrees: nothing is wrong
  });
  it('with bounds: every direction one-sided where an element sits on its bound, f never called outside, f(x) evaluated once', () => {
    // g = Σ (xᵢ + 1)^1.5 on the box x ≥ 0 (a loss the user defines there only), every 7th element on the bound: ∂ = 1.5·√(xᵢ + 1)
    const x = ndarray(Float64Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? 0 : 0.1 * i)), [50]);
    let outside = false;
    let calls = 0;
    const g = (v: NdArray): number => {
      calls++;
      let s = 0;
      for (let i = 0; i < 50; i++) {
        const t = v.get(i);
        if (t < 0) outside = true;
        s += (t + 1) ** 1.5;
      }
      return s;
    };
    const analytic = ndarray(Float64Array.from(x.data as Float64Array, (t) => 1.5 * Math.sqrt(t + 1)), [50]);
    const report = gradCheck(g, analytic, x, { mode: 'fast', bounds: { lower: 0 } });
    expect(report.passed).toBe(true);
    expect(outside).toBe(false);
    expect(calls).toBe(1 + 4 * 2); // f(x) once for all directions, then 2 nodes each
    expect(report.evaluations).toBe(9);
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
