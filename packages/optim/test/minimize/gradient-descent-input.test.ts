/** gradientDescent never modifies initX (also a view), works on views, and rejects bad input with a clear error. */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { gradientDescent } from '@descent/optim';

const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;

describe('gradientDescent and its starting point', () => {
  it('does not modify a contiguous initX', () => {
    const initX = ndarray(new Float64Array([-3, 4]));
    gradientDescent(f, initX, { lr: 0.1, gradient: { h: 1e-4 } });
    expect(Array.from(initX.data as Float64Array)).toEqual([-3, 4]);
  });
  it('on a step(−1) view gives the same run bit for bit and leaves the storage untouched', () => {
    const storage = new Float64Array([99, 4, -3, 77]);
    const view = ndarray(storage).hi(3).lo(1).step(-1); // elements (−3, 4)
    expect([view.get(0), view.get(1)]).toEqual([-3, 4]);
    const onView = gradientDescent(f, view, { lr: 0.1, gradient: { h: 1e-4 } });
    const plain = gradientDescent(f, ndarray(new Float64Array([-3, 4])), { lr: 0.1, gradient: { h: 1e-4 } });
    expect(Array.from(onView.x.data)).toEqual(Array.from(plain.x.data));
    expect(onView.history).toEqual(plain.history);
    expect(Array.from(storage)).toEqual([99, 4, -3, 77]);
  });
  it('on a transposed 2×2 view runs in row-major order of the view and keeps its shape', () => {
    const storage = new Float64Array([1, 2, 3, 4]);
    const view = ndarray(storage, [2, 2]).transpose(1, 0); // [[1, 3], [2, 4]]
    const sum = (x: NdArray): number => x.get(0, 0) ** 2 + 2 * x.get(0, 1) ** 2 + 3 * x.get(1, 0) ** 2 + 4 * x.get(1, 1) ** 2;
    const { x, history } = gradientDescent(sum, view, { lr: 0.01, stepNum: 1, gradient: { h: 1e-4 } });
    expect(x.shape).toEqual([2, 2]);
    expect(history[0]).toEqual([1, 3, 2, 4]);
    // ∇ = (2·1, 4·3, 6·2, 8·4) = (2, 12, 12, 32); x − 0.01·∇ = (0.98, 2.88, 1.88, 3.68)
    const got = [x.get(0, 0), x.get(0, 1), x.get(1, 0), x.get(1, 1)];
    [0.98, 2.88, 1.88, 3.68].forEach((e, i) => expect(Math.abs(got[i]! - e)).toBeLessThan(1e-10));
    expect(Array.from(storage)).toEqual([1, 2, 3, 4]);
  });
});

describe('gradientDescent bad input', () => {
  it('rejects a plain array for initX with the fix', () => {
    expect(() => gradientDescent(f, [-3, 4] as unknown as NdArray)).toThrow(InvalidArgumentError);
    expect(() => gradientDescent(f, [-3, 4] as unknown as NdArray)).toThrow(/initX must be an ndarray.*new Float64Array/);
  });
  it('rejects an integer dtype', () => {
    expect(() => gradientDescent(f, ndarray(new Int32Array([-3, 4])))).toThrow(/initX has the integer dtype 'int32'/);
  });
  it('rejects an empty initX', () => {
    expect(() => gradientDescent(f, ndarray(new Float64Array(0)))).toThrow(ArgumentRangeError);
  });
  it('rejects a non-finite lr and a fractional stepNum, naming the option', () => {
    expect(() => gradientDescent(f, ndarray(new Float64Array([1])), { lr: Number.NaN })).toThrow(/lr must be a finite number, got NaN/);
    expect(() => gradientDescent(f, ndarray(new Float64Array([1])), { stepNum: 2.5 })).toThrow(/stepNum must be an integer ≥ 0, got 2.5/);
  });
  it('rejects f that is not a function', () => {
    expect(() => gradientDescent(3 as unknown as (x: NdArray) => number, ndarray(new Float64Array([1])))).toThrow(/f must be a function/);
  });
});
