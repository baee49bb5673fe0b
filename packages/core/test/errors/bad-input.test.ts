/**
 * Bad input: every validation error is a typed error — InvalidArgumentError
 * (a TypeError) for a wrong type, ArgumentRangeError (a RangeError) for a value
 * out of range, the memory and coordinate errors for what they name — whose
 * message names the function, the argument, the bad value and the fix, and is
 * raised before f is called and before x is touched.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ArgumentRangeError,
  FunctionThrewError,
  gradCheck,
  InvalidArgumentError,
  NonFiniteCoordinateError,
  NonFiniteValueError,
  NotANumberError,
  OverlappingMemoryError,
  numericalDiff,
  numericalGradient,
  numericalGradientInto,
  numericalGradients,
  numericalGradientsInto,
} from '@descent/core';
import { expectThrows } from '../helpers.js';

// `as any` below: the point is passing wrongly typed values
const f = vi.fn((v: NdArray) => v.get(0));
const loss = vi.fn(() => 1);
const x = (): NdArray => ndarray(new Float64Array([1, 2]), [2]);

beforeEach(() => {
  f.mockClear();
  loss.mockClear();
});

const CODES = new Map<unknown, string>([
  [InvalidArgumentError, 'INVALID_ARGUMENT'],
  [ArgumentRangeError, 'OUT_OF_RANGE'],
  [OverlappingMemoryError, 'OVERLAPPING_MEMORY'],
]);

/** The call throws `type` (with its code) and this exact message, and neither f nor loss ran. */
function expectError(call: () => unknown, type: typeof InvalidArgumentError | typeof ArgumentRangeError | typeof OverlappingMemoryError, message: string): void {
  expectThrows<Error>(call, type, CODES.get(type)!, message);
  expect(f).not.toHaveBeenCalled();
  expect(loss).not.toHaveBeenCalled();
}

describe('options', () => {
  it('options that are not an object', () => {
    expectError(() => numericalGradient(f, x(), 5 as any), InvalidArgumentError, "numericalGradient: options must be an object like { h: 1e-4, scheme: 'central' } (got number 5).");
  });
  it('an unknown scheme lists the valid ones', () => {
    expectError(
      () => numericalGradient(f, x(), { scheme: 'centre' as any }),
      ArgumentRangeError,
      "numericalGradient: scheme string \"centre\" is not one of 'central', 'forward', 'backward', 'five-point', 'richardson'.",
    );
  });
  for (const [h, shown, type] of [
    [0, 'number 0', ArgumentRangeError],
    [-1e-4, 'number -0.0001', ArgumentRangeError],
    [NaN, 'number NaN', ArgumentRangeError],
    [Infinity, 'number Infinity', ArgumentRangeError],
    ['1e-4', 'string "1e-4"', InvalidArgumentError],
  ] as const) {
    it(`h = ${String(h)}: ${type.name}`, () => {
      expectError(
        () => numericalGradient(f, x(), { h: h as any }),
        type,
        `numericalGradient: h must be a positive finite number or 'auto' (got ${shown}); the book uses h: 1e-4.`,
      );
    });
  }
  it('a counter without a numeric evaluations field', () => {
    expectError(
      () => numericalGradient(f, x(), { counter: { evaluations: '0' } as any }),
      InvalidArgumentError,
      'numericalGradient: counter must be an object like { evaluations: 0 } (got Object object).',
    );
  });
  it('an unknown stepUnderflow', () => {
    expectError(() => numericalGradient(f, x(), { stepUnderflow: 'ignore' as any }), ArgumentRangeError, "numericalGradient: stepUnderflow must be 'throw' or 'zero' (got string \"ignore\").");
  });
});

