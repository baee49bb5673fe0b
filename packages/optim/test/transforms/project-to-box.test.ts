/**
 * projectToBox: u ← clamp(params + u, lower, upper) − params, so that
 * applyUpdates lands inside the box — for the stored values, also where
 * p + (c − p) rounds outside, and for Float32 params.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { applyUpdates, chain, projectToBox, scale, sgd } from '@descent/optim';
import { arr, elements } from '../helpers.js';

describe('projectToBox', () => {
  it('clamps the landing point element by element (hand-derived), pulling a start outside the box back in', () => {
    // x = [0.5, 0.5, 3], steps [−2, 0.25, 0] → landing [−1.5, 0.75, 3] → clamped to [0, 0.75, 1]; u = [−0.5, 0.25, −2].
    const opt = projectToBox(0, 1);
    const x = arr([0.5, 0.5, 3]);
    const u = arr([-2, 0.25, 0]);
    opt.update(u, opt.init(x), x);
    expect(elements(u)).toEqual([-0.5, 0.25, -2]);
    applyUpdates(x, u);
    expect(elements(x)).toEqual([0, 0.75, 1]);
  });

  it('takes per-key bounds: numbers, ±Infinity and arrays of the params’ shape (any view)', () => {
    const lowerW = ndarray(new Float64Array([0, 9, -1, 9]), [2], [2]); // [0, −1] at even slots
    const opt = chain(sgd({ lr: 1 }), projectToBox({ w: lowerW, b: -Infinity }, { w: 2, b: 0 }));
    const params = { w: arr([1, 1]), b: arr([1]) };
    const grads = { w: arr([3, 3]), b: arr([-5]) }; // sgd steps: w − 3 = [−2, −2], b + 5 = 6
    opt.update(grads, opt.init(params), params);
    applyUpdates(params, grads);
    expect(elements(params.w)).toEqual([0, -1]);
    expect(elements(params.b)).toEqual([0]);
  });

  it('lands inside the box where p + (c − p) rounds out: far from a tiny bound, Float32 params, Float32 updates', () => {
    // p = 1, lower 1e-20: c − p rounds to −1 and 1 + (−1) = 0 < 1e-20; the step is moved one ulp, to 2⁻⁵³ ≈ 1.1e-16.
    const x = arr([1]);
    const u = arr([-5]);
    projectToBox(1e-20, 1).update(u, null, x);
    applyUpdates(x, u);
    expect(x.get(0)).toBe(2 ** -53);
    // Float32 params, upper 0.3: fround(0.3) = 0.30000001… > 0.3, so the largest float32 ≤ 0.3 is reached.
    const largest = Math.fround(0.3) > 0.3 ? 0.29999998211860657 : Math.fround(0.3);
    const y = ndarray(Float32Array.of(0.1));
    const v = arr([1]);
    projectToBox(0, 0.3).update(v, null, y);
    applyUpdates(y, v);
    expect(y.get(0)).toBe(largest);
    // Float32 updates over Float64 params: the stored (rounded) step still lands inside.
    const z = arr([0.123456789]);
    const w = ndarray(Float32Array.of(10));
    projectToBox(-1, 0.7).update(w, null, z);
    applyUpdates(z, w);
    expect(z.get(0)).toBeLessThanOrEqual(0.7);
    expect(z.get(0)).toBeGreaterThan(0.7 - 1e-7);
  });

  it('keeps a NaN step NaN (a loop then sees it) and clamps an infinite one', () => {
    const x = arr([0.5, 0.5]);
    const u = arr([Number.NaN, Infinity]);
    projectToBox(0, 1).update(u, null, x);
    expect(Number.isNaN(u.get(0))).toBe(true);
    expect(u.get(1)).toBe(0.5);
  });

  it('refuses empty or NaN boxes at construction and bounds that do not fit the params, modifying nothing', () => {
    expect(() => projectToBox(1, 0)).toThrow(ArgumentRangeError);
    expect(() => projectToBox(1, 0)).toThrow('projectToBox: lower exceeds upper (1 > 0); the box is empty.');
    expect(() => projectToBox(arr([0, 2]), arr([1, 1]))).toThrow('projectToBox: lower exceeds upper (2 > 1 at element 1, row-major); the box is empty.');
    expect(() => projectToBox(Number.NaN, 1)).toThrow(ArgumentRangeError);
    expect(() => projectToBox('0' as never, 1)).toThrow(InvalidArgumentError);
    expect(() => projectToBox({ w: 0 }, { v: 1 })).toThrow('projectToBox: lower has the keys w but upper has v');
    const opt = chain(scale(2), projectToBox(arr([0, 0, 0]), 1));
    const x = arr([0.5, 0.5]);
    const g = arr([1, 1]);
    expect(() => opt.update(g, opt.init(x), x)).toThrow("projectToBox: lower has shape [3] but the params have shape [2]; give the bound the params' shape.");
    expect(elements(g)).toEqual([1, 1]);
    const keyed = projectToBox({ w: 0 }, 1);
    expect(() => keyed.update({ w: arr([1]), b: arr([1]) }, null, { w: arr([0]), b: arr([0]) })).toThrow("projectToBox: the params have key 'b' but lower does not");
    expect(() => projectToBox(arr([0]), 1).update({ w: arr([1]) }, null, { w: arr([0]) })).toThrow('projectToBox: lower is one ndarray but the params are a record');
  });
});
