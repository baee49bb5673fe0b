/**
 * SPSA against gradient descent with central differences on a noisy 20-D
 * quadratic: SPSA reaches f within 1 % of the minimum in fewer calls of f.
 *
 * The problem. f(x) = 1 + ½ Σᵢ dᵢ (xᵢ − 1)² + σ·ε with dᵢ = 10^(i/19) (i = 0 … 19:
 * curvatures log-spaced from μ = 1 to L = 10), ε ~ N(0, 1) drawn afresh at every
 * call from a seeded generator, σ = 0.01. The minimum is f* = 1 at x* = (1, …, 1);
 * "within 1 %" means f_true(x) ≤ 1.01 (f without the noise, read outside the
 * count). From x0 = 0, f_true(x0) = 1 + ½ Σ dᵢ ≈ 40.9.
 *
 * The comparison, made fair (in gradient descent's favour where a choice was needed):
 * - Both perturb by the same amount, h = c = 0.1, so every difference quotient
 *   carries the same noise σ/(√2·0.1) ≈ 0.07 (central differences are exact on a
 *   quadratic for any h, so h only sets the noise).
 * - Gradient descent (the loop of `gradientDescent`: x ← x − lr·ĝ, ĝ central
 *   differences, 2N = 40 calls per step) takes lr = 2/(L + μ) = 2/11, the best
 *   constant step for a quadratic with curvatures in [μ, L] (it minimizes the
 *   worst contraction (κ − 1)/(κ + 1)): it is told L and μ.
 * - SPSA (2 calls per step) is told nothing of the curvature: Spall's defaults
 *   (α = 0.602, γ = 0.101, A = 10 % of maxIterations) and his calibration of a
 *   from a target first step of 0.3 = 30 % of the initial distance per
 *   coordinate |x0ᵢ − x*ᵢ| = 1 (10 estimates at x0: 20 calls, counted).
 * - Both stop at the first iterate with f_true ≤ 1.01; the count is the calls
 *   of f until then. Nine seeds each (each method's noise from the same seed);
 *   the medians are compared (SPSA is a stochastic method: single runs vary).
 * Measured: SPSA median 524 calls (426 … 678), gradient descent median 800
 * (680 … 1000).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradientInto } from '@descent/core';
import { spsa } from '@descent/optim';

const N = 20;
const SIGMA = 0.01;
const TARGET = 1.01;
const d = Array.from({ length: N }, (_, i) => 10 ** (i / (N - 1)));
const fTrue = (x: NdArray): number => {
  let s = 1;
  for (let i = 0; i < N; i++) s += 0.5 * d[i]! * (x.get(i) - 1) ** 2;
  return s;
};

/** Standard normal deviates from a seeded 32-bit generator (mulberry32 + Box–Muller). */
function gaussian(seed: number): () => number {
  let a = seed >>> 0;
  const uniform = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    let u = 0;
    while (u === 0) u = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform());
  };
}

const noisy = (seed: number): ((x: NdArray) => number) => {
  const epsilon = gaussian(seed);
  return (x) => fTrue(x) + SIGMA * epsilon();
};

/** Calls of f until SPSA's iterate is within 1 % (Infinity if never, within 2000 steps). */
function spsaCalls(seed: number): number {
  let calls = Infinity;
  spsa(noisy(seed), ndarray(new Float64Array(N)), {
    c: 0.1,
    targetStep: 0.3,
    maxIterations: 2000,
    seed,
    onIteration: (info) => {
      if (fTrue(info.x) > TARGET) return true;
      calls = info.evaluations;
      return false;
    },
  });
  return calls;
}

/** Calls of f until gradient descent's iterate is within 1 % (Infinity if never, within 500 steps). */
function gradientDescentCalls(seed: number): number {
  const f = noisy(seed);
  const x = ndarray(new Float64Array(N));
  const g = ndarray(new Float64Array(N));
  const counter = { evaluations: 0 };
  const lr = 2 / (10 + 1);
  for (let step = 0; step < 500; step++) {
    numericalGradientInto(g, f, x, { h: 0.1, scheme: 'central', counter });
    for (let i = 0; i < N; i++) x.data[i] = x.data[i]! - lr * g.data[i]!;
    if (fTrue(x) <= TARGET) return counter.evaluations;
  }
  return Infinity;
}

const median = (values: number[]): number => [...values].sort((p, q) => p - q)[Math.floor(values.length / 2)]!;

describe('SPSA on a noisy 20-D quadratic', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9];
  it('reaches f within 1 % of the minimum in fewer calls of f than gradient descent with central differences', () => {
    const ours = seeds.map(spsaCalls);
    const theirs = seeds.map(gradientDescentCalls);
    expect(ours.every(Number.isFinite)).toBe(true);
    expect(theirs.every(Number.isFinite)).toBe(true);
    expect(theirs.every((calls) => calls % 40 === 0)).toBe(true); // 2N calls per step
    // Deterministic (seeded noise and directions): the figures of the header.
    expect(median(ours)).toBe(524);
    expect(median(theirs)).toBe(800);
    expect(median(ours)).toBeLessThan(0.7 * median(theirs));
  });
});
