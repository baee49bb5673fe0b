/**
 * f writing to x (issue 7, item 18). f is called with x perturbed in place and
 * must treat it as read-only. Snapshotting x around every call would cost O(N)
 * per call; the cheap guarantee: after each call the perturbed element must
 * still hold the node written before the call, and an element found no longer
 * a finite number when its turn comes (all were checked before the first call)
 * was written by f. Either is an InputModifiedError (code 'INPUT_MODIFIED'),
 * an Error like the other faults of f, naming the coordinate, the value written
 * and the value found; the perturbed element is restored as always. On main a
 * clamping f silently produced a gradient of the clamped function.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InputModifiedError, isDescentError, numericalGradient, numericalGradients, type DifferenceScheme } from '@descent/core';
import { expectThrows, sameBits, snapshot } from '../helpers.js';

const SCHEMES: DifferenceScheme[] = ['central', 'forward', 'backward', 'five-point'];

/** Clamps every element to [−1, 1] in place, then sums: writes to the perturbed element when a node leaves [−1, 1]. */
function clampingSum(v: NdArray): number {
  let s = 0;
  for (let i = 0; i < v.shape[0]!; i++) {
    if (Math.abs(v.get(i)) > 1) v.set(i, Math.sign(v.get(i)));
    s += v.get(i);
  }
  return s;
}

describe('a write to the perturbed element is detected when f returns', () => {
  for (const scheme of SCHEMES) {
    // backward only steps down: start it at the lower edge
    const edge = scheme === 'backward' ? -1 : 1;
    it(`${scheme}: x = [0.5, ${edge}] — the first node outside [−1, 1] is clamped by f; x restored bit-identical`, () => {
      const data = Float64Array.of(0.5, edge);
      const x = ndarray(data, [2]);
      const seen: number[] = [];
      const f = (v: NdArray): number => {
        seen.push(v.get(1));
        return clampingSum(v);
      };
      const e = expectThrows(() => numericalGradient(f, x, { h: 0.25, scheme }), InputModifiedError, 'INPUT_MODIFIED', /^numericalGradient: f wrote to x: x\[1\] was -?1\.(25|5) when f was called and -?1 when it returned\./, {
        coordinate: 'x[1]',
        found: edge,
      });
      expect(e.expected).toBe(seen.find((t) => Math.abs(t) > 1));
      expect(e.message).toContain('f must not modify x (it is perturbed in place; copy it if f needs a scratch array) — x[1] has been restored');
      expect(isDescentError(e)).toBe(true);
      expect(sameBits(snapshot(data), [0.5, edge])).toBe(true);
    });
  }
  it('Float32Array and plain arrays (a string written is reported as such)', () => {
    const f32 = Float32Array.of(2);
    expectThrows(() => numericalGradient(clampingSum, ndarray(f32, [1])), InputModifiedError, 'INPUT_MODIFIED', /x\[0\] was 2\.0\d+ when f was called and 1 when it returned/);
    expect(f32[0]).toBe(2);
    const plain = [1.5];
    const stringify = (v: NdArray): number => {
      v.set(0, String(v.get(0)) as unknown as number);
      return 0;
    };
    expectThrows(() => numericalGradient(stringify, ndarray(plain, [1]), { h: 0.5 }), InputModifiedError, 'INPUT_MODIFIED', /x\[0\] was 2 when f was called and string "2" when it returned/, {
      expected: 2,
      found: '2',
    });
    expect(plain).toEqual([1.5]);
  });
  it('the named form names the parameter’s coordinate', () => {
    const W = ndarray(Float64Array.of(0.25, 0.75), [2]);
    const loss = (): number => clampingSum(W);
    expectThrows(() => numericalGradients(loss, { W }, { h: 0.5 }), InputModifiedError, 'INPUT_MODIFIED', /^numericalGradients: f wrote to W: W\[1\] was 1\.25 when f was called and 1 when it returned/, {
      coordinate: 'W[1]',
      expected: 1.25,
      found: 1,
    });
    expect(Array.from(W.data as Float64Array)).toEqual([0.25, 0.75]);
  });
  it('f writing the same value back, or elsewhere, is not flagged by this check (documented: f must not write at all)', () => {
    const data = Float64Array.of(1, 2);
    const g = numericalGradient(
      (v) => {
        v.set(0, v.get(0)); // a no-op write
        return v.get(0) + v.get(1);
      },
      ndarray(data, [2]),
    );
    for (const slope of Array.from(g.data as Float64Array)) expect(slope).toBeCloseTo(1, 9);
  });
});

describe('an element not yet perturbed found non-finite was written by f', () => {
  it('f writes NaN to x[2] while x[0] is perturbed: reported at x[2], x[0] restored', () => {
    const data = Float64Array.of(1, 2, 3);
    let calls = 0;
    const f = (v: NdArray): number => {
      if (++calls === 1) v.set(2, NaN);
      return v.get(0);
    };
    const e = expectThrows(
      () => numericalGradient(f, ndarray(data, [3])),
      InputModifiedError,
      'INPUT_MODIFIED',
      'numericalGradient: x[2] was a finite number before f was first called and is NaN now: f wrote to x. ' +
        'f must not modify x (copy it if f needs a scratch array); the elements perturbed so far have been restored.',
      { coordinate: 'x[2]', expected: undefined, found: NaN },
    );
    expect(e).not.toBeInstanceOf(RangeError);
    expect(Array.from(data.subarray(0, 2))).toEqual([1, 2]);
  });
});
