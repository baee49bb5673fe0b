/**
 * Clipping: clipByGlobalNorm rescales ALL arrays of a record by one factor when
 * their joint norm is too large (hand-computed values below); clip bounds each
 * element. Both work on views.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { chain, clip, clipByGlobalNorm, globalNorm, sgd } from '@descent/optim';
import { arr, elements } from '../helpers.js';

describe('clipByGlobalNorm', () => {
  it('rescales a record by maxNorm/‖u‖ over all its arrays', () => {
    // ‖u‖ = √(3² + 4² + 0² + 12²) = √169 = 13; maxNorm 6.5 → factor 0.5
    const u = { a: arr([3, 4]), b: arr([0, 12], [2, 1]) };
    const t = clipByGlobalNorm(6.5);
    t.update(u, t.init(u), u);
    expect(elements(u.a)).toEqual([1.5, 2]);
    expect(elements(u.b)).toEqual([0, 6]);
    expect(globalNorm(u)).toBe(6.5);
  });
  it('leaves updates whose norm is within the limit untouched', () => {
    // ‖u‖ = 13 ≤ 13
    const u = { a: arr([3, 4]), b: arr([0, 12]) };
    const t = clipByGlobalNorm(13);
    t.update(u, t.init(u), u);
    expect(elements(u.a)).toEqual([3, 4]);
    expect(elements(u.b)).toEqual([0, 12]);
  });
  it('counts each element of a strided view once', () => {
    // view (3, 4) inside [3, 99, 4]: norm 5 → maxNorm 1 gives (0.6, 0.8); 99 untouched
    const buffer = new Float64Array([3, 99, 4]);
    const u = ndarray(buffer, [2], [2], 0);
    const t = clipByGlobalNorm(1);
    t.update(u, t.init(u), u);
    expect(elements(u)[0]).toBeCloseTo(0.6, 15);
    expect(elements(u)[1]).toBeCloseTo(0.8, 15);
    expect(buffer[1]).toBe(99);
  });
  it('before sgd caps the step length at lr·maxNorm', () => {
    // g = (30, 40), ‖g‖ = 50 → clipped to (0.6, 0.8); sgd lr 0.5 → x = (1, 1) − (0.3, 0.4)
    const x = arr([1, 1]);
    const opt = chain(clipByGlobalNorm(1), sgd({ lr: 0.5 }));
    const g = arr([30, 40]);
    opt.update(g, opt.init(x), x);
    expect(elements(g)[0]).toBeCloseTo(-0.3, 15);
    expect(elements(g)[1]).toBeCloseTo(-0.4, 15);
  });
});

describe('clip', () => {
  it('bounds every element to [−maxAbs, maxAbs], on a reversed view', () => {
    const u = arr([-5, -0.5, 0, 0.5, 5]).step(-1);
    const t = clip(1);
    t.update(u, t.init(u), u);
    expect(elements(u)).toEqual([1, 0.5, 0, -0.5, -1]);
  });
});
