/**
 * Empty arrays: the gradient of f over zero coordinates is an empty array of
 * the same shape; f is never called (not even once for the one-sided center),
 * and the counter stays at 0. (gradCheck refuses empty input instead: a check
 * of nothing would pass vacuously — see edge-cases.test.ts.)
 */
import ndarray from 'ndarray';
import { describe, expect, it, vi } from 'vitest';
import { numericalGradient, numericalGradientInto, numericalGradients, type DifferenceScheme } from '@descent/core';

describe('empty arrays', () => {
  for (const shape of [[0], [3, 0], [0, 0, 2]]) {
    for (const scheme of ['central', 'forward', 'backward', 'five-point'] as DifferenceScheme[]) {
      it(`shape [${shape.join(',')}], ${scheme}: empty gradient of that shape, f never called`, () => {
        const f = vi.fn(() => 1);
        const counter = { evaluations: 0 };
        const g = numericalGradient(f, ndarray(new Float64Array(0), shape), { scheme, counter });
        expect(g.shape).toEqual(shape);
        expect(g.size).toBe(0);
        expect(f).not.toHaveBeenCalled();
        expect(counter.evaluations).toBe(0);
      });
    }
  }
  it('numericalGradientInto into an empty out returns it untouched', () => {
    const f = vi.fn(() => 1);
    const out = ndarray(new Float64Array(0), [0, 4]);
    expect(numericalGradientInto(out, f, ndarray(new Float64Array(0), [0, 4]))).toBe(out);
    expect(f).not.toHaveBeenCalled();
  });
  it('numericalGradients over {} is {}, and an empty parameter gets an empty gradient', () => {
    const f = vi.fn(() => 1);
    expect(numericalGradients(f, {})).toEqual({});
    const grads = numericalGradients(f, { b: ndarray(new Float64Array(0), [0]) });
    expect(grads.b!.shape).toEqual([0]);
    expect(f).not.toHaveBeenCalled();
  });
});
