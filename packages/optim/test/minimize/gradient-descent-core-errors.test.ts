/**
 * Core's errors from gradientDescent's numerical gradient carry
 * gradientDescent's name and the step (class, code, coordinate and cause
 * unchanged). On main they read "numericalGradientInto: …", a function the
 * caller never called, and did not say at which step.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { FunctionThrewError, NonFiniteValueError, NotANumberError } from '@descent/core';
import { gradientDescent } from '@descent/optim';

function thrown(call: () => unknown): Error & { code?: string; coordinate?: string } {
  try {
    call();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected gradientDescent to throw');
}

describe("gradientDescent names core's errors as its own", () => {
  it('f throwing in the gradient of step 2 (x[0] = −3·0.8² = −1.92) → FunctionThrewError "gradientDescent: at step 2, f threw …", cause kept', () => {
    const boom = new Error('late');
    let calls = 0;
    // central differences: 4 calls per step for 2 coordinates, so call 9 is the first of step 2
    const f = (x: NdArray): number => {
      if (++calls === 9) throw boom;
      return x.get(0) ** 2 + x.get(1) ** 2;
    };
    const e = thrown(() => gradientDescent(f, ndarray(Float64Array.of(-3, 4)), { lr: 0.1 }));
    expect(e).toBeInstanceOf(FunctionThrewError);
    expect(e.code).toBe('FUNCTION_THREW');
    expect(e.cause).toBe(boom);
    expect(e.coordinate).toBe('x[0]');
    expect(e.message).toMatch(/^gradientDescent: at step 2, f threw when x\[0\] was perturbed to -1\.9\d+: late/);
  });
  it('f NaN around initX → NonFiniteValueError at step 0 (a start where no gradient exists is an error, not a divergence)', () => {
    const e = thrown(() => gradientDescent(() => Number.NaN, ndarray(Float64Array.of(1))));
    expect(e).toBeInstanceOf(NonFiniteValueError);
    expect(e.code).toBe('NON_FINITE_VALUE');
    expect(e.message).toMatch(/^gradientDescent: at step 0, f returned NaN when x\[0\] was perturbed to /);
  });
  it('f returning a string → NotANumberError under gradientDescent', () => {
    const e = thrown(() => gradientDescent((() => 'x') as unknown as (x: NdArray) => number, ndarray(Float64Array.of(1))));
    expect(e).toBeInstanceOf(NotANumberError);
    expect(e.code).toBe('NOT_A_NUMBER');
    expect(e.message).toMatch(/^gradientDescent: at step 0, f must return a number/);
  });
});
