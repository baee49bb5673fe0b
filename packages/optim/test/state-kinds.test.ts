/**
 * States say what made them (a `kind` tag per building block) and `update`
 * refuses a state of another kind, modifying nothing. By design, states move
 * between optimizers that are the same chain of the same blocks: momentum ↔
 * nesterov (both keep t ← μ·t + g), adam() ↔ chain(scaleByAdam(), scaleByLearningRate(lr)).
 * Untagged states (checkpoints from before the tags) are accepted when their
 * fields are exactly the expected kind's.
 */
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '@descent/core';
import {
  adagrad,
  adam,
  adamw,
  chain,
  momentum,
  nesterov,
  rmsprop,
  scaleByAdam,
  scaleByLearningRate,
  sgd,
  trace,
  type GradientTransformation,
} from '@descent/optim';
import { arr, elements, thrown } from './helpers.js';

const MAKERS: Record<string, () => GradientTransformation<any>> = {
  sgd: () => sgd({ lr: 0.1 }),
  momentum: () => momentum({ lr: 0.1 }),
  nesterov: () => nesterov({ lr: 0.1 }),
  adagrad: () => adagrad({ lr: 0.1 }),
  rmsprop: () => rmsprop({ lr: 0.1 }),
  adam: () => adam({ lr: 0.1 }),
  adamw: () => adamw({ lr: 0.1 }),
};

/** Pairs whose states are interchangeable by design. */
const SHARED = new Set(['momentum→nesterov', 'nesterov→momentum']);

describe('update refuses another optimizer’s state', () => {
  it('rmsprop given adam’s state: InvalidStateError at state.kind, nothing modified', () => {
    const x = arr([1, 2]);
    const adamState = adam().init(x);
    const before = JSON.stringify(adamState);
    const g = arr([3, 4]);
    const error = thrown(() => rmsprop().update(g, adamState as never, x));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'INVALID_STATE', path: 'state.kind' });
    expect((error as Error).message).toBe(
      "scaleByRms: this state was made by 'scaleByAdam' (its kind), not by 'scaleByRms'; a state only resumes the kind of transform " +
        'that made it — pass the state returned by init(params) or by the previous update (or a checkpoint of it read back with stateFromJSON).',
    );
    expect(JSON.stringify(adamState)).toBe(before);
    expect(elements(g)).toEqual([3, 4]);
  });

  for (const from of Object.keys(MAKERS)) {
    for (const to of Object.keys(MAKERS)) {
      if (from === to || SHARED.has(`${from}→${to}`)) continue;
      it(`${to} refuses ${from}'s state (after a step, through JSON)`, () => {
        const x = arr([1, -2]);
        const source = MAKERS[from]!();
        const state = JSON.parse(JSON.stringify(source.update(arr([0.5, 0.5]), source.init(x), x)));
        const g = arr([3, 4]);
        expect(() => MAKERS[to]!().update(g, state, x)).toThrow(InvalidStateError);
        expect(elements(g)).toEqual([3, 4]);
      });
    }
  }
});

describe('states shared by design', () => {
  it('nesterov continues from momentum’s trace (same kinds, same trace t)', () => {
    // μ = 0.9, lr 0.1: momentum with g = 1 gives t = 1. Nesterov with g = 1 then: t = 0.9 + 1 = 1.9,
    // u = (1 + μ)·g + μ²·t = 1.9 + 0.81·1.9 = 3.439, step −0.1·3.439.
    const x = arr([0]);
    const state = momentum({ lr: 0.1 }).update(arr([1]), momentum({ lr: 0.1 }).init(x), x);
    const g = arr([1]);
    const next = nesterov({ lr: 0.1 }).update(g, state, x);
    expect(next[0].trace).toEqual([1.9]);
    expect(g.get(0)).toBeCloseTo(-0.3439, 15);
    expect(next[0].kind).toBe('trace');
  });

  it('adam() and chain(scaleByAdam(), scaleByLearningRate(lr)) make states of the same kinds', () => {
    const x = arr([1]);
    expect(adam().init(x)).toEqual(chain(scaleByAdam(), scaleByLearningRate(0.001)).init(x));
    expect(adam().init(x)).toEqual([
      { kind: 'scaleByAdam', count: 0, mu: [0], nu: [0] },
      { kind: 'scaleByLearningRate', count: 0 },
    ]);
  });
});

describe('untagged states (checkpoints saved before the tags)', () => {
  it('adam accepts its untagged state and steps exactly as from the tagged one', () => {
    const x = arr([1, 2]);
    const opt = adam({ lr: 0.1 });
    const tagged = opt.update(arr([0.3, -0.7]), opt.init(x), x);
    const untagged = JSON.parse(JSON.stringify(tagged, (key, value) => (key === 'kind' ? undefined : value)));
    expect(untagged).toEqual([{ count: 1, mu: tagged[0].mu, nu: tagged[0].nu }, { count: 1 }]);
    const g1 = arr([0.5, 0.25]);
    const g2 = arr([0.5, 0.25]);
    opt.update(g1, tagged, x);
    const next = opt.update(g2, untagged, x);
    expect(elements(g2)).toEqual(elements(g1));
    expect(next[0]).not.toHaveProperty('kind'); // an untagged state stays untagged
  });

  it('an untagged state is refused when its fields are another kind’s, naming the expected fields', () => {
    // adam's untagged moments { count, mu, nu } given to rmsprop, whose scaleByRms expects exactly { nu }.
    const legacy = [{ count: 3, mu: [0.1], nu: [0.2] }, { count: 3 }];
    const error = thrown(() => rmsprop().update(arr([1]), legacy as never, arr([1])));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ path: 'state' });
    expect((error as Error).message).toMatch(
      /^scaleByRms: a state without a kind tag must have exactly the fields of a 'scaleByRms' state \(nu\), got count, mu, nu; it was made by another transform/,
    );
    expect(legacy[0]).toEqual({ count: 3, mu: [0.1], nu: [0.2] });
  });

  it('momentum accepts an untagged [{ trace }, { count }]', () => {
    // t = 2 stored; g = 1: t = 0.9·2 + 1 = 2.8, step −0.1·2.8
    const g = arr([1]);
    momentum({ lr: 0.1 }).update(g, [{ trace: [2] }, { count: 5 }] as never, arr([0]));
    expect(g.get(0)).toBeCloseTo(-0.28, 15);
  });

  it('a kind that is not a string is named as such', () => {
    expect(() => trace().update(arr([1]), { kind: 7, trace: [0] } as never, arr([1]))).toThrow(
      /^trace: this state was made by number 7 \(its kind\), not by 'trace'/,
    );
  });
});
