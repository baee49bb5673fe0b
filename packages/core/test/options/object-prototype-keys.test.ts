/**
 * Params named like members of Object.prototype ('constructor', 'toString',
 * 'valueOf', 'hasOwnProperty') are ordinary names. On main the named functions
 * filled their result with `destination[key] ??= new array`, which for such a
 * key found the inherited member (a function) and kept it: numericalGradients,
 * gradCheck and numericalGradientsAsync crashed with a bare TypeError
 * ("Cannot read properties of undefined"). The key checks of out and
 * analyticGradient used `key in record`, which is true for an inherited member,
 * so a missing out.constructor was reported as "must be an ndarray (got a
 * function)" instead of as a missing key.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, gradCheck, numericalGradients, numericalGradientsAsync, numericalGradientsInto } from '@descent/core';
import { expectThrows } from '../helpers.js';

const KEYS = ['constructor', 'toString', 'valueOf', 'hasOwnProperty'];

/** { [key]: [2], z: [5] }; loss = p[key]² + 3·z, so ∂/∂key = 2·2 = 4 and ∂/∂z = 3. */
function model(key: string): { params: Record<string, NdArray>; loss: (p?: Record<string, NdArray>) => number } {
  const params = Object.fromEntries([
    [key, ndarray(Float64Array.of(2))],
    ['z', ndarray(Float64Array.of(5))],
  ]);
  return { params, loss: (p = params) => p[key]!.get(0) ** 2 + 3 * p['z']!.get(0) };
}

describe.each(KEYS)("a parameter named '%s'", (key) => {
  it('numericalGradients differentiates it: (4, 3), central differences to ~1e-9', () => {
    const { params, loss } = model(key);
    const g = numericalGradients(() => loss(), params);
    expect(Object.keys(g)).toEqual([key, 'z']);
    expect(g[key]!.get(0)).toBeCloseTo(4, 8);
    expect(g['z']!.get(0)).toBeCloseTo(3, 8);
  });
  it('numericalGradientsAsync differentiates it: (4, 3)', async () => {
    const { params, loss } = model(key);
    const g = await numericalGradientsAsync((p: Record<string, NdArray>) => loss(p), params);
    expect(g[key]!.get(0)).toBeCloseTo(4, 8);
    expect(g['z']!.get(0)).toBeCloseTo(3, 8);
  });
  it('gradCheck passes the analytic gradient (4, 3)', () => {
    const { params, loss } = model(key);
    const analytic = Object.fromEntries([
      [key, ndarray(Float64Array.of(4))],
      ['z', ndarray(Float64Array.of(3))],
    ]);
    const report = gradCheck(() => loss(), analytic, params);
    expect(report.passed).toBe(true);
    expect(report.maxAbsError).toBeLessThan(1e-8);
  });
  it('an out or analyticGradient without it is reported as a missing key', () => {
    const { params, loss } = model(key);
    expectThrows(
      () => numericalGradientsInto({ z: ndarray(new Float64Array(1)) }, () => loss(), params),
      ArgumentRangeError,
      'OUT_OF_RANGE',
      `numericalGradientsInto: out has keys [z] but params has [${key}, z]; missing: ${key}.`,
    );
    expectThrows(
      () => gradCheck(() => loss(), { z: ndarray(Float64Array.of(3)), q: ndarray(Float64Array.of(0)) }, params),
      ArgumentRangeError,
      'OUT_OF_RANGE',
      `gradCheck: analyticGradient has keys [z, q] but params has [${key}, z]; give one gradient per parameter.`,
    );
  });
});
