/**
 * numericalGradientAsync and numericalGradientsAsync give numericalGradient's
 * and numericalGradients' results bit for bit (Object.is, −0 included) — for
 * every scheme, quotient, fixed and automatic step, bounds, f0, Richardson
 * with its error estimates — on views (transpose, step(−1), hi/lo, pick) of
 * Float64Array, Float32Array and plain-array storage, with f synchronous,
 * asynchronous (resolving in a shuffled order) and mixed, at concurrency 1, 3
 * and 16. The evaluation counts agree too.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient, numericalGradientAsync, numericalGradients, numericalGradientsAsync, type Scheme } from '@descent/core';
import { elements, sameBits } from '../helpers.js';

/** A smooth f with distinct partial derivatives: Σᵢ sin(xᵢ)·(i + 1) + (Σ xᵢ)²/7 over the view's row-major order. */
function smooth(v: NdArray): number {
  const e = elements(v);
  let s = 0;
  let sum = 0;
  e.forEach((t, i) => {
    s += Math.sin(t) * (i + 1);
    sum += t;
  });
  return s + (sum * sum) / 7;
}

/** Resolves after a pseudo-random number of macrotask turns, so that evaluations settle out of order. */
let turn = 0;
function later<T>(value: T): Promise<T> {
  const delay = (turn = (turn * 7 + 3) % 5);
  return new Promise((resolve) => setTimeout(() => resolve(value), delay));
}

const views: [string, () => NdArray][] = [
  ['contiguous Float64Array [2,3]', () => ndarray(Float64Array.of(0.3, -1.2, 2.5, 0, 7.75, -0.01), [2, 3])],
  ['transposed Float64Array', () => ndarray(Float64Array.of(0.3, -1.2, 2.5, 0, 7.75, -0.01), [2, 3]).transpose(1, 0)],
  ['step(-1) of Float32Array', () => ndarray(Float32Array.of(0.3, -1.2, 2.5, 1e-3, 7.75), [5]).step(-1)],
  ['hi/lo of a plain Array', () => ndarray([9, 0.3, -1.2, 2.5, 4, 9], [6]).lo(1).hi(4)],
  ['pick of a [3,2] Float64Array', () => ndarray(Float64Array.of(1, 2, 3, 4, 5, 6), [3, 2]).pick(null, 1)],
];

const modes: [string, (f: (v: NdArray) => number) => (v: NdArray) => number | Promise<number>][] = [
  ['sync f', (f) => (v) => f(v)],
  ['async f', (f) => (v) => later(f(v))],
  ['mixed f (every third call async)', (f) => {
    let calls = 0;
    return (v) => (calls++ % 3 === 2 ? later(f(v)) : f(v));
  }],
];

const optionSets: [string, Record<string, unknown>][] = [
  ...(['central', 'forward', 'backward', 'five-point'] as Scheme[]).map((scheme): [string, Record<string, unknown>] => [scheme, { scheme }]),
  ['central, h = 1e-4, nominal quotient', { h: 1e-4, quotient: 'nominal' }],
  ['forward with f0', { scheme: 'forward', f0: 0 }],
  ['five-point, elements on both ends of its box', { scheme: 'five-point', bounds: 'min-max' }],
  ['central, x on its lower bound', { bounds: 'min' }],
  ['richardson', { scheme: 'richardson' }],
];

