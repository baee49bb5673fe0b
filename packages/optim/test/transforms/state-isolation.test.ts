/**
 * Two `init` calls give independent states: stepping with one leaves the other
 * (and a second optimizer instance) untouched, so two models can share one
 * optimizer definition.
 */
import { describe, expect, it } from 'vitest';
import { arr, elements, step } from '../helpers.js';
import { OPTIMIZERS } from './optimizers.js';

describe.each(Object.keys(OPTIMIZERS))('%s', (name) => {
  it('init returns a fresh state each time', () => {
    const opt = OPTIMIZERS[name]!();
    const x1 = arr([1, -2, 3]);
    const x2 = arr([1, -2, 3]);
    const s1 = opt.init(x1);
    const s2 = opt.init(x2);
    const pristine = JSON.stringify(s2);
    let state1 = s1;
    for (let i = 0; i < 3; i++) state1 = step(opt, state1, x1, arr(elements(x1).map((v) => 2 * v)));
    expect(JSON.stringify(s2)).toBe(pristine);
    expect(JSON.stringify(state1)).not.toBe(pristine);
    // the untouched state then gives the same first step as the first state did from the same point
    const fresh = OPTIMIZERS[name]!();
    const x3 = arr([1, -2, 3]);
    step(fresh, fresh.init(x3), x3, arr([2, -4, 6]));
    step(opt, s2, x2, arr([2, -4, 6]));
    expect(elements(x2)).toEqual(elements(x3));
  });
});
