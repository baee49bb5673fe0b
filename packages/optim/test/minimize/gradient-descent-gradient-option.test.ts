/**
 * gradientDescent takes its gradient in the shape minimize and train take: an
 * analytic (x, out) => void, or core's numerical options forwarded whole.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { gradientDescent } from '@descent/optim';

const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;

describe('gradientDescent: the gradient option', () => {
  it('uses an analytic gradient without calling f: x ← x − 0.1·2x = 0.8x per step', () => {
    let fCalls = 0;
    const counted = (x: NdArray): number => (fCalls++, f(x));
    const grad = (x: NdArray, out: NdArray): void => {
      for (let i = 0; i < 2; i++) out.set(i, 2 * x.get(i));
    };
    const { x, history } = gradientDescent(counted, ndarray(Float64Array.of(-3, 4)), { lr: 0.1, stepNum: 2, gradient: grad });
    // (−3, 4) → (−2.4, 3.2) → (−1.92, 2.56)
    expect(history[1]![0]).toBeCloseTo(-2.4, 15);
    expect(history[1]![1]).toBeCloseTo(3.2, 15);
    expect(x.get(0)).toBeCloseTo(-1.92, 15);
    expect(x.get(1)).toBeCloseTo(2.56, 15);
    expect(fCalls).toBe(0);
  });

  it('forwards core options whole: the counter sees 2N calls per central gradient', () => {
    const counter = { evaluations: 0 };
    gradientDescent(f, ndarray(Float64Array.of(-3, 4)), { lr: 0.1, stepNum: 3, gradient: { h: 1e-4, counter } });
    expect(counter.evaluations).toBe(3 * 2 * 2);
  });

  it('refuses the numerical options at the top level, saying where they go', () => {
    const old = { lr: 0.1, h: 1e-4 } as unknown as Parameters<typeof gradientDescent>[2];
    expect(() => gradientDescent(f, ndarray(Float64Array.of(1, 1)), old)).toThrow(InvalidArgumentError);
    expect(() => gradientDescent(f, ndarray(Float64Array.of(1, 1)), old)).toThrow(
      'gradientDescent: h is an option of the numerical gradient; pass it as gradient: { h: … } (the shape minimize and train take).',
    );
    expect(() => gradientDescent(f, ndarray(Float64Array.of(1, 1)), { gradient: 'numerical' as never })).toThrow(/gradientDescent: gradient must be core's numerical options/);
  });
});
