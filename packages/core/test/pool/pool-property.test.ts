/**
 * Property (worker pool): GradientPool.gradient on random views
 * (view-arbitrary.ts: transpose, hi/lo, step(−1), pick over Float64, Float32
 * and plain-Array storage, sizes 1–27 on 3 workers, so N is rarely a multiple
 * of the worker count), every scheme, concurrency 1–3, with a loss that
 * misbehaves — NaN, −Infinity, a string, undefined, a Promise (of a number or
 * a string), a rejection, a throw (of an Error, a symbol, an Error whose cause
 * is a function) — when one chosen element is perturbed, or at a thread's n-th
 * call. Whatever happens: x's storage keeps its bytes; the call resolves with
 * numericalGradient's bits, or rejects with the typed error of the
 * misbehaviour (for one perturbed element: numericalGradient's own error —
 * class, code, coordinate, message); nothing is left unhandled. (Richardson
 * steps back from a lone non-finite value, as in process: another finite estimate.)
 */
import fc from 'fast-check';
import type { NdArray } from 'ndarray';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isDescentError, numericalGradient, type Scheme } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { faulty, sines, type FaultyContext, type Misbehaviour } from '../fixtures/pool-adversarial.js';
import { buildView, contiguous, storageBytes, viewCase } from '../view-arbitrary.js';

const pool = createGradientPool<FaultyContext>({ module: new URL('../fixtures/pool-adversarial.ts', import.meta.url), export: 'faulty', workers: 3 });
const unhandled: unknown[] = [];
const listener = (reason: unknown): void => void unhandled.push(reason);
beforeAll(() => void process.on('unhandledRejection', listener));
afterAll(async () => {
  process.off('unhandledRejection', listener);
  await pool.close();
});

/** The code each misbehaviour must produce. */
const CODES: Record<Exclude<Misbehaviour, 'none' | 'promise'>, string> = {
  nan: 'NON_FINITE_VALUE',
  infinity: 'NON_FINITE_VALUE',
  string: 'NOT_A_NUMBER',
  undefined: 'NOT_A_NUMBER',
  'promise-string': 'NOT_A_NUMBER',
  rejects: 'FUNCTION_THREW',
  throws: 'FUNCTION_THREW',
  'throws-symbol': 'FUNCTION_THREW',
  'throws-function-cause': 'FUNCTION_THREW',
};
/** Misbehaviours the synchronous kernel sees the same way (no Promise involved). */
const SYNC_ALIKE = new Set<Misbehaviour>(['nan', 'infinity', 'string', 'undefined', 'throws', 'throws-symbol', 'throws-function-cause']);
let tokens = 0;

describe('GradientPool.gradient under faults, on random views', () => {
  it('x keeps its bytes; numericalGradient’s bits or the misbehaviour’s typed error; nothing unhandled', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        viewCase({ specials: false, maxRank: 3 }),
        fc.constantFrom<Scheme>('central', 'forward', 'backward', 'five-point', 'richardson'),
        fc.constantFrom<Misbehaviour>('none', 'promise', ...(Object.keys(CODES) as Misbehaviour[])),
        fc.oneof(fc.record({ by: fc.constant('element' as const), seed: fc.nat() }), fc.record({ by: fc.constant('call' as const), seed: fc.integer({ min: 1, max: 30 }) })),
        fc.integer({ min: 1, max: 3 }),
        async (c, scheme, kind, trigger, concurrency) => {
          const { storage, view, description } = buildView(c);
          const copy = contiguous(view, c.kind);
          const before = storageBytes(storage);
          const index = trigger.seed % Math.max(1, copy.size); // (hi and pick may leave no element: then f is never called)
          const context: FaultyContext =
            trigger.by === 'element' ? { kind, index, at: (copy.data as ArrayLike<number>)[index]! } : { kind, n: trigger.seed, token: `t${tokens++}` };
          const result = await pool.gradient(view, { scheme, concurrency, context }).then(
            (g) => ({ g }),
            (error: unknown) => ({ error }),
          );
          expect(storageBytes(storage), description).toBe(before);
          if ('g' in result) {
            const by = trigger.by === 'element' && kind !== 'none' && kind !== 'promise' && copy.size > 0;
            expect(by, `${description}: ${kind} at element ${index} was not reported`).toBe(false);
            if (scheme === 'richardson' && (kind === 'nan' || kind === 'infinity')) {
              // Richardson steps back from a non-finite value at one node (as numericalGradient does): another estimate, finite
              expect(Array.from(result.g.data as Float64Array).every(Number.isFinite), description).toBe(true);
              return;
            }
            expect(storageBytes(result.g.data as Float64Array), description).toBe(storageBytes(numericalGradient(sines, copy, { scheme }).data as Float64Array));
            return;
          }
          const error = result.error as Error & { code?: unknown; coordinate?: unknown };
          expect(isDescentError(error), `${description}: ${String(error)}`).toBe(true);
          expect(error.code, description).toBe(CODES[kind as keyof typeof CODES]);
          expect(error.message.startsWith('GradientPool.gradient: '), error.message).toBe(true);
          if (trigger.by === 'element' && SYNC_ALIKE.has(kind)) {
            let expected: (Error & { coordinate?: unknown }) | undefined;
            try {
              numericalGradient((v: NdArray) => faulty(v, context) as number, copy, { scheme });
            } catch (e) {
              expected = e as Error;
            }
            expect(error.constructor, description).toBe(expected!.constructor);
            expect(error.coordinate, description).toBe(expected!.coordinate);
            expect(error.message, description).toBe(expected!.message.replace(/^numericalGradient: /, 'GradientPool.gradient: '));
          }
        },
      ),
      { numRuns: 200, seed: 11 },
    );
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(unhandled).toEqual([]);
  });
});