describe('numericalGradient(Into) arguments', () => {
  it('x that is not an ndarray', () => {
    expectError(
      () => numericalGradient(f, new Float64Array([1, 2]) as any),
      InvalidArgumentError,
      "numericalGradient: x must be an ndarray (got Float64Array(2)); make one with ndarray(new Float64Array([...]), [n]) from the 'ndarray' package.",
    );
  });
  it('f that is not a function', () => {
    expectError(() => numericalGradient(3 as any, x()), InvalidArgumentError, 'numericalGradient: f must be a function (x) => number (got number 3).');
  });
  it('out of the wrong shape', () => {
    expectError(
      () => numericalGradientInto(ndarray(new Float64Array(3), [3]), f, x()),
      ArgumentRangeError,
      'numericalGradientInto: out has shape [3] but x has shape [2]; allocate it with ndarray(new Float64Array(2), [2]).',
    );
  });
  it("out sharing x's storage", () => {
    const a = x();
    expectError(
      () => numericalGradient(f, a, { out: a.step(-1) }),
      OverlappingMemoryError,
      'numericalGradient: options.out shares memory with x (the same ArrayBuffer, overlapping elements); writing options.out would change x while it is in use. ' +
        'Pass an array with its own storage, e.g. ndarray(new Float64Array(2), [2]).',
    );
  });
  it('a malformed view reaching outside its data (shape larger than the data, offset past the end)', () => {
    // main read undefined there (typed arrays) or grew a plain array when writing out
    expectError(
      () => numericalGradient(f, ndarray(new Float64Array(2), [3])),
      ArgumentRangeError,
      "numericalGradient: x (shape [3], strides [1], offset 0) reaches data[2], outside its data of length 2; build the view with ndarray's own methods (transpose, hi, lo, step, pick).",
    );
    expectError(
      () => numericalGradientInto(ndarray([0, 0], [2], [1], 1), f, x()),
      ArgumentRangeError,
      "numericalGradientInto: out (shape [2], strides [1], offset 1) reaches data[2], outside its data of length 2; build the view with ndarray's own methods (transpose, hi, lo, step, pick).",
    );
  });
  it('integer out', () => {
    expectError(
      () => numericalGradientInto(ndarray(new Int32Array(2) as any, [2]), f, x()),
      InvalidArgumentError,
      'numericalGradientInto: out holds Int32Array(2) data, which is integer-typed: a small step cannot be represented in it. Copy it into floats first, e.g. ndarray(Float64Array.from(out.data), out.shape).',
    );
  });
  it('f returning a non-number: NotANumberError (a TypeError) naming what it returned and where', () => {
    const e = expectThrows(
      () => numericalGradient(() => '1' as any, ndarray(new Float64Array([0.5]), [1]), { h: 0.25 }),
      NotANumberError,
      'NOT_A_NUMBER',
      'numericalGradient: f must return a number, but returned string "1" when x[0] was perturbed to 0.75; x has been restored.',
      { coordinate: 'x[0]', value: '1' },
    );
    expect(e).toBeInstanceOf(TypeError);
  });
  it('one-sided: f(x) itself NaN is reported at the unperturbed x, without advice about h', () => {
    // on main the advice was "(try a smaller h)", which cannot help when f(x) itself is NaN
    expectThrows(
      () => numericalGradient(() => NaN, x(), { scheme: 'forward' }),
      NonFiniteValueError,
      'NON_FINITE_VALUE',
      'numericalGradient: f returned NaN at the unperturbed x; f must be finite at x itself — x was not modified.',
      { coordinate: undefined, value: NaN },
    );
  });
});

