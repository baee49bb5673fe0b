/**
 * `out` sharing memory with what is differentiated (issue 7, item 2). Main
 * compared only `out.data === x.data`, so an out over the same ArrayBuffer
 * through another typed array (a subarray, a Float32Array over x's Float64
 * buffer), or over another parameter in the named form, overwrote x while it
 * was differentiated. Overlap is now decided by buffer and byte ranges (exact
 * for interleaved views), in both directions and against every parameter, and
 * refused with an OverlappingMemoryError (a RangeError) before f runs. An out
 * that aliases itself (stride 0) would keep only the last element written:
 * AliasedMemoryError.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it, vi } from 'vitest';
import {
  AliasedMemoryError,
  numericalGradient,
  numericalGradientInto,
  numericalGradients,
  numericalGradientsInto,
  OverlappingMemoryError,
} from '@descent/core';
import { elements, expectThrows } from '../helpers.js';

const square = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t, 0);

const overlapMessage = (where: string, out: string, x: string, n: number, kind = 'ArrayBuffer'): string =>
  `${where}: ${out} shares memory with ${x} (the same ${kind}, overlapping elements); writing ${out} would change ${x} while it is in use. ` +
  `Pass an array with its own storage, e.g. ndarray(new Float64Array(${n}), [${n}]).`;

describe('one array: out over x through another view of its buffer', () => {
  it('a subarray of x’s Float64Array (main wrote the gradient over x)', () => {
    const data = Float64Array.from([1, 2, 3, 4]);
    const x = ndarray(data.subarray(0, 3), [3]);
    const f = vi.fn(square);
    expectThrows(
      () => numericalGradientInto(ndarray(data.subarray(1, 4), [3]), f, x),
      OverlappingMemoryError,
      'OVERLAPPING_MEMORY',
      overlapMessage('numericalGradientInto', 'out', 'x', 3),
      { array: 'out', other: 'x' },
    );
    expect(f).not.toHaveBeenCalled();
    expect(Array.from(data)).toEqual([1, 2, 3, 4]);
  });
  it('a Float32Array over x’s Float64 buffer, as options.out', () => {
    const data = Float64Array.from([1, 2]);
    const out = ndarray(new Float32Array(data.buffer, 0, 2), [2]); // bytes 0..7: inside data[0]
    const f = vi.fn(square);
    const e = expectThrows(
      () => numericalGradient(f, ndarray(data, [2]), { out }),
      OverlappingMemoryError,
      'OVERLAPPING_MEMORY',
      overlapMessage('numericalGradient', 'options.out', 'x', 2),
    );
    expect(e).toBeInstanceOf(RangeError);
    expect(f).not.toHaveBeenCalled();
    expect(Array.from(data)).toEqual([1, 2]);
  });
  it('a disjoint part of the same buffer is accepted and gets the gradient', () => {
    const data = Float64Array.from([3, 4, 0, 0]);
    const x = ndarray(data.subarray(0, 2), [2]);
    const out = ndarray(new Float64Array(data.buffer, 16, 2), [2]);
    numericalGradientInto(out, square, x);
    expect(elements(out)[0]).toBeCloseTo(6, 9);
    expect(elements(out)[1]).toBeCloseTo(8, 9);
    expect(Array.from(data.subarray(0, 2))).toEqual([3, 4]);
  });
  it('interleaved x and out (even and odd elements of one buffer) are accepted', () => {
    const data = Float64Array.from([3, 0, 4, 0]);
    const x = ndarray(data, [2], [2], 0);
    const out = ndarray(data, [2], [2], 1);
    numericalGradientInto(out, square, x);
    expect(data[1]).toBeCloseTo(6, 9);
    expect(data[3]).toBeCloseTo(8, 9);
    expect([data[0], data[2]]).toEqual([3, 4]);
  });
  it('plain arrays: the same array object is caught, a copy is not', () => {
    const data = [1, 2, 3, 4];
    expectThrows(
      () => numericalGradientInto(ndarray(data, [2], [1], 1), square, ndarray(data, [2])),
      OverlappingMemoryError,
      'OVERLAPPING_MEMORY',
      overlapMessage('numericalGradientInto', 'out', 'x', 2, 'array'),
    );
  });
});

describe('an out that aliases itself is refused', () => {
  it('stride 0: every element would land on one slot', () => {
    const f = vi.fn(square);
    expectThrows(
      () => numericalGradientInto(ndarray(new Float64Array(1), [3], [0], 0), f, ndarray(new Float64Array([1, 2, 3]), [3])),
      AliasedMemoryError,
      'ALIASED_MEMORY',
      'numericalGradientInto: out aliases its own memory: axis 0 has stride 0 (a broadcast), so out[0] and out[1] are the same slot, ' +
        'so each result written there would overwrite another. Write into an array with its own storage: ndarray(new Float64Array(3), [3]).',
      { array: 'out', axes: [0] },
    );
    expect(f).not.toHaveBeenCalled();
  });
  it('in the named form too', () => {
    const loss = vi.fn(() => 1);
    expectThrows(
      () => numericalGradients(loss, { b: ndarray(new Float64Array(2), [2]) }, { out: { b: ndarray(new Float64Array(1), [2], [0]) } }),
      AliasedMemoryError,
      'ALIASED_MEMORY',
      /^numericalGradients: options\.out\.b aliases its own memory/,
      { array: 'options.out.b' },
    );
    expect(loss).not.toHaveBeenCalled();
  });
});

describe('named form: every out against every parameter, both directions, and against each other', () => {
  const fresh = (): Record<string, NdArray> => ({
    a: ndarray(new Float64Array([1, 2]), [2]),
    b: ndarray(new Float64Array([3, 4]), [2]),
    c: ndarray(new Float64Array([5, 6]), [2]),
  });
  const outs = (): Record<string, NdArray> => ({ a: ndarray(new Float64Array(2), [2]), b: ndarray(new Float64Array(2), [2]), c: ndarray(new Float64Array(2), [2]) });
  for (const [outKey, paramKey] of [
    ['a', 'c'],
    ['c', 'a'],
    ['b', 'b'],
  ] as const) {
    it(`out.${outKey} over params.${paramKey} (through a Float32Array view of its buffer)`, () => {
      const params = fresh();
      const before = elements(params[paramKey]!);
      const out = outs();
      out[outKey] = ndarray(new Float32Array((params[paramKey]!.data as Float64Array).buffer, 8, 2), [2]);
      const loss = vi.fn(() => 1);
      expectThrows(
        () => numericalGradientsInto(out, loss, params),
        OverlappingMemoryError,
        'OVERLAPPING_MEMORY',
        overlapMessage('numericalGradientsInto', `out.${outKey}`, `params.${paramKey}`, 2),
        { array: `out.${outKey}`, other: `params.${paramKey}` },
      );
      expect(loss).not.toHaveBeenCalled();
      expect(elements(params[paramKey]!)).toEqual(before);
    });
  }
  it('two outs over one buffer: the later one would overwrite the earlier gradient', () => {
    const shared = new Float64Array(3);
    const loss = vi.fn(() => 1);
    expectThrows(
      () => numericalGradients(loss, fresh(), { out: { a: ndarray(shared, [2]), b: ndarray(shared.subarray(1), [2]), c: ndarray(new Float64Array(2), [2]) } }),
      OverlappingMemoryError,
      'OVERLAPPING_MEMORY',
      overlapMessage('numericalGradients', 'options.out.b', 'options.out.a', 2),
      { array: 'options.out.b', other: 'options.out.a' },
    );
    expect(loss).not.toHaveBeenCalled();
  });
});
