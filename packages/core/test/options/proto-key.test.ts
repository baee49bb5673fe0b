/**
 * A record of params with its own key '__proto__' (Object.fromEntries,
 * JSON.parse and Object.defineProperty make one) is refused before f runs with
 * an InvalidArgumentError naming the key and the fix. On main every named
 * function built its result with `out[key] = …`, which for '__proto__' sets the
 * prototype: numericalGradients and gradCheck crashed with a bare TypeError
 * ("Cannot read properties of undefined"), numericalGradientsInto returned
 * without writing out['__proto__'], and numericalGradientsAsync resolved to a
 * record without that key.
 * Keys that name a member of Object.prototype ('constructor', 'toString', …)
 * are ordinary keys and work everywhere; on main the result record was filled
 * with `destination[key] ??= …`, which found Object.prototype.constructor, so
 * numericalGradients, gradCheck and numericalGradientsAsync crashed with a bare
 * TypeError (its own regression test: object-prototype-keys.test.ts).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradCheck, InvalidArgumentError, numericalGradients, numericalGradientsAsync, numericalGradientsInto } from '@descent/core';
import { expectThrows } from '../helpers.js';

/** { __proto__: [1, 2], w: [3] } with '__proto__' as an own key (an object literal would set the prototype instead). */
function protoParams(): Record<string, NdArray> {
  return Object.fromEntries([
    ['__proto__', ndarray(Float64Array.of(1, 2))],
    ['w', ndarray(Float64Array.of(3))],
  ]);
}

const MESSAGE = /^numericalGradients\w*: (params|out) has the key '__proto__', which a JavaScript record cannot carry over .*; rename it, e.g\. to 'proto'\.$/;

describe("a params record with an own '__proto__' key", () => {
  it('numericalGradients refuses it before f runs; the arrays are untouched', () => {
    const params = protoParams();
    let calls = 0;
    const loss = (): number => {
      calls++;
      return params['w']!.get(0) ** 2;
    };
    expectThrows(() => numericalGradients(loss, params), InvalidArgumentError, 'INVALID_ARGUMENT', MESSAGE);
    expect(calls).toBe(0);
    expect(Array.from(params['__proto__']!.data as Float64Array)).toEqual([1, 2]);
    expect(Array.from(params['w']!.data as Float64Array)).toEqual([3]);
  });
  it('numericalGradientsInto refuses it in params and in out', () => {
    const ok = { a: ndarray(Float64Array.of(1, 2)), w: ndarray(Float64Array.of(3)) };
    expectThrows(() => numericalGradientsInto(protoParams(), () => 0, protoParams()), InvalidArgumentError, 'INVALID_ARGUMENT', MESSAGE);
    const out = Object.fromEntries([
      ['__proto__', ndarray(new Float64Array(2))],
      ['w', ndarray(new Float64Array(1))],
    ]);
    expectThrows(() => numericalGradientsInto(out, () => 0, ok), InvalidArgumentError, 'INVALID_ARGUMENT', /^numericalGradientsInto: (params|out) has the key '__proto__'/);
  });
  it('gradCheck refuses it', () => {
    expectThrows(() => gradCheck(() => 0, protoParams(), protoParams()), InvalidArgumentError, 'INVALID_ARGUMENT', /^gradCheck: params has the key '__proto__'/);
  });
  it('numericalGradientsAsync rejects with it (and never calls f)', async () => {
    let calls = 0;
    const error = await numericalGradientsAsync((p: Record<string, NdArray>) => {
      calls++;
      return p['w']!.get(0);
    }, protoParams()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).code).toBe('INVALID_ARGUMENT');
    expect((error as Error).message).toMatch(/^numericalGradientsAsync: params has the key '__proto__'/);
    expect(calls).toBe(0);
  });
});
