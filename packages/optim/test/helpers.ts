/** Small helpers shared by the optimizer tests (not a test file itself). */
import ndarray, { type NdArray } from 'ndarray';
import { expect } from 'vitest';
import { FunctionThrewError, InvalidArgumentError } from '@descent/core';
import { applyUpdates, sgd, train, type GradientTransformation, type Params } from '@descent/optim';

/** A fresh Float64Array-backed vector (or array of the given shape). */
export function arr(values: readonly number[], shape: number[] = [values.length]): NdArray {
  return ndarray(Float64Array.from(values), shape);
}

/** The elements of a view in row-major order. */
export function elements(a: NdArray): number[] {
  const out: number[] = [];
  const index = new Array<number>(a.shape.length).fill(0);
  for (let k = 0; k < a.size; k++) {
    out.push(a.get(...index));
    for (let axis = a.shape.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (index[axis]! < a.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return out;
}

/** Write `values` (row-major) into the view `a`. */
export function fill(a: NdArray, values: readonly number[]): void {
  const index = new Array<number>(a.shape.length).fill(0);
  for (let k = 0; k < a.size; k++) {
    a.set(...index, values[k]!);
    for (let axis = a.shape.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (index[axis]! < a.shape[axis]!) break;
      index[axis] = 0;
    }
  }
}

/** Expect each element within a relative tolerance `rel` of the reference (absolute for references near 0). */
export function expectClose(actual: readonly number[], expected: readonly number[], rel: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => {
    const e = expected[i]!;
    expect(Math.abs(a - e), `element ${i}: ${a} vs ${e}`).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(e)));
  });
}

/** One optimizer step: update (grads become the step) then params += step. */
export function step<S>(opt: GradientTransformation<S>, state: S, params: Params, grads: Params): S {
  const next = opt.update(grads, state, params);
  applyUpdates(params, grads);
  return next;
}

/** The error `run` throws (failing the test when it throws nothing), to assert its class, code and fields. */
export function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw, but nothing was thrown');
}

/** The error the promise of `run` rejects with (failing the test when it resolves). */
export async function rejection(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/** Expect a FunctionThrewError (code 'FUNCTION_THREW') whose cause is `cause` and whose message matches `message`. */
export function expectFunctionThrew(error: unknown, cause: unknown, message: RegExp): void {
  expect(error).toBeInstanceOf(FunctionThrewError);
  expect((error as FunctionThrewError).code).toBe('FUNCTION_THREW');
  expect((error as FunctionThrewError).cause).toBe(cause);
  expect((error as Error).message).toMatch(message);
}

/** Expect `run` to throw an InvalidArgumentError (code 'INVALID_ARGUMENT') whose message is `message` (or matches it). */
export function expectInvalidArgument(run: () => unknown, message: string | RegExp): void {
  const error = thrown(run);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidArgumentError).code).toBe('INVALID_ARGUMENT');
  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);
}

/** One epoch of sgd on `params` (loss: the first element of params.w, squared) over 4 zero samples, counting the loss's calls. */
export function trainCounting(params: Record<string, NdArray>): { run: () => unknown; calls: () => number } {
  let calls = 0;
  const run = () =>
    train({
      params,
      loss: (p) => {
        calls++;
        return p['w']!.get(0) ** 2;
      },
      data: { inputs: ndarray(new Float64Array(4), [4, 1]), targets: ndarray(new Float64Array(4)) },
      batchSize: 2,
      epochs: 1,
      optimizer: sgd({ lr: 0.1 }),
      seed: 1,
      progress: false,
    });
  return { run, calls: () => calls };
}
