/**
 * A loss module that fails in a worker — it throws while loading, does not
 * parse, has no such export, exports a non-function — rejects every call with
 * InvalidArgumentError naming the call that was made: GradientPool.evaluate
 * after a failed GradientPool.gradient says evaluate (the worker caches the
 * failed import, not the first caller's message), and the reverse.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';

const x = ndarray(Float64Array.of(1, 2, 3), [3]);
const cases: [string, string, RegExp][] = [
  ['throws on load', 'data:text/javascript,throw new RangeError("boom on load")', /: the worker could not import data:text\/javascript,throw new RangeError\("boom on load"\): boom on load$/],
  ['does not parse', 'data:text/javascript,export default (', /: the worker could not import data:text\/javascript,export default \(: Unexpected end of input$/],
  ['exports a number as default', 'data:text/javascript,export default 42', /: the module data:text\/javascript,export default 42 has no function export "default" \(its exports: default\); pass export: '<name>'\.$/],
  ['exports no default', 'data:text/javascript,export const loss = 1', /: the module data:text\/javascript,export const loss = 1 has no function export "default" \(its exports: loss\); pass export: '<name>'\.$/],
];

describe('a loss module that fails in the worker', () => {
  for (const [what, module, message] of cases) {
    it(`${what}: each call's InvalidArgumentError names that call`, { timeout: 30_000 }, async () => {
      await using pool = createGradientPool({ module, workers: 1 }); // one thread: the second call meets the cached failure
      for (const [call, name] of [[() => pool.gradient(x), 'GradientPool.gradient'], [() => pool.evaluate(x), 'GradientPool.evaluate'], [() => pool.gradient(x), 'GradientPool.gradient']] as const) {
        const error = (await call().catch((e: unknown) => e)) as InvalidArgumentError;
        expect(error).toBeInstanceOf(InvalidArgumentError);
        expect(error.code).toBe('INVALID_ARGUMENT');
        expect(error.message.startsWith(`${name}: `), error.message).toBe(true);
        expect(error.message).toMatch(message);
      }
    });
  }
});
