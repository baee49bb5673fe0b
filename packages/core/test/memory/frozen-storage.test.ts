/**
 * An ndarray over a frozen plain Array (Object.freeze) cannot be written. A
 * point that is perturbed in place, or an out the results go to, is refused
 * before f runs with an InvalidArgumentError naming the array and the fix; on
 * main the first write threw a bare TypeError ("Cannot assign to read only
 * property '0'"). Functions that only read the array (numericalGradientAsync
 * works on private copies; a direction v, bounds) still accept it.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  directionalDerivative,
  gradCheck,
  hessian,
  InvalidArgumentError,
  jacobian,
  numericalGradient,
  numericalGradientAsync,
  numericalGradientInto,
  numericalGradients,
  spsaGradient,
} from '@descent/core';
import { expectThrows } from '../helpers.js';

const frozen = (): NdArray => ndarray(Object.freeze([1, 2, 3]) as unknown as number[], [3]);
const f = (v: NdArray): number => v.get(0) ** 2 + v.get(1) ** 2 + v.get(2) ** 2;
const MESSAGE = (where: string, name: string) =>
  new RegExp(`^${where}: ${name.replace('.', '\\.')} is stored in a frozen Array, which cannot be written, but .*; pass an array that can be written, e\\.g\\. ndarray\\(Float64Array\\.from\\(${name.replace('.', '\\.')}\\.data\\), ${name.replace('.', '\\.')}\\.shape\\)`);

describe('a point over a frozen Array is refused before f runs', () => {
  const cases: [string, (x: NdArray, g: (v: NdArray) => number) => unknown][] = [
    ['numericalGradient', (x, g) => numericalGradient(g, x)],
    ['hessian', (x, g) => hessian(g, x)],
    ['directionalDerivative', (x, g) => directionalDerivative(g, x, ndarray(Float64Array.of(1, 0, 0)))],
    ['spsaGradient', (x, g) => spsaGradient(g, x, { seed: 1 })],
    ['gradCheck', (x, g) => gradCheck(g, ndarray(Float64Array.of(2, 4, 6)), x)],
    ['jacobian', (x, g) => jacobian((v) => [g(v)], x)],
  ];
  it.each(cases)('%s', (where, call) => {
    let calls = 0;
    const counted = (v: NdArray): number => {
      calls++;
      return f(v);
    };
    expectThrows(() => call(frozen(), counted), InvalidArgumentError, 'INVALID_ARGUMENT', MESSAGE(where, 'x'));
    expect(calls).toBe(0);
  });
  it('numericalGradients names the parameter', () => {
    const p = { a: frozen() };
    expectThrows(() => numericalGradients(() => f(p.a), p), InvalidArgumentError, 'INVALID_ARGUMENT', MESSAGE('numericalGradients', 'params.a'));
  });
  it('numericalGradientInto refuses a frozen out', () => {
    expectThrows(() => numericalGradientInto(frozen(), f, ndarray(Float64Array.of(1, 2, 3))), InvalidArgumentError, 'INVALID_ARGUMENT', MESSAGE('numericalGradientInto', 'out'));
  });
});

describe('a frozen Array that is only read is accepted', () => {
  it('numericalGradientAsync differentiates copies: ∇(Σx²) at (1, 2, 3) = (2, 4, 6)', async () => {
    const g = await numericalGradientAsync(async (v: NdArray) => f(v), frozen());
    expect(Array.from(g.data as Float64Array).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2, 4, 6]);
  });
  it('a frozen direction v: ∇f·(1, 0, 0) = 2', () => {
    const v = ndarray(Object.freeze([1, 0, 0]) as unknown as number[], [3]);
    expect(directionalDerivative(f, ndarray(Float64Array.of(1, 2, 3)), v)).toBeCloseTo(2, 8);
  });
  it('a sealed (not frozen) point is written and restored as usual', () => {
    const data = Object.seal([1, 2, 3]);
    const g = numericalGradient(f, ndarray(data, [3]));
    expect(Array.from(g.data as Float64Array).map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2, 4, 6]);
    expect(data).toEqual([1, 2, 3]);
  });
});
