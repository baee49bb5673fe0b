/**
 * lookahead against optax's lookahead_test: a fast optimizer u = s·g
 * (`scale(s)`), grads { x: 2, y: −2 }, params { x: 3, y: −3 }; optax's slow
 * params are `state.slow` here.
 */
import { describe, expect, it } from 'vitest';
import { applyUpdates, lookahead, momentum, scale, type GradientTransformation } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

/** The slow weights of a lookahead state for { x, y }. */
const slowOf = (state: { slow: unknown }) => state.slow as Record<'x' | 'y', number[]>;

function loop<S>(opt: GradientTransformation<S>, steps: number) {
  const params = { x: arr([3]), y: arr([-3]) };
  let state = opt.init(params);
  for (let i = 0; i < steps; i++) {
    const g = { x: arr([2]), y: arr([-2]) };
    state = opt.update(g, state, params);
    applyUpdates(params, g);
  }
  return { params, state };
}

describe('lookahead (optax lookahead_test)', () => {
  it('sync period 3, α 1/3: x goes 3 → 2 → 1 → 2 (sync) → 1 → 0 → 1 (sync); slow ends at (1, −1)', () => {
    const { state, params } = loop(lookahead(scale(-0.5), { syncPeriod: 3, slowStepSize: 1 / 3 }), 6);
    expect(slowOf(state).x[0]).toBeCloseTo(1, 15);
    expect(slowOf(state).y[0]).toBeCloseTo(-1, 15);
    expect(elements(params.x)[0]).toBeCloseTo(1, 15);
  });
  it.each([
    [1, 0.5, 1],
    [1, 0, 3],
    [1, 1, -1],
    [2, 1, -1],
  ])('edge case sync period %d, α %d: slow x after 2 steps of u = −g is %d', (syncPeriod, slowStepSize, x) => {
    const { state } = loop(lookahead(scale(-1), { syncPeriod, slowStepSize }), 2);
    expect(slowOf(state).x[0]).toBeCloseTo(x, 15);
    expect(slowOf(state).y[0]).toBeCloseTo(-x, 15);
  });
  it.each([false, true])('resetState %s: the fast state after a sync is init’s, or the fast optimizer’s own', (resetState) => {
    const fast = () => momentum({ lr: 0.5, momentum: 0.9 });
    const { state } = loop(lookahead(fast(), { syncPeriod: 3, slowStepSize: 0.5, resetState }), 3);
    const expected = resetState ? fast().init({ x: arr([3]), y: arr([-3]) }) : loop(fast(), 3).state;
    expect(state.fast).toEqual(expected);
  });
});
