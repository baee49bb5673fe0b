/**
 * Aliased x (issue 7, item 1). A view whose distinct elements share memory —
 * stride 0 (a broadcast) or overlapping strides — cannot be perturbed one
 * element at a time: on main, f = x₀ + x₁ + x₂ on ndarray([2], [3], [0]) gave
 * [3, 3, 3] where each partial derivative is 1. Now every entry point refuses
 * it with an AliasedMemoryError (a TypeError) naming the axes, before f runs.
 *
 * Two parameters of the named form over the same memory are the same failure
 * one level up (perturbing W moves Wᵀ too, so each gets the sum of both
 * partials): refused as well, with `other` naming the first array.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it, vi } from 'vitest';
import {
  AliasedMemoryError,
  gradCheck,
  numericalGradient,
  numericalGradientInto,
  numericalGradients,
  numericalGradientsInto,
} from '@descent/core';
import { elements, expectThrows } from '../helpers.js';

const sum = (v: NdArray): number => elements(v).reduce((s, t) => s + t, 0);
const broadcast = (): NdArray => ndarray(Float64Array.of(2), [3], [0], 0);
const crossed = (): NdArray => ndarray(Float64Array.of(1, 2, 3), [2, 2], [1, 1], 0);

const BROADCAST_MESSAGE =
  'x aliases its own memory: axis 0 has stride 0 (a broadcast), so x[0] and x[1] are the same number and neither can be changed alone ' +
  '(a partial derivative or an in-place update is not defined there). Copy it into its own storage first: ' +
  'const copy = ndarray(new Float64Array(3), [3]); then assign(copy, x) with ndarray-ops (or copy element by element).';

describe('a self-aliasing x is refused before f runs', () => {
  it('numericalGradient on a stride-0 broadcast (main returned [3, 3, 3])', () => {
    const f = vi.fn(sum);
    const x = broadcast();
    expectThrows(() => numericalGradient(f, x), AliasedMemoryError, 'ALIASED_MEMORY', `numericalGradient: ${BROADCAST_MESSAGE}`, {
      array: 'x',
      axes: [0],
      other: undefined,
    });
    expect(f).not.toHaveBeenCalled();
    expect(Array.from(x.data as Float64Array)).toEqual([2]);
  });
  it('numericalGradientInto on overlapping strides [1,1] for shape [2,2] names both axes', () => {
    const f = vi.fn(sum);
    const e = expectThrows(
      () => numericalGradientInto(ndarray(new Float64Array(4), [2, 2]), f, crossed()),
      AliasedMemoryError,
      'ALIASED_MEMORY',
      /^numericalGradientInto: x aliases its own memory: axes 0 and 1 overlap \(strides \[1,1\] for shape \[2,2\]\), so x\[0,1\] and x\[1,0\] are the same number/,
      { array: 'x', axes: [0, 1] },
    );
    expect(e).toBeInstanceOf(TypeError);
    expect(f).not.toHaveBeenCalled();
  });
  it('gradCheck (one array) and the analytic gradient function are not called either', () => {
    const f = vi.fn(sum);
    const analytic = vi.fn((v: NdArray) => ndarray(new Float64Array(v.size), v.shape));
    expectThrows(() => gradCheck(f, analytic, broadcast()), AliasedMemoryError, 'ALIASED_MEMORY', `gradCheck: ${BROADCAST_MESSAGE}`);
    expect(f).not.toHaveBeenCalled();
    expect(analytic).not.toHaveBeenCalled();
  });
  it('the named form names the parameter', () => {
    const loss = vi.fn(() => 1);
    const b = ndarray(new Float64Array([1, 2]), [2]);
    for (const call of [
      () => numericalGradients(loss, { b, W: broadcast() }),
      () => numericalGradientsInto({ b: ndarray(new Float64Array(2), [2]), W: ndarray(new Float64Array(3), [3]) }, loss, { b, W: broadcast() }),
      () => gradCheck(loss, { b: ndarray(new Float64Array(2), [2]), W: ndarray(new Float64Array(3), [3]) }, { b, W: broadcast() }),
    ]) {
      expectThrows(call, AliasedMemoryError, 'ALIASED_MEMORY', /: params\.W aliases its own memory: axis 0 has stride 0 \(a broadcast\), so params\.W\[0\] and params\.W\[1\]/, {
        array: 'params.W',
        axes: [0],
      });
    }
    expect(loss).not.toHaveBeenCalled();
  });
  it('ordinary views (transpose, step(-1), hi/lo, pick, a kept axis of stride 0 and extent 1) are accepted', () => {
    const data = Float64Array.from({ length: 12 }, (_, i) => i / 4);
    const square = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t, 0);
    for (const v of [
      ndarray(data, [3, 4]).transpose(1, 0),
      ndarray(data, [12]).step(-1),
      ndarray(data, [3, 4]).hi(2, 3).lo(1, 1),
      ndarray(data, [3, 4]).pick(1, null),
      ndarray(data, [1, 4], [0, 1], 2),
    ]) {
      // ∂/∂t Σt² = 2t, central differences exact on a quadratic up to rounding
      const g = elements(numericalGradient(square, v));
      elements(v).forEach((t, k) => expect(g[k]).toBeCloseTo(2 * t, 8));
    }
  });
});

describe('two parameters sharing memory are refused', () => {
  const loss = vi.fn(() => 1);
  const message = (first: string, second: string): string =>
    `numericalGradients: params.${second} shares memory with params.${first}, so perturbing an element of one moves the other and neither partial derivative is defined. ` +
    `Pass each array once (tie shared weights inside the loss), or give params.${second} its own copy: ndarray(Float64Array.from(...), shape).`;
  it('the same array under two keys', () => {
    const W = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]);
    expectThrows(() => numericalGradients(loss, { W, tied: W }), AliasedMemoryError, 'ALIASED_MEMORY', message('W', 'tied'), {
      array: 'params.tied',
      other: 'params.W',
      axes: [],
    });
  });
  it('a weight and its transpose (tied weights): each would get the sum of both partials', () => {
    // loss = W₀₁ + Wᵀ₀₁ = W₀₁ + W₁₀ reads two distinct parameters; perturbing W₀₁ also moves Wᵀ₁₀,
    // so main reported ∂/∂W₀₁ = 2 where the partial derivative with respect to W alone is 1.
    const W = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]);
    const WT = W.transpose(1, 0);
    const f = vi.fn(() => W.get(0, 1) + WT.get(0, 1));
    expectThrows(() => numericalGradients(f, { W, WT }), AliasedMemoryError, 'ALIASED_MEMORY', message('W', 'WT'));
    expect(f).not.toHaveBeenCalled();
  });
  it('overlapping subarrays and a Float32Array over the same ArrayBuffer', () => {
    const buffer = new ArrayBuffer(64);
    const all = new Float64Array(buffer);
    expectThrows(
      () => numericalGradients(loss, { a: ndarray(all.subarray(0, 4), [4]), b: ndarray(all.subarray(3, 6), [3]) }),
      AliasedMemoryError,
      'ALIASED_MEMORY',
      message('a', 'b'),
    );
    expectThrows(
      () => numericalGradients(loss, { a: ndarray(all.subarray(0, 2), [2]), b: ndarray(new Float32Array(buffer, 8, 2), [2]) }),
      AliasedMemoryError,
      'ALIASED_MEMORY',
      message('a', 'b'),
    );
  });
  it('gradCheck names itself', () => {
    const W = ndarray(new Float64Array([1, 2]), [2]);
    expectThrows(() => gradCheck(loss, { W, V: W }, { W, V: W }), AliasedMemoryError, 'ALIASED_MEMORY', /^gradCheck: params\.V shares memory with params\.W/);
  });
  it('disjoint views of one buffer are fine: interleaved (even/odd) and the two halves', () => {
    expect(loss).not.toHaveBeenCalled();
    const data = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const even = ndarray(data, [3], [2], 0);
    const odd = ndarray(data, [3], [2], 1);
    // loss = Σ even·odd: ∂/∂evenᵢ = oddᵢ, ∂/∂oddᵢ = evenᵢ
    const g = numericalGradients(() => elements(even).reduce((s, e, i) => s + e * odd.get(i), 0), { even, odd });
    elements(g.even!).forEach((v, i) => expect(v).toBeCloseTo(odd.get(i), 9));
    elements(g.odd!).forEach((v, i) => expect(v).toBeCloseTo(even.get(i), 9));
    expect(Array.from(data)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
