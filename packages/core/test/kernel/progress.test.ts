/**
 * onProgress (issue 10 §1, from issue 8): called while a gradient runs, with
 * { done, total, evaluations, elapsedMs, array }, at most every
 * progressInterval ms (the clock read every k coordinates, k adapting), and
 * once at the end with done = total. With progressInterval 0 every clock read
 * reports, and the countdown stays at 1: one report per coordinate.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, gradCheck, numericalGradient, numericalGradients, type Progress } from '@descent/core';
import { elements, expectThrows, sameBits } from '../helpers.js';

const squares = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t, 0);

describe('cadence', () => {
  it('progressInterval 0: a report after every coordinate, then done = total; counts and names exact', () => {
    const reports: Progress[] = [];
    const x = ndarray(Float64Array.of(1, 2, 3, 4), [2, 2]).transpose(1, 0);
    const g = numericalGradient(squares, x, { onProgress: (p) => reports.push({ ...p }), progressInterval: 0 });
    expect(reports.map((p) => p.done)).toEqual([1, 2, 3, 4]);
    expect(reports.every((p) => p.total === 4 && p.array === 'x')).toBe(true);
    expect(reports.map((p) => p.evaluations)).toEqual([2, 4, 6, 8]);
    expect(reports.every((p, k) => k === 0 || p.elapsedMs >= reports[k - 1]!.elapsedMs)).toBe(true);
    // the gradient is the same as without reporting
    expect(sameBits(elements(g), elements(numericalGradient(squares, x)))).toBe(true);
  });
  it('a long interval: only the final report', () => {
    const reports: Progress[] = [];
    numericalGradient(squares, ndarray(new Float64Array(50), [50]), { onProgress: (p) => reports.push(p), progressInterval: 60_000 });
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ done: 50, total: 50, evaluations: 100, array: 'x' });
  });
  it('a slow f and a 20 ms interval: reports come about every 20 ms, not every coordinate', () => {
    const reports: Progress[] = [];
    const slow = (v: NdArray): number => {
      const until = performance.now() + 2;
      while (performance.now() < until);
      return squares(v);
    };
    numericalGradient(slow, ndarray(new Float64Array(30), [30]), { onProgress: (p) => reports.push(p), progressInterval: 20 });
    // 60 calls × ≥ 2 ms ≥ 120 ms: at least 3 interval reports and the final one, far fewer than 30
    expect(reports.length).toBeGreaterThanOrEqual(4);
    expect(reports.length).toBeLessThan(30);
    for (let k = 1; k < reports.length - 1; k++) expect(reports[k]!.elapsedMs - reports[k - 1]!.elapsedMs).toBeGreaterThanOrEqual(20);
    expect(reports.at(-1)!.done).toBe(30);
  });
});

describe('named form and gradCheck', () => {
  it('done and total run over every array; array names the one being differentiated', () => {
    const W = ndarray(Float64Array.of(1, 2, 3), [3]);
    const b = ndarray(Float64Array.of(4, 5), [2]);
    const reports: Progress[] = [];
    numericalGradients(() => squares(W) + squares(b), { W, b }, { onProgress: (p) => reports.push({ ...p }), progressInterval: 0, scheme: 'forward' });
    expect(reports.map((p) => `${p.array}:${p.done}/${p.total}`)).toEqual(['W:1/5', 'W:2/5', 'W:3/5', 'b:4/5', 'b:5/5']);
    // forward: f(params) once, then one call per coordinate
    expect(reports.at(-1)!.evaluations).toBe(6);
  });
  it('gradCheck passes it on', () => {
    const reports: Progress[] = [];
    const x = ndarray(Float64Array.of(1, 2), [2]);
    const report = gradCheck(squares, ndarray(Float64Array.of(2, 4), [2]), x, { onProgress: (p) => reports.push(p), progressInterval: 0 });
    expect(report.passed).toBe(true);
    expect(reports.map((p) => p.done)).toEqual([1, 2]);
  });
});

describe('validation and failures', () => {
  it('onProgress must be a function, progressInterval a number ≥ 0', () => {
    const x = ndarray(Float64Array.of(1), [1]);
    expectThrows(() => numericalGradient(squares, x, { onProgress: 5 as any }), InvalidArgumentError, 'INVALID_ARGUMENT', 'numericalGradient: onProgress must be a function ({ done, total }) => void (got number 5).');
    expectThrows(() => numericalGradient(squares, x, { progressInterval: -1 }), ArgumentRangeError, 'OUT_OF_RANGE', /progressInterval must be a number of milliseconds ≥ 0 \(got number -1\)/);
  });
  it('a callback that throws stops the gradient with its error; x is restored', () => {
    const data = Float64Array.of(1, 2, 3);
    const stop = new Error('stop');
    expect(() =>
      numericalGradient(squares, ndarray(data, [3]), {
        progressInterval: 0,
        onProgress: (p) => {
          if (p.done === 2) throw stop;
        },
      }),
    ).toThrow(stop);
    expect(Array.from(data)).toEqual([1, 2, 3]);
  });
});
