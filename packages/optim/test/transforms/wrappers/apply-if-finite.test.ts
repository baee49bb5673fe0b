/**
 * applyIfFinite: a non-finite update is skipped (zeroed, inner state kept),
 * counted, and after maxConsecutiveErrors skips in a row passed through, as
 * optax's apply_if_finite does.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, InvalidStateError } from '@descent/core';
import { applyIfFinite, applyUpdates, chain, clip, momentum, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements, thrown } from '../../helpers.js';

describe('applyIfFinite', () => {
  it('skips a NaN step without touching the inner state (hand-derived momentum steps)', () => {
    // momentum lr 0.1, μ 0.9: t ← 0.9·t + g, u = −0.1·t.
    // g = 1: t = 1, u = −0.1, x = 1 − 0.1 = 0.9.
    // g = NaN: skipped — u = 0, t stays 1, x stays 0.9.
    // g = 2: t = 0.9·1 + 2 = 2.9, u = −0.29, x = 0.9 − 0.29 = 0.61.
    const opt = applyIfFinite(momentum({ lr: 0.1, momentum: 0.9 }), { maxConsecutiveErrors: 2 });
    const x = arr([1]);
    let state = opt.init(x);
    const g = arr([1]);
    state = opt.update(g, state, x);
    applyUpdates(x, g);
    expect(elements(x)[0]).toBeCloseTo(0.9, 15);
    g.set(0, Number.NaN);
    state = opt.update(g, state, x);
    expect(elements(g)).toEqual([0]);
    applyUpdates(x, g);
    expect(state).toMatchObject({ kind: 'applyIfFinite', consecutiveErrors: 1, totalErrors: 1, lastFinite: false });
    expect(state.inner[0].trace).toEqual([1]);
    g.set(0, 2);
    state = opt.update(g, state, x);
    applyUpdates(x, g);
    expect(elements(g)[0]).toBeCloseTo(-0.29, 15);
    expect(elements(x)[0]).toBeCloseTo(0.61, 15);
    expect(state).toMatchObject({ consecutiveErrors: 0, totalErrors: 1, lastFinite: true });
    expect(state.inner[1].count).toBe(2);
  });

  it('gives up after maxConsecutiveErrors skips in a row: the next non-finite update passes through', () => {
    const opt = applyIfFinite(sgd({ lr: 0.1 }), { maxConsecutiveErrors: 2 });
    const x = arr([1, 2]);
    let state = opt.init(x);
    const seen: number[][] = [];
    for (let i = 0; i < 3; i++) {
      const g = arr([Infinity, 1]);
      state = opt.update(g, state, x);
      seen.push(elements(g));
    }
    // Skips 1 and 2 are zeroed; the 3rd (3 > 2 in a row) runs sgd: −0.1·(∞, 1) = (−∞, −0.1).
    expect(seen).toEqual([[0, 0], [0, 0], [-Infinity, -0.1]]);
    expect(state).toMatchObject({ consecutiveErrors: 3, totalErrors: 3, lastFinite: false });
    expect(state.inner[0].count).toBe(1);
  });

  it('maxConsecutiveErrors 0 skips nothing', () => {
    const opt = applyIfFinite(sgd({ lr: 1 }), { maxConsecutiveErrors: 0 });
    const g = arr([Number.NaN]);
    const state = opt.update(g, opt.init(g), arr([0]));
    expect(Number.isNaN(elements(g)[0])).toBe(true);
    expect(state.totalErrors).toBe(1);
  });

  it('tests every array of a record, on strided views: one NaN skips the whole step', () => {
    const buffer = new Float64Array([1, 2, 3, 4, 5, Number.NaN]);
    const w = ndarray(buffer, [3, 2]).transpose(1, 0); // element [1, 2] is buffer[5] = NaN
    const b = arr([7]);
    const opt = applyIfFinite(sgd({ lr: 1 }), { maxConsecutiveErrors: 5 });
    const params = { w: ndarray(new Float64Array(6), [2, 3]), b: arr([0]) };
    const state = opt.update({ w, b }, opt.init(params), params);
    expect(Array.from(buffer)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(elements(b)).toEqual([0]);
    expect(state.consecutiveErrors).toBe(1);
  });

  it('its state is tagged plain data that round-trips through stateToJSON', () => {
    const opt = applyIfFinite(momentum({ lr: 0.1 }), { maxConsecutiveErrors: 1 });
    const x = arr([1]);
    let state = opt.init(x);
    state = opt.update(arr([3]), state, x);
    state = opt.update(arr([Number.NaN]), state, x);
    const resumed = stateFromJSON<typeof state>(JSON.parse(JSON.stringify(stateToJSON(state))));
    expect(resumed).toEqual(state);
    const a = arr([2]);
    const b = arr([2]);
    opt.update(a, state, x);
    opt.update(b, resumed, x);
    expect(elements(a)).toEqual(elements(b));
  });

  it('refuses bad options and bad states with typed errors', () => {
    expect(() => applyIfFinite(sgd(), { maxConsecutiveErrors: -1 })).toThrow(ArgumentRangeError);
    expect(() => applyIfFinite(sgd(), { maxConsecutiveErrors: 1.5 })).toThrow(
      'applyIfFinite: maxConsecutiveErrors must be an integer ≥ 0, got 1.5; it is how many non-finite updates in a row are skipped, e.g. 5.',
    );
    expect(() => applyIfFinite(sgd(), {} as never)).toThrow(InvalidArgumentError);
    expect(() => applyIfFinite(sgd(), {} as never)).toThrow('maxConsecutiveErrors must be an integer ≥ 0, got nothing (the option is missing)');
    expect(() => applyIfFinite({} as never, { maxConsecutiveErrors: 1 })).toThrow(InvalidArgumentError);
    const opt = applyIfFinite(sgd(), { maxConsecutiveErrors: 1 });
    const x = arr([1]);
    const state = opt.init(x);
    const error = thrown(() => opt.update(arr([1]), { ...state, consecutiveErrors: -1 }, x));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ code: 'INVALID_STATE' });
    expect(error.message).toMatch(/^applyIfFinite: state\.consecutiveErrors must be an integer ≥ 0, got -1/);
    expect(() => opt.update(arr([1]), { ...state, kind: 'masked' } as never, x)).toThrow(/made by 'masked' \(its kind\), not by 'applyIfFinite'/);
  });

  it('in a chain, a failing check of the inner transform leaves everything as it was', () => {
    const opt = chain(clip(1), applyIfFinite(sgd({ lr: 1 }), { maxConsecutiveErrors: 1 }));
    const x = arr([0]);
    const state = opt.init(x);
    state[1].inner[0].count = -1; // a corrupt inner state
    const g = arr([5]);
    expect(() => opt.update(g, state, x)).toThrow(/scaleByLearningRate: state\.count must be an integer ≥ 0/);
    expect(elements(g)).toEqual([5]); // clip did not run
    expect(state[1]).toMatchObject({ consecutiveErrors: 0, totalErrors: 0 });
  });
});
