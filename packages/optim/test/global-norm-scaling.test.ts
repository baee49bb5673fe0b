/**
 * globalNorm and clipByGlobalNorm for any finite input: Σ x² overflows beyond
 * |x| ≈ 1.3e154 and underflows below 1.5e-154, so those norms are computed with
 * scaling, M·√(Σ (x/M)²) with M = max |x| (as LAPACK's dnrm2 and Math.hypot).
 * Reference: ‖(3, 4)·10^k‖ = 5·10^k; accepted error a few ulps (the scaled sum
 * rounds x/M, its square, the sum and the root: ≤ 4 roundings of 2⁻⁵³).
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { chain, clipByGlobalNorm, globalNorm, sgd, train } from '@descent/optim';
import { arr, elements } from './helpers.js';

/** |actual/expected − 1| ≤ 4 ulps of 1. */
function expectUlps(actual: number, expected: number): void {
  expect(Math.abs(actual / expected - 1), `${actual} vs ${expected}`).toBeLessThanOrEqual(4 * 2 ** -52);
}

describe('globalNorm beyond the range of Σ x²', () => {
  it('‖(3e200, 4e200)‖ = 5e200 (Σ x² alone is Infinity)', () => {
    expectUlps(globalNorm(arr([3e200, 4e200])), 5e200);
    expectUlps(globalNorm(arr([3e200, 4e200])), Math.hypot(3e200, 4e200));
  });
  it('‖(3e-200, 4e-200)‖ = 5e-200 and ‖(3e-160, 4e-160)‖ = 5e-160 (Σ x² alone is 0 or subnormal)', () => {
    expectUlps(globalNorm(arr([3e-200, 4e-200])), 5e-200);
    expectUlps(globalNorm(arr([3e-160, 4e-160])), 5e-160);
  });
  it('over a record of views and storages: a reversed view, a transposed plain array, a Float32Array', () => {
    const tree = {
      a: arr([0, 3e200]).step(-1), // (3e200, 0)
      b: ndarray([4e200, 0, 0, 0], [2, 2]).transpose(1, 0),
      c: ndarray(new Float32Array([0])),
    };
    expectUlps(globalNorm(tree), 5e200);
    expectUlps(globalNorm({ a: ndarray(new Float32Array([3e-30, 4e-30])), b: arr([0]) }), Math.hypot(Math.fround(3e-30), Math.fround(4e-30)));
  });
  it('the largest finite numbers: ‖(MAX, MAX)‖ = √2·MAX overflows only because the answer does', () => {
    expect(globalNorm(arr([Number.MAX_VALUE, Number.MAX_VALUE]))).toBe(Infinity);
    expectUlps(globalNorm(arr([Number.MAX_VALUE, 0])), Number.MAX_VALUE);
  });
  it('zeros give 0, an infinite element Infinity, a NaN NaN; ordinary inputs keep the plain formula', () => {
    expect(globalNorm({ a: arr([0, 0]), b: arr([-0]) })).toBe(0);
    expect(globalNorm(arr([1, -Infinity]))).toBe(Infinity);
    expect(globalNorm(arr([Infinity, Number.NaN]))).toBeNaN();
    expect(globalNorm(arr([3, 4]))).toBe(5);
  });
});

describe('clipByGlobalNorm with huge or tiny norms', () => {
  it('(3e200, 4e200) with maxNorm 1 clips to (0.6, 0.8), not (0, 0)', () => {
    const u = arr([3e200, 4e200]);
    const t = clipByGlobalNorm(1);
    t.update(u, t.init(u), u);
    expectUlps(elements(u)[0]!, 0.6);
    expectUlps(elements(u)[1]!, 0.8);
  });
  it('a record (3e200 | 4e200) with maxNorm 2 clips to (1.2 | 1.6)', () => {
    const u = { a: arr([3e200]), b: arr([4e200]) };
    const t = clipByGlobalNorm(2);
    t.update(u, t.init(u), u);
    expectUlps(elements(u.a)[0]!, 1.2);
    expectUlps(elements(u.b)[0]!, 1.6);
  });
  it('maxNorm 1e-300 against a norm of 5e200: the factor 2e-501 would underflow; the result is (6e-301, 8e-301)', () => {
    const u = arr([3e200, 4e200]);
    const t = clipByGlobalNorm(1e-300);
    t.update(u, t.init(u), u);
    expectUlps(elements(u)[0]!, 6e-301);
    expectUlps(elements(u)[1]!, 8e-301);
  });
  it('train with clipped huge gradients moves the params by lr·(0.6, 0.8)', () => {
    // One full-batch step: g = (3e200, 4e200) clipped to (0.6, 0.8), sgd lr 0.1 → w = 1 − 0.06, b = 2 − 0.08.
    const params = { w: arr([1]), b: arr([2]) };
    const result = train({
      params,
      loss: () => 0,
      gradient: (_p, _batch, grads) => {
        grads['w']!.set(0, 3e200);
        grads['b']!.set(0, 4e200);
        return 0;
      },
      data: { inputs: arr([0, 1], [2, 1]), targets: arr([0, 1]) },
      batchSize: 2,
      epochs: 1,
      optimizer: chain(clipByGlobalNorm(1), sgd({ lr: 0.1 })),
      seed: 1,
      progress: false,
    });
    expect(result.steps).toBe(1);
    expectUlps(params.w.get(0), 0.94);
    expectUlps(params.b.get(0), 1.92);
  });
});
