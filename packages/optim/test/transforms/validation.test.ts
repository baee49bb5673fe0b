/**
 * Bad input fails loudly, before anything is modified, with a message that
 * names the problem and the fix: params/updates structure mismatches (keys,
 * shapes), state made for other params, state of the wrong kind, and
 * non-finite or out-of-range hyperparameters (RangeError).
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, InvalidStateError } from '@descent/core';
import {
  adagrad,
  adam,
  adamw,
  addDecayedWeights,
  applyUpdates,
  chain,
  clip,
  clipByGlobalNorm,
  momentum,
  nesterov,
  rmsprop,
  scale,
  scaleByAdam,
  scaleByLearningRate,
  scaleByRms,
  scaleByRss,
  sgd,
  trace,
} from '@descent/optim';
import { arr, elements } from '../helpers.js';
import { OPTIMIZERS } from './optimizers.js';

describe('params/updates structure mismatch', () => {
  it('applyUpdates names the key and both shapes, and modifies nothing', () => {
    const params = { w: arr([1, 2, 3, 4, 5, 6], [2, 3]), b: arr([1]) };
    const updates = { w: arr([1, 1, 1, 1, 1, 1], [3, 2]), b: arr([1]) };
    expect(() => applyUpdates(params, updates)).toThrow(InvalidArgumentError);
    expect(() => applyUpdates(params, updates)).toThrow(
      "applyUpdates: key 'w' has shape [3, 2] in updates but [2, 3] in params; they must have the same shape.",
    );
    expect(elements(params.b)).toEqual([1]);
  });
  it('applyUpdates names a missing or extra key', () => {
    const params = { w: arr([1]), b: arr([2]) };
    expect(() => applyUpdates(params, { w: arr([1]) })).toThrow("applyUpdates: params has key 'b' but updates does not");
    expect(() => applyUpdates(params, { w: arr([1]), b: arr([1]), c: arr([1]) })).toThrow(
      "applyUpdates: updates has key 'c' but params does not",
    );
  });
  it('applyUpdates rejects one array against a record, and single arrays of different shapes', () => {
    expect(() => applyUpdates(arr([1, 2]), { w: arr([1, 2]) })).toThrow(/updates is a record but params is an NdArray of shape \[2\]/);
    expect(() => applyUpdates(arr([1, 2]), arr([1, 2, 3]))).toThrow('applyUpdates: updates has shape [3] but params has shape [2]');
  });
  it('a transform reading params (addDecayedWeights, so adamw) checks them against the updates', () => {
    // Every transform now checks updates against params first (transform-updates-fit-params.test.ts): the message names
    // adamw, the transform called, rather than the addDecayedWeights inside it.
    const opt = adamw();
    const state = opt.init({ w: arr([1, 2]) });
    expect(() => opt.update({ w: arr([1, 2]) }, state, { v: arr([1, 2]) })).toThrow(
      "adamw: params has key 'v' but updates does not",
    );
  });
});

describe('state made for other params', () => {
  it.each(Object.keys(OPTIMIZERS))('%s says to call init with these params, and changes nothing', (name) => {
    const opt = OPTIMIZERS[name]!();
    const state = opt.init({ w: arr([1, 2, 3]) });
    const before = JSON.stringify(state);
    const grads = { w: arr([1, 2]) };
    const params = { w: arr([0, 0]) };
    // sgd has no per-parameter state, so a different length is fine for it
    if (name === 'sgd') {
      expect(() => opt.update(grads, state, params)).not.toThrow();
      return;
    }
    expect(() => opt.update(grads, state, params)).toThrow(InvalidStateError);
    expect(() => opt.update(grads, state, params)).toThrow(
      /state\.\w+ does not match these params \(key 'w' holds 3 values but the array of shape \[2\] has 2\).*call init\(params\) with these params/,
    );
    expect(JSON.stringify(state)).toBe(before);
    expect(elements(grads.w)).toEqual([1, 2]);
  });
  it('a record state for a single array, a missing key and an extra key are named', () => {
    const opt = adam();
    expect(() => opt.update(arr([1]), opt.init({ w: arr([1]) }), arr([1]))).toThrow(
      /state\.mu does not match these params \(it is a record but the params are one NdArray\)/,
    );
    const state = opt.init({ w: arr([1]), b: arr([1]) });
    expect(() => opt.update({ w: arr([1]) }, state, { w: arr([1]) })).toThrow(/it has a buffer for key 'b' that the params do not have/);
    const small = opt.init({ w: arr([1]) });
    expect(() => opt.update({ w: arr([1]), b: arr([1]) }, small, { w: arr([1]), b: arr([1]) })).toThrow(
      /it has no buffer for key 'b'/,
    );
  });
  it('chain rejects a state that is not one state per transform', () => {
    const opt = chain(clip(1), sgd());
    expect(() => opt.update(arr([1]), [null] as never, arr([1]))).toThrow(InvalidStateError);
    expect(() => opt.update(arr([1]), [null] as never, arr([1]))).toThrow(
      /chain: state must be an array of 2 states \(one per transform\), got an array of 1/,
    );
  });
  it('a state of the wrong kind is a TypeError naming the transform', () => {
    expect(() => scaleByLearningRate(0.1).update(arr([1]), null as never, arr([1]))).toThrow(InvalidStateError);
    expect(() => scaleByAdam().update(arr([1]), { kind: 'scaleByAdam', count: -1, mu: [0], nu: [0] }, arr([1]))).toThrow(
      /scaleByAdam: state.count must be an integer ≥ 0, got -1/,
    );
  });
});

describe('array storage', () => {
  it('a get/set "generic" storage is a TypeError saying what to use, before any array is touched', () => {
    const values = [1, 2];
    const generic = ndarray({ get: (i: number) => values[i]!, set: (i: number, v: number) => void (values[i] = v), length: 2 }, [2]);
    const params = { a: arr([1, 2]), b: arr([1, 2]) };
    const grads = { a: arr([1, 2]), b: generic };
    const opt = adam();
    const state = opt.init(params);
    expect(() => opt.update(grads, state, params)).toThrow(/adam: the array's data must be a JS array or a typed array.*wrap a Float64Array/);
    expect(elements(grads.a)).toEqual([1, 2]);
    expect(values).toEqual([1, 2]);
  });
});

describe('hyperparameters', () => {
  const bad = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  it.each(bad)('a learning rate of %s is a RangeError for every optimizer', (lr) => {
    for (const make of [sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw]) {
      expect(() => make({ lr })).toThrow(ArgumentRangeError);
    }
    expect(() => scaleByLearningRate(lr)).toThrow(ArgumentRangeError);
  });
  it('messages name the function, the option, the value and the fix', () => {
    expect(() => adam({ beta1: 1 })).toThrow('adam: beta1 must be a finite number in [0, 1), got 1; the default is 0.9.');
    expect(() => sgd({ lr: -0.1 })).toThrow(/sgd: lr must be a finite number ≥ 0, got -0.1; the default is 0.01, or pass a schedule/);
    expect(() => momentum({ momentum: Number.NaN })).toThrow('momentum: momentum must be a finite number in [0, 1), got NaN');
    expect(() => nesterov({ momentum: 1.5 })).toThrow('nesterov: momentum must be a finite number in [0, 1), got 1.5');
    expect(() => rmsprop({ decay: -0.1 })).toThrow('rmsprop: decay must be a finite number in [0, 1), got -0.1');
    expect(() => adagrad({ eps: Number.NaN })).toThrow('adagrad: eps must be a finite number ≥ 0, got NaN');
    expect(() => adamw({ weightDecay: Number.POSITIVE_INFINITY })).toThrow('adamw: weightDecay must be a finite number ≥ 0, got Infinity');
  });
  it('building blocks reject non-finite or out-of-range values', () => {
    expect(() => scale(Number.NaN)).toThrow(ArgumentRangeError);
    expect(() => trace({ decay: 1 })).toThrow(ArgumentRangeError);
    expect(() => scaleByRss({ eps: -1 })).toThrow(ArgumentRangeError);
    expect(() => scaleByRms({ decay: Number.NaN })).toThrow(ArgumentRangeError);
    expect(() => scaleByAdam({ beta2: Number.POSITIVE_INFINITY })).toThrow(ArgumentRangeError);
    expect(() => addDecayedWeights(Number.NaN)).toThrow(ArgumentRangeError);
    expect(() => clipByGlobalNorm(0)).toThrow('clipByGlobalNorm: maxNorm must be a finite number > 0, got 0');
    expect(() => clip(-1)).toThrow(ArgumentRangeError);
  });
  it('a value of the wrong type is a TypeError', () => {
    expect(() => adam({ lr: '0.1' as never })).toThrow(InvalidArgumentError);
    expect(() => trace({ nesterov: 'yes' as never })).toThrow('trace: nesterov must be true or false, got the string "yes"; the default is false.');
  });
});
