/**
 * reduceOnPlateau with patience 0, optax's own cases
 * (_reduce_on_plateau_zero_patience_test.py): the scale drops at every
 * evaluation without improvement and never on an improvement.
 */
import { describe, expect, it } from 'vitest';
import { chain, reduceOnPlateau, sgd, applyUpdates } from '@descent/optim';
import { arr, elements } from '../helpers.js';

function scalesAndCounts(options: Parameters<typeof reduceOnPlateau>[0], values: number[]): [number, number, number][] {
  const opt = reduceOnPlateau(options);
  const x = arr([1, 1]);
  let state = opt.init(x);
  return values.map((value) => {
    const g = arr([1, 1]);
    state = opt.update(g, state, x, { value });
    expect(elements(g)).toEqual([state.scale, state.scale]);
    return [state.scale, state.plateauCount, state.cooldownCount];
  });
}

describe('reduceOnPlateau patience 0 (optax)', () => {
  const cases: [number[], number[]][] = [
    [[5, 4, 3], [1, 1, 1]],
    [[3, 3, 3], [1, 0.5, 0.25]],
    [[3, 4, 5], [1, 0.5, 0.25]],
    [[5, 6, 4, 5, 3], [1, 0.5, 0.5, 0.25, 0.25]],
  ];
  it.each(cases)('values %j give scales %j, plateau count 0 throughout', (values, scales) => {
    const got = scalesAndCounts({ patience: 0, factor: 0.5 }, values);
    expect(got.map((s) => s[0])).toEqual(scales);
    expect(got.map((s) => s[1])).toEqual(values.map(() => 0));
  });
  it('cooldown starts at the first bad evaluation', () => {
    const got = scalesAndCounts({ patience: 0, factor: 0.5, cooldown: 2 }, [3, 3, 3, 3, 3]);
    expect(got.map((s) => [s[0], s[2]])).toEqual([[1, 0], [0.5, 2], [0.5, 1], [0.5, 0], [0.25, 2]]);
  });
  it('accumulation defers the decision until the mean is complete', () => {
    const got = scalesAndCounts({ patience: 0, factor: 0.5, accumulationSize: 2 }, [3, 3, 3, 3, 2, 2]);
    expect(got.map((s) => s[0])).toEqual([1, 1, 1, 0.5, 0.5, 0.5]);
  });
  it('repeated plateaus stop at minScale', () => {
    expect(scalesAndCounts({ patience: 0, factor: 0.5, minScale: 0.2 }, [3, 3, 3, 3, 3]).map((s) => s[0])).toEqual([1, 0.5, 0.25, 0.2, 0.2]);
  });
  it('chained after sgd(0.1): full steps while improving, half after a plateau; params end at 0.75', () => {
    const opt = chain(sgd({ lr: 0.1 }), reduceOnPlateau({ patience: 0, factor: 0.5 }));
    const x = arr([1]);
    let state = opt.init(x);
    const steps: number[] = [];
    for (const value of [5, 4, 4]) {
      const g = arr([1]);
      state = opt.update(g, state, x, { value });
      steps.push(elements(g)[0]!);
      applyUpdates(x, g);
    }
    // 1 − 0.1 − 0.1 − 0.05 = 0.75
    expect(steps.map((v) => Number(v.toFixed(12)))).toEqual([-0.1, -0.1, -0.05]);
    expect(elements(x)[0]).toBeCloseTo(0.75, 15);
  });
});
