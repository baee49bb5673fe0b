/**
 * Bad input: every validation error is a TypeError or RangeError whose message
 * names the function, the argument, the bad value and the fix, and is raised
 * before f is called and before x is touched.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  gradCheck,
  NonFiniteCoordinateError,
  NotANumberError,
  numericalDiff,
  numericalGradient,
  numericalGradientInto,
  numericalGradients,
  numericalGradientsInto,
} from '@descent/core';

// `as any` below: the point is passing wrongly typed values
const f = vi.fn((v: NdArray) => v.get(0));
const loss = vi.fn(() => 1);
const x = (): NdArray => ndarray(new Float64Array([1, 2]), [2]);

beforeEach(() => {
  f.mockClear();
  loss.mockClear();
});

function expectError(call: () => unknown, type: typeof TypeError | typeof RangeError, message: string): void {
  let caught: unknown;
  try {
    call();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as Error).message).toBe(message);
  expect(f).not.toHaveBeenCalled();
  expect(loss).not.toHaveBeenCalled();
}

describe('options', () => {
  it('options that are not an object', () => {
    expectError(() => numericalGradient(f, x(), 5 as any), TypeError, "numericalGradient: options must be an object like { h: 1e-4, scheme: 'central' } (got number 5).");
  });
  it('an unknown scheme lists the valid ones', () => {
    expectError(
      () => numericalGradient(f, x(), { scheme: 'centre' as any }),
      RangeError,
      "numericalGradient: scheme string \"centre\" is not one of 'central', 'forward', 'backward', 'five-point'.",
    );
  });
  for (const [h, shown] of [
    [0, 'number 0'],
    [-1e-4, 'number -0.0001'],
    [NaN, 'number NaN'],
    [Infinity, 'number Infinity'],
    ['1e-4', 'string "1e-4"'],
  ] as const) {
    it(`h = ${String(h)}`, () => {
      expectError(
        () => numericalGradient(f, x(), { h: h as any }),
        RangeError,
        `numericalGradient: h must be a positive finite number or 'auto' (got ${shown}); the book uses h: 1e-4.`,
      );
    });
  }
  it('a counter without a numeric evaluations field', () => {
    expectError(
      () => numericalGradient(f, x(), { counter: { evaluations: '0' } as any }),
      TypeError,
      'numericalGradient: counter must be an object like { evaluations: 0 } (got Object object).',
    );
  });
  it('an unknown stepUnderflow', () => {
    expectError(() => numericalGradient(f, x(), { stepUnderflow: 'ignore' as any }), RangeError, "numericalGradient: stepUnderflow must be 'throw' or 'zero' (got string \"ignore\").");
  });
});

describe('numericalGradient(Into) arguments', () => {
  it('x that is not an ndarray', () => {
    expectError(
      () => numericalGradient(f, new Float64Array([1, 2]) as any),
      TypeError,
      "numericalGradient: x must be an ndarray (got Float64Array(2)); make one with ndarray(new Float64Array([...]), [n]) from the 'ndarray' package.",
    );
  });
  it('f that is not a function', () => {
    expectError(() => numericalGradient(3 as any, x()), TypeError, 'numericalGradient: f must be a function (x) => number (got number 3).');
  });
  it('out of the wrong shape', () => {
    expectError(
      () => numericalGradientInto(ndarray(new Float64Array(3), [3]), f, x()),
      RangeError,
      'numericalGradientInto: out has shape [3] but x has shape [2]; allocate it with ndarray(new Float64Array(2), [2]).',
    );
  });
  it("out sharing x's storage", () => {
    const a = x();
    expectError(
      () => numericalGradient(f, a, { out: a.step(-1) }),
      RangeError,
      "numericalGradient: options.out shares its storage with x; writing the gradient would change x while it is differentiated. Pass a separate array.",
    );
  });
  it('integer out', () => {
    expectError(
      () => numericalGradientInto(ndarray(new Int32Array(2) as any, [2]), f, x()),
      TypeError,
      'numericalGradientInto: out holds Int32Array(2) data, which is integer-typed: a small step cannot be represented in it. Copy it into floats first, e.g. ndarray(Float64Array.from(out.data), out.shape).',
    );
  });
  it('a NaN coordinate: RangeError naming it (checked when reached; earlier coordinates restored)', () => {
    const data = Float64Array.from([1, NaN]);
    const g = vi.fn((v: NdArray) => v.get(0));
    expect(() => numericalGradient(g, ndarray(data, [2]))).toThrow(
      new NonFiniteCoordinateError('x[1]', NaN, 'numericalGradient: x[1] is NaN; finite differences need finite coordinates.'),
    );
    expect(() => numericalGradient(g, ndarray(data, [2]))).toThrow(RangeError);
    expect(data[0]).toBe(1);
  });
  it('f returning a non-number: TypeError naming what it returned and where', () => {
    expect(() => numericalGradient(() => '1' as any, ndarray(new Float64Array([0.5]), [1]), { h: 0.25 })).toThrow(
      new NotANumberError('x[0]', '1', 'numericalGradient: f must return a number, but returned string "1" when x[0] was perturbed to 0.75; x has been restored.'),
    );
    expect(() => numericalGradient(() => '1' as any, ndarray(new Float64Array([0.5]), [1]), { h: 0.25 })).toThrow(TypeError);
  });
  it('one-sided: f(x) itself NaN is reported at the unperturbed x', () => {
    expect(() => numericalGradient(() => NaN, x(), { scheme: 'forward' })).toThrow(
      'numericalGradient: f returned NaN at the unperturbed x; a finite difference needs finite values of f near x (try a smaller h) — x was not modified.',
    );
  });
});

describe('numericalDiff arguments', () => {
  it('x that is not a number', () => {
    expect(() => numericalDiff((t) => t, '3' as any)).toThrow(new TypeError('numericalDiff: x must be a number (got string).'));
  });
  it('x that is ±Infinity', () => {
    expect(() => numericalDiff((t) => t, -Infinity)).toThrow(
      new NonFiniteCoordinateError('x', -Infinity, 'numericalDiff: x is -Infinity; finite differences need finite coordinates.'),
    );
  });
  it('f that is not a function', () => {
    expect(() => numericalDiff(null as any, 1)).toThrow(new TypeError('numericalDiff: f must be a function (x: number) => number (got null).'));
  });
  it('f throwing: Error naming the point, cause kept', () => {
    const cause = new Error('boom');
    let caught: Error | undefined;
    try {
      numericalDiff(
        () => {
          throw cause;
        },
        3,
        { h: 0.5 },
      );
    } catch (error) {
      caught = error as Error;
    }
    expect(caught?.message).toBe('numericalDiff: f threw at x=3.5: boom (the derivative was not computed).');
    expect(caught?.cause).toBe(cause);
  });
  it('f returning Infinity', () => {
    expect(() => numericalDiff((t) => 1 / (t - 2.5), 2, { h: 0.5 })).toThrow(
      'numericalDiff: f returned Infinity at x=2.5; a finite difference needs finite values of f near x (try a smaller h) — the derivative was not computed.',
    );
  });
});

describe('numericalGradients(Into) arguments', () => {
  const W = (): NdArray => ndarray(new Float64Array([1, 2]), [2]);
  it('params that are not a record of objects', () => {
    for (const [params, shown] of [
      [[W()], 'Array(1)'],
      [null, 'null'],
      [{ W: 3 }, 'Object object'],
    ] as const) {
      expectError(
        () => numericalGradients(loss, params as any),
        TypeError,
        `numericalGradients: params must be a record of ndarrays like { W1, b1 } (got ${shown}); make each with ndarray(new Float64Array([...]), shape).`,
      );
    }
  });
  it('a parameter that is not an ndarray is named', () => {
    expectError(
      () => numericalGradients(loss, { W: W(), b: { data: [1] } as any }),
      TypeError,
      "numericalGradients: params.b must be an ndarray (got Object object); make one with ndarray(new Float64Array([...]), [n]) from the 'ndarray' package.",
    );
  });
  it('out with missing and extra keys', () => {
    expectError(
      () => numericalGradientsInto({ V: W() }, loss, { W: W() }),
      RangeError,
      'numericalGradientsInto: out has keys [V] but params has [W]; missing: W; unexpected: V.',
    );
  });
  it('out sharing storage with another parameter', () => {
    const a = W();
    const b = W();
    expectError(
      () => numericalGradients(loss, { a, b }, { out: { a: b, b: W() } }),
      RangeError,
      'numericalGradients: options.out.a shares its storage with params.b. Pass separate arrays.',
    );
  });
  it('numericalGradientsInto without out', () => {
    expectError(
      () => numericalGradientsInto(undefined as any, loss, { W: W() }),
      TypeError,
      'numericalGradientsInto: out must be a record of ndarrays with the keys of params (got undefined).',
    );
  });
});

describe('gradCheck arguments', () => {
  it('a negative rtol', () => {
    expectError(() => gradCheck(f, x(), x(), { rtol: -1 }), RangeError, 'gradCheck: rtol must be a finite number ≥ 0 (got number -1); the default is 0.000001.');
  });
  it('an analytic gradient of the wrong shape', () => {
    expectError(
      () => gradCheck(f, ndarray(new Float64Array(3), [3]), x()),
      RangeError,
      'gradCheck: analyticGradient has shape [3] but x has shape [2]; the analytic gradient must have the shape of what it differentiates.',
    );
  });
  it('named form: different keys', () => {
    expectError(
      () => gradCheck(loss, { W: x() }, { W: x(), b: x() }),
      RangeError,
      'gradCheck: analyticGradient has keys [W] but params has [W, b]; give one gradient per parameter.',
    );
  });
  it('named form: analytic gradient given as one array', () => {
    expectError(
      () => gradCheck(loss, x() as any, { W: x() }),
      TypeError,
      'gradCheck: with named params, analyticGradient must be a record of ndarrays with the same keys (got View1dfloat64 object).',
    );
  });
});
