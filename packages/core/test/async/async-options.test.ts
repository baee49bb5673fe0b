/**
 * The asynchronous gradients' own options and arguments: concurrency, signal,
 * an f that must take its argument — refused with typed errors as rejected
 * promises (never a synchronous throw) — plus the options they share with the
 * synchronous gradients (out, progress, counter).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, numericalGradientAsync, numericalGradientsAsync, type Progress } from '@descent/core';
import { elements } from '../helpers.js';

const x = (): NdArray => ndarray(Float64Array.of(3, 4), [2]);
const f = (v: NdArray): number => v.get(0) ** 2 + v.get(1) ** 2;

describe('refusals (rejected promises)', () => {
  it('concurrency must be a whole number ≥ 1', async () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity]) {
      const call = numericalGradientAsync(f, x(), { concurrency: bad });
      await expect(call).rejects.toBeInstanceOf(ArgumentRangeError);
      await expect(call).rejects.toThrow(`numericalGradientAsync: concurrency must be a whole number ≥ 1 of evaluations in flight (got number ${bad}); the default is 1.`);
    }
    await expect(numericalGradientAsync(f, x(), { concurrency: '2' as unknown as number })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('signal must be an AbortSignal', async () => {
    await expect(numericalGradientAsync(f, x(), { signal: {} as AbortSignal })).rejects.toThrow(
      'numericalGradientAsync: signal must be an AbortSignal, e.g. new AbortController().signal (got Object object).',
    );
  });

  it('an f without a parameter (reading the caller\'s arrays from its closure) is refused, in both forms', async () => {
    const a = x();
    const single = numericalGradientAsync(() => a.get(0) ** 2, a);
    await expect(single).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(single).rejects.toThrow(/f takes no parameter, but it must read the x it is called with/);
    const named = numericalGradientsAsync(() => a.get(0) ** 2, { a });
    await expect(named).rejects.toThrow(/the synchronous numericalGradients calls f\(\) instead/);
  });

  it('validation errors of the synchronous gradient reject, under the async name; the call itself never throws', async () => {
    let call: Promise<unknown> | undefined;
    expect(() => {
      call = numericalGradientAsync(f, ndarray(Float64Array.of(1, NaN), [2]));
    }).not.toThrow();
    await expect(call).rejects.toThrow('numericalGradientAsync: x[1] is NaN; finite differences need finite coordinates (f was not called).');
    await expect(numericalGradientAsync(f, x(), { sheme: 'forward' } as never)).rejects.toThrow(
      'numericalGradientAsync: unknown option "sheme"; the options are h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson, out, error, concurrency, signal.',
    );
  });
});

describe('shared options', () => {
  it('out receives the gradient (a strided view) and is returned', async () => {
    const out = ndarray(new Float64Array(4), [2], [2], 1);
    const g = await numericalGradientAsync(async (v) => f(v), x(), { out, h: 1e-4 });
    expect(g).toBe(out);
    expect(elements(out)).toEqual([5.999999999991118, 8]); // numericalGradient's bits (README)
  });

  it('onProgress reports while an asynchronous gradient runs and once at the end with done = total', async () => {
    const reports: Progress[] = [];
    const counter = { evaluations: 0 };
    const big = ndarray(Float64Array.from({ length: 40 }, (_, i) => i), [40]);
    await numericalGradientAsync(async (v) => elements(v).reduce((s, t) => s + t, 0), big, { concurrency: 4, counter, progressInterval: 0, onProgress: (p) => reports.push({ ...p }) });
    expect(reports.length).toBeGreaterThan(2);
    expect(reports.at(-1)).toMatchObject({ done: 40, total: 40, evaluations: 80, array: 'x' });
    expect(counter.evaluations).toBe(80);
    for (let k = 1; k < reports.length; k++) expect(reports[k]!.done).toBeGreaterThanOrEqual(reports[k - 1]!.done);
  });

  it('an empty x resolves at once without calling f', async () => {
    let calls = 0;
    const g = await numericalGradientAsync((_v: NdArray) => ++calls, ndarray(new Float64Array(0), [0, 3]));
    expect(g.shape).toEqual([0, 3]);
    expect(calls).toBe(0);
  });
});
