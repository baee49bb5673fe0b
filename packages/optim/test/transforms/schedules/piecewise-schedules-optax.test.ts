/**
 * piecewiseConstantSchedule and piecewiseInterpolateSchedule against optax's
 * PiecewiseConstantTest and PiecewiseInterpolateTest: scales multiply.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { piecewiseConstantSchedule, piecewiseInterpolateSchedule } from '@descent/optim';

const values = (f: (t: number) => number, n: number) => Array.from({ length: n }, (_, t) => f(t));

describe('piecewiseConstantSchedule (optax piecewise_constant_schedule)', () => {
  it('0.1 with { 3: 2, 6: 0.5 }: ×2 from step 3, ×0.5 again from step 6', () => {
    const got = values(piecewiseConstantSchedule({ init: 0.1, boundariesAndScales: { 3: 2, 6: 0.5 } }), 10);
    [0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 15));
  });
  it('a negative init: −0.1 with the same scales', () => {
    const got = values(piecewiseConstantSchedule({ init: -0.1, boundariesAndScales: { 3: 2, 6: 0.5 } }), 10);
    [-0.1, -0.1, -0.1, -0.2, -0.2, -0.2, -0.1, -0.1, -0.1, -0.1].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 15));
  });
  it('inject_hyperparams test schedule 3 with { 1: 5, 7: 2, 12: 1.5 }: 3, 15 ×6, 30 ×5, 45', () => {
    const lr = piecewiseConstantSchedule({ init: 3, boundariesAndScales: { 1: 5, 7: 2, 12: 1.5 } });
    expect(values(lr, 14)).toEqual([3, 15, 15, 15, 15, 15, 15, 30, 30, 30, 30, 30, 45, 45]);
  });
  it('rejects a negative scale, as optax does', () => {
    expect(() => piecewiseConstantSchedule({ init: 1, boundariesAndScales: { 5: -3 } })).toThrow(ArgumentRangeError);
  });
});

describe('piecewiseInterpolateSchedule (optax piecewise_interpolate_schedule)', () => {
  it('linear 200 with { 5: 1.5, 10: 0.25 }', () => {
    const got = values(piecewiseInterpolateSchedule({ interpolateType: 'linear', init: 200, boundariesAndScales: { 5: 1.5, 10: 0.25 } }), 13);
    [200, 220, 240, 260, 280, 300, 255, 210, 165, 120, 75, 75, 75].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 10));
  });
  it('cosine 400 with unsorted { 5: 1.2, 3: 0.6, 7: 1 }', () => {
    const got = values(piecewiseInterpolateSchedule({ interpolateType: 'cosine', init: 400, boundariesAndScales: { 5: 1.2, 3: 0.6, 7: 1 } }), 9);
    [400, 360, 280, 240, 264, 288, 288, 288, 288].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 10));
  });
  it('no boundaries: the constant init', () => {
    expect(values(piecewiseInterpolateSchedule({ interpolateType: 'linear', init: 13, boundariesAndScales: {} }), 5)).toEqual([13, 13, 13, 13, 13]);
    expect(values(piecewiseInterpolateSchedule({ interpolateType: 'cosine', init: 17 }), 3)).toEqual([17, 17, 17]);
  });
  it("rejects an unknown interpolateType and a negative scale", () => {
    expect(() => piecewiseInterpolateSchedule({ interpolateType: 'linar' as never, init: 13 })).toThrow(InvalidArgumentError);
    expect(() => piecewiseInterpolateSchedule({ interpolateType: 'linear', init: 13, boundariesAndScales: { 5: -3 } })).toThrow(ArgumentRangeError);
  });
});

describe("piecewiseConstantSchedule in optax's positional form", () => {
  it('(init, boundariesAndScales) is the options object', () => {
    const lr = piecewiseConstantSchedule(0.1, { 3: 2, 6: 0.5 });
    expect([lr(2), lr(3), lr(6)].map((v) => Number(v.toFixed(15)))).toEqual([0.1, 0.2, 0.1]);
    expect(piecewiseConstantSchedule(7)(100)).toBe(7);
  });
});
