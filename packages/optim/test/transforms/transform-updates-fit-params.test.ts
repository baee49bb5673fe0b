/**
 * Every transform's update refuses updates whose structure differs from the
 * params' (record keys, ndarray shapes) when params are given — with an
 * InvalidArgumentError naming the transform and the key or shapes — before
 * anything is modified (updates and state unchanged). Without params
 * (undefined, as optax allows) a transform that does not read them still runs.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import {
  addDecayedWeights,
  chain,
  clip,
  clipByGlobalNorm,
  masked,
  multiTransform,
  reduceOnPlateau,
  scale,
  scaleByAdam,
  scaleByLearningRate,
  scaleByRms,
  scaleByRss,
  sgd,
  trace,
  type GradientTransformation,
} from '@descent/optim';
import { arr, elements } from '../helpers.js';
import { OPTIMIZERS } from './optimizers.js';

const TRANSFORMS: Record<string, () => GradientTransformation<any>> = {
  ...OPTIMIZERS,
  'scale(2)': () => scale(2),
  'clip(1)': () => clip(1),
  'clipByGlobalNorm(1)': () => clipByGlobalNorm(1),
  'scaleByLearningRate(0.1)': () => scaleByLearningRate(0.1),
  'trace(0.9)': () => trace({ decay: 0.9 }),
  scaleByAdam: () => scaleByAdam(),
  scaleByRms: () => scaleByRms(),
  scaleByRss: () => scaleByRss(),
  'addDecayedWeights(0.1)': () => addDecayedWeights(0.1),
  'masked(sgd, { w: true, b: false })': () => masked(sgd({ lr: 0.1 }), { w: true, b: false }),
  'chain(scale(2), sgd)': () => chain(scale(2), sgd({ lr: 0.1 })),
  'multiTransform({ fast: sgd, frozen: scale(0) })': () => multiTransform({ fast: sgd({ lr: 0.1 }), frozen: scale(0) }, { w: 'fast', b: 'frozen' }),
  'reduceOnPlateau()': () => reduceOnPlateau(),
};

const params = () => ({ w: arr([1, 2, 3]), b: arr([4]) });
const extras = { value: 1 };

/** update must throw `message` and leave the updates and the state as they were. */
function expectRefused(make: () => GradientTransformation<any>, updates: Record<string, NdArray>, message: RegExp): void {
  const opt = make();
  const state = opt.init(params());
  const stateBefore = JSON.stringify(state);
  const before = Object.fromEntries(Object.entries(updates).map(([k, a]) => [k, elements(a)]));
  let error: unknown;
  try {
    opt.update(updates, state, params(), extras);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as Error).message).toMatch(message);
  expect(JSON.stringify(state)).toBe(stateBefore);
  for (const [k, a] of Object.entries(updates)) expect(elements(a)).toEqual(before[k]);
}

describe('every transform refuses updates that do not fit the params', () => {
  it.each(Object.keys(TRANSFORMS))('%s: a missing key, an extra key, a different shape', (name) => {
    const make = TRANSFORMS[name]!;
    expectRefused(make, { w: arr([1, 1, 1]) }, /^\w+: params has key 'b' but updates does not; give updates exactly the keys of params\.$/);
    expectRefused(make, { w: arr([1, 1, 1]), b: arr([1]), c: arr([1]) }, /^\w+: updates has key 'c' but params does not/);
    // Same size, other shape: [3] vs [1, 3].
    expectRefused(make, { w: ndarray(new Float64Array([1, 1, 1]), [1, 3]), b: arr([1]) }, /^\w+: key 'w' has shape \[1, 3\] in updates but \[3\] in params; they must have the same shape\.$/);
  });

  it('the message names the transform called: sgd, scale, clip', () => {
    const u = () => ({ w: arr([1, 1, 1]) });
    expectRefused(() => sgd({ lr: 0.1 }), u(), /^sgd: params has key 'b'/);
    expectRefused(() => scale(2), u(), /^scale: params has key 'b'/);
    expectRefused(() => clip(1), u(), /^clip: params has key 'b'/);
    expectRefused(() => reduceOnPlateau(), u(), /^reduceOnPlateau: params has key 'b'/);
  });

  it('one NdArray for a record of params is refused too', () => {
    const opt = sgd({ lr: 0.5 });
    const g = arr([2, 2, 2]);
    expect(() => opt.update(g, opt.init(params()), params())).toThrow(/^sgd: updates is an NdArray of shape \[3\] but params is a record/);
    expect(elements(g)).toEqual([2, 2, 2]);
  });

  it('fitting updates pass: sgd lr 0.5 on g = (2, 2, 2), (4) gives (−1, −1, −1), (−2)', () => {
    const opt = sgd({ lr: 0.5 });
    const g = { w: arr([2, 2, 2]), b: arr([4]) };
    opt.update(g, opt.init(params()), params());
    expect(elements(g.w)).toEqual([-1, -1, -1]);
    expect(elements(g.b)).toEqual([-2]);
  });

  it('without params (undefined) a stateless transform that does not read them still runs: scale(3) on (1, 2) → (3, 6)', () => {
    const opt = scale(3);
    const g = { w: arr([1, 2]) };
    opt.update(g, null, undefined as never);
    expect(elements(g.w)).toEqual([3, 6]);
  });
});