describe('numericalGradientAsync equals numericalGradient bit for bit', () => {
  for (const [viewName, make] of views) {
    for (const [optionName, options] of optionSets) {
      it(`${viewName}, ${optionName}`, async () => {
        const x = make();
        const opts = { ...options };
        if (opts.f0 === 0) opts.f0 = smooth(x); // f0 must be f(x) exactly
        const [lo, hi] = [Math.min(...elements(x)), Math.max(...elements(x))];
        if (opts.bounds === 'min') opts.bounds = { lower: lo };
        if (opts.bounds === 'min-max') opts.bounds = { lower: lo, upper: hi };
        const syncCounter = { evaluations: 0 };
        const reference = elements(numericalGradient(smooth, x, { ...opts, counter: syncCounter }));
        for (const [modeName, wrap] of modes) {
          for (const concurrency of [1, 3, 16]) {
            const counter = { evaluations: 0 };
            const g = await numericalGradientAsync(wrap(smooth), x, { ...opts, concurrency, counter });
            expect(sameBits(elements(g), reference), `${modeName}, concurrency ${concurrency}: ${elements(g)} vs ${reference}`).toBe(true);
            expect(counter.evaluations, `${modeName}, concurrency ${concurrency}`).toBe(syncCounter.evaluations);
          }
        }
      });
    }
  }

  it('writes Richardson error estimates equal to the synchronous ones, into views', async () => {
    const x = ndarray(Float64Array.of(0.5, -2, 1.5, 3), [2, 2]).transpose(1, 0);
    const syncError = ndarray(new Float64Array(4), [2, 2]);
    const reference = numericalGradient(smooth, x, { scheme: 'richardson', error: syncError });
    const error = ndarray(new Float64Array(4), [2, 2]).transpose(1, 0);
    const out = ndarray(new Float64Array(8), [2, 2], [1, 4], 2);
    const g = await numericalGradientAsync((v) => later(smooth(v)), x, { scheme: 'richardson', error, out, concurrency: 3 });
    expect(g).toBe(out);
    expect(sameBits(elements(g), elements(reference))).toBe(true);
    expect(sameBits(elements(error), elements(syncError))).toBe(true);
  });

  it('stepUnderflow "zero" at a coordinate where h vanishes gives the same 0 as the synchronous gradient', async () => {
    const x = ndarray(Float64Array.of(1e13, 2), [2]);
    const f = (v: NdArray): number => v.get(0) * 1e-13 + v.get(1) ** 2;
    const reference = elements(numericalGradient(f, x, { h: 1e-4, stepUnderflow: 'zero', quotient: 'nominal' }));
    const g = await numericalGradientAsync(async (v) => f(v), x, { h: 1e-4, stepUnderflow: 'zero', quotient: 'nominal', concurrency: 2 });
    expect(sameBits(elements(g), reference)).toBe(true);
  });
});

describe('numericalGradientsAsync equals numericalGradients bit for bit', () => {
  const make = (): Record<string, NdArray> => ({
    W: ndarray(Float64Array.of(0.5, -1, 2, 0.25, 3, -0.75), [3, 2]).transpose(1, 0),
    b: ndarray(Float32Array.of(0.1, -0.2), [2]),
    c: ndarray([1.5], [1]),
  });
  /** loss(W, b, c) = Σ_ij sin(W_ij)·b_i + c₀²·Σ b. */
  const loss = (p: Record<string, NdArray>): number => {
    let s = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) s += Math.sin(p.W!.get(i, j)) * p.b!.get(i);
    return s + p.c!.get(0) ** 2 * (p.b!.get(0) + p.b!.get(1));
  };
  for (const scheme of ['central', 'forward', 'five-point', 'richardson'] as Scheme[]) {
    for (const concurrency of [1, 3, 16]) {
      it(`${scheme}, concurrency ${concurrency}: the private record's gradient equals the closure's`, async () => {
        const params = make();
        const counter = { evaluations: 0 };
        const reference = numericalGradients(() => loss(params), params, { scheme, counter });
        const asyncCounter = { evaluations: 0 };
        const g = await numericalGradientsAsync((p) => later(loss(p)), params, { scheme, concurrency, counter: asyncCounter });
        for (const key of ['W', 'b', 'c']) expect(sameBits(elements(g[key]!), elements(reference[key]!)), key).toBe(true);
        expect(asyncCounter.evaluations).toBe(counter.evaluations);
      });
    }
  }

  it('bounds given per parameter name apply to that parameter only', async () => {
    const params = make();
    const bounds = { lower: { c: 1.5 }, upper: { W: 3 } };
    const reference = numericalGradients(() => loss(params), params, { bounds });
    const g = await numericalGradientsAsync(async (p) => loss(p), params, { bounds, concurrency: 4 });
    for (const key of ['W', 'b', 'c']) expect(sameBits(elements(g[key]!), elements(reference[key]!)), key).toBe(true);
  });
});
