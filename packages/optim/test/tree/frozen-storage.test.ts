/**
 * Arrays written in place — updates, params — over a frozen plain Array
 * (Object.freeze) are refused with an InvalidArgumentError naming the array,
 * before anything is written; in a chain, no state or other array changes.
 * On main the first write threw a bare TypeError ("Cannot assign to read only
 * property '0'"), and in a chain the transforms before the failing write had
 * already advanced their states (adam's count and moments).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { adam, applyUpdates, chain, clip, sgd, stateToJSON } from '@descent/optim';
import { expectInvalidArgument, trainCounting } from '../helpers.js';

const frozen = (): NdArray => ndarray(Object.freeze([1, 2, 3]) as unknown as number[], [3]);

describe('frozen storage written in place', () => {
  it('chain(adam, clip) with frozen updates.b: refused, state and updates.a untouched', () => {
    const params = { a: ndarray(Float64Array.of(0.5, -0.5)), b: ndarray(Float64Array.of(1, 2, 3)) };
    const opt = chain(adam({ lr: 0.1 }), clip(1));
    const state = opt.init(params);
    const before = JSON.stringify(stateToJSON(state));
    const updates = { a: ndarray(Float64Array.of(0.25, -4)), b: frozen() };
    expectInvalidArgument(() => opt.update(updates, state, params), /^chain: updates\.b is stored in a frozen Array, which cannot be written in place; pass an array that can be written/);
    expect(JSON.stringify(stateToJSON(state))).toBe(before);
    expect(Array.from(updates.a.data as Float64Array)).toEqual([0.25, -4]);
  });
  it('sgd: frozen updates refused under its own name', () => {
    const params = { w: ndarray(Float64Array.of(1, 2, 3)) };
    const opt = sgd({ lr: 0.1 });
    expectInvalidArgument(() => opt.update({ w: frozen() }, opt.init(params), params), /^sgd: updates\.w is stored in a frozen Array/);
  });
  it('applyUpdates: frozen params refused, updates untouched', () => {
    const updates = { w: ndarray(Float64Array.of(1, 1, 1)) };
    expectInvalidArgument(() => applyUpdates({ w: frozen() }, updates), /^applyUpdates: params\.w is stored in a frozen Array/);
    expect(Array.from(updates.w.data as Float64Array)).toEqual([1, 1, 1]);
  });
  it('train: frozen params refused under train’s name before the loss runs', () => {
    const training = trainCounting({ w: frozen() });
    expectInvalidArgument(training.run, /^train: params\.w is stored in a frozen Array/);
    expect(training.calls()).toBe(0);
  });
});
