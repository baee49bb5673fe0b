/**
 * The joined schedules against optax's tests: join_schedules, one-cycle
 * (OneCycleTest), SGDR (SGDRTest) and warmup + exponential decay.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError } from '@descent/core';
import {
  constantSchedule,
  cosineOnecycleSchedule,
  joinSchedules,
  linearOnecycleSchedule,
  linearSchedule,
  sgdrSchedule,
  warmupConstantSchedule,
  warmupExponentialDecaySchedule,
} from '@descent/optim';

const values = (f: (t: number) => number, n: number) => Array.from({ length: n }, (_, t) => f(t));

describe('joinSchedules (optax join_schedules)', () => {
  it('each schedule counts its steps from its boundary', () => {
    // [0, 3): 1 → 2 linearly over 3; from 3: a fresh linear 10 → 0 over 5 steps, counted from 3
    const lr = joinSchedules([linearSchedule({ init: 1, end: 2, transitionSteps: 3 }), linearSchedule({ init: 10, end: 0, transitionSteps: 5 })], [3]);
    const got = values(lr, 9);
    [1, 4 / 3, 5 / 3, 10, 8, 6, 4, 2, 0].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 14));
    expect(values(joinSchedules([constantSchedule(1), constantSchedule(2), constantSchedule(3)], [2, 4]), 6)).toEqual([1, 1, 2, 2, 3, 3]);
  });
});

describe('one-cycle schedules (optax OneCycleTest)', () => {
  it('linear: T 10, peak 1000, 0.3/0.7, div 10, final div 100', () => {
    const got = values(linearOnecycleSchedule({ transitionSteps: 10, peak: 1000, pctStart: 0.3, pctFinal: 0.7, divFactor: 10, finalDivFactor: 100 }), 12);
    [100, 400, 700, 1000, 775, 550, 325, 100, 67, 34, 1, 1].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 9));
  });
  it('cosine: T 5, peak 1000, 0.4, div 10, final div 100', () => {
    const got = values(cosineOnecycleSchedule({ transitionSteps: 5, peak: 1000, pctStart: 0.4, divFactor: 10, finalDivFactor: 100 }), 7);
    [100, 550, 1000, 750.25, 250.75, 1, 1].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 9));
  });
  it('rejects transitionSteps 0, as optax does', () => {
    expect(() => cosineOnecycleSchedule({ transitionSteps: 0, peak: 5 })).toThrow(ArgumentRangeError);
    expect(() => linearOnecycleSchedule({ transitionSteps: 0, peak: 5 })).toThrow(ArgumentRangeError);
  });
});

describe('sgdrSchedule (optax SGDRTest)', () => {
  for (const [lr0, lr1, lr2] of [[1.6, 0.8, 0.4], [1.6, 1.6, 1.6]] as const) {
    it(`cycles of 2000, 3000, 5000 steps peak at ${lr0}, ${lr1}, ${lr2} after 500 warmup steps each`, () => {
      const lr = sgdrSchedule([2000, 3000, 5000].map((decaySteps, i) => ({ decaySteps, peak: [lr0, lr1, lr2][i]!, init: 0, end: 0, warmupSteps: 500 })));
      expect(lr(500)).toBeCloseTo(lr0, 12);
      expect(lr(2500)).toBeCloseTo(lr1, 12);
      expect(lr(5500)).toBeCloseTo(lr2, 12);
    });
  }
});

describe('warmup then decay or constant', () => {
  it('warmupExponentialDecaySchedule: linear to peak over W, then peak·rate^((t − W)/S)', () => {
    // W = 4: 0, 0.25, 0.5, 0.75; then 1·0.5^((t − 4)/2): 1, 0.7071…, 0.5
    const lr = warmupExponentialDecaySchedule({ init: 0, peak: 1, warmupSteps: 4, decayRate: 0.5, decaySteps: 2 });
    const got = values(lr, 7);
    [0, 0.25, 0.5, 0.75, 1, Math.SQRT1_2, 0.5].forEach((v, t) => expect(got[t]).toBeCloseTo(v, 14));
  });
  it('warmupConstantSchedule: linear to peak, then peak', () => {
    expect(values(warmupConstantSchedule({ init: 0, peak: 2, warmupSteps: 4 }), 6)).toEqual([0, 0.5, 1, 1.5, 2, 2]);
  });
});
