/**
 * injectHyperparams: the hyperparameters live in the state; changing them
 * between steps takes effect at the next step, the factory runs only when a
 * value changed, and a value the factory refuses modifies nothing.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, InvalidStateError } from '@descent/core';
import { adamw, chain, injectHyperparams, momentum, scale, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe('injectHyperparams', () => {
  it('a learning rate changed mid-run takes effect at the next step; the momentum trace carries over', () => {
    // momentum μ 0.9: t = 1 → u = −0.1·1; after lr ← 0.01: t = 0.9 + 1 = 1.9 → u = −0.01·1.9 = −0.019.
    let builds = 0;
    const opt = injectHyperparams((h: { lr: number }) => {
      builds++;
      return momentum({ lr: h.lr, momentum: 0.9 });
    })({ lr: 0.1 });
    const x = arr([0]);
    let state = opt.init(x);
    const g = arr([1]);
    state = opt.update(g, state, x);
    expect(elements(g)).toEqual([-0.1]);
    for (let i = 0; i < 3; i++) state = opt.update(arr([0]), state, x);
    expect(builds).toBe(1); // nothing rebuilt while the values stay
    state.hyperparams.lr = 0.01;
    state.inner[0].trace = [1];
    const h = arr([1]);
    state = opt.update(h, state, x);
    expect(elements(h)[0]).toBeCloseTo(-0.019, 16);
    opt.update(arr([1]), state, x);
    expect(builds).toBe(2); // once per change
  });

  it('takes an optimizer function itself (optax style), with several hyperparameters', () => {
    const opt = injectHyperparams(adamw)({ lr: 0.1, weightDecay: 0.5 });
    const reference = adamw({ lr: 0.1, weightDecay: 0.5 });
    const x = arr([2, -1]);
    const a = arr([0.3, 0.7]);
    const b = arr([0.3, 0.7]);
    const state = opt.update(a, opt.init(x), x);
    reference.update(b, reference.init(x), x);
    expect(elements(a)).toEqual(elements(b));
    expect(state.hyperparams).toEqual({ lr: 0.1, weightDecay: 0.5 });
    expect(stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))))).toEqual(state);
  });

  it('a value the factory refuses throws from update and modifies nothing, also inside a chain', () => {
    const opt = chain(scale(2), injectHyperparams(sgd)({ lr: 0.1 }));
    const x = arr([1]);
    const state = opt.init(x);
    state[1].hyperparams.lr = -1;
    const g = arr([1]);
    expect(() => opt.update(g, state, x)).toThrow(ArgumentRangeError);
    expect(() => opt.update(g, state, x)).toThrow('sgd: lr must be a finite number ≥ 0, got -1');
    expect(elements(g)).toEqual([1]);
    expect(state[1].inner[0].count).toBe(0);
    state[1].hyperparams.lr = Number.NaN;
    expect(() => opt.update(g, state, x)).toThrow('injectHyperparams: state.hyperparams.lr must be a finite number, got NaN.');
    state[1].hyperparams.lr = null as never;
    expect(() => opt.update(g, state, x)).toThrow(InvalidStateError);
    state[1].hyperparams = { lr: 0.1, extra: 1 } as never;
    expect(() => opt.update(g, state, x)).toThrow('injectHyperparams: state.hyperparams must hold exactly the keys lr, each a number');
    expect(elements(g)).toEqual([1]);
  });

  it('refuses a value that is neither a number nor a schedule, a schedule giving NaN, and a factory that returns no transformation', () => {
    expect(() => injectHyperparams(sgd)({ lr: '0.1' as never })).toThrow(InvalidArgumentError);
    expect(() => injectHyperparams(sgd)({ lr: '0.1' as never })).toThrow('injectHyperparams: hyperparams.lr must be a finite number, got string 0.1; pass a number or a schedule (step) => number.');
    expect(() => injectHyperparams(sgd)({ lr: () => Number.NaN })).toThrow('injectHyperparams: hyperparams.lr (the schedule at step 0) must be a finite number, got NaN.');
    expect(() => injectHyperparams((() => 3) as never)({ lr: 1 })).toThrow('injectHyperparams: what the factory returned must be a GradientTransformation');
    expect(() => injectHyperparams(3 as never)).toThrow(InvalidArgumentError);
    expect(() => injectHyperparams(sgd)({ lr: Infinity })).toThrow(ArgumentRangeError);
  });
});
