/**
 * exponentialDecaySchedule against optax's ExponentialTest: transitionBegin,
 * staircase and the end bound (a floor when decayRate < 1, a ceiling otherwise,
 * applied at every step).
 */
import { describe, expect, it } from 'vitest';
import { exponentialDecaySchedule } from '@descent/optim';

const values = (f: (t: number) => number, n: number) => Array.from({ length: n }, (_, t) => f(t));

describe('exponentialDecaySchedule (optax exponential_decay)', () => {
  it('decayRate 1 is constant, with or without staircase', () => {
    for (const staircase of [false, true]) {
      expect(values(exponentialDecaySchedule({ init: 1, decayRate: 1, decaySteps: 15, staircase }), 15)).toEqual(new Array(15).fill(1));
    }
  });
  it('decaySteps 0 keeps init (optax: a non-positive transition_steps gives a constant schedule)', () => {
    expect(values(exponentialDecaySchedule({ init: 1, decayRate: 0.5, decaySteps: 0 }), 5)).toEqual([1, 1, 1, 1, 1]);
  });
  for (const staircase of [false, true]) {
    for (const transitionBegin of [0, 5]) {
      it(`rate 2 per 2 steps, staircase ${staircase}, transitionBegin ${transitionBegin}: init for B steps, then 2^p`, () => {
        // p = n/2 (⌊n/2⌋ with staircase), n = t − B
        const got = values(exponentialDecaySchedule({ init: 1, decayRate: 2, decaySteps: 2, transitionBegin, staircase }), 15 + transitionBegin);
        const expected = [...new Array(transitionBegin).fill(1), ...Array.from({ length: 15 }, (_, n) => 2 ** (staircase ? Math.floor(n / 2) : n / 2))];
        got.forEach((v, t) => expect(v).toBeCloseTo(expected[t]!, 12));
      });
    }
  }
  for (const [decayRate, end] of [[0.2, 0.1], [1, 0.1], [2, 3]] as const) {
    for (const staircase of [false, true]) {
      it(`end ${end} bounds rate ${decayRate} (staircase ${staircase}), B = 3`, () => {
        const got = values(exponentialDecaySchedule({ init: 1, decayRate, decaySteps: 2, transitionBegin: 3, staircase, end }), 14);
        const raw = [1, 1, 1, ...Array.from({ length: 11 }, (_, n) => decayRate ** (staircase ? Math.floor(n / 2) : n / 2))];
        got.forEach((v, t) => expect(v).toBeCloseTo(decayRate < 1 ? Math.max(raw[t]!, end) : Math.min(raw[t]!, end), 12));
      });
    }
  }
  it('halves every step: 32, 16, 8, 4, 2', () => {
    expect(values(exponentialDecaySchedule({ init: 32, decayRate: 0.5, decaySteps: 1 }), 5)).toEqual([32, 16, 8, 4, 2]);
  });
});

describe('exponentialDecaySchedule takes optax\'s transitionSteps for decaySteps', () => {
  it('transitionSteps 2 is decaySteps 2; both at once is an error', () => {
    const a = exponentialDecaySchedule({ init: 1, decayRate: 0.5, transitionSteps: 2 });
    expect([a(0), a(2), a(4)]).toEqual([1, 0.5, 0.25]);
    expect(() => exponentialDecaySchedule({ init: 1, decayRate: 0.5, transitionSteps: 2, decaySteps: 2 })).toThrow(/not both/);
  });
});
