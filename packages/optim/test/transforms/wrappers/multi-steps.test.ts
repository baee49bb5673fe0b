/**
 * multiSteps: updates are accumulated over k calls (zero steps meanwhile) and
 * the inner transform steps on their mean on every k-th call — optax's
 * MultiSteps, its running mean m ← m + (u − m)/(j + 1) included.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidStateError } from '@descent/core';
import { adam, chain, momentum, multiSteps, scale, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

/** Feed `grads` one call each; return the update of each call. */
function run(opt: ReturnType<typeof multiSteps>, grads: number[]): number[] {
  const x = arr([0]);
  let state = opt.init(x);
  return grads.map((value) => {
    const g = arr([value]);
    state = opt.update(g, state, x);
    return elements(g)[0]!;
  });
}

describe('multiSteps', () => {
  it('steps momentum once every 3 calls on the mean (hand-derived)', () => {
    // Means: (1 + 2 + 6)/3 = 3, then (3 + 3 + 3)/3 = 3. Momentum lr 0.1, μ 0.5:
    // t = 3 → u = −0.3;  t = 0.5·3 + 3 = 4.5 → u = −0.45. The other calls return 0.
    const steps = run(multiSteps(momentum({ lr: 0.1, momentum: 0.5 }), { everyK: 3 }), [1, 2, 6, 3, 3, 3]);
    expect(steps.map((u) => Number(u.toFixed(15)))).toEqual([0, 0, -0.3, 0, 0, -0.45]);
  });

  it('keeps optax’s running mean bit for bit, and sums with useGradMean false', () => {
    const values = [0.1, 0.2, 0.7];
    let m = 0;
    values.forEach((u, j) => {
      m = m + (u - m) / (j + 1); // optax: acc + (upd − acc) / (mini_step + 1)
    });
    expect(run(multiSteps(scale(1), { everyK: 3 }), values)[2]).toBe(m);
    expect(run(multiSteps(scale(1), { everyK: 3, useGradMean: false }), values)[2]).toBe(0.1 + 0.2 + 0.7);
  });

  it('everyK 1 is the inner transform itself, and everyK may be a function of the inner step count', () => {
    const grads = [0.3, -1.7, 2.2, 0.05];
    expect(run(multiSteps(adam({ lr: 0.1 }), { everyK: 1 }), grads)).toEqual(run(chain(adam({ lr: 0.1 })) as never, grads));
    // k = gradientStep + 1: steps after call 1 (on 2) and after calls 2–3 (on mean(4, 6) = 5); sgd lr 1.
    expect(run(multiSteps(sgd({ lr: 1 }), { everyK: (step) => step + 1 }), [2, 4, 6])).toEqual([-2, 0, -5]);
  });

  it('its state is tagged plain data: a run resumed from JSON between accumulation calls ends identically', () => {
    const opt = multiSteps(adam({ lr: 0.05 }), { everyK: 2 });
    const x = arr([1, 2]);
    const grads = [[1, -1], [0.5, 2], [3, 0.25], [-1, 1]];
    let a = opt.init(x);
    let b = opt.init(x);
    const outA: number[][] = [];
    const outB: number[][] = [];
    grads.forEach((g, i) => {
      if (i === 1) b = stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(b))));
      const ga = arr(g);
      const gb = arr(g);
      a = opt.update(ga, a, x);
      b = opt.update(gb, b, x);
      outA.push(elements(ga));
      outB.push(elements(gb));
    });
    expect(outB).toEqual(outA);
    expect(a).toMatchObject({ kind: 'multiSteps', miniStep: 0, gradientStep: 2, accumulated: [0, 0] });
  });

  it('refuses a bad everyK, a bad state, and changes nothing then', () => {
    expect(() => multiSteps(sgd(), { everyK: 0 })).toThrow(ArgumentRangeError);
    expect(() => multiSteps(sgd(), { everyK: 2, useGradMean: 'yes' as never })).toThrow('multiSteps: useGradMean must be true or false');
    const opt = multiSteps(sgd(), { everyK: () => 0 });
    const x = arr([1]);
    const g = arr([1]);
    expect(() => opt.update(g, opt.init(x), x)).toThrow('multiSteps: everyK must be an integer ≥ 1, got 0 (the everyK function returned it for gradientStep 0)');
    const good = multiSteps(sgd(), { everyK: 2 });
    const state = good.init(x);
    expect(() => good.update(g, { ...state, accumulated: [0, 0] }, x)).toThrow(InvalidStateError);
    expect(() => good.update(g, { ...state, miniStep: 1.5 }, x)).toThrow('multiSteps: state.miniStep must be an integer ≥ 0, got 1.5');
    expect(elements(g)).toEqual([1]);
  });
});
