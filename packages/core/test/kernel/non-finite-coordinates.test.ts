/**
 * Non-finite coordinates (issue 7, item 17). On main a NaN element was only
 * noticed when its turn came — after f had been called for the coordinates
 * before it — and a NaN that f ignores was blamed on f ("f returned NaN when
 * x[0] was perturbed") when f happened to read it. Every element is now checked
 * before the first call of f: NonFiniteCoordinateError (a RangeError) naming
 * the coordinate and its value.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it, vi } from 'vitest';
import { gradCheck, NonFiniteCoordinateError, numericalGradient, numericalGradients, type DifferenceScheme } from '@descent/core';
import { expectThrows } from '../helpers.js';

const message = (where: string, coordinate: string, value: number): string =>
  `${where}: ${coordinate} is ${value}; finite differences need finite coordinates (f was not called).`;

describe('a NaN or ±Infinity element is named before f is called', () => {
  for (const scheme of ['central', 'forward', 'backward', 'five-point'] as DifferenceScheme[]) {
    it(`${scheme}: x[1] = NaN in the last place, f never called, x untouched`, () => {
      const data = Float64Array.from([1, NaN]);
      const f = vi.fn((v: NdArray) => v.get(0)); // ignores x[1]
      const e = expectThrows(() => numericalGradient(f, ndarray(data, [2]), { scheme }), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('numericalGradient', 'x[1]', NaN), {
        coordinate: 'x[1]',
        value: NaN,
      });
      expect(e).toBeInstanceOf(RangeError);
      expect(f).not.toHaveBeenCalled();
      expect(data[0]).toBe(1);
    });
  }
  it('a NaN that f reads is not blamed on f (main: "f returned NaN when x[0] was perturbed")', () => {
    const f = vi.fn((v: NdArray) => v.get(0) + v.get(1));
    expectThrows(() => numericalGradient(f, ndarray(Float64Array.from([1, NaN]), [2])), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('numericalGradient', 'x[1]', NaN));
    expect(f).not.toHaveBeenCalled();
  });
  it('named by the view’s multi-index: −Infinity at data[5] of a transposed 2×3 buffer is x[2,1]', () => {
    const data = Float64Array.from([0, 1, 2, 3, 4, -Infinity]);
    const x = ndarray(data, [2, 3]).transpose(1, 0); // x[i,j] = data[3j + i]
    expectThrows(() => numericalGradient(() => 0, x), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('numericalGradient', 'x[2,1]', -Infinity), {
      coordinate: 'x[2,1]',
      value: -Infinity,
    });
  });
  it('Float32Array and plain arrays', () => {
    expectThrows(() => numericalGradient(() => 0, ndarray(Float32Array.from([Infinity, 1]), [2])), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('numericalGradient', 'x[0]', Infinity));
    expectThrows(() => numericalGradient(() => 0, ndarray([2, 3, NaN], [3])), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('numericalGradient', 'x[2]', NaN));
  });
  it('named form: every parameter is checked before the first is perturbed', () => {
    const W = ndarray(Float64Array.from([1, 2]), [2]);
    const b = ndarray(Float64Array.from([NaN]), [1]);
    const loss = vi.fn(() => W.get(0));
    expectThrows(() => numericalGradients(loss, { W, b }), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('numericalGradients', 'b[0]', NaN), { coordinate: 'b[0]' });
    expect(loss).not.toHaveBeenCalled();
  });
  it('gradCheck names itself', () => {
    const f = vi.fn(() => 0);
    expectThrows(() => gradCheck(f, ndarray(new Float64Array(2), [2]), ndarray(Float64Array.from([0, NaN]), [2])), NonFiniteCoordinateError, 'NON_FINITE_COORDINATE', message('gradCheck', 'x[1]', NaN));
    expect(f).not.toHaveBeenCalled();
  });
});
