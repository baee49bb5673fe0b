/**
 * Named parameters: numericalGradients(Into) differentiates a loss that reads
 * {W1, b1, W2, b2} by closure, one array after the other, each perturbed in
 * place; the result equals the analytic gradient of a tiny two-layer net and
 * the per-array numericalGradient with f = (_) => loss().
 *
 * Net: h = W1·x + b1 (2 → 3), y = W2·tanh(h) + b2 (3 → 1), loss = ½(y − t)².
 * With r = y − t and s = tanh(h): ∂/∂b2 = r, ∂/∂W2ⱼ = r·sⱼ,
 * ∂/∂b1ⱼ = r·W2ⱼ·(1 − sⱼ²), ∂/∂W1ⱼₖ = r·W2ⱼ·(1 − sⱼ²)·xₖ.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient, numericalGradients, numericalGradientsInto } from '@descent/core';
import { elements } from '../helpers.js';

const INPUT = [0.5, -1.2];
const TARGET = 0.3;

function makeParams(): Record<string, NdArray> {
  // W1 is stored transposed (2×3 buffer viewed as 3×2) to exercise a view
  const W1 = ndarray(Float64Array.from([0.1, -0.4, 0.3, 0.2, 0.5, -0.6]), [2, 3]).transpose(1, 0);
  const b1 = ndarray(Float64Array.from([0.05, -0.1, 0.2]), [3]);
  const W2 = ndarray(Float64Array.from([0.7, -0.3, 0.9]), [1, 3]);
  const b2 = ndarray(Float64Array.from([0.01]), [1]);
  return { W1, b1, W2, b2 };
}

function forward(p: Record<string, NdArray>): { s: number[]; r: number } {
  const s = [0, 1, 2].map((j) => Math.tanh(p.W1!.get(j, 0) * INPUT[0]! + p.W1!.get(j, 1) * INPUT[1]! + p.b1!.get(j)));
  const y = s.reduce((acc, sj, j) => acc + p.W2!.get(0, j) * sj, p.b2!.get(0));
  return { s, r: y - TARGET };
}

function analytic(p: Record<string, NdArray>): Record<string, number[]> {
  const { s, r } = forward(p);
  const delta = s.map((sj, j) => r * p.W2!.get(0, j) * (1 - sj * sj));
  return {
    W1: [0, 1, 2].flatMap((j) => INPUT.map((xk) => delta[j]! * xk)),
    b1: delta,
    W2: s.map((sj) => r * sj),
    b2: [r],
  };
}

// loss ≈ 0.1, derivatives ≈ 0.1: central rounding eps·0.1/6e-6 ≈ 4e-12, truncation h²·O(1) ≈ 4e-11
const TOL = 1e-9;

describe('numericalGradients on {W1, b1, W2, b2}', () => {
  it('matches the hand-derived backprop gradient, shapes kept, params restored', () => {
    const p = makeParams();
    const loss = (): number => 0.5 * forward(p).r ** 2;
    const before = Object.fromEntries(Object.entries(p).map(([k, a]) => [k, Array.from(a.data as Float64Array)]));
    const grads = numericalGradients(loss, p);
    const expected = analytic(p);
    expect(Object.keys(grads)).toEqual(['W1', 'b1', 'W2', 'b2']);
    for (const key of Object.keys(p)) {
      expect(grads[key]!.shape).toEqual(p[key]!.shape);
      const got = elements(grads[key]!);
      got.forEach((g, i) => expect(Math.abs(g - expected[key]![i]!)).toBeLessThan(TOL));
      expect(Array.from(p[key]!.data as Float64Array)).toEqual(before[key]);
    }
  });
  it('equals numericalGradient array by array (same kernel, same numbers)', () => {
    const p = makeParams();
    const loss = (): number => 0.5 * forward(p).r ** 2;
    const grads = numericalGradients(loss, p);
    for (const key of Object.keys(p)) expect(elements(grads[key]!)).toEqual(elements(numericalGradient(() => loss(), p[key]!)));
  });
  it('numericalGradientsInto writes into the given (strided) arrays and returns the record', () => {
    const p = makeParams();
    const loss = (): number => 0.5 * forward(p).r ** 2;
    const out = {
      W1: ndarray(new Float64Array(6), [2, 3]).transpose(1, 0),
      b1: ndarray(new Float64Array(6), [3], [-2], 5),
      W2: ndarray(new Float64Array(3), [1, 3]),
      b2: ndarray(new Float64Array(1), [1]),
    };
    expect(numericalGradientsInto(out, loss, p)).toBe(out);
    const reference = numericalGradients(loss, p);
    for (const key of Object.keys(p)) expect(elements(out[key as keyof typeof out])).toEqual(elements(reference[key]!));
    // b1 went to buffer positions 5, 3, 1
    expect(Array.from(out.b1.data as Float64Array).filter((_, i) => i % 2 === 0)).toEqual([0, 0, 0]);
  });
  it('options.out fills only the given record; the counter sums all arrays (2·(6+3+3+1) = 26 calls)', () => {
    const p = makeParams();
    const loss = (): number => 0.5 * forward(p).r ** 2;
    const out = { W1: ndarray(new Float64Array(6), [3, 2]), b1: ndarray(new Float64Array(3), [3]), W2: ndarray(new Float64Array(3), [1, 3]), b2: ndarray(new Float64Array(1), [1]) };
    const counter = { evaluations: 0 };
    expect(numericalGradients(loss, p, { out, counter })).toBe(out);
    expect(counter.evaluations).toBe(26);
    expect(Math.abs(out.b2.get(0) - analytic(p).b2![0]!)).toBeLessThan(TOL);
  });
});
