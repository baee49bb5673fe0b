/**
 * The bounds option (issue 10 §5): f is never called outside [lower, upper];
 * next to a bound the formula turns one-sided with the same order (scipy's
 * _adjust_scheme_to_bounds), and with room on neither side for the step the
 * step shrinks toward the larger side. Values predicted in closed form:
 *   one-sided central, (4(f(x±h) − f(x)) − (f(x±2h) − f(x)))/±2h = f′ − h²f‴/3 + …:
 *     on t³ + t at 0 (upward): 1 − 2h²; on t³ at 1 (downward): 3 − 2h²;
 *   forward turned backward at an upper bound, on t² at 1: 2 − h;
 *   one-sided five-point (nodes x…x+4h) is exact on quartics.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, derivative, InvalidArgumentError, numericalDiff, numericalGradient, numericalGradients, type DifferenceScheme } from '@descent/core';
import { elements, expectThrows, sameBits, snapshot } from '../helpers.js';

/** f(v) = Σ g(vᵢ), recording every value each coordinate is called with. */
function recording(g: (t: number) => number): { f: (v: NdArray) => number; seen: number[][] } {
  const seen: number[][] = [];
  return {
    seen,
    f: (v) => {
      const xs = elements(v);
      xs.forEach((t, i) => (seen[i] ??= []).push(t));
      return xs.reduce((s, t) => s + g(t), 0);
    },
  };
}

describe('closed-form values next to a bound', () => {
  const h = 1e-3;
  it('central at the lower bound: one-sided upward, 1 − 2h² on t³ + t', () => {
    const r = recording((t) => t ** 3 + t);
    const g = numericalGradient(r.f, ndarray(Float64Array.of(0), [1]), { h, bounds: { lower: 0 } }).get(0);
    expect(g).toBeCloseTo(1 - 2 * h * h, 12);
    expect(r.seen[0]!.every((t) => t >= 0)).toBe(true);
    expect(r.seen[0]).toEqual([0, h, 2 * h]); // f(x) first, then x + h, x + 2h
  });
  it('central at the upper bound: one-sided downward, 3 − 2h² on t³; the nominal quotient agrees', () => {
    for (const quotient of ['actual', 'nominal'] as const) {
      const r = recording((t) => t ** 3);
      const g = numericalGradient(r.f, ndarray(Float64Array.of(1), [1]), { h, quotient, bounds: { upper: 1 } }).get(0);
      expect(g).toBeCloseTo(3 - 2 * h * h, 10);
      expect(r.seen[0]!.every((t) => t <= 1)).toBe(true);
    }
  });
  it('forward at an upper bound steps backward: 2 − h on t²', () => {
    const r = recording((t) => t * t);
    const g = numericalGradient(r.f, ndarray([1], [1]), { h, scheme: 'forward', bounds: { upper: 1 } }).get(0);
    expect(g).toBeCloseTo(2 - h, 12);
    expect(Math.max(...r.seen[0]!)).toBe(1);
  });
  it('five-point at a lower bound: the one-sided five-node formula, exact on t⁴ − t', () => {
    const r = recording((t) => t ** 4 - t);
    const g = numericalGradient(r.f, ndarray(Float64Array.of(0), [1]), { h: 1e-2, scheme: 'five-point', bounds: { lower: 0 } }).get(0);
    expect(g).toBeCloseTo(-1, 12);
    expect(r.seen[0]).toEqual([0, 0.01, 0.02, 0.03, 0.04]);
  });
  it('no room for 2h on either side: the step shrinks toward the larger side (box [0, 1e-4], h = 5e-5)', () => {
    const r = recording((t) => t ** 3 + t);
    const g = numericalGradient(r.f, ndarray(Float64Array.of(0), [1]), { h, bounds: { lower: 0, upper: 1e-4 } }).get(0);
    expect(g).toBeCloseTo(1 - 2 * 5e-5 ** 2, 14);
    expect(r.seen[0]!.every((t) => t >= 0 && t <= 1e-4)).toBe(true);
    expect(Math.max(...r.seen[0]!)).toBe(1e-4);
  });
  it('an interior coordinate keeps the scheme: the same bits as without bounds', () => {
    const f = (v: NdArray): number => Math.sin(v.get(0)) * Math.exp(v.get(1));
    const x = ndarray(Float64Array.of(0.3, -0.2), [2]);
    for (const scheme of ['central', 'forward', 'backward', 'five-point'] as DifferenceScheme[]) {
      const free = elements(numericalGradient(f, x, { scheme }));
      const boxed = elements(numericalGradient(f, x, { scheme, bounds: { lower: -1, upper: 1 } }));
      expect(sameBits(boxed, free)).toBe(true);
    }
  });
});

