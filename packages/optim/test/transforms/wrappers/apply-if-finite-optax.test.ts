/**
 * applyIfFinite against optax's test_apply_if_finite (max 2 consecutive
 * errors, sgd(1) on f(p) = p·x from p = 0, so g = x): one finite step to −1,
 * two NaN steps rejected (params stay, the count goes 1, 2), a finite step to
 * −2 (count back to 0), two more rejected, and the third NaN in a row passes
 * through to the params; 5 non-finite updates in total. optax's
 * notfinite_count, total_notfinite and last_finite are consecutiveErrors,
 * totalErrors and lastFinite here.
 */
import { describe, expect, it } from 'vitest';
import { applyIfFinite, applyUpdates, sgd } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe.each([
  ['sgd(1)', () => sgd({ lr: 1 })],
  ['stateful sgd(1, momentum 0)', () => sgd({ lr: 1, momentum: 0 })],
])('applyIfFinite(%s, 2) (optax)', (_name, make) => {
  it('rejects two NaN updates in a row, accepts the third', () => {
    const opt = applyIfFinite(make(), { maxConsecutiveErrors: 2 });
    const p = arr([0]);
    let state = opt.init(p);
    const stepWith = (x: number) => {
      const g = arr([x]);
      state = opt.update(g, state, p);
      applyUpdates(p, g);
    };
    stepWith(1);
    expect(elements(p)).toEqual([-1]);
    expect(state.lastFinite).toBe(true);
    for (const count of [1, 2]) {
      stepWith(Number.NaN);
      expect(elements(p)).toEqual([-1]);
      expect(state.lastFinite).toBe(false);
      expect(state.consecutiveErrors).toBe(count);
    }
    stepWith(1);
    expect(elements(p)).toEqual([-2]);
    expect(state.lastFinite).toBe(true);
    for (const count of [1, 2]) {
      stepWith(Number.NaN);
      expect(elements(p)).toEqual([-2]);
      expect(state.consecutiveErrors).toBe(count);
    }
    stepWith(Number.NaN);
    expect(Number.isNaN(elements(p)[0])).toBe(true);
    expect(state.totalErrors).toBe(5);
  });
});
