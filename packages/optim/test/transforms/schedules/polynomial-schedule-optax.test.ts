/**
 * polynomialSchedule / linearSchedule against optax's schedule tests
 * (PolynomialTest): lr(t) = (init − end)·(1 − clip(t − B, 0, T)/T)^P + end.
 */
import { describe, expect, it } from 'vitest';
import { linearSchedule, polynomialSchedule } from '@descent/optim';

const values = (f: (t: number) => number, n: number) => Array.from({ length: n }, (_, t) => f(t));

describe('polynomialSchedule (optax polynomial_schedule)', () => {
  it('linear 10 → 20 over 10 steps: 10, 11, …, 19, then 20', () => {
    // (10 − 20)·(1 − t/10) + 20 = 10 + t for t ≤ 10
    const got = values(polynomialSchedule({ init: 10, end: 20, power: 1, transitionSteps: 10 }), 15);
    got.forEach((v, t) => expect(v).toBeCloseTo(t < 10 ? 10 + t : 20, 12));
    expect(values(linearSchedule({ init: 10, end: 20, transitionSteps: 10 }), 15)).toEqual(got);
  });
  it('quadratic 25 → 10: 10 + 15·(1 − t/10)²', () => {
    const got = values(polynomialSchedule({ init: 25, end: 10, power: 2, transitionSteps: 10 }), 15);
    got.forEach((v, t) => expect(v).toBeCloseTo(t < 10 ? 10 + 15 * (1 - t / 10) ** 2 : 10, 12));
  });
  it('transitionBegin 4 holds init 30 for 4 steps, then 10 + 20·(1 − n/10)²', () => {
    const got = values(polynomialSchedule({ init: 30, end: 10, power: 2, transitionSteps: 10, transitionBegin: 4 }), 20);
    const expected = [30, 30, 30, 30, ...Array.from({ length: 10 }, (_, n) => 10 + 20 * (1 - n / 10) ** 2), 10, 10, 10, 10, 10, 10];
    got.forEach((v, t) => expect(v).toBeCloseTo(expected[t]!, 12));
  });
  it('transitionSteps 0 keeps init at every step (optax: a non-positive T disables the transition)', () => {
    expect(values(polynomialSchedule({ init: 10, end: 20, power: 1, transitionSteps: 0 }), 15)).toEqual(new Array(15).fill(10));
  });
  it("optax's docstring: init 1, end 0.01, T 100, B 5, power 2 — 1, 1, 0.9803, 0.0101, 0.01", () => {
    // t = 6: 0.99·(1 − 1/100)² + 0.01 = 0.99·0.9801 + 0.01 = 0.980299
    const lr = polynomialSchedule({ init: 1, end: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5 });
    expect([0, 5, 6, 104, 105, 110].map((t) => Number(lr(t).toFixed(4)))).toEqual([1, 1, 0.9803, 0.0101, 0.01, 0.01]);
  });
});
