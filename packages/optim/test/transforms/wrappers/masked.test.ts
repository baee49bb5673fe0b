/**
 * masked: the inner transform runs on the selected arrays only (its state is
 * made for them); the others' updates pass through unchanged.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { addDecayedWeights, adamw, chain, masked, momentum, scale, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements, thrown } from '../../helpers.js';

describe('masked', () => {
  it('decays the weights but not the biases (AdamW-style decay, hand-derived)', () => {
    // chain(masked(addDecayedWeights(0.1), w only), sgd(lr 0.5)), params w = [2, −4], b = [3], grads all 1:
    // w: u = 1 + 0.1·w = [1.2, 0.6], step −0.5·u = [−0.6, −0.3];  b: u = 1, step −0.5.
    const opt = chain(masked(addDecayedWeights(0.1), { w: true, b: false }), sgd({ lr: 0.5 }));
    const params = { w: arr([2, -4]), b: arr([3]) };
    const grads = { w: arr([1, 1]), b: arr([1]) };
    const state = opt.update(grads, opt.init(params), params);
    expect(elements(grads.w)[0]).toBeCloseTo(-0.6, 15);
    expect(elements(grads.w)[1]).toBeCloseTo(-0.3, 15);
    expect(elements(grads.b)).toEqual([-0.5]);
    expect(state[0]).toEqual({ kind: 'masked', inner: null });
  });

  it('the inner state covers the selected arrays only, chosen by a function of key and array', () => {
    // momentum on the 2-D arrays: its trace holds w only; b's update passes through untouched.
    const opt = masked(momentum({ lr: 0.1 }), (_key, a) => a.dimension > 1);
    const params = { w: ndarray(new Float64Array(4), [2, 2]), b: arr([0, 0]) };
    const state = opt.init(params);
    expect(Object.keys(state.inner[0].trace)).toEqual(['w']);
    const grads = { w: ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]), b: arr([5, 6]) };
    opt.update(grads, state, params);
    expect(elements(grads.w)).toEqual([-0.1, -0.2, -0.30000000000000004, -0.4]);
    expect(elements(grads.b)).toEqual([5, 6]);
    expect(state.inner[0].trace).toEqual({ w: [1, 2, 3, 4] });
    expect(stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))))).toEqual(state);
  });

  it('agrees with the same transform on the selected sub-record, on strided views', () => {
    const buffer = Float64Array.from([9, 1, 9, 2, 9, 3]);
    const w = ndarray(buffer, [3], [2], 1); // [1, 2, 3] at odd slots
    const params = { w: arr([1, 1, 1]), b: arr([1]) };
    const opt = masked(adamw({ lr: 0.1, weightDecay: 0.01 }), { w: true, b: false });
    const reference = adamw({ lr: 0.1, weightDecay: 0.01 });
    const alone = arr([1, 2, 3]);
    opt.update({ w, b: arr([4]) }, opt.init(params), params);
    reference.update({ w: alone }, reference.init({ w: params.w }), { w: params.w });
    expect(elements(w)).toEqual(elements(alone));
    expect(Array.from(buffer).filter((_, i) => i % 2 === 0)).toEqual([9, 9, 9]);
  });

  it('refuses one NdArray, a mask with other keys, and a mask function returning a non-boolean', () => {
    const opt = masked(scale(2), { w: true });
    expect(() => opt.init(arr([1]))).toThrow(InvalidArgumentError);
    expect(() => opt.init(arr([1]))).toThrow(/the params are one NdArray, but mask chooses arrays by key/);
    expect(() => opt.init({ w: arr([1]), b: arr([1]) })).toThrow("masked: the params have key 'b' but mask does not; give mask exactly the keys of the params.");
    expect(() => opt.init({ v: arr([1]) })).toThrow("masked: mask has key 'w' but the params do not");
    const bad = masked(scale(2), () => 'yes' as never);
    expect(thrown(() => bad.init({ w: arr([1]) })).message).toBe(`masked: mask gives 'w' the label "yes", which is not true or false.`);
    expect(() => masked(scale(2), { w: 1 } as never)).toThrow('masked: mask.w must be true or false, got number 1.');
    expect(() => masked(null as never, { w: true })).toThrow(InvalidArgumentError);
  });

  it('params and updates of different structures fail before anything is written', () => {
    const opt = chain(scale(3), masked(scale(2), { w: true }));
    const params = { w: arr([1]) };
    const state = opt.init(params);
    const g = { w: arr([1]) };
    // The chain, the transform called, checks updates against params before any of its parts (transform-updates-fit-params.test.ts).
    expect(() => opt.update(g, state, { v: arr([1]) })).toThrow("chain: params has key 'v' but updates does not");
    expect(elements(g.w)).toEqual([1]);
  });
});
