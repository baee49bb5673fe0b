/**
 * adamw's mask (optax adamw(mask=…)): only the selected arrays decay.
 * With form 'optax', λ = 0.5, lr 0.1 and g = 0 everywhere, the Adam direction
 * is 0/(0 + ε) = 0, so the step is −lr·λ·θ on masked arrays and 0 elsewhere:
 * w = 2 → −0.1; b = 2 → 0.
 */
import { describe, expect, it } from 'vitest';
import { adamw } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

describe('adamw mask', () => {
  it('decays w, not b', () => {
    const opt = adamw({ lr: 0.1, form: 'optax', weightDecay: 0.5, mask: { w: true, b: false } });
    const params = { w: arr([2]), b: arr([2]) };
    const grads = { w: arr([0]), b: arr([0]) };
    const state = opt.update(grads, opt.init(params), params);
    expect(elements(grads.w)[0]).toBeCloseTo(-0.1, 15);
    expect(Math.abs(elements(grads.b)[0]!)).toBe(0);
    expect(state[1]).toEqual({ kind: 'masked', inner: null });
  });
  it("form 'optax' defaults λ to optax's 1e-4", () => {
    const opt = adamw({ lr: 1, form: 'optax' });
    const x = arr([3]);
    const g = arr([0]);
    opt.update(g, opt.init(x), x);
    expect(elements(g)[0]).toBeCloseTo(-3e-4, 18);
  });
});
