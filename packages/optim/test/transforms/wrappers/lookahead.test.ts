/**
 * lookahead: fast steps pass through; every syncPeriod-th step lands on the
 * slow weights moved α of the way to the fast ones (Zhang et al. 2019, optax's
 * lookahead), and params equal state.slow bit for bit after each sync.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { applyUpdates, lookahead, lookaheadSlowInto, momentum, sgd, stateFromJSON, stateToJSON } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe('lookahead', () => {
  it('follows the paper’s two loops on f = x²/2 (hand-derived, k = 2, α = 0.5, sgd lr 0.5)', () => {
    // Fast steps x ← x − 0.5·x = x/2. Start x = slow = 8.
    // step 1: fast 4.  step 2: fast 2, sync: slow = 8 + 0.5·(2 − 8) = 5, x = 5.
    // step 3: fast 2.5. step 4: fast 1.25, sync: slow = 5 + 0.5·(1.25 − 5) = 3.125, x = 3.125.
    const opt = lookahead(sgd({ lr: 0.5 }), { syncPeriod: 2, slowStepSize: 0.5 });
    const x = arr([8]);
    let state = opt.init(x);
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      const g = arr([x.get(0)]);
      state = opt.update(g, state, x);
      applyUpdates(x, g);
      seen.push(x.get(0));
    }
    expect(seen).toEqual([4, 5, 2.5, 3.125]);
    expect(state).toMatchObject({ kind: 'lookahead', stepsSinceSync: 0, slow: [3.125] });
  });

  it('matches the two-loop algorithm on a 2-D quadratic with momentum, and params equal the slow weights after each sync', () => {
    const grad = (x: number[]) => [x[0]!, 10 * x[1]!];
    const k = 3;
    const alpha = 0.7;
    // The paper's loops, in plain numbers.
    const fastOpt = momentum({ lr: 0.05 });
    let fastState = fastOpt.init(arr([0, 0]));
    let slow = [1, -2];
    let fast = [...slow];
    const paper: number[][] = [];
    for (let outer = 0; outer < 4; outer++) {
      for (let i = 0; i < k; i++) {
        const g = arr(grad(fast));
        fastState = fastOpt.update(g, fastState, arr(fast));
        fast = fast.map((v, j) => v + g.get(j));
      }
      slow = slow.map((s, j) => s + alpha * (fast[j]! - s));
      fast = [...slow];
      paper.push(slow);
    }
    // lookahead on a strided view.
    const x = ndarray(new Float64Array([1, 9, -2]), [2], [2]);
    const opt = lookahead(momentum({ lr: 0.05 }), { syncPeriod: k, slowStepSize: alpha });
    let state = opt.init(x);
    const ours: number[][] = [];
    for (let step = 1; step <= 4 * k; step++) {
      const g = arr(grad(elements(x)));
      state = opt.update(g, state, x);
      applyUpdates(x, g);
      if (step % k === 0) {
        ours.push(elements(x));
        expect(state.slow).toEqual(elements(x));
      }
    }
    ours.forEach((point, i) => point.forEach((v, j) => expect(v).toBeCloseTo(paper[i]![j]!, 14)));
    const out = arr([0, 0]);
    expect(elements(lookaheadSlowInto(out, state) as ReturnType<typeof arr>)).toEqual(elements(x));
    expect(stateFromJSON(JSON.parse(JSON.stringify(stateToJSON(state))))).toEqual(state);
  });

  it('keeps params and slow weights bit-identical after a sync with Float32 params', () => {
    const x = ndarray(Float32Array.from([0.1, 0.3]));
    const opt = lookahead(sgd({ lr: 0.37 }), { syncPeriod: 1, slowStepSize: 0.3 });
    let state = opt.init(x);
    for (let i = 0; i < 5; i++) {
      const g = arr([0.7, -1.3]);
      state = opt.update(g, state, x);
      applyUpdates(x, g);
      expect(state.slow).toEqual(Array.from(x.data as Float32Array));
    }
  });

  it('resetState restarts the fast optimizer at each sync', () => {
    const opt = lookahead(momentum({ lr: 0.1 }), { syncPeriod: 2, resetState: true });
    const x = arr([1]);
    let state = opt.init(x);
    state = opt.update(arr([1]), state, x);
    expect(state.fast[0].trace).toEqual([1]);
    state = opt.update(arr([1]), state, x);
    expect(state.fast).toEqual(momentum().init(x));
  });

  it('refuses bad options, and params that differ from the updates', () => {
    expect(() => lookahead(sgd(), { syncPeriod: 0 })).toThrow(ArgumentRangeError);
    expect(() => lookahead(sgd(), { slowStepSize: 1.5 })).toThrow('lookahead: slowStepSize must be in [0, 1], got 1.5');
    expect(() => lookahead(sgd(), { slowStepSize: -0.1 })).toThrow(ArgumentRangeError);
    expect(() => lookahead(sgd(), { resetState: 1 as never })).toThrow(InvalidArgumentError);
    const opt = lookahead(sgd());
    const state = opt.init(arr([1, 2]));
    const g = arr([1, 1]);
    expect(() => opt.update(g, state, arr([1, 2, 3]))).toThrow('lookahead: updates has shape [2] but params has shape [3]');
    expect(() => opt.update(g, state, g)).toThrow(/lookahead: updates shares memory with params/);
    expect(elements(g)).toEqual([1, 1]);
  });
});
