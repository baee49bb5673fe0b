/**
 * chain's promise holds for every new transform: when a check fails —
 * before it in the chain, or its own (a state of another kind) — the chain
 * throws with the updates and every state untouched.
 */
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '@descent/core';
import { chain, defineTransform, scale, stateToJSON, type Params } from '@descent/optim';
import { arr, elements } from '../../helpers.js';
import { NEW_TRANSFORMS } from './new-transforms.js';

const failing = defineTransform<null, void>({
  name: 'failing',
  init: () => null,
  check() {
    throw new RangeError('failing: the last check fails');
  },
  apply: () => null,
});

function model(): { w: ReturnType<typeof arr>; b: ReturnType<typeof arr> } {
  return { w: arr([0.5, -0.25, 1, 0, 0.75, -1], [2, 3]), b: arr([0.1, 0.2, -0.3]) };
}

describe.each(Object.keys(NEW_TRANSFORMS))('%s', (name) => {
  it('a failing check after it in a chain: its apply never ran', () => {
    const t = NEW_TRANSFORMS[name]!();
    const opt = chain(t, failing);
    const params = model();
    const state = opt.init(params);
    state[0] = t.update({ w: arr([1, 2, 3, 4, 5, 6], [2, 3]), b: arr([1, 2, 3]) }, state[0], params, { value: 1 }); // one step in
    const before = JSON.stringify(stateToJSON(state));
    const g = { w: arr([1, 1, 1, 1, 1, 1], [2, 3]), b: arr([Number.NaN, 1, 1]) };
    expect(() => opt.update(g, state, params, { value: 1 })).toThrow('failing: the last check fails');
    expect(JSON.stringify(stateToJSON(state))).toBe(before);
    expect([elements(g.w), elements(g.b).slice(1)]).toEqual([[1, 1, 1, 1, 1, 1], [1, 1]]);
  });

  it('its own check refusing a state of another kind: the transform before it did not run', () => {
    const opt = chain(scale(2), NEW_TRANSFORMS[name]!());
    const params = model();
    const g = { w: arr([1, 1, 1, 1, 1, 1], [2, 3]), b: arr([1, 1, 1]) };
    expect(() => opt.update(g, [null, { kind: 'bogus' }] as never, params as Params, { value: 1 })).toThrow(InvalidStateError);
    expect(elements(g.w)).toEqual([1, 1, 1, 1, 1, 1]);
  });
});
