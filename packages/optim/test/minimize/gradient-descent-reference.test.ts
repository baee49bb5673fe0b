/**
 * gradientDescent reproduces the book's numbers ("Deep Learning from Scratch",
 * ch. 4.4.1: gradient_descent(function_2, init_x=[-3, 4], ...) with h = 1e-4).
 * The four references were produced by the book's Python loop (numpy float64);
 * f(x) = x0² + x1², central differences, x ← x − lr·∇f. Tolerance 1e-12 relative:
 * the same operations in the same order, only x0² may round differently from
 * numpy's x**2 summation in the last bit.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradientDescent } from '@descent/optim';
import { expectClose } from '../helpers.js';

const REL = 1e-12;
const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const start = (): NdArray => ndarray(new Float64Array([-3, 4]));

/** |a − e| ≤ REL·|e| element-wise (relative even near 0: the references are not rounded to 0). */
function expectRelative(actual: ArrayLike<number>, expected: readonly number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    expect(Math.abs(a - e), `element ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(REL * Math.abs(e));
  });
}

describe('gradientDescent: the book\'s four runs from (−3, 4), h = 1e-4, 100 steps', () => {
  it('lr 0.1 converges to ~(0, 0)', () => {
    const { x } = gradientDescent(f, start(), { lr: 0.1, stepNum: 100, gradient: { h: 1e-4 } });
    expectRelative(x.data, [-6.111107928998789e-10, 8.148143905314271e-10]);
  });
  it('lr 10 diverges to ~−2.6e13 (reported as is: no guard in the book loop)', () => {
    const { x } = gradientDescent(f, start(), { lr: 10, stepNum: 100, gradient: { h: 1e-4 } });
    expectRelative(x.data, [-25898374737328.363, -1295248616896.5398]);
  });
  it('lr 1e-10 barely moves', () => {
    const { x } = gradientDescent(f, start(), { lr: 1e-10, stepNum: 100, gradient: { h: 1e-4 } });
    expectRelative(x.data, [-2.999999939999995, 3.9999999199999934]);
  });
  it('the defaults lr 0.01, stepNum 100', () => {
    const { x } = gradientDescent(f, start(), { gradient: { h: 1e-4 } });
    expectRelative(x.data, [-0.39785866768397027, 0.5304782235783754]);
  });
});

describe('gradientDescent history', () => {
  it('holds the point before each update: start first, stepNum entries, each step x ← x − lr·2x', () => {
    const { x, history } = gradientDescent(f, start(), { lr: 0.1, stepNum: 3, gradient: { h: 1e-4 } });
    expect(history).toHaveLength(3);
    expect(history[0]).toEqual([-3, 4]);
    // ∇(x0² + x1²) = 2x, so each step multiplies x by 1 − 0.1·2 = 0.8:
    // (−3, 4) → (−2.4, 3.2) → (−1.92, 2.56) → x = (−1.536, 2.048).
    // Central differences are exact for a quadratic up to rounding (~eps·x²/h ≈ 1e-11).
    expectClose(history[1]!, [-2.4, 3.2], 1e-10);
    expectClose(history[2]!, [-1.92, 2.56], 1e-10);
    expectClose(Array.from(x.data), [-1.536, 2.048], 1e-10);
  });
  it('stepNum 0 returns a copy of the start and an empty history', () => {
    const x0 = start();
    const { x, history } = gradientDescent(f, x0, { stepNum: 0 });
    expect(Array.from(x.data)).toEqual([-3, 4]);
    expect(x.data).not.toBe(x0.data);
    expect(history).toEqual([]);
  });
});
