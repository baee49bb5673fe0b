/**
 * scaleByLearningRate(lr, { flipSign: false }) multiplies by +lr(t), as optax's
 * scale_by_learning_rate(lr, flip_sign=False); the default is −lr(t).
 * lr(t) = 0.5^t (1, then 0.5), u = 2: −2 then −1 by default; +2 then +1 without the flip.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { scaleByLearningRate } from '@descent/optim';
import { arr, elements } from '../helpers.js';

describe('scaleByLearningRate flipSign', () => {
  it.each([
    [true, [-2, -1]],
    [false, [2, 1]],
  ] as const)('flipSign %s', (flipSign, expected) => {
    const t = scaleByLearningRate((step) => 0.5 ** step, { flipSign });
    const x = arr([0]);
    let state = t.init(x);
    const got: number[] = [];
    for (let i = 0; i < 2; i++) {
      const u = arr([2]);
      state = t.update(u, state, x);
      got.push(elements(u)[0]!);
    }
    expect(got).toEqual(expected);
  });
  it('refuses a flipSign that is not a boolean', () => {
    expect(() => scaleByLearningRate(0.1, { flipSign: 'no' as never })).toThrow(InvalidArgumentError);
  });
});
