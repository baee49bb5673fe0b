/**
 * Learning-rate schedules: values at chosen steps (worked out by hand in the
 * comments), bad arguments rejected with a RangeError/TypeError that names them,
 * and a schedule driving an optimizer's step count from 0.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError } from '@descent/core';
import {
  constantSchedule,
  exponentialDecaySchedule,
  sgd,
  stepDecaySchedule,
  warmupCosineDecay,
  warmupCosineDecaySchedule,
} from '@descent/optim';
import { arr, elements, step } from '../helpers.js';

describe('constantSchedule', () => {
  it('returns the value at every step', () => {
    const lr = constantSchedule(0.25);
    expect([lr(0), lr(1), lr(1000)]).toEqual([0.25, 0.25, 0.25]);
  });
  it('rejects a non-finite value; a negative one is a value like any other (as in optax)', () => {
    expect(() => constantSchedule(Number.NaN)).toThrow(ArgumentRangeError);
    expect(() => constantSchedule(Number.POSITIVE_INFINITY)).toThrow(/constantSchedule: value must be a finite number, got Infinity/);
    expect(constantSchedule(-1)(3)).toBe(-1);
  });
});

describe('stepDecaySchedule: init·decayRate^⌊t/stepSize⌋', () => {
  const lr = stepDecaySchedule({ init: 0.1, decayRate: 0.5, stepSize: 10 });
  it('is constant within a stage and drops at multiples of stepSize', () => {
    // t = 0, 9 → 0.1; t = 10, 19 → 0.05; t = 25 → 0.1·0.25 = 0.025
    expect([lr(0), lr(9), lr(10), lr(19), lr(25)]).toEqual([0.1, 0.1, 0.05, 0.05, 0.025]);
  });
  it('rejects a stepSize that is not a positive integer, and a decayRate ≤ 0', () => {
    expect(() => stepDecaySchedule({ init: 0.1, decayRate: 0.5, stepSize: 0 })).toThrow(/stepSize must be an integer ≥ 1, got 0/);
    expect(() => stepDecaySchedule({ init: 0.1, decayRate: 0.5, stepSize: 2.5 })).toThrow(ArgumentRangeError);
    expect(() => stepDecaySchedule({ init: 0.1, decayRate: 0, stepSize: 10 })).toThrow(/decayRate must be a finite number > 0, got 0/);
    expect(() => stepDecaySchedule({ init: Number.POSITIVE_INFINITY, decayRate: 0.5, stepSize: 10 })).toThrow(ArgumentRangeError);
  });
});

describe('exponentialDecaySchedule: init·decayRate^(t/decaySteps)', () => {
  it('decays smoothly', () => {
    const lr = exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decaySteps: 10 });
    // t = 0 → 0.1; t = 10 → 0.05; t = 20 → 0.025; t = 5 → 0.1·√0.5 = 0.07071067811865475
    expect(lr(0)).toBe(0.1);
    expect(lr(10)).toBeCloseTo(0.05, 16);
    expect(lr(20)).toBeCloseTo(0.025, 16);
    expect(lr(5)).toBeCloseTo(0.07071067811865475, 15);
  });
  it('decays every step by default', () => {
    const lr = exponentialDecaySchedule({ init: 2, decayRate: 0.5 });
    // t = 3 → 2·0.125 = 0.25
    expect(lr(3)).toBe(0.25);
  });
  it('rejects a missing init (TypeError) and a negative or fractional decaySteps (RangeError)', () => {
    expect(() => exponentialDecaySchedule({ decayRate: 0.5 } as never)).toThrow(/init must be a finite number, got nothing/);
    expect(() => exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decaySteps: -1 })).toThrow(ArgumentRangeError);
    expect(() => exponentialDecaySchedule({ init: 0.1, decayRate: 0.5, decaySteps: 1.5 })).toThrow(ArgumentRangeError);
  });
});

describe('warmupCosineDecaySchedule', () => {
  // W = 10, D = 110: linear 0 → 0.1 over t ∈ [0, 10), cosine 0.1 → 0 over t ∈ [10, 110), then 0.
  const lr = warmupCosineDecaySchedule({ peak: 0.1, warmupSteps: 10, decaySteps: 110 });
  it('warms up linearly from init', () => {
    // t = 0 → 0; t = 5 → 0.1·5/10 = 0.05; t = 9 → 0.09
    expect(lr(0)).toBe(0);
    expect(lr(5)).toBeCloseTo(0.05, 16);
    expect(lr(9)).toBeCloseTo(0.09, 16);
  });
  it('decays along a half cosine from peak to end', () => {
    // t = 10 → 0.1·(1 + cos 0)/2 = 0.1
    // t = 35 → 0.1·(1 + cos(π/4))/2 = 0.1·(1 + 0.7071067811865476)/2 = 0.08535533905932738
    // t = 60 → 0.1·(1 + cos(π/2))/2 = 0.05
    // t = 110 and later → end = 0
    expect(lr(10)).toBe(0.1);
    expect(lr(35)).toBeCloseTo(0.08535533905932738, 15);
    expect(lr(60)).toBeCloseTo(0.05, 15);
    expect(lr(110)).toBe(0);
    expect(lr(1000)).toBe(0);
  });
  it('honours init and end', () => {
    const withEnds = warmupCosineDecaySchedule({ peak: 1, warmupSteps: 4, decaySteps: 8, init: 0.2, end: 0.1 });
    // t = 2 → 0.2 + 0.8·2/4 = 0.6; t = 6 → 0.1 + 0.9·(1 + cos(π/2))/2 = 0.55; t = 8 → 0.1
    expect(withEnds(2)).toBeCloseTo(0.6, 15);
    expect(withEnds(6)).toBeCloseTo(0.55, 15);
    expect(withEnds(8)).toBe(0.1);
  });
  it('rejects decaySteps ≤ warmupSteps, saying decaySteps includes the warmup', () => {
    expect(() => warmupCosineDecaySchedule({ peak: 0.1, warmupSteps: 10, decaySteps: 10 })).toThrow(
      /decaySteps \(10\) must be greater than warmupSteps \(10\); decaySteps is the total length of the schedule, warmup included/,
    );
    expect(() => warmupCosineDecaySchedule({ peak: Number.NaN, warmupSteps: 0, decaySteps: 10 })).toThrow(ArgumentRangeError);
  });
  it('is also exported as warmupCosineDecay (the same function)', () => {
    expect(warmupCosineDecay).toBe(warmupCosineDecaySchedule);
    // W = 2, D = 6, peak 1: t = 1 → 1·1/2 = 0.5; t = 4 → (1 + cos(π·2/4))/2 = 0.5; t = 6 → 0.
    const short = warmupCosineDecay({ peak: 1, warmupSteps: 2, decaySteps: 6 });
    expect([short(1), short(4), short(6)].map((v) => Number(v.toFixed(15)))).toEqual([0.5, 0.5, 0]);
  });
  it('rejects a step that is not an integer ≥ 0', () => {
    expect(() => lr(-1)).toThrow(/step must be an integer ≥ 0/);
    expect(() => lr(1.5)).toThrow(ArgumentRangeError);
  });
});

describe('a schedule as an optimizer learning rate', () => {
  it('is evaluated at steps 0, 1, 2, … of the updates', () => {
    // lr(t) = 0.1·0.5^t; with g = 1 each step: x = 1 − 0.1 − 0.05 − 0.025 = 0.825
    const opt = sgd({ lr: exponentialDecaySchedule({ init: 0.1, decayRate: 0.5 }) });
    const x = arr([1]);
    let state = opt.init(x);
    for (let i = 0; i < 3; i++) state = step(opt, state, x, arr([1]));
    expect(elements(x)[0]).toBeCloseTo(0.825, 15);
    expect(state).toEqual([{ kind: 'scaleByLearningRate', count: 3 }]);
  });
  it('a schedule returning NaN stops the update with a RangeError naming the step', () => {
    const opt = sgd({ lr: (t) => (t < 1 ? 0.1 : Number.NaN) });
    const x = arr([1]);
    const state = step(opt, opt.init(x), x, arr([1]));
    expect(() => opt.update(arr([1]), state, x)).toThrow(/schedule returned NaN at step 1/);
  });
});
