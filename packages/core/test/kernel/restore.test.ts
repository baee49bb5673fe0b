/**
 * Restoration: every element of the perturbed array is bit-identical to
 * before (Object.is: −0 stays −0, subnormals and huge values unchanged) after a
 * normal call, after f throws, and after f returns NaN/±Infinity; the errors
 * name the coordinate as a multi-index, the perturbed value and what f did.
 */
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { FLOAT32_MAX, isDescentError, numericalGradient, numericalGradients, type DifferenceScheme, type Quotient, type Scheme } from '@descent/core';
import { elements, sameBits, snapshot } from '../helpers.js';

/** Finite for every finite input, so only the behaviour under test can fail. */
const sumOfSines = (v: NdArray): number => elements(v).reduce((s, x) => s + Math.sin(x), 0);

const SPECIAL = [-0, 0, 5e-324, -5e-324, 2.2250738585072014e-308, -1.5e-310, 1e300, -3.3e299, 1, -1, 0.1, 7.25];

describe('after a normal call', () => {
  for (const scheme of ['central', 'forward', 'backward', 'five-point'] as DifferenceScheme[]) {
    it(`${scheme}: −0, subnormals and huge values come back bit-identical`, () => {
      const data = Float64Array.from(SPECIAL);
      const before = snapshot(data);
      const x = ndarray(data, [3, 4]).transpose(1, 0);
      numericalGradient(sumOfSines, x, { scheme });
      expect(sameBits(snapshot(data), before)).toBe(true);
      expect(Object.is(data[0], -0)).toBe(true);
    });
  }
  it('with a fixed h, also in a plain Array', () => {
    const data = SPECIAL.slice();
    numericalGradient(sumOfSines, ndarray(data, [12]), { h: 1e-4, stepUnderflow: 'zero' });
    expect(sameBits(data, SPECIAL)).toBe(true);
  });
});

