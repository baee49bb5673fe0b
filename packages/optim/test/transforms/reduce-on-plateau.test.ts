/**
 * reduceOnPlateau: optax's contrib.reduce_on_plateau, value for value — the
 * loss arrives through update's extras `{ value }`; the scale drops by
 * `factor` after `patience` evaluations without improvement, with cooldown,
 * accumulation and a floor.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { chain, reduceOnPlateau, sgd, stateFromJSON, stateToJSON, type ReduceOnPlateauOptions } from '@descent/optim';
import { arr, elements } from '../helpers.js';

/** The scale after each reported value (the update of a unit gradient). */
function scales(options: ReduceOnPlateauOptions, values: number[]): number[] {
  const opt = reduceOnPlateau(options);
  const x = arr([0]);
  let state = opt.init(x);
  return values.map((value) => {
    const g = arr([1]);
    state = opt.update(g, state, x, { value });
    expect(elements(g)[0]).toBe(state.scale);
    return state.scale;
  });
}

describe('reduceOnPlateau', () => {
  it('drops after patience evaluations without improvement (optax’s zero-patience cases with patience 1)', () => {
    // These are optax's own expectations (its patience 0 behaves as 1): improving values keep 1; each bad one halves.
    expect(scales({ factor: 0.5, patience: 1 }, [5, 4, 3])).toEqual([1, 1, 1]);
    expect(scales({ factor: 0.5, patience: 1 }, [3, 3, 3])).toEqual([1, 0.5, 0.25]);
    expect(scales({ factor: 0.5, patience: 1 }, [5, 6, 4, 5, 3])).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
    // patience 3: 3 (best) then three non-improving values → the 4th call drops.
    expect(scales({ factor: 0.5, patience: 3 }, [3, 3, 3, 3, 3])).toEqual([1, 1, 1, 0.5, 0.5]);
  });

  it('cooldown, minScale and accumulationSize (optax’s cases)', () => {
    // patience 1, cooldown 2, a constant 3: drop at call 2, two cooldown calls, drop again at call 5.
    const opt = reduceOnPlateau({ factor: 0.5, patience: 1, cooldown: 2 });
    const x = arr([0]);
    let state = opt.init(x);
    const seen: [number, number][] = [];
    for (let i = 0; i < 5; i++) {
      state = opt.update(arr([1]), state, x, { value: 3 });
      seen.push([state.scale, state.cooldownCount]);
    }
    expect(seen).toEqual([[1, 0], [0.5, 2], [0.5, 1], [0.5, 0], [0.25, 2]]);
    expect(scales({ factor: 0.5, patience: 1, minScale: 0.2 }, [3, 3, 3, 3, 3])).toEqual([1, 0.5, 0.25, 0.2, 0.2]);
    // accumulationSize 2: evaluations are the means of pairs (3, 3), (3, 3), (2, 2).
    expect(scales({ factor: 0.5, patience: 1, accumulationSize: 2 }, [3, 3, 3, 3, 2, 2])).toEqual([1, 1, 1, 0.5, 0.5, 0.5]);
  });

  it('improvement needs value < (1 − threshold)·best − absoluteThreshold', () => {
    // best 100: 99.995 is not below (1 − 1e-4)·100 = 99.99, so it counts as a plateau; 99.98 improves.
    expect(scales({ factor: 0.5, patience: 1 }, [100, 99.995])).toEqual([1, 0.5]);
    expect(scales({ factor: 0.5, patience: 1 }, [100, 99.98])).toEqual([1, 1]);
    // absoluteThreshold 1 (threshold 0): 99.5 is not below 100 − 1.
    expect(scales({ factor: 0.5, patience: 1, threshold: 0, absoluteThreshold: 1 }, [100, 99.5, 98.9])).toEqual([1, 0.5, 0.5]);
    // A NaN is no measurement (reduce-on-plateau-non-finite.test.ts): it neither improves nor counts toward patience.
    expect(scales({ factor: 0.5, patience: 1 }, [1, Number.NaN])).toEqual([1, 1]);
  });

  it('scales the step of the optimizer before it in a chain; its state round-trips (best = Infinity at first)', () => {
    const opt = chain(sgd({ lr: 0.1 }), reduceOnPlateau({ factor: 0.5, patience: 1 }));
    const x = arr([0, 0]);
    let state = opt.init(x);
    expect(JSON.stringify(stateToJSON(state))).toContain('"bestValue":{"$number":"Infinity"}');
    state = stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))));
    state = opt.update(arr([1, 2]), state, x, { value: 2 });
    const g = arr([1, 2]);
    state = opt.update(g, state, x, { value: 2 });
    expect(elements(g)).toEqual([-0.05, -0.1]);
  });

  it('refuses an update without the loss, modifying nothing, and bad options', () => {
    const opt = chain(sgd({ lr: 0.1 }), reduceOnPlateau());
    const x = arr([0]);
    const state = opt.init(x);
    const g = arr([1]);
    expect(() => opt.update(g, state, x)).toThrow(InvalidArgumentError);
    expect(() => opt.update(g, state, x)).toThrow('reduceOnPlateau: the update needs the loss, got no extras; call opt.update(grads, state, params, { value: loss }).');
    expect(() => opt.update(g, state, x, { value: '1' as never })).toThrow('got value 1;');
    expect(elements(g)).toEqual([1]);
    expect([state[0][0].count, state[1].count]).toEqual([0, 0]);
    expect(() => reduceOnPlateau({ factor: 1 })).toThrow(ArgumentRangeError);
    expect(() => reduceOnPlateau({ patience: -1 })).toThrow('reduceOnPlateau: patience must be an integer ≥ 0, got -1');
    expect(() => reduceOnPlateau({ threshold: 0, absoluteThreshold: 0 })).toThrow('both 0');
    expect(() => reduceOnPlateau({ threshold: 2 })).toThrow(ArgumentRangeError);
    expect(() => reduceOnPlateau({ accumulationSize: 0 })).toThrow(ArgumentRangeError);
  });
});
