/**
 * The book's lr 10 run from (−3, 4) reaches |x| ≈ 1e13, where x ± h rounds to x
 * for h = 1e-4. gradientDescent asks core for stepUnderflow 'zero' (the book's
 * quotient (f(x) − f(x))/2h = 0, so x freezes); 'throw' turns it into core's RangeError.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { StepUnderflowError } from '@descent/core';
import { gradientDescent } from '@descent/optim';

const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;

describe('gradientDescent where the step h vanishes', () => {
  it("default 'zero': x freezes once x ± h === x (the last steps of the lr 10 run do not move)", () => {
    const { x, history } = gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 10, gradient: { h: 1e-4 } });
    const last = history.at(-1)!;
    expect(Array.from(x.data)).toEqual(last);
    expect(last[0]! + 1e-4).toBe(last[0]);
    expect(last[1]! + 1e-4).toBe(last[1]);
  });

  it("'throw': core's RangeError naming h", () => {
    expect(() => gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 10, gradient: { h: 1e-4, stepUnderflow: 'throw' } })).toThrow(StepUnderflowError);
    expect(() => gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 10, gradient: { h: 1e-4, stepUnderflow: 'throw' } })).toThrow(/h=0\.0001/);
  });
});
