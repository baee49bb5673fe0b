/**
 * Every number slot of a state must hold a number: a string, a boolean or a
 * null (what JSON.stringify leaves of NaN and ±Infinity) is refused by update
 * with an InvalidStateError naming the slot — never read as NaN or 0 — and
 * nothing is modified.
 */
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '@descent/core';
import { adagrad, adam, momentum, rmsprop, scaleByLearningRate, type GradientTransformation } from '@descent/optim';
import { arr, elements, thrown } from './helpers.js';

describe('a state slot that is not a number', () => {
  it("adam with mu[0] = 'abc': InvalidStateError at state.mu[0], gradients and state untouched", () => {
    const x = arr([1, 2]);
    const opt = adam();
    const state = opt.init(x);
    (state[0].mu as unknown[])[0] = 'abc';
    const before = JSON.stringify(state);
    const g = arr([3, 4]);
    const error = thrown(() => opt.update(g, state, x));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ code: 'INVALID_STATE', path: 'state.mu[0]' });
    expect(error.message).toBe(
      'adam: state.mu[0] is the string "abc", not a number; every slot of state.mu must be a number — ' +
        'pass the state returned by init(params) or by the previous update.',
    );
    expect(elements(g)).toEqual([3, 4]);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('a null slot (a plain JSON checkpoint of Infinity) is refused, not read as 0, and the message names stateToJSON', () => {
    const x = { w: arr([1, 2]), b: arr([0]) };
    const opt = rmsprop();
    const state = opt.init(x);
    (state[0].nu as Record<string, unknown[]>)['w']![1] = null;
    const g = { w: arr([3, 4]), b: arr([1]) };
    const error = thrown(() => opt.update(g, state, x));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ path: 'state.nu.w[1]' });
    expect(error.message).toMatch(
      /^scaleByRms: state\.nu\.w\[1\] is null, not a number: JSON\.stringify writes NaN and ±Infinity as null\. Save checkpoints with JSON\.stringify\(stateToJSON\(state\)\) and read them with stateFromJSON\(JSON\.parse\(text\)\)/,
    );
    expect(elements(g.w)).toEqual([3, 4]);
    expect(elements(g.b)).toEqual([1]);
  });

  it.each([
    ['adagrad sumOfSquares', (): GradientTransformation<any> => adagrad(), (s: any): void => void (s[0].sumOfSquares[0] = true), 'state.sumOfSquares[0]', 'boolean true'],
    ['momentum trace', (): GradientTransformation<any> => momentum(), (s: any): void => void (s[0].trace[2] = '1'), 'state.trace[2]', 'the string "1"'],
    ['adam nu', (): GradientTransformation<any> => adam(), (s: any): void => void (s[0].nu[1] = { value: 1 }), 'state.nu[1]', 'a record'],
  ] as const)('%s: the slot and its value are named', (_label, make, spoil, path, got) => {
    const opt = make();
    const x = arr([1, 2, 3]);
    const state = opt.init(x);
    spoil(state);
    const error = thrown(() => opt.update(arr([1, 1, 1]), state, x));
    expect(error).toMatchObject({ code: 'INVALID_STATE', path });
    expect(error.message).toContain(`${path} is ${got}, not a number`);
  });

  it('a count that is not an integer ≥ 0 is named at state.count', () => {
    const error = thrown(() => scaleByLearningRate(0.1).update(arr([1]), { kind: 'scaleByLearningRate', count: '3' as never }, arr([1])));
    expect(error).toBeInstanceOf(InvalidStateError);
    expect(error).toMatchObject({ path: 'state.count' });
    expect(error.message).toMatch(/^scaleByLearningRate: state\.count must be an integer ≥ 0, got "3"/);
  });

  it('NaN and ±Infinity are numbers: a state holding them is accepted', () => {
    // rmsprop with nu = Infinity: u = g/(√∞ + ε) = 0.
    const opt = rmsprop();
    const x = arr([1, 2]);
    const state = opt.init(x);
    state[0].nu = [Infinity, Number.NaN];
    const g = arr([3, 4]);
    opt.update(g, state, x);
    expect(Object.is(elements(g)[0], -0)).toBe(true); // 3/∞ = 0, times −lr
    expect(elements(g)[1]).toBeNaN();
  });
});
