/**
 * Property (adversarial views): for any view — random compositions of
 * transpose, hi, lo, step(−1) and pick over a base of rank 1–4 with axes of
 * length 0–3, in Float64Array, Float32Array or plain-Array storage, holding
 * −0, subnormals, ±MAX_VALUE and float32 limits, padded with NaNs of a
 * non-default payload — and any misbehaviour of f at its k-th call (throws,
 * returns NaN, ±Infinity, undefined, a string, a bigint, a Promise), every
 * scheme and step: numericalGradient either returns or throws a typed
 * descent error, and the whole storage (padding included) is bit-identical
 * afterwards. And for a well-behaved f the view's layout does not matter: the
 * gradient on the view has the bits of the gradient on a contiguous copy.
 */
import fc from 'fast-check';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { isDescentError, numericalGradient, type GradientOptions } from '@descent/core';
import { buildView, contiguous, storageBytes, viewCase } from '../view-arbitrary.js';

/** Σ (i+1)·sin(x_i) in row-major order: finite for every finite x, different per element. */
function sines(v: NdArray): number {
  const index = new Array<number>(v.shape.length).fill(0);
  const size = v.shape.reduce((p, n) => p * n, 1);
  let sum = 0;
  for (let k = 0; k < size; k++) {
    sum += (k + 1) * Math.sin(v.get(...index));
    for (let axis = v.shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < v.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return sum;
}

const MISBEHAVIOURS: readonly unknown[] = ['throw', Number.NaN, Infinity, -Infinity, undefined, 'a string', 10n, Promise.resolve(1), null];
const optionsArb: fc.Arbitrary<GradientOptions> = fc.record(
  {
    scheme: fc.constantFrom('central', 'forward', 'backward', 'five-point', 'richardson') as fc.Arbitrary<GradientOptions['scheme']>,
    h: fc.constantFrom<GradientOptions['h']>('auto', 1e-4, 5e-324, 1e300, 0.5),
    stepUnderflow: fc.constantFrom<GradientOptions['stepUnderflow']>('throw', 'zero'),
    quotient: fc.constantFrom<GradientOptions['quotient']>('actual', 'nominal'),
    bounds: fc.constantFrom<GradientOptions['bounds']>({ lower: -1, upper: 1 }, { lower: 0 }, { upper: -0 }),
  },
  { requiredKeys: [] },
);

describe('numericalGradient on adversarial views', () => {
  it('returns or throws a typed error, and the storage comes back bit-identical', () => {
    fc.assert(
      fc.property(viewCase({ allowEmpty: true }), optionsArb, fc.nat({ max: 12 }), fc.option(fc.constantFrom(...MISBEHAVIOURS), { nil: 'none' }), (c, options, k, bad) => {
        const { storage, view, description } = buildView(c);
        const before = storageBytes(storage);
        let calls = 0;
        const f = (v: NdArray): number => {
          if (calls++ === k && bad !== 'none') {
            if (bad === 'throw') throw new Error('f failed on purpose');
            return bad as number;
          }
          return sines(v);
        };
        let error: unknown;
        try {
          numericalGradient(f, view, options);
        } catch (e) {
          error = e;
        }
        if (error !== undefined && !isDescentError(error)) throw new Error(`${description}: untyped ${String(error)}`);
        expect(storageBytes(storage), description).toBe(before);
      }),
      { numRuns: 200, seed: 20261129 },
    );
  });
  it('a well-behaved f gets the bits of the gradient on a contiguous copy', () => {
    fc.assert(
      fc.property(viewCase({ specials: false }), optionsArb, (c, options) => {
        const { view, description } = buildView(c);
        const copy = contiguous(view, c.kind);
        let onView: NdArray | undefined;
        let onCopy: NdArray | undefined;
        let errorView: unknown;
        let errorCopy: unknown;
        try {
          onView = numericalGradient(sines, view, options);
        } catch (e) {
          errorView = e;
        }
        try {
          onCopy = numericalGradient(sines, copy, options);
        } catch (e) {
          errorCopy = e;
        }
        expect((errorView as Error | undefined)?.message, description).toBe((errorCopy as Error | undefined)?.message);
        if (onView !== undefined) expect(storageBytes(onView.data as Float64Array), description).toBe(storageBytes(onCopy!.data as Float64Array));
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
