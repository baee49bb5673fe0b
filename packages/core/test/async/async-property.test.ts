/**
 * Property (async): numericalGradientAsync on random views (view-arbitrary.ts)
 * with concurrency 1–16, f resolving late or at once, and f misbehaving at its
 * k-th call — throwing, rejecting (at once or a tick later), resolving to NaN
 * or to a string — or the signal aborted before the call or by f itself
 * mid-run. Whatever happens: x's storage keeps its bits, the promise settles
 * with the gradient (then bit for bit numericalGradient's), a typed descent
 * error or the signal's reason, and no rejection is left unhandled.
 */
import fc from 'fast-check';
import type { NdArray } from 'ndarray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDescentError, numericalGradient, numericalGradientAsync, type GradientOptions } from '@descent/core';
import { buildView, storageBytes, viewCase } from '../view-arbitrary.js';

const unhandled: unknown[] = [];
const listener = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeAll(() => {
  process.on('unhandledRejection', listener);
});
afterAll(() => {
  process.off('unhandledRejection', listener);
});

function sines(v: NdArray): number {
  const index = new Array<number>(v.shape.length).fill(0);
  const size = v.shape.reduce((p, n) => p * n, 1);
  let sum = 0;
  for (let k = 0; k < size; k++) {
    sum += (k + 1) * Math.sin(v.get(...index)) + 0.1 * v.get(...index) ** 2;
    for (let axis = v.shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < v.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return sum;
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const BEHAVIOURS = ['none', 'throw', 'reject', 'reject later', 'NaN', 'string', 'abort before', 'abort during'] as const;

describe('numericalGradientAsync under faults', () => {
  it('x keeps its bits; gradient, typed error or abort reason; nothing unhandled', async () => {
    await fc.assert(
      fc.asyncProperty(
        viewCase({ specials: false, maxRank: 3 }),
        fc.constantFrom<GradientOptions['scheme']>('central', 'forward', 'backward', 'five-point', 'richardson'),
        fc.integer({ min: 1, max: 16 }),
        fc.constantFrom(...BEHAVIOURS),
        fc.nat({ max: 10 }),
        fc.boolean(),
        async (c, scheme, concurrency, behaviour, k, late) => {
          const { storage, view, description } = buildView(c);
          const before = storageBytes(storage);
          const reason = new Error('aborted on purpose');
          const controller = new AbortController();
          if (behaviour === 'abort before') controller.abort(reason);
          let calls = 0;
          const f = (v: NdArray): number | Promise<number> => {
            const value = sines(v);
            if (calls++ === k) {
              if (behaviour === 'throw') throw new Error('f failed on purpose');
              if (behaviour === 'reject') return Promise.reject(new Error('f failed on purpose'));
              if (behaviour === 'reject later') return tick().then(() => Promise.reject(new Error('f failed on purpose')));
              if (behaviour === 'NaN') return Promise.resolve(Number.NaN);
              if (behaviour === 'string') return Promise.resolve('1' as unknown as number);
              if (behaviour === 'abort during') controller.abort(reason);
            }
            return late ? tick().then(() => value) : Promise.resolve(value);
          };
          let result: NdArray | undefined;
          let error: unknown;
          try {
            result = await numericalGradientAsync(f, view, { scheme, concurrency, signal: controller.signal });
          } catch (e) {
            error = e;
          }
          await tick();
          expect(storageBytes(storage), description).toBe(before);
          if (error !== undefined) {
            if (!isDescentError(error)) expect(error, description).toBe(reason);
          } else if (behaviour === 'none') {
            const sync = numericalGradient(sines, view, { scheme });
            expect(storageBytes(result!.data as Float64Array), description).toBe(storageBytes(sync.data as Float64Array));
          }
        },
      ),
      { numRuns: 150, seed: 3 },
    );
    await tick();
    expect(unhandled).toEqual([]);
  });
});
