/**
 * scipy's test_absolute_step_sign (gh-12487): a one-sided difference must
 * take the side it was asked for, and turn to the other side at a bound. Our
 * side is the scheme (forward/backward) rather than the sign of abs_step.
 * f(x) = −|x₀ + 1| + |x₁ + 1| has kinks at (−1, −1): the forward slopes are
 * (−1, 1), the backward ones (1, −1).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from '@descent/core';
import { elements } from '../helpers.js';
import { storages } from '../scipy-functions.js';

const f = (x: NdArray): number => -Math.abs(x.get(0) + 1) + Math.abs(x.get(1) + 1);

describe('one-sided differences at a kink take their own side', () => {
  it('forward gives the right-hand slopes (−1, 1), backward the left-hand ones (1, −1), with scipy abs_step 1e-8 and auto steps on every storage', () => {
    expect(elements(numericalGradient(f, ndarray([-1, -1]), { scheme: 'forward', h: 1e-8 }))).toEqual([-1, 1]);
    expect(elements(numericalGradient(f, ndarray([-1, -1]), { scheme: 'backward', h: 1e-8 }))).toEqual([1, -1]);
    // 1e-8 is below float32's spacing at −1 (a StepUnderflowError there): the auto step is 2^(−11.5) for float32
    for (const { name, x } of storages([-1, -1])) {
      expect(elements(numericalGradient(f, x, { scheme: 'forward' })), name).toEqual([-1, 1]);
      expect(elements(numericalGradient(f, x, { scheme: 'backward' })), name).toEqual([1, -1]);
    }
  });

  it('forward turns backward at an upper bound, backward turns forward at a lower bound', () => {
    expect(elements(numericalGradient(f, ndarray([-1, -1]), { scheme: 'forward', h: 1e-8, bounds: { upper: -1 } }))).toEqual([1, -1]);
    expect(elements(numericalGradient(f, ndarray([-1, -1]), { scheme: 'backward', h: 1e-8, bounds: { lower: -1 } }))).toEqual([-1, 1]);
  });

  it('a bound on one coordinate only (ndarray bounds) turns that coordinate alone', () => {
    const upper = ndarray([-1, Infinity]);
    expect(elements(numericalGradient(f, ndarray([-1, -1]), { scheme: 'forward', h: 1e-8, bounds: { upper } }))).toEqual([1, 1]);
  });
});
