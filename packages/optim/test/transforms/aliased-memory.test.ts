/**
 * Arrays written in place must give each element its own memory. A stride-0
 * broadcast or overlapping strides ([2, 2] with strides [1, 1]) would make one
 * write change several elements, and two params over the same bytes would
 * update each other: every optimizer's init (params) and update (the updates it
 * rewrites), applyUpdates and train refuse them before writing anything, with
 * AliasedMemoryError / OverlappingMemoryError naming the array. minimize only
 * reads x0 (it copies it into its own buffer), so an aliased x0 is accepted.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { AliasedMemoryError, OverlappingMemoryError } from '@descent/core';
import { applyUpdates, gradientDescent, minimize, train } from '@descent/optim';
import { arr, elements, thrown } from '../helpers.js';
import { OPTIMIZERS } from './optimizers.js';
import { line, mse } from '../train/train-fixtures.js';

/** One slot seen three times: a broadcast of the value 2. */
const broadcast = (): ReturnType<typeof arr> => ndarray(Float64Array.of(2), [3], [0]);
/** [2, 2] with strides [1, 1]: elements [0, 1] and [1, 0] are the same slot. */
const overlapping = (): ReturnType<typeof arr> => ndarray(new Float64Array([1, 2, 3]), [2, 2], [1, 1]);

describe.each(Object.keys(OPTIMIZERS))('%s', (name) => {
  it('init refuses a broadcast and an overlapping view, naming the axes', () => {
    const opt = OPTIMIZERS[name]!();
    const error = thrown(() => opt.init({ w: broadcast() }));
    expect(error).toBeInstanceOf(AliasedMemoryError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'ALIASED_MEMORY', array: 'params.w', axes: [0] });
    expect(error.message).toMatch(/params\.w aliases its own memory: axis 0 has stride 0 \(a broadcast\).*Copy it into its own storage first/);
    expect(thrown(() => opt.init(overlapping()))).toMatchObject({ code: 'ALIASED_MEMORY', array: 'params', axes: [0, 1] });
  });

  it('init refuses params that share memory, and accepts disjoint or interleaved views of one buffer', () => {
    const opt = OPTIMIZERS[name]!();
    const buffer = new Float64Array(4);
    const error = thrown(() => opt.init({ a: ndarray(buffer, [3]), b: ndarray(buffer.subarray(2), [2]) }));
    expect(error).toBeInstanceOf(OverlappingMemoryError);
    expect(error).toMatchObject({ code: 'OVERLAPPING_MEMORY', array: 'params.a', other: 'params.b' });
    expect(() => opt.init({ a: ndarray(buffer, [2]), b: ndarray(buffer, [2], [1], 2) })).not.toThrow();
    expect(() => opt.init({ even: ndarray(buffer, [2], [2], 0), odd: ndarray(buffer, [2], [2], 1) })).not.toThrow();
  });

  it('update refuses aliased gradients before writing anything', () => {
    const opt = OPTIMIZERS[name]!();
    const params = { a: arr([1, 2]), b: arr([1, 2, 3]) };
    const state = opt.init(params);
    const before = JSON.stringify(state);
    const grads = { a: arr([5, 6]), b: broadcast() };
    expect(thrown(() => opt.update(grads, state, params))).toMatchObject({ code: 'ALIASED_MEMORY', array: 'updates.b', axes: [0] });
    expect(elements(grads.a)).toEqual([5, 6]);
    expect(JSON.stringify(state)).toBe(before);
  });
});

describe('applyUpdates', () => {
  it('refuses aliased params and params overlapping the updates, modifying nothing', () => {
    expect(thrown(() => applyUpdates(broadcast(), arr([1, 1, 1])))).toBeInstanceOf(AliasedMemoryError);
    const data = new Float64Array([1, 2, 3]);
    const params = ndarray(data, [2]);
    const error = thrown(() => applyUpdates(params, ndarray(data.subarray(1), [2])));
    expect(error).toBeInstanceOf(OverlappingMemoryError);
    expect(error).toMatchObject({ array: 'params', other: 'updates' });
    expect(Array.from(data)).toEqual([1, 2, 3]);
  });
  it('reads a broadcast step: params + 0.5 everywhere', () => {
    const params = arr([1, 2, 3]);
    applyUpdates(params, ndarray(Float64Array.of(0.5), [3], [0]));
    expect(elements(params)).toEqual([1.5, 2.5, 3.5]);
  });
});

describe('train', () => {
  function attempt(params: Record<string, ReturnType<typeof arr>>, data = line(4)): Error {
    let calls = 0;
    const error = thrown(() =>
      train({ params, loss: (p, b) => (calls++, mse(p, b)), data, batchSize: 2, epochs: 1, optimizer: OPTIMIZERS['sgd']!(), seed: 1, progress: false }),
    );
    expect(calls).toBe(0);
    return error;
  }
  it('refuses aliased params before the loss runs', () => {
    expect(attempt({ w: ndarray(Float64Array.of(0), [1]), b: broadcast() })).toMatchObject({ code: 'ALIASED_MEMORY', array: 'params.b' });
    expect(attempt({ w: ndarray(Float64Array.of(0), [1]), b: broadcast() }).message).toMatch(/^train: params\.b aliases its own memory/);
  });
  it('refuses params sharing memory with each other or with the data', () => {
    const buffer = new Float64Array(3);
    expect(attempt({ w: ndarray(buffer, [1], [1], 1), b: ndarray(buffer, [2]) })).toMatchObject({ code: 'OVERLAPPING_MEMORY', array: 'params.w', other: 'params.b' });
    const data = line(4);
    const error = attempt({ w: ndarray(data.targets.data as Float64Array, [1]), b: arr([0]) }, data);
    expect(error).toBeInstanceOf(OverlappingMemoryError);
    expect(error).toMatchObject({ array: 'params.w', other: 'data.targets' });
    expect(error.message).toMatch(/^train: params\.w shares memory with data\.targets/);
  });
});

describe('minimize and gradientDescent only read their start: an aliased start is accepted', () => {
  it('minimize from a broadcast of 2 (three elements) runs like from [2, 2, 2], and leaves it as it was', () => {
    const f = (x: ReturnType<typeof arr>): number => x.get(0) ** 2 + 2 * x.get(1) ** 2 + 3 * x.get(2) ** 2;
    const x0 = broadcast();
    const fromView = minimize(f, x0);
    const fromCopy = minimize(f, arr([2, 2, 2]));
    expect(Array.from(fromView.x.data)).toEqual(Array.from(fromCopy.x.data));
    expect(fromView.iterations).toBe(fromCopy.iterations);
    expect(fromView.reason).toBe('gradTol');
    expect(Array.from(x0.data as Float64Array)).toEqual([2]);
  });
  it('gradientDescent from a broadcast gives the points of the copy', () => {
    const f = (x: ReturnType<typeof arr>): number => x.get(0) ** 2 + x.get(1) ** 2;
    const view = gradientDescent(f, ndarray(Float64Array.of(3), [2], [0]), { lr: 0.1, stepNum: 5, gradient: { h: 1e-4 } });
    const copy = gradientDescent(f, arr([3, 3]), { lr: 0.1, stepNum: 5, gradient: { h: 1e-4 } });
    expect(view.history).toEqual(copy.history);
  });
});
