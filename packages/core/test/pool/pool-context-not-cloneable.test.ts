/**
 * A context the structured clone refuses (a function, a symbol, an object
 * holding one) never reaches a worker: the call rejects with
 * InvalidArgumentError saying so — not WorkerDiedError, since no thread died —
 * the caller's x is bit-identical, and the same pool serves the next call.
 */
import ndarray from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidArgumentError, WorkerDiedError, numericalGradient } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';
import { weightedSines } from '../fixtures/pool-loss.js';
import { elements, sameBits } from '../helpers.js';

const pool = createGradientPool<unknown>({ module: new URL('../fixtures/pool-loss.ts', import.meta.url), export: 'weightedSines', workers: 2 });
afterAll(() => pool.close());

const contexts: [string, unknown][] = [
  ['a function', () => 1],
  ['an object holding a function', { scale: 2, transform: (v: number) => v }],
  ['an object holding a symbol', { scale: 2, tag: Symbol('tag') }],
];

describe('a context that cannot be structured-cloned', () => {
  for (const [what, context] of contexts) {
    it(`${what}: InvalidArgumentError from gradient (central and forward) and evaluate; x unchanged; the pool goes on`, async () => {
      const storage = Float64Array.of(-0, 0.5, 1, 5e-324, 2);
      const before = Array.from(storage);
      const x = ndarray(storage, [4], [1], 1).step(-1); // [2, 5e-324, 1, 0.5]
      for (const call of [() => pool.gradient(x, { context }), () => pool.gradient(x, { context, scheme: 'forward' }), () => pool.evaluate(x, context)]) {
        const error = (await call().catch((e: unknown) => e)) as InvalidArgumentError;
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error).not.toBeInstanceOf(WorkerDiedError);
        expect(error.code).toBe('INVALID_ARGUMENT');
        expect(error.message).toMatch(/^GradientPool\.(gradient|evaluate): the context cannot be sent to the worker threads \(.*could not be cloned\.\); pass plain data .* No thread died; x was not modified\.$/);
        expect((error.cause as Error).name).toBe('DataCloneError');
        expect(sameBits(Array.from(storage), before)).toBe(true);
      }
      const g = await pool.gradient(x, { context: { scale: 1 } });
      const copy = ndarray(Float64Array.from(elements(x)), [4]);
      expect(sameBits(elements(g), elements(numericalGradient((v) => weightedSines(v, { scale: 1 }), copy)))).toBe(true);
    });
  }
});
