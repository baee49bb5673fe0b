/**
 * The f0 option (issue 10 §1): f(x) given by the caller. The one-sided
 * schemes use it instead of calling f at the unperturbed point, so a forward
 * gradient over N coordinates costs N calls instead of N+1; numericalGradients
 * evaluates f(x) once for all arrays without f0 (main: once per array), and
 * not at all with it. The quotient is the same number either way when f0 is
 * f(x) exactly (bit-identical results).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, numericalDiff, numericalGradient, numericalGradients } from '@descent/core';
import { elements, expectThrows, sameBits } from '../helpers.js';

const cube = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t * t, 0);

describe('one array', () => {
  for (const scheme of ['forward', 'backward'] as const) {
    it(`${scheme}: N calls with f0 instead of N+1, bit-identical result`, () => {
      const make = (): NdArray => ndarray(Float64Array.of(2, -1.5, 0.5), [3]);
      const without = { evaluations: 0 };
      const plain = elements(numericalGradient(cube, make(), { scheme, counter: without }));
      const withF0 = { evaluations: 0 };
      const x = make();
      const given = elements(numericalGradient(cube, x, { scheme, counter: withF0, f0: cube(x) }));
      expect(without.evaluations).toBe(4);
      expect(withF0.evaluations).toBe(3);
      expect(sameBits(given, plain)).toBe(true);
    });
  }
  it('f0 is used as given (not checked): a wrong f0 shifts every one-sided quotient by (f(x) − f0)/h', () => {
    const x = ndarray(Float64Array.of(1, 2), [2]);
    const g = elements(numericalGradient(cube, x, { scheme: 'forward', h: 1e-3, f0: cube(x) + 1e-6 }));
    // (f(x+h) − f(x) − 1e-6)/h = 3x² + 3xh + h² − 1e-3
    expect(g[0]).toBeCloseTo(3 + 3e-3 + 1e-6 - 1e-3, 9);
    expect(g[1]).toBeCloseTo(12 + 6e-3 + 1e-6 - 1e-3, 9);
  });
  it('central ignores f0 (no one-sided formula needs it): 2N calls', () => {
    const counter = { evaluations: 0 };
    numericalGradient(cube, ndarray(Float64Array.of(1, 2), [2]), { f0: 9, counter });
    expect(counter.evaluations).toBe(4);
  });
  it('numericalDiff: forward with f0 costs 1 call', () => {
    const counter = { evaluations: 0 };
    const d = numericalDiff((t) => t * t, 3, { scheme: 'forward', h: 1e-3, f0: 9, counter });
    expect(counter.evaluations).toBe(1);
    expect(d).toBeCloseTo(6 + 1e-3, 9);
  });
});

describe('named form: f(params) once for all arrays', () => {
  const setup = () => {
    const W = ndarray(Float64Array.of(1, 2, 3), [3]);
    const b = ndarray(Float64Array.of(-1, 0.5), [2]);
    let calls = 0;
    const loss = (): number => {
      calls++;
      return W.get(0) * W.get(1) + W.get(2) ** 2 + b.get(0) * b.get(1);
    };
    return { params: { W, b }, loss, calls: () => calls };
  };
  it('forward over 3 + 2 coordinates: 6 calls (main: 7, f(params) per array), 5 with f0', () => {
    const a = setup();
    const g = numericalGradients(a.loss, a.params, { scheme: 'forward', h: 1e-6 });
    expect(a.calls()).toBe(6);
    expect(elements(g.W!).map((v) => Number(v.toFixed(4)))).toEqual([2, 1, 6]);
    expect(elements(g.b!).map((v) => Number(v.toFixed(4)))).toEqual([0.5, -1]);
    const c = setup();
    const f0 = c.loss();
    const before = c.calls();
    const h = numericalGradients(c.loss, c.params, { scheme: 'forward', h: 1e-6, f0 });
    expect(c.calls() - before).toBe(5);
    expect(sameBits(elements(h.W!), elements(g.W!))).toBe(true);
  });
});

describe('validation', () => {
  it('f0 must be a finite number', () => {
    const x = ndarray(Float64Array.of(1), [1]);
    expectThrows(() => numericalGradient(cube, x, { f0: NaN }), ArgumentRangeError, 'OUT_OF_RANGE', "numericalGradient: f0 must be f(x), a finite number (got number NaN); leave it out to let f(x) be evaluated.");
    expectThrows(() => numericalGradient(cube, x, { f0: '1' as any }), InvalidArgumentError, 'INVALID_ARGUMENT', /f0 must be f\(x\), a finite number \(got string "1"\)/);
  });
});