describe('numericalDiff arguments', () => {
  it('x that is not a number, a bigint included', () => {
    expectThrows(() => numericalDiff((t) => t, '3' as any), InvalidArgumentError, 'INVALID_ARGUMENT', 'numericalDiff: x must be a number (got string "3").');
    expectThrows(() => numericalDiff((t) => t, 3n as any), InvalidArgumentError, 'INVALID_ARGUMENT', 'numericalDiff: x must be a number (got bigint 3n).');
  });
  it('x that is ±Infinity', () => {
    expectThrows(
      () => numericalDiff((t) => t, -Infinity),
      NonFiniteCoordinateError,
      'NON_FINITE_COORDINATE',
      'numericalDiff: x is -Infinity; finite differences need finite coordinates (f was not called).',
      { coordinate: 'x', value: -Infinity },
    );
  });
  it('f that is not a function', () => {
    expectThrows(() => numericalDiff(null as any, 1), InvalidArgumentError, 'INVALID_ARGUMENT', 'numericalDiff: f must be a function (x: number) => number (got null).');
  });
  it('f throwing: FunctionThrewError naming the point, cause kept', () => {
    const cause = new Error('boom');
    const e = expectThrows(
      () =>
        numericalDiff(
          () => {
            throw cause;
          },
          3,
          { h: 0.5 },
        ),
      FunctionThrewError,
      'FUNCTION_THREW',
      'numericalDiff: f threw at x=3.5: boom (the derivative was not computed).',
      { coordinate: 'x' },
    );
    expect(e.cause).toBe(cause);
  });
  it('f returning Infinity', () => {
    expectThrows(
      () => numericalDiff((t) => 1 / (t - 2.5), 2, { h: 0.5 }),
      NonFiniteValueError,
      'NON_FINITE_VALUE',
      'numericalDiff: f returned Infinity at x=2.5; a finite difference needs finite values of f near x (try a smaller h) — the derivative was not computed.',
      { coordinate: 'x', value: Infinity },
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
        InvalidArgumentError,
        `numericalGradients: params must be a record of ndarrays like { W1, b1 } (got ${shown}); make each with ndarray(new Float64Array([...]), shape).`,
      );
    }
  });
  it('a parameter that is not an ndarray is named', () => {
    expectError(
      () => numericalGradients(loss, { W: W(), b: { data: [1] } as any }),
      InvalidArgumentError,
      "numericalGradients: params.b must be an ndarray (got Object object); make one with ndarray(new Float64Array([...]), [n]) from the 'ndarray' package.",
    );
  });
  it('out with missing and extra keys', () => {
    expectError(
      () => numericalGradientsInto({ V: W() }, loss, { W: W() }),
      ArgumentRangeError,
      'numericalGradientsInto: out has keys [V] but params has [W]; missing: W; unexpected: V.',
    );
  });
  it('out sharing storage with another parameter', () => {
    const a = W();
    const b = W();
    expectError(
      () => numericalGradients(loss, { a, b }, { out: { a: b, b: W() } }),
      OverlappingMemoryError,
      'numericalGradients: options.out.a shares memory with params.b (the same ArrayBuffer, overlapping elements); writing options.out.a would change params.b while it is in use. ' +
        'Pass an array with its own storage, e.g. ndarray(new Float64Array(2), [2]).',
    );
  });
  it('numericalGradientsInto without out', () => {
    expectError(
      () => numericalGradientsInto(undefined as any, loss, { W: W() }),
      InvalidArgumentError,
      'numericalGradientsInto: out must be a record of ndarrays with the keys of params (got undefined).',
    );
  });
});

describe('gradCheck arguments', () => {
  it('a negative rtol', () => {
    expectError(() => gradCheck(f, x(), x(), { rtol: -1 }), ArgumentRangeError, 'gradCheck: rtol must be a finite number ≥ 0 (got number -1); the default is 0.000001.');
  });
  it('an analytic gradient of the wrong shape', () => {
    expectError(
      () => gradCheck(f, ndarray(new Float64Array(3), [3]), x()),
      ArgumentRangeError,
      'gradCheck: analyticGradient has shape [3] but x has shape [2]; the analytic gradient must have the shape of what it differentiates.',
    );
  });
  it('named form: different keys', () => {
    expectError(
      () => gradCheck(loss, { W: x() }, { W: x(), b: x() }),
      ArgumentRangeError,
      'gradCheck: analyticGradient has keys [W] but params has [W, b]; give one gradient per parameter.',
    );
  });
  it('named form: analytic gradient given as one array', () => {
    expectError(
      () => gradCheck(loss, x() as any, { W: x() }),
      InvalidArgumentError,
      'gradCheck: with named params, analyticGradient must be a record of ndarrays with the same keys (got View1dfloat64 object).',
    );
  });
});
