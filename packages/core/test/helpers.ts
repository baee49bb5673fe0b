/**
 * Small helpers shared by the core tests: reading any view's elements in
 * row-major order, and the f-functions used in several files.
 */
import type { NdArray } from 'ndarray';
import { expect } from 'vitest';

/** The elements of a view in row-major order of its multi-index (via get, so strides and offset apply). */
export function elements(a: NdArray): number[] {
  const result: number[] = [];
  const index = new Array<number>(a.shape.length).fill(0);
  const total = a.shape.reduce((p, n) => p * n, 1);
  for (let k = 0; k < total; k++) {
    result.push(a.get(...index));
    for (let axis = a.shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < a.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return result;
}

/** Every element of a storage, for bit-identical comparisons with Object.is. */
export function snapshot(data: ArrayLike<number>): number[] {
  return Array.from(data);
}

/** True when two lists are equal element by element under Object.is (−0 ≠ +0). */
export function sameBits(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

/** What `call` throws; fails the test when it returns normally. */
export function thrown(call: () => unknown): unknown {
  try {
    call();
  } catch (error) {
    return error;
  }
  expect.unreachable('expected the call to throw, but it returned');
}

/**
 * Assert that `call` throws an instance of `type` with the given `code`,
 * message (exact string, or a RegExp) and fields; returns the error.
 */
export function expectThrows<E extends Error>(
  call: () => unknown,
  type: abstract new (...args: never[]) => E,
  code: string,
  message: string | RegExp,
  fields: Partial<Record<keyof E, unknown>> = {},
): E {
  const error = thrown(call) as E & { code?: unknown };
  expect(error).toBeInstanceOf(type);
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
  for (const [key, value] of Object.entries(fields)) expect((error as unknown as Record<string, unknown>)[key]).toEqual(value);
  return error;
}
