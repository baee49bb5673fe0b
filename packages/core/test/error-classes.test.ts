/**
 * The typed errors: each subclasses the built-in a caller already tests for,
 * carries a stable code and its fields, and is recognised by isDescentError.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  FunctionThrewError,
  isDescentError,
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
  it('isDescentError is false for plain errors and non-errors', () => {
    expect(isDescentError(new RangeError('x'))).toBe(false);
    expect(isDescentError({ code: 'STEP_UNDERFLOW' })).toBe(false);
    expect(isDescentError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
  });
});
