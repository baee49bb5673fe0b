/**
 * A value with no constructor name — a null-prototype object, an anonymous
 * class's instance, an async generator (a loss written `async function*`) —
 * is described as "an object" in messages, not " object" (a double space)
 * nor "object object"; a named one keeps its name.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { NotANumberError, numericalGradient } from '@descent/core';
import { thrown } from '../helpers.js';

const x = () => ndarray(Float64Array.of(1, 2), [2]);
const message = (result: unknown): string => {
  const error = thrown(() => numericalGradient((v) => (v.get(0) === 1 ? 0 : result) as number, x())) as NotANumberError;
  expect(error).toBeInstanceOf(NotANumberError);
  return error.message;
};

describe('describing an object without a constructor name', () => {
  it.each([
    ['a null-prototype object', Object.create(null) as object],
    ['an anonymous class instance', new (class {})()],
    ['an async generator', (async function* () {})()],
  ])('%s: "returned an object"', (_, value) => {
    expect(message(value)).toMatch(/^numericalGradient: f must return a number, but returned an object when x\[0\] was perturbed to /);
  });

  it('a named class keeps its name', () => {
    class Measurement {}
    expect(message(new Measurement())).toMatch(/but returned Measurement object when x\[0\] was perturbed/);
  });
});
