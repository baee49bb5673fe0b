/**
 * multiSteps against optax's MultiSteps tests: the mean of k updates,
 * an every-k schedule with has_updated, and should_skip_update_fn
 * (skip_not_finite, skip_large_updates).
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { applyUpdates, multiSteps, multiStepsHasUpdated, scale, sgd } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe('multiSteps (optax MultiSteps)', () => {
  it('computes the mean: scale(1) over 1, 2, 3, 4 with k = 4 gives 2.5 on the 4th call', () => {
    const opt = multiSteps(scale(1), { everyK: 4, useGradMean: true });
    const a = arr([0]);
    let state = opt.init({ a });
    expect(multiStepsHasUpdated(state)).toBe(false);
    for (const g of [1, 2, 3]) {
      state = opt.update({ a: arr([g]) }, state, { a });
      expect(multiStepsHasUpdated(state)).toBe(false);
    }
    const last = { a: arr([4]) };
    state = opt.update(last, state, { a });
    expect(multiStepsHasUpdated(state)).toBe(true);
    expect(elements(last.a)).toEqual([2.5]);
  });
  it('everyK schedule: 1 call per step for the first 2 steps, then 3', () => {
    const opt = multiSteps(sgd({ lr: 1e-4 }), { everyK: (step) => (step < 2 ? 1 : 3) });
    const a = arr([0]);
    let state = opt.init(a);
    for (let i = 0; i < 2; i++) {
      state = opt.update(arr([0]), state, a);
      expect(multiStepsHasUpdated(state)).toBe(true);
    }
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 2; i++) {
        state = opt.update(arr([0]), state, a);
        expect(multiStepsHasUpdated(state)).toBe(false);
      }
      state = opt.update(arr([0]), state, a);
      expect(multiStepsHasUpdated(state)).toBe(true);
    }
  });
  it("shouldSkipUpdate 'notFinite': ±Infinity and NaN calls return 0 and do not count", () => {
    // sgd(1), k = 2: two 1s average to 1 → params −1; skipped calls change nothing; two more 1s → −2.
    const opt = multiSteps(sgd({ lr: 1 }), { everyK: 2, shouldSkipUpdate: 'notFinite' });
    const a = arr([0]);
    let state = opt.init(a);
    const call = (g: number, miniStep: number) => {
      const u = arr([g]);
      state = opt.update(u, state, a);
      expect(state.miniStep).toBe(miniStep);
      applyUpdates(a, u);
    };
    call(1, 1);
    call(1, 0);
    expect(elements(a)).toEqual([-1]);
    call(Infinity, 0);
    call(Number.NaN, 0);
    expect(elements(a)).toEqual([-1]);
    call(1, 1);
    call(1, 0);
    expect(elements(a)).toEqual([-2]);
  });
  it('shouldSkipUpdate { maxSquaredNorm: 100 }: Σu² = 121 is skipped, 0 is not', () => {
    const opt = multiSteps(sgd({ lr: 1 }), { everyK: 1, shouldSkipUpdate: { maxSquaredNorm: 100 } });
    const a = arr([0, 0]);
    let state = opt.init(a);
    const big = arr([11, 0]);
    state = opt.update(big, state, a);
    expect(elements(big)).toEqual([0, 0]);
    expect(state.gradientStep).toBe(0);
    const small = arr([3, 4]); // Σu² = 25
    state = opt.update(small, state, a);
    expect(elements(small)).toEqual([-3, -4]);
    expect(state.gradientStep).toBe(1);
    expect(() => multiSteps(sgd(), { everyK: 1, shouldSkipUpdate: 'nan' as never })).toThrow(InvalidArgumentError);
  });
});
