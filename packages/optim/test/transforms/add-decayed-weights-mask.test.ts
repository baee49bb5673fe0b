/**
 * addDecayedWeights(λ, mask), optax's add_decayed_weights(weight_decay, mask):
 * u ← u + λ·θ on the masked arrays only. λ = 0.1, θ = (w: 2, b: 2), u = 1:
 * w → 1 + 0.2 = 1.2, b → 1.
 */
import { describe, expect, it } from 'vitest';
import { addDecayedWeights } from '@descent/optim';
import { arr, elements } from '../helpers.js';

describe('addDecayedWeights with a mask', () => {
  it.each([
    ['a record', { w: true, b: false }],
    ['a function', (key: string) => key === 'w'],
  ] as const)('decays only the selected arrays (mask given as %s)', (_how, mask) => {
    const t = addDecayedWeights(0.1, mask);
    const params = { w: arr([2]), b: arr([2]) };
    const u = { w: arr([1]), b: arr([1]) };
    const state = t.update(u, t.init(params), params);
    expect(elements(u.w)[0]).toBeCloseTo(1.2, 15);
    expect(elements(u.b)).toEqual([1]);
    expect(state).toEqual({ kind: 'masked', inner: null });
  });
});
