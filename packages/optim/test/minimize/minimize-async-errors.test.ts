/**
 * minimizeAsync's errors are minimize's typed errors: an async f resolving to
 * something that is not a number is a NotANumberError, a rejection a
 * FunctionThrewError with the rejection as cause (naming the perturbed
 * coordinate inside a numerical gradient, as minimize does); bad options are
 * refused before f is called.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, FunctionThrewError, InvalidArgumentError, NotANumberError } from '@descent/core';
import { minimize, minimizeAsync } from '@descent/optim';

const x0 = (): NdArray => ndarray(new Float64Array([1, 2]));
const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('minimizeAsync: typed errors', () => {
  it('f resolving to a string is a NotANumberError at x0', async () => {
    const error = await rejection(minimizeAsync(async () => '1' as unknown as number, x0()));
    expect(error).toBeInstanceOf(NotANumberError);
    expect(error.message).toMatch(/^minimizeAsync: f must return a number/); // named by the public function
  });

  it('a rejection while a gradient is estimated is the FunctionThrewError minimize throws, with the same message and cause', async () => {
    const cause = new Error('server down');
    // f fails where x[1] is perturbed (x[1] ≠ 2 at x0 only there)
    const failing = (x: NdArray): number => {
      if (x.get(1) !== 2 && x.get(0) === 1) throw cause;
      return sphere(x);
    };
    const sync = thrown(() => minimize(failing, x0(), { gradient: { scheme: 'central' } }));
    const error = await rejection(minimizeAsync(async (x: NdArray) => failing(x), x0(), { gradient: { scheme: 'central' }, concurrency: 3 }));
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error.message).toBe(sync.message.replace(/^minimize:/, 'minimizeAsync:'));
    expect(sync.message).toMatch(/^minimize: f threw when x\[1\] was perturbed/);
    expect(error.message).toMatch(/x\[1\]/);
    expect(error.cause).toBe(cause);
  });

  it('refuses a bad concurrency, naming it', async () => {
    let calls = 0;
    const f = async (x: NdArray) => (calls++, sphere(x));
    await expect(minimizeAsync(f, x0(), { concurrency: 0 })).rejects.toThrow(ArgumentRangeError);
    await expect(minimizeAsync(f, x0(), { concurrency: 0 })).rejects.toThrow(/^minimizeAsync: concurrency must be an integer ≥ 1, got 0; the default is 4\.$/);
    await expect(minimizeAsync(f, x0(), { concurrency: '2' as unknown as number })).rejects.toThrow(InvalidArgumentError);
    expect(calls).toBe(0);
  });

  it('option errors of the shared validation name minimizeAsync', async () => {
    await expect(minimizeAsync(async (x: NdArray) => sphere(x), x0(), { gradTol: -1 })).rejects.toThrow(/^minimizeAsync: gradTol must be/);
    await expect(minimizeAsync(async (x: NdArray) => sphere(x), x0(), { bounds: { lower: NaN } })).rejects.toThrow(/^minimizeAsync: bounds\.lower is NaN/);
  });
});
