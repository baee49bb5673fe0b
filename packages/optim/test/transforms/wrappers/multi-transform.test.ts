/**
 * multiTransform: each label's transform runs on the arrays with that label
 * (its state made for them); every array needs a label naming a transform.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, InvalidStateError } from '@descent/core';
import { adam, chain, momentum, multiTransform, scale, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe('multiTransform', () => {
  it('runs sgd on the biases and momentum on the weights (hand-derived two steps)', () => {
    // w (momentum lr 0.1, μ 0.9): g = 1 → t = 1, u = −0.1; g = 1 → t = 1.9, u = −0.19.
    // b (sgd lr 0.5): u = −0.5·g each time.
    const opt = multiTransform({ heavy: momentum({ lr: 0.1, momentum: 0.9 }), plain: sgd({ lr: 0.5 }) }, (key) => (key.startsWith('b') ? 'plain' : 'heavy'));
    const params = { w: arr([0]), b1: arr([0]), b2: arr([0]) };
    let state = opt.init(params);
    const steps: number[][] = [];
    for (let i = 0; i < 2; i++) {
      const g = { w: arr([1]), b1: arr([1]), b2: arr([2]) };
      state = opt.update(g, state, params);
      steps.push([elements(g.w)[0]!, elements(g.b1)[0]!, elements(g.b2)[0]!]);
    }
    expect(steps[0]).toEqual([-0.1, -0.5, -1]);
    expect(steps[1]![0]).toBeCloseTo(-0.19, 15);
    expect(steps[1]!.slice(1)).toEqual([-0.5, -1]);
    expect(state.inner.heavy[0].trace).toEqual({ w: [1.9] });
    expect(state.inner.plain[0].count).toBe(2);
    expect(stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))))).toEqual(state);
  });

  it('a label with no arrays keeps an empty state; a frozen group takes scale(0)', () => {
    const opt = multiTransform({ train: adam({ lr: 0.1 }), frozen: scale(0), unused: momentum() }, { w: 'train', e: 'frozen' });
    const params = { w: arr([1]), e: ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]) };
    const state = opt.init(params);
    expect(state.inner.unused[0].trace).toEqual({});
    const g = { w: arr([1]), e: ndarray(new Float64Array([5, 6, 7, 8]), [2, 2]) };
    opt.update(g, state, params);
    expect(elements(g.e)).toEqual([0, 0, 0, 0]);
    expect(elements(g.w)[0]).toBeCloseTo(-0.1, 5); // Adam's first step is −lr·sign(g), up to ε/√v = 1e-7/√0.001
  });

  it('refuses an unknown label, missing keys, bad transforms and a state without every label', () => {
    const opt = multiTransform({ a: sgd(), b: sgd() }, { w: 'a', v: 'c' });
    expect(() => opt.init({ w: arr([1]), v: arr([1]) })).toThrow("multiTransform: labels gives 'v' the label \"c\", which is not one of the labels of transforms ('a', 'b').");
    expect(() => multiTransform({ a: 3 } as never, { w: 'a' })).toThrow('multiTransform: transforms.a must be a GradientTransformation');
    expect(() => multiTransform({ a: sgd() }, { w: 1 } as never)).toThrow(InvalidArgumentError);
    const good = multiTransform({ a: sgd(), b: sgd() }, { w: 'a' });
    const params = { w: arr([1]) };
    const state = good.init(params);
    const broken = { kind: 'multiTransform' as const, inner: { a: state.inner.a } } as typeof state;
    const g = { w: arr([1]) };
    expect(() => good.update(g, broken, params)).toThrow(InvalidStateError);
    expect(() => good.update(g, broken, params)).toThrow('multiTransform: state.inner must hold one state per label (a, b)');
    expect(elements(g.w)).toEqual([1]);
  });

  it('in a chain, a failing check in one group modifies no group', () => {
    const opt = chain(scale(2), multiTransform({ a: momentum({ lr: 1 }), b: sgd() }, { w: 'a', v: 'b' }));
    const params = { w: arr([0]), v: arr([0]) };
    const state = opt.init(params);
    state[1].inner.b[0].count = Number.NaN;
    const g = { w: arr([1]), v: arr([1]) };
    expect(() => opt.update(g, state, params)).toThrow(/scaleByLearningRate: state\.count must be an integer ≥ 0, got NaN/);
    expect([elements(g.w), elements(g.v)]).toEqual([[1], [1]]);
    expect(state[1].inner.a[0].trace).toEqual({ w: [0] });
  });
});
