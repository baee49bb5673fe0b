/**
 * A record of params with its own key '__proto__' (made by Object.fromEntries,
 * JSON.parse or Object.defineProperty) is refused with an InvalidArgumentError
 * naming the key and the fix, before anything is written. Every transform
 * builds its state and sub-records with `record[key] = …`, which for
 * '__proto__' sets the prototype: on main adam's update then blamed the state
 * ("state.mu … has no buffer for key '__proto__'; the state was made for
 * other params") although init had just made it from these very params,
 * masked and multiTransform crashed with a bare TypeError, treeZerosLike
 * returned a record without the key whose prototype was the array, and train
 * failed under the name of treeZerosLike.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { adam, applyUpdates, chain, clipByGlobalNorm, masked, multiTransform, sgd, treeZerosLike, type GradientTransformation } from '@descent/optim';
import { expectInvalidArgument, trainCounting } from '../helpers.js';

/** { __proto__: [1, 2], w: [3] } with '__proto__' as an own key (an object literal would set the prototype instead). */
function protoRecord(values: [number, number, number] = [1, 2, 3]): Record<string, NdArray> {
  return Object.fromEntries([
    ['__proto__', ndarray(Float64Array.of(values[0], values[1]))],
    ['w', ndarray(Float64Array.of(values[2]))],
  ]);
}

/** The refusal of a record with an own '__proto__' key, from `where`, naming the record. */
function expectRefused(call: () => unknown, where: string, name: string): void {
  expectInvalidArgument(call, new RegExp(`^${where}: ${name} has the key '__proto__', which a JavaScript record cannot carry over .*; rename it, e\\.g\\. to 'proto'\\.$`));
}

const TRANSFORMS: Record<string, () => GradientTransformation<unknown>> = {
  adam: () => adam({ lr: 0.1 }),
  'chain(clipByGlobalNorm, sgd)': () => chain(clipByGlobalNorm(1), sgd({ lr: 0.1 })),
  masked: () => masked(adam({ lr: 0.1 }), () => true),
  multiTransform: () => multiTransform({ a: sgd({ lr: 0.1 }) }, () => 'a'),
};

describe("params with an own '__proto__' key", () => {
  it.each(Object.keys(TRANSFORMS))('%s: init refuses them', (name) => {
    const where = name.startsWith('chain') ? 'chain' : name;
    expectRefused(() => TRANSFORMS[name]!().init(protoRecord()), where, 'params');
  });
  it('update refuses updates with the key (params fine), nothing written', () => {
    const params = { a: ndarray(Float64Array.of(1, 2)), w: ndarray(Float64Array.of(3)) };
    const opt = sgd({ lr: 0.1 });
    const state = opt.init(params);
    const updates = protoRecord([5, 6, 7]);
    expect(() => opt.update(updates, state, params)).toThrow(InvalidArgumentError);
    expect(Array.from(updates['__proto__']!.data as Float64Array)).toEqual([5, 6]);
    expect(Array.from(updates['w']!.data as Float64Array)).toEqual([7]);
  });
  it('applyUpdates and treeZerosLike refuse them; params unchanged', () => {
    const params = protoRecord();
    expectRefused(() => applyUpdates(params, protoRecord([1, 1, 1])), 'applyUpdates', 'updates');
    expect(Array.from(params['__proto__']!.data as Float64Array)).toEqual([1, 2]);
    expect(Array.from(params['w']!.data as Float64Array)).toEqual([3]);
    expectRefused(() => treeZerosLike(params), 'treeZerosLike', 'the tree');
  });
  it('train refuses them under its own name, before the loss runs', () => {
    const training = trainCounting(protoRecord());
    expectRefused(training.run, 'train', 'params');
    expect(training.calls()).toBe(0);
  });
});
