/**
 * f returning something that is not a number — a numeric string, a bigint, a
 * boolean, a Promise (an async f) — is the caller's bug: minimize throws a
 * NotANumberError (a TypeError) naming the value and where f returned it, at
 * x0 or mid-run, in the line search, at a transformation's point or inside the
 * numerical gradient (with the perturbed coordinate). It is never reported as
 * divergence. An exception of f becomes a FunctionThrewError with f's error as cause.
 */
import ndarray, { type NdArray } from 'ndarray';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FunctionThrewError, NotANumberError } from '@descent/core';
import { minimize, sgd, type MinimizeOptions } from '@descent/optim';
import { thrown } from '../helpers.js';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const sphereGradient = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
  out.set(1, 2 * x.get(1));
};
const x0 = (): NdArray => ndarray(new Float64Array([-3, 4]));
/** Central differences (2 calls per coordinate), so the calls below are numbered as derived. */
const central = { gradient: { scheme: 'central' } } as const;

/** sphere, except that call number `bad` returns `value`. */
function spoiledAt(bad: number, value: unknown): (x: NdArray) => number {
  let calls = 0;
  return (x) => (++calls === bad ? (value as number) : sphere(x));
}

describe('at x0', () => {
  it('a numeric string: NotANumberError naming the value (not "f(x0) is 3")', () => {
    const error = thrown(() => minimize(() => '3' as unknown as number, x0()));
    expect(error).toBeInstanceOf(NotANumberError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'NOT_A_NUMBER', value: '3', coordinate: undefined });
    expect(error.message).toBe('minimize: f must return a number, but returned the string "3" at x0; convert it with Number(…).');
  });
  it('a bigint and a boolean', () => {
    expect(thrown(() => minimize(() => 3n as unknown as number, x0())).message).toBe(
      'minimize: f must return a number, but returned bigint 3 at x0; convert it with Number(…).',
    );
    expect(thrown(() => minimize(() => true as unknown as number, x0()))).toMatchObject({ code: 'NOT_A_NUMBER', value: true });
  });
});

describe('mid-run', () => {
  it('in the line search (call 7 = a trial point of step 1, after f(x0) and 4 + 1 gradient calls… )', () => {
    // Default optimizer, numerical central gradient: call 1 is f(x0), calls 2–5 the gradient at x0,
    // call 6 the first trial point of step 1.
    const error = thrown(() => minimize(spoiledAt(6, '0.5'), x0(), central));
    expect(error).toBeInstanceOf(NotANumberError);
    expect(error.message).toBe('minimize: f must return a number, but returned the string "0.5" at a trial point of step 1; convert it with Number(…).');
  });
  it('at a transformation’s point (sgd, analytic gradient: call 3 is f(x_2))', () => {
    const options: MinimizeOptions = { optimizer: sgd({ lr: 0.1 }), gradient: sphereGradient };
    const error = thrown(() => minimize(spoiledAt(3, 7n), x0(), options));
    expect(error).toMatchObject({ code: 'NOT_A_NUMBER', value: 7n });
    expect(error.message).toBe('minimize: f must return a number, but returned bigint 7 at the point of step 2; convert it with Number(…).');
  });
  it('inside the numerical gradient: the perturbed coordinate is named', () => {
    // sgd, numerical gradient: call 1 f(x0), 2–5 ∇f(x0), 6 f(x_1), 7–10 ∇f(x_1): call 9 perturbs x[1] upwards.
    const error = thrown(() => minimize(spoiledAt(9, 'NaN'), x0(), { optimizer: sgd({ lr: 0.1 }), ...central }));
    expect(error).toBeInstanceOf(NotANumberError);
    expect(error).toMatchObject({ coordinate: 'x[1]', value: 'NaN' });
    expect(error.message).toBe(
      'minimize: f must return a number, but returned the string "NaN" when x[1] was perturbed while the gradient at step 1 was estimated; convert it with Number(…).',
    );
  });
});

describe('f throws', () => {
  it('in the line search: FunctionThrewError with the original error as cause', () => {
    const boom = new Error('boom');
    let calls = 0;
    const error = thrown(() =>
      minimize((x) => {
        if (++calls === 6) throw boom;
        return sphere(x);
      }, x0(), central),
    );
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error).toMatchObject({ code: 'FUNCTION_THREW', coordinate: undefined });
    expect(error.cause).toBe(boom);
    expect(error.message).toBe('minimize: f threw at a trial point of step 1: boom');
  });
  it('inside the numerical gradient: the coordinate is named and the cause is f’s own error', () => {
    const boom = new RangeError('out of domain');
    let calls = 0;
    const error = thrown(() =>
      minimize((x) => {
        if (++calls === 3) throw boom;
        return sphere(x);
      }, x0(), central),
    );
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error).toMatchObject({ coordinate: 'x[0]' });
    expect(error.cause).toBe(boom);
    expect(error.message).toBe('minimize: f threw when x[0] was perturbed while the gradient at x0 was estimated: out of domain');
  });
});

describe('an async f', () => {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });

  it('is refused at its first call with a NotANumberError saying it is async; its rejection is caught', async () => {
    const error = thrown(() =>
      minimize(
        (async () => {
          throw new Error('async failure');
        }) as unknown as (x: NdArray) => number,
        x0(),
      ),
    );
    expect(error).toBeInstanceOf(NotANumberError);
    expect((error as NotANumberError).value).toBeInstanceOf(Promise);
    expect(error.message).toBe(
      'minimize: f returned a Promise at x0, so it is an async function; minimize calls f synchronously and needs a number — ' +
        'compute the value synchronously (any rejection of that Promise has been caught).',
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });

  it('a Promise mid-run inside the numerical gradient: the same, with the coordinate', async () => {
    let calls = 0;
    const f = (x: NdArray): number => (++calls === 4 ? (Promise.reject(new Error('late')) as unknown as number) : sphere(x));
    const error = thrown(() => minimize(f, x0(), central));
    expect(error).toMatchObject({ code: 'NOT_A_NUMBER', coordinate: 'x[1]' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });
});