describe('the box is respected for every scheme, storage and view', () => {
  const lowerData = [0, -1, 0.5, 0, -2, 1];
  const upperData = [0.001, 0, 0.5001, 3, -1.9999, 1.0005];
  const values = [0, -0.5, 0.5, 3, -2, 1.0002];
  for (const storage of ['Float64Array', 'Float32Array', 'Array'] as const) {
    for (const scheme of ['central', 'forward', 'backward', 'five-point', 'richardson'] as const) {
      it(`${storage}, ${scheme}: f never sees a coordinate outside its box (bounds as transposed views); x restored`, () => {
        const store = (xs: number[]): Float64Array | Float32Array | number[] =>
          storage === 'Float64Array' ? Float64Array.from(xs) : storage === 'Float32Array' ? Float32Array.from(xs) : xs.slice();
        const data = store(values);
        const before = Array.from(data);
        const x = ndarray(data as Float64Array, [3, 2]).transpose(1, 0);
        const lower = ndarray(Float64Array.from(lowerData), [3, 2]).transpose(1, 0);
        const upper = ndarray(Float64Array.from(upperData), [3, 2]).transpose(1, 0);
        const r = recording((t) => Math.exp(t) + t * t);
        const g = elements(numericalGradient(r.f, x, { scheme, bounds: { lower, upper } }));
        const lo = elements(lower);
        const hi = elements(upper);
        r.seen.forEach((ts, i) => expect(ts.every((t) => t >= lo[i]! && t <= hi[i]!)).toBe(true));
        const exact = elements(x).map((t) => Math.exp(t) + 2 * t);
        // one-sided steps in boxes as small as 1e-4: first/second order, so loose where the box is tight
        g.forEach((v, i) => expect(Math.abs(v - exact[i]!)).toBeLessThan(storage === 'Float32Array' ? 2e-2 : 1e-3));
        expect(Array.from(data)).toEqual(before);
      });
    }
  }
});

describe('named form, numericalDiff, derivative', () => {
  it('records by parameter name; a missing name is unbounded', () => {
    const W = ndarray(Float64Array.of(0, 1), [2]);
    const b = ndarray(Float64Array.of(5), [1]);
    const seen: number[] = [];
    const loss = (): number => {
      seen.push(W.get(0));
      return W.get(0) ** 3 + W.get(0) + W.get(1) ** 2 + b.get(0) ** 2;
    };
    const g = numericalGradients(loss, { W, b }, { h: 1e-3, bounds: { lower: { W: ndarray(Float64Array.of(0, -10), [2]) } } });
    expect(g.W!.get(0)).toBeCloseTo(1 - 2e-6, 10); // rounding: eps·|loss|/h ≈ 6e-12
    expect(g.W!.get(1)).toBeCloseTo(2, 8);
    expect(g.b!.get(0)).toBeCloseTo(10, 7);
    expect(seen.every((t) => t >= 0)).toBe(true);
  });
  it('numericalDiff and derivative take number bounds', () => {
    const seen: number[] = [];
    const d = numericalDiff(
      (t) => {
        seen.push(t);
        return Math.log1p(t);
      },
      0,
      { bounds: { lower: 0 } },
    );
    expect(d).toBeCloseTo(1, 9);
    expect(seen.every((t) => t >= 0)).toBe(true);
    const r = derivative(Math.sqrt, 0.01, { bounds: { lower: 0 } });
    expect(r.status).toBe('converged');
    expect(Math.abs(r.value - 5)).toBeLessThanOrEqual(r.error);
  });
});

describe('bad bounds are refused before f is called', () => {
  const f = (v: NdArray): number => v.get(0);
  const x = (): NdArray => ndarray(Float64Array.of(0.5, 2), [2]);
  it('x outside its box names the coordinate', () => {
    const data = Float64Array.of(0.5, 2);
    expectThrows(
      () => numericalGradient(f, ndarray(data, [2]), { bounds: { upper: 1 } }),
      ArgumentRangeError,
      'OUT_OF_RANGE',
      'numericalGradient: x[1] = 2 is outside its bounds [-Infinity, 1]; start inside the box (f was not called).',
    );
    expect(sameBits(snapshot(data), [0.5, 2])).toBe(true);
    expectThrows(() => numericalDiff(Math.sqrt, -1, { bounds: { lower: 0 } }), ArgumentRangeError, 'OUT_OF_RANGE', 'numericalDiff: x = -1 is outside its bounds [0, Infinity]; start inside the box (f was not called).');
  });
  it('lower ≥ upper, NaN, wrong shapes and types', () => {
    expectThrows(() => numericalGradient(f, x(), { bounds: { lower: 3, upper: 3 } }), ArgumentRangeError, 'OUT_OF_RANGE', /bounds of x\[0\] are lower 3 ≥ upper 3: no room for a step/);
    expectThrows(() => numericalGradient(f, x(), { bounds: { lower: NaN } }), ArgumentRangeError, 'OUT_OF_RANGE', "numericalGradient: bounds.lower is NaN; use -Infinity for no bound.");
    expectThrows(() => numericalGradient(f, x(), { bounds: { upper: ndarray(new Float64Array(3), [3]) } }), ArgumentRangeError, 'OUT_OF_RANGE', /bounds\.upper has shape \[3\] but x has shape \[2\]/);
    expectThrows(() => numericalGradient(f, x(), { bounds: { upper: 'high' as any } }), InvalidArgumentError, 'INVALID_ARGUMENT', /bounds\.upper must be a number/);
    expectThrows(() => numericalGradient(f, x(), { bounds: { lower: { x: 0 } } }), InvalidArgumentError, 'INVALID_ARGUMENT', /records by name are for numericalGradients/);
    expectThrows(() => numericalGradient(f, x(), { bounds: { low: 0 } as any }), InvalidArgumentError, 'INVALID_ARGUMENT', 'numericalGradient: unknown bounds key "low"; bounds has lower and upper.');
  });
});
