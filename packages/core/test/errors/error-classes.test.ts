/**
 * The typed errors: each subclasses the built-in a caller already tests for,
 * carries a stable code and its fields, and is recognised by isDescentError.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  AliasedMemoryError,
  ArgumentRangeError,
  FunctionThrewError,
  InputModifiedError,
  InvalidArgumentError,
  InvalidStateError,
  isDescentError,
  NonFiniteCoordinateError,
  NotANumberError,
  OverlappingMemoryError,
  StepOverflowError,
  NonFiniteValueError,
  numericalGradient,
  StepUnderflowError,
} from '@descent/core';

describe('typed errors', () => {
  it('a vanished step is a StepUnderflowError (a RangeError) with the coordinate, h, value and spacing', () => {
    const x = ndarray(new Float64Array([1, 1e12]), [2]);
    let caught: unknown;
    try {
      numericalGradient((v) => v.get(1), x, { h: 1e-5 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(StepUnderflowError);
    expect(caught).toBeInstanceOf(RangeError);
    const e = caught as StepUnderflowError;
    expect(e.code).toBe('STEP_UNDERFLOW');
    expect(e.name).toBe('StepUnderflowError');
    expect(e.coordinate).toBe('x[1]');
    expect(e.h).toBe(1e-5);
    expect(e.value).toBe(1e12);
    expect(e.spacing).toBe(2 ** -13); // ulp of 1e12: 2^(39−52)
    expect(isDescentError(e)).toBe(true);
  });
  it('f throwing is a FunctionThrewError naming the perturbed coordinate, cause kept', () => {
    const cause = new Error('boom');
    let calls = 0;
    let caught: unknown;
    try {
      numericalGradient(() => {
        if (++calls === 3) throw cause;
        return 0;
      }, ndarray(new Float64Array([1, 2]), [2]));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(FunctionThrewError);
    const e = caught as FunctionThrewError;
    expect([e.code, e.coordinate, e.cause]).toEqual(['FUNCTION_THREW', 'x[1]', cause]);
  });
  it('f returning Infinity is a NonFiniteValueError with the value', () => {
    let caught: unknown;
    try {
      numericalGradient(() => Infinity, ndarray(new Float64Array([1]), [1]));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NonFiniteValueError);
    expect([(caught as NonFiniteValueError).code, (caught as NonFiniteValueError).value]).toEqual(['NON_FINITE_VALUE', Infinity]);
  });
  it('every class has its code and built-in base, and is recognised by isDescentError', () => {
    const cases: [Error & { code: string }, string, ErrorConstructor | TypeErrorConstructor | RangeErrorConstructor][] = [
      [new InvalidArgumentError('m'), 'INVALID_ARGUMENT', TypeError],
      [new ArgumentRangeError('m'), 'OUT_OF_RANGE', RangeError],
      [new NonFiniteCoordinateError('x[0]', NaN, 'm'), 'NON_FINITE_COORDINATE', RangeError],
      [new NonFiniteValueError('x[0]', NaN, 'm'), 'NON_FINITE_VALUE', Error],
      [new NotANumberError('x[0]', '1', 'm'), 'NOT_A_NUMBER', TypeError],
      [new StepUnderflowError('x[0]', 1e-20, 1, 2 ** -52, 'm'), 'STEP_UNDERFLOW', RangeError],
      [new StepOverflowError('x[0]', 1e308, 1e308, 'm'), 'STEP_OVERFLOW', RangeError],
      [new FunctionThrewError('x[0]', new Error('c'), 'm'), 'FUNCTION_THREW', Error],
      [new InputModifiedError('x[0]', 1.5, 1, 'm'), 'INPUT_MODIFIED', Error],
      [new AliasedMemoryError('params.b', [], 'm', 'params.a'), 'ALIASED_MEMORY', TypeError],
      [new OverlappingMemoryError('out', 'x', 'm'), 'OVERLAPPING_MEMORY', RangeError],
      [new InvalidStateError('m'), 'INVALID_STATE', TypeError],
    ];
    for (const [error, code, base] of cases) {
      expect(error.code).toBe(code);
      expect(error).toBeInstanceOf(base);
      expect(isDescentError(error)).toBe(true);
    }
    // new fields: StepUnderflowError.minimumH defaults to the spacing; AliasedMemoryError.other
    expect(new StepUnderflowError('x[0]', 1e-20, 1, 2 ** -52, 'm').minimumH).toBe(2 ** -52);
    expect(new AliasedMemoryError('params.b', [], 'm', 'params.a').other).toBe('params.a');
    expect(new AliasedMemoryError('x', [0], 'm').other).toBeUndefined();
  });
  it('isDescentError is false for plain errors and non-errors', () => {
    expect(isDescentError(new RangeError('x'))).toBe(false);
    expect(isDescentError({ code: 'STEP_UNDERFLOW' })).toBe(false);
    expect(isDescentError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
  });
});
