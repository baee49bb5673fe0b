/**
 * Array-backed x holding non-numbers (issue 7, item 4). A plain array is
 * stored as given: on main ['3', '4'] gave 1969.5 ('3' + 1e-4 is the string
 * '30.0001'), [null, 4] gave 0 and [true, 4] a number, and a BigInt element a
 * misleading "finite coordinates" RangeError. Every element is now checked
 * before f runs: InvalidArgumentError (a TypeError) naming the index (the
 * view's multi-index) and the value.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it, vi } from 'vitest';
import { gradCheck, InvalidArgumentError, numericalGradient, numericalGradientInto, numericalGradients } from '@descent/core';
import { elements, expectThrows } from '../helpers.js';

const square = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t, 0);

const message = (where: string, coordinate: string, shown: string, name: string, type: string): string =>
  `${where}: ${coordinate} is ${shown}, not a number; every element of ${name} must be a number (plain-array data is not converted, and f was not called). ` +
  `Store numbers, e.g. ndarray(Float64Array.from(data, Number), shape) once you know where the ${type} came from.`;

describe('numericalGradient refuses non-number elements before f runs', () => {
  const cases: [string, unknown[], string, string, string][] = [
    ["['3', '4'] (main: 1969.5)", ['3', '4'], 'x[0]', 'string "3"', 'string'],
    ['[null, 4] (main: 0)', [null, 4], 'x[0]', 'null', 'object'],
    ['[true, 4]', [true, 4], 'x[0]', 'boolean true', 'boolean'],
    ['[4, undefined]', [4, undefined], 'x[1]', 'undefined', 'undefined'],
    ['[4, 3n] (main: a RangeError about finite coordinates)', [4, 3n], 'x[1]', 'bigint 3n', 'bigint'],
  ];
  for (const [label, data, coordinate, shown, type] of cases) {
    it(label, () => {
      const f = vi.fn(square);
      const x = ndarray(data.slice() as number[], [2]);
      const e = expectThrows(() => numericalGradient(f, x), InvalidArgumentError, 'INVALID_ARGUMENT', message('numericalGradient', coordinate, shown, 'x', type));
      expect(e).toBeInstanceOf(TypeError);
      expect(f).not.toHaveBeenCalled();
      expect(x.data).toEqual(data);
    });
  }
  it('a hole in a sparse array', () => {
    const data = [1, 2, 3];
    delete data[1];
    expectThrows(() => numericalGradient(square, ndarray(data, [3])), InvalidArgumentError, 'INVALID_ARGUMENT', message('numericalGradient', 'x[1]', 'undefined', 'x', 'undefined'));
  });
  it('named by the view’s multi-index: data[1] of a transposed 2×2 view is x[1,0]', () => {
    const x = ndarray([1, 'two', 3, 4] as number[], [2, 2]).transpose(1, 0);
    expectThrows(
      () => numericalGradientInto(ndarray(new Float64Array(4), [2, 2]), square, x),
      InvalidArgumentError,
      'INVALID_ARGUMENT',
      message('numericalGradientInto', 'x[1,0]', 'string "two"', 'x', 'string'),
    );
  });
  it('elements outside the view are not inspected', () => {
    const x = ndarray([1, 2, 'not mine'] as number[], [2]);
    const g = numericalGradient(square, x);
    expect(elements(g)[0]).toBeCloseTo(2, 9);
  });
  it('the named form names the parameter (as in its coordinates, W1[0]) before any parameter is perturbed', () => {
    const loss = vi.fn(() => 1);
    const b = ndarray([0.5], [1]);
    expectThrows(
      () => numericalGradients(loss, { b, W1: ndarray([1, '2'] as number[], [2]) }),
      InvalidArgumentError,
      'INVALID_ARGUMENT',
      message('numericalGradients', 'W1[1]', 'string "2"', 'W1', 'string'),
    );
    expect(loss).not.toHaveBeenCalled();
  });
  it('gradCheck too, before the analytic gradient is evaluated', () => {
    const f = vi.fn(square);
    const analytic = vi.fn((v: NdArray) => v);
    expectThrows(() => gradCheck(f, analytic, ndarray([null, 1] as unknown as number[], [2])), InvalidArgumentError, 'INVALID_ARGUMENT', message('gradCheck', 'x[0]', 'null', 'x', 'object'));
    expect(f).not.toHaveBeenCalled();
    expect(analytic).not.toHaveBeenCalled();
  });
});