describe('when f throws', () => {
  it('x is restored and the error names x[1,2] and keeps the cause', () => {
    const data = Float64Array.from({ length: 12 }, (_, i) => (i - 5) / 3);
    const before = snapshot(data);
    const x = ndarray(data, [3, 4]);
    const boom = new Error('boom');
    const original = x.get(1, 2);
    let caught: unknown;
    try {
      numericalGradient(
        (v) => {
          if (v.get(1, 2) !== original) throw boom;
          return sumOfSines(v);
        },
        x,
        { h: 1e-4 },
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(Error);
    const e = caught as Error;
    // x[1,2] = 1/3; the first perturbation is up: 1/3 + 1e-4
    expect(e.message).toBe(`numericalGradient: f threw when x[1,2] was perturbed to ${1 / 3 + 1e-4}: boom (x has been restored).`);
    expect(e.cause).toBe(boom);
    expect(sameBits(snapshot(data), before)).toBe(true);
  });
  it('named form: the error names W1[1,0], W1 and b1 restored', () => {
    const W1 = ndarray(Float64Array.from([-0, 2, 3, 4, 5, 6]), [2, 3]);
    const b1 = ndarray(Float64Array.from([0.5, -0.5]), [2]);
    const w1Before = snapshot(W1.data as Float64Array);
    const b1Before = snapshot(b1.data as Float64Array);
    const loss = (): number => {
      if (W1.get(1, 0) !== 4) throw new RangeError('bad W1');
      return W1.get(0, 1) * b1.get(0);
    };
    expect(() => numericalGradients(loss, { W1, b1 }, { h: 1e-4 })).toThrow(/^numericalGradients: f threw when W1\[1,0\] was perturbed to 4\.0001: bad W1 \(W1 has been restored\)\.$/);
    expect(sameBits(snapshot(W1.data as Float64Array), w1Before)).toBe(true);
    expect(sameBits(snapshot(b1.data as Float64Array), b1Before)).toBe(true);
  });
  it('a throw at the unperturbed point (forward scheme) is reported as such', () => {
    const data = Float64Array.from([1, 2]);
    expect(() =>
      numericalGradient(
        () => {
          throw new Error('nope');
        },
        ndarray(data, [2]),
        { scheme: 'forward' },
      ),
    ).toThrow('numericalGradient: f threw at the unperturbed x: nope (x has been restored).');
    expect(Array.from(data)).toEqual([1, 2]);
  });
});

describe('when f returns NaN or ±Infinity', () => {
  for (const bad of [NaN, Infinity, -Infinity]) {
    it(`${bad}: Error naming x[2,1], the perturbed value and ${bad}; x restored`, () => {
      const data = Float64Array.from({ length: 6 }, (_, i) => i + 0.5);
      const before = snapshot(data);
      const x = ndarray(data, [3, 2]);
      // x[2,1] = 5.5; central goes up first (5.5001) then down (5.4999): fail on the way down
      const f = (v: NdArray): number => (v.get(2, 1) < 5.5 ? bad : sumOfSines(v));
      expect(() => numericalGradient(f, x, { h: 1e-4 })).toThrow(
        `numericalGradient: f returned ${bad} when x[2,1] was perturbed to ${5.5 - 1e-4}; a finite difference needs finite values of f near x (try a smaller h) — x has been restored.`,
      );
      expect(sameBits(snapshot(data), before)).toBe(true);
    });
  }
});

describe('property: any shape, any view, any scheme', () => {
  const finite = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
    fc.constantFrom(-0, 0, 5e-324, -2.2250738585072014e-308),
  );
  it('the buffer is bit-identical afterwards, and a throw anywhere also restores it', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.array(finite, { minLength: 65, maxLength: 65 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.constantFrom<DifferenceScheme>('central', 'forward', 'backward', 'five-point'),
        fc.nat(),
        (shape, values, reverse, scheme, throwAt) => {
          const data = Float64Array.from(values);
          const before = snapshot(data);
          // a contiguous block at offset 1 (at most 64 elements in 65), axes reversed per `reverse`, then transposed (axes reversed in order)
          let view = ndarray(data, shape, undefined, 1);
          view = view.step(...shape.map((_, axis) => (reverse[axis] ? -1 : 1)));
          view = view.transpose(...shape.map((_, axis) => shape.length - 1 - axis));
          numericalGradient(sumOfSines, view, { scheme });
          expect(sameBits(snapshot(data), before)).toBe(true);
          let calls = 0;
          const n = elements(view).length;
          const totalCalls = scheme === 'central' ? 2 * n : scheme === 'five-point' ? 4 * n : n + 1;
          const stopAt = throwAt % totalCalls;
          expect(() =>
            numericalGradient(
              (v) => {
                if (calls++ === stopAt) throw new Error('stop');
                return sumOfSines(v);
              },
              view,
              { scheme },
            ),
          ).toThrow('stop');
          expect(sameBits(snapshot(data), before)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('property: dtypes × views × schemes (richardson too) × steps × quotients × bounds × f0 × progress, f misbehaving every way', () => {
  // Values include ±MAX (the edge path, nodes toward the interior), −0 and subnormals; a Float32Array
  // gets values representable in float32 (its edge is ±FLOAT32_MAX).
  const MAX = Number.MAX_VALUE;
  const float64 = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(-0, 0, 5e-324, -2.2250738585072014e-308, MAX, -MAX, MAX * (1 - 1e-9), 1e12, 3),
  );
  const float32 = fc.oneof(
    fc.float({ noNaN: true, noDefaultInfinity: true }).map((v) => Math.fround(v)),
    fc.constantFrom(-0, FLOAT32_MAX, -FLOAT32_MAX, Math.fround(1e-40), 1000),
  );
  type Misbehaviour = 'none' | 'throw' | 'NaN' | 'string' | 'promise' | 'write perturbed' | 'write NaN to perturbed' | 'freeze counter';
  const MISBEHAVIOURS: Misbehaviour[] = ['none', 'throw', 'NaN', 'string', 'promise', 'write perturbed', 'write NaN to perturbed', 'freeze counter'];

  it('the storage is bit-identical afterwards, and every error is a typed descent error', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('Float64Array', 'Float32Array', 'Array'),
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.constantFrom<Scheme>('central', 'forward', 'backward', 'five-point', 'richardson'),
        fc.constantFrom<number | 'auto'>('auto', 1e-4, 0.5, 1e300),
        fc.constantFrom<Quotient>('actual', 'nominal'),
        fc.constantFrom<'throw' | 'zero'>('throw', 'zero'),
        fc.constantFrom(...MISBEHAVIOURS),
        fc.nat(),
        fc.array(float64, { minLength: 28, maxLength: 28 }),
        fc.array(float32, { minLength: 28, maxLength: 28 }),
        fc.option(fc.array(fc.constantFrom(0, 1e-3, 1, Infinity), { minLength: 2, maxLength: 2 }), { nil: undefined }),
        fc.option(fc.constantFrom(0, -2.5), { nil: undefined }),
        fc.option(fc.nat({ max: 30 }), { nil: undefined }),
        (storage, shape, reverse, scheme, h, quotient, stepUnderflow, misbehaviour, at, values64, values32, box, f0, stopAt) => {
          const values = storage === 'Float32Array' ? values32 : values64;
          const data: Float64Array | Float32Array | number[] =
            storage === 'Float64Array' ? Float64Array.from(values) : storage === 'Float32Array' ? Float32Array.from(values) : values.slice();
          const before = Array.from(data);
          let view = ndarray(data as Float64Array, shape, undefined, 1);
          view = view.step(...shape.map((_, axis) => (reverse[axis] ? -1 : 1)));
          view = view.transpose(...shape.map((_, axis) => shape.length - 1 - axis));
          const counter = { evaluations: 0 };
          let calls = 0;
          // finite for every finite input: a bounded function of every element
          const f = (v: NdArray): number => {
            const call = calls++;
            if (call === at % 64 && misbehaviour !== 'none') {
              switch (misbehaviour) {
                case 'throw':
                  throw new Error('f misbehaved');
                case 'NaN':
                  return NaN;
                case 'string':
                  return '1' as unknown as number;
                case 'promise':
                  return Promise.reject(new Error('async f')) as unknown as number;
                case 'write perturbed':
                case 'write NaN to perturbed': {
                  // overwrite every element that differs from its saved value: that is the perturbed one
                  const now = elements(v);
                  const was = (() => {
                    const copy = ndarray(before.slice(), [before.length]);
                    let w = ndarray(copy.data, shape, undefined, 1);
                    w = w.step(...shape.map((_, axis) => (reverse[axis] ? -1 : 1)));
                    return elements(w.transpose(...shape.map((_, axis) => shape.length - 1 - axis)));
                  })();
                  const index = new Array<number>(shape.length).fill(0);
                  now.forEach((value, k) => {
                    if (!Object.is(value, was[k])) {
                      let rest = k;
                      for (let axis = view.shape.length - 1; axis >= 0; axis--) {
                        index[axis] = rest % view.shape[axis]!;
                        rest = Math.floor(rest / view.shape[axis]!);
                      }
                      view.set(...index, misbehaviour === 'write NaN to perturbed' ? NaN : 0.125);
                    }
                  });
                  break;
                }
                case 'freeze counter':
                  Object.freeze(counter);
                  break;
              }
            }
            return elements(v).reduce((s, t) => s + Math.sin(t), 0);
          };
          // a box around each coordinate: x − below ≤ x ≤ x + above (at a bound when 0; lower = upper is refused)
          const bounds =
            box === undefined
              ? undefined
              : {
                  lower: ndarray(Float64Array.from(elements(view), (t) => t - box[0]!), view.shape.slice()),
                  upper: ndarray(Float64Array.from(elements(view), (t) => t + box[1]!), view.shape.slice()),
                };
          let error: unknown;
          try {
            // f0 (any number: it is not checked) and a progress callback reporting after every coordinate, throwing at stopAt
            const onProgress =
              stopAt === undefined
                ? undefined
                : (p: { done: number }): void => {
                    if (p.done === stopAt) throw new Error('progress stop');
                  };
            numericalGradient(f, view, { scheme, h, quotient, stepUnderflow, counter, bounds, f0, onProgress, progressInterval: 0 });
          } catch (e) {
            error = e;
          }
          if (error !== undefined && !(error instanceof Error && error.message === 'progress stop')) expect(isDescentError(error)).toBe(true);
          expect(sameBits(Array.from(data), before)).toBe(true);
        },
      ),
      { numRuns: 1500 },
    );
  });
});
