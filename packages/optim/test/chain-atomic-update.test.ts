/**
 * chain's promise, for every transform: when any check fails — a state, an
 * updates array that cannot be written, a learning-rate schedule that throws or
 * returns a bad value — the chain throws with the updates and every state
 * untouched. Checks run first (each exactly once per step), applies after.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { AliasedMemoryError, ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import {
  adamw,
  chain,
  clip,
  clipByGlobalNorm,
  defineTransform,
  momentum,
  nesterov,
  scale,
  scaleByLearningRate,
  sgd,
  type Params,
} from '@descent/optim';
import { arr, elements, thrown } from './helpers.js';

describe('stateless transforms check the updates before any is written', () => {
  it('chain(clip(1), scale(−0.1)) with a bad second array leaves the first unclipped', () => {
    const updates = { a: arr([5, -5]), b: [1, 2] as unknown as ReturnType<typeof arr> };
    const opt = chain(clip(1), scale(-0.1));
    const state = opt.init({ a: arr([0, 0]), b: arr([0, 0]) });
    expect(() => opt.update(updates, state, updates)).toThrow(InvalidArgumentError);
    expect(() => opt.update(updates, state, updates)).toThrow("chain: updates['b'] must be an NdArray, got a plain array.");
    expect(elements(updates.a)).toEqual([5, -5]);
  });

  it('chain(clipByGlobalNorm(1), scale(2)) with an aliased array leaves the others unscaled', () => {
    // b is a stride-0 broadcast of one slot: writing b[0] would change b[1] as well.
    const updates = { a: arr([30, 40]), b: ndarray(Float64Array.of(7), [2], [0]) };
    const opt = chain(clipByGlobalNorm(1), scale(2));
    const error = thrown(() => opt.update(updates, [null, null], updates));
    expect(error).toBeInstanceOf(AliasedMemoryError);
    expect(error).toMatchObject({ code: 'ALIASED_MEMORY', array: 'updates.b', axes: [0] });
    expect(elements(updates.a)).toEqual([30, 40]);
  });

  it('the norm is taken after the earlier transforms: chain(scale(2), clipByGlobalNorm(1))', () => {
    // (3, 4) → (6, 8), norm 10 → clipped to (0.6, 0.8); had the norm been taken in the check (norm 5) the factor would be 1/5.
    const u = arr([3, 4]);
    const opt = chain(scale(2), clipByGlobalNorm(1));
    opt.update(u, opt.init(u), u);
    expect(elements(u)[0]).toBeCloseTo(0.6, 15);
    expect(elements(u)[1]).toBeCloseTo(0.8, 15);
  });
});

describe('a learning-rate schedule is evaluated before anything is written', () => {
  const throwing = (step: number): number => {
    if (step >= 1) throw new Error('schedule broke');
    return 0.1;
  };

  it.each([
    ['momentum', () => momentum({ lr: throwing })],
    ['nesterov', () => nesterov({ lr: throwing })],
  ])('%s: a schedule that throws at step 1 leaves the trace and the updates as they were', (_name, make) => {
    // Step 0: t = g = 1. Step 1 would make t = 0.9·1 + 1 = 1.9 — but the schedule throws first.
    const opt = make();
    const x = arr([0]);
    let state = opt.init(x);
    state = opt.update(arr([1]), state, x);
    const before = JSON.stringify(state);
    const g = arr([1]);
    expect(() => opt.update(g, state, x)).toThrow('schedule broke');
    expect(JSON.stringify(state)).toBe(before);
    expect(state[0].trace).toEqual([1]);
    expect(elements(g)).toEqual([1]);
  });

  it('adamw: a schedule returning NaN is an ArgumentRangeError and the moments stay as they were', () => {
    const opt = adamw({ lr: (step) => (step === 0 ? 0.1 : Number.NaN) });
    const x = arr([1, 2]);
    let state = opt.init(x);
    state = opt.update(arr([1, 1]), state, x);
    const before = JSON.stringify(state);
    const g = arr([3, 4]);
    expect(() => opt.update(g, state, x)).toThrow(ArgumentRangeError);
    expect(() => opt.update(g, state, x)).toThrow(
      'scaleByLearningRate: the learning-rate schedule returned NaN at step 1; a schedule must return a finite number ≥ 0.',
    );
    expect(JSON.stringify(state)).toBe(before);
    expect(elements(g)).toEqual([3, 4]);
  });

  it('a schedule returning a string is refused before sgd scales anything', () => {
    const opt = sgd({ lr: () => '0.1' as unknown as number });
    const g = arr([1, 2]);
    const state = opt.init(g);
    expect(() => opt.update(g, state, g)).toThrow(InvalidArgumentError);
    expect(() => opt.update(g, state, g)).toThrow('scaleByLearningRate: the learning-rate schedule returned the string "0.1" at step 0; a schedule must return a finite number ≥ 0.');
    expect(elements(g)).toEqual([1, 2]);
    expect(state[0].count).toBe(0);
  });
});

describe('checks first, each exactly once per step, then applies', () => {
  /** A transform that logs its phases and adds `amount` to every element (state: how often it ran). */
  function logged(log: string[], label: string, amount: number) {
    return defineTransform<{ runs: number }, number>({
      name: label,
      init: () => ({ runs: 0 }),
      check(_updates: Params, state) {
        log.push(`check ${label}`);
        if (typeof state.runs !== 'number') throw new TypeError(`${label}: bad state`);
        return amount;
      },
      apply(updates: Params, state, _params, plan) {
        log.push(`apply ${label}`);
        const u = updates as ReturnType<typeof arr>;
        for (let i = 0; i < u.size; i++) u.set(i, u.get(i) + plan);
        return { runs: state.runs + 1 };
      },
    });
  }

  it('a nested chain runs all checks (each once) before the first apply, passing each check’s result to its apply', () => {
    const log: string[] = [];
    const opt = chain(logged(log, 'A', 1), chain(logged(log, 'B', 10), logged(log, 'C', 100)));
    const u = arr([0]);
    const state = opt.update(u, opt.init(u), u);
    expect(log).toEqual(['check A', 'check B', 'check C', 'apply A', 'apply B', 'apply C']);
    expect(elements(u)).toEqual([111]);
    expect(state).toEqual([{ runs: 1 }, [{ runs: 1 }, { runs: 1 }]]);
  });

  it('a failing check in the last transform: no apply ran', () => {
    const log: string[] = [];
    const opt = chain(logged(log, 'A', 1), logged(log, 'B', 10));
    const u = arr([0]);
    expect(() => opt.update(u, [{ runs: 0 }, { runs: 'x' as unknown as number }], u)).toThrow('B: bad state');
    expect(log).toEqual(['check A', 'check B']);
    expect(elements(u)).toEqual([0]);
  });

  it('a hand-written { init, update } runs whole in the apply phase, after every check', () => {
    const log: string[] = [];
    const handWritten = {
      init: () => null,
      update(updates: Params) {
        log.push('update hand-written');
        return null;
      },
    };
    const opt = chain(handWritten, logged(log, 'B', 10));
    const u = arr([0]);
    opt.update(u, opt.init(u), u);
    expect(log).toEqual(['check B', 'update hand-written', 'apply B']);
  });

  it('update of a single transform is its check then its apply', () => {
    const log: string[] = [];
    const t = logged(log, 'A', 5);
    const u = arr([1]);
    expect(t.update(u, t.init(u), u)).toEqual({ runs: 1 });
    expect(log).toEqual(['check A', 'apply A']);
    expect(elements(u)).toEqual([6]);
    // check alone writes nothing
    expect(t.check(u, { runs: 0 }, u)).toBe(5);
    expect(elements(u)).toEqual([6]);
    expect(scaleByLearningRate(0.5).check(u, { kind: 'scaleByLearningRate', count: 3 }, u)).toBe(-0.5);
  });
});
