/**
 * injectHyperparams with a schedule as a hyperparameter, as optax's
 * inject_hyperparams test_updates: scale(stepSize) with stepSize =
 * piecewiseConstantSchedule(3, { 1: 5, 7: 2, 12: 1.5 }) on a unit gradient
 * gives 3, 15 ×6, 30 ×5, 45 … (update t uses the schedule at t), and
 * state.hyperparams.stepSize shows the value used last; a numeric
 * hyperparameter beside it stays editable.
 */
import { describe, expect, it } from 'vitest';
import { injectHyperparams, piecewiseConstantSchedule, scale, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe('injectHyperparams with schedules (optax)', () => {
  it('the schedule sets the value at every step', () => {
    const opt = injectHyperparams((h: { stepSize: number }) => scale(h.stepSize))({
      stepSize: piecewiseConstantSchedule({ init: 3, boundariesAndScales: { 1: 5, 7: 2, 12: 1.5 } }),
    });
    const x = arr([0]);
    let state = opt.init(x);
    expect(state.hyperparams.stepSize).toBe(3);
    expect(state.count).toBe(0);
    const expected = [3, 15, 15, 15, 15, 15, 15, 30, 30, 30, 30, 30, 45, 45, 45];
    for (let t = 0; t < 15; t++) {
      const g = arr([1]);
      state = opt.update(g, state, x);
      expect(elements(g)).toEqual([expected[t]]);
      expect(state.hyperparams.stepSize).toBe(expected[t]);
    }
    expect(state.count).toBe(15);
    expect(stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))))).toEqual(state);
  });
  it('a scheduled lr beside an editable momentum', () => {
    // lr(t) = 0.1·0.5^t, μ 0.5 then 0: t₀ = 1 → −0.1; μ ← 0: t₁ = 1 → −0.05·1
    const opt = injectHyperparams((h: { lr: number; momentum: number }) => sgd({ lr: h.lr, momentum: h.momentum }))({ lr: (t: number) => 0.1 * 0.5 ** t, momentum: 0.5 });
    const x = arr([0]);
    let state = opt.init(x);
    const g = arr([1]);
    state = opt.update(g, state, x);
    expect(elements(g)[0]).toBeCloseTo(-0.1, 16);
    state.hyperparams.momentum = 0;
    const h = arr([1]);
    state = opt.update(h, state, x);
    expect(elements(h)[0]).toBeCloseTo(-0.05, 16);
    expect(state.hyperparams).toEqual({ lr: 0.05, momentum: 0 });
  });
});
