/**
 * spsaGradient: the mean over many samples is the true gradient up to the
 * central difference's O(h²) — checked against an exact prediction within a
 * tolerance derived from the estimator's variance — from 2 calls per sample
 * whatever N.
 *
 * f(x) = Σ_j c_j·e^{x_j}, g_j = c_j·e^{x_j}. For a sample of signs Δ and a
 * fixed step h, f(x + hΔ) − f(x − hΔ) = Σ_j c_j e^{x_j}(e^{hΔ_j} − e^{−hΔ_j})
 * = 2·sinh(h)·Σ_j g_jΔ_j (sinh is odd), so one sample gives
 *   ĝᵢ = sinh(h)/h · Σ_j g_jΔ_jΔᵢ = s·gᵢ + s·Σ_{j≠i} g_jΔ_jΔᵢ,  s = sinh(h)/h.
 * The products Δ_jΔᵢ (j ≠ i) are ±1 with mean 0 and pairwise uncorrelated,
 * so E[ĝᵢ] = s·gᵢ = gᵢ(1 + h²/6 + O(h⁴)) — unbiased to O(h²) — and
 * Var[ĝᵢ] = s²·Σ_{j≠i} g_j². The mean of S independent samples has standard
 * deviation σᵢ = s·√(Σ_{j≠i} g_j² / S); by the central limit theorem it lies
 * within 5σᵢ of s·gᵢ except with probability ≈ 5.7e-7 (the seed is fixed,
 * so the test is deterministic; the bound says it is not tuned to the seed).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient, randomState, spsaGradient, spsaGradientInto } from '@descent/core';
import { elements } from '../helpers.js';

const c = [1, -2, 0.5, 3];
const f = (v: NdArray): number => elements(v).reduce((s, x, j) => s + c[j]! * Math.exp(x), 0);
const x0 = [0.3, -0.4, 1.1, 0.2];
const g = x0.map((x, j) => c[j]! * Math.exp(x));

/** σᵢ of the mean of S samples, times s. */
function sigma(i: number, samples: number, s: number): number {
  return s * Math.sqrt(g.reduce((sum, gj, j) => (j === i ? sum : sum + gj * gj), 0) / samples);
}

describe('spsaGradient', () => {
  it('h = 0.5, 100,000 samples: the mean is sinh(h)/h·g within 5σ, and the O(h²) term is resolved (≥ 5σ from g)', () => {
    const samples = 100_000;
    const h = 0.5;
    const s = Math.sinh(h) / h; // 1.0422…: the bias g·h²/6 is 4.2% of g
    const counter = { evaluations: 0 };
    const estimate = spsaGradient(f, ndarray(Float64Array.from(x0), [4]), { h, samples, seed: 7, counter });
    expect(counter.evaluations).toBe(2 * samples);
    for (let i = 0; i < 4; i++) {
      expect(Math.abs(estimate.get(i) - s * g[i]!)).toBeLessThanOrEqual(5 * sigma(i, samples, s));
    }
    // the biggest component: |s·g − g| = 0.042·|g₃| = 0.15, σ₃ ≈ 0.0086 — the mean is off g by the predicted bias
    expect(Math.abs(estimate.get(3) - g[3]!)).toBeGreaterThan(5 * sigma(3, samples, s));
  });

  it('auto step (h ≈ 6e-6): the mean is g within 5σ (bias ≈ g·h²/6 ≈ 6e-12·g)', () => {
    const samples = 40_000;
    const estimate = spsaGradient(f, ndarray(Float64Array.from(x0), [4]), { samples, seed: 11 });
    for (let i = 0; i < 4; i++) expect(Math.abs(estimate.get(i) - g[i]!)).toBeLessThanOrEqual(5 * sigma(i, samples, 1));
  });

  it('one-sided: forward costs samples + 1 calls (samples with f0) and is unbiased to O(h)', () => {
    const samples = 40_000;
    const x = ndarray(Float64Array.from(x0), [4]);
    const counter = { evaluations: 0 };
    const estimate = spsaGradient(f, x, { scheme: 'forward', samples, seed: 3, counter });
    expect(counter.evaluations).toBe(samples + 1);
    // forward: (f(x + hΔ) − f(x))/(hΔᵢ) = Σ_j g_j(e^{hΔ_j} − 1)/h ·Δᵢ; with h ≈ 1.5e-8 the variance is as central's
    for (let i = 0; i < 4; i++) expect(Math.abs(estimate.get(i) - g[i]!)).toBeLessThanOrEqual(5 * sigma(i, samples, 1));
    spsaGradient(f, x, { scheme: 'forward', samples: 5, f0: f(x), counter });
    expect(counter.evaluations).toBe(samples + 1 + 5);
  });

  it('N = 1: every sample is the central difference (Δ² = 1)', () => {
    const x = ndarray(Float64Array.from([0.7]), [1]);
    const sq = (v: NdArray): number => Math.sin(v.get(0));
    const central = numericalGradient(sq, x, { h: 1e-3 }).get(0);
    const estimate = spsaGradient(sq, x, { h: 1e-3, samples: 9 }).get(0);
    expect(Math.abs(estimate - central)).toBeLessThanOrEqual(4 * Number.EPSILON * Math.abs(central));
  });

  it('2 calls per sample whatever N (N = 10,000, 3 samples → 6 calls), into a caller’s array', () => {
    const n = 10_000;
    const x = ndarray(new Float64Array(n).fill(0.5), [n]);
    const out = ndarray(new Float64Array(n), [n]);
    const counter = { evaluations: 0 };
    const sum = (v: NdArray): number => elements(v).reduce((s, t) => s + t, 0);
    expect(spsaGradientInto(out, sum, x, { samples: 3, counter })).toBe(out);
    expect(counter.evaluations).toBe(6);
    // f = Σx: ĝᵢ = mean over samples of Σ_j Δ_jΔᵢ — an integer-valued noise around 1, never NaN
    expect(elements(out).every((v) => Number.isFinite(v))).toBe(true);
  });

  it('the same seed gives the same estimate; a kept random state gives new signs at every call', () => {
    const x = ndarray(Float64Array.from(x0), [4]);
    const a = elements(spsaGradient(f, x, { seed: 5 }));
    expect(elements(spsaGradient(f, x, { seed: 5 }))).toEqual(a);
    const random = randomState(5);
    const first = elements(spsaGradient(f, x, { random }));
    expect(first).toEqual(a); // a fresh state from seed 5 draws the same signs
    expect(elements(spsaGradient(f, x, { random }))).not.toEqual(first);
  });
});
