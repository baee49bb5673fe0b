/** minimize rejects bad input before any step, with an error naming the argument, the value and the fix. */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError, NonFiniteCoordinateError, NonFiniteValueError } from '@descent/core';
import { minimize, type MinimizeOptions } from '@descent/optim';

const sphere = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const x0 = (): NdArray => ndarray(new Float64Array([-3, 4]));

describe('minimize bad input', () => {
  it('f non-finite at x0: a NonFiniteValueError naming the value, f called once, no step', () => {
    let calls = 0;
    const f = (): number => {
      calls++;
      return Number.NaN;
    };
    expect(() => minimize(f, x0())).toThrow(NonFiniteValueError);
    expect(() => minimize(f, x0())).toThrow('minimize: f(x0) is NaN; start from a point where f is a finite number (no step was taken).');
    expect(calls).toBe(2); // once per minimize call above
    expect(() => minimize(() => Infinity, x0())).toThrow(/f\(x0\) is Infinity/);
  });

  it('a non-finite analytic gradient at x0: a NonFiniteValueError before any step', () => {
    const gradient = (_x: NdArray, out: NdArray): void => {
      out.set(0, Number.NaN);
    };
    expect(() => minimize(sphere, x0(), { gradient })).toThrow(NonFiniteValueError);
    expect(() => minimize(sphere, x0(), { gradient })).toThrow(/the gradient at x0 is not finite/);
  });

  it('x0 not an ndarray, empty, integer dtype or holding NaN', () => {
    expect(() => minimize(sphere, [-3, 4] as unknown as NdArray)).toThrow(InvalidArgumentError);
    expect(() => minimize(sphere, [-3, 4] as unknown as NdArray)).toThrow(/x0 must be an ndarray, got a plain array; wrap the values/);
    expect(() => minimize(sphere, ndarray(new Float64Array(0)))).toThrow(ArgumentRangeError);
    expect(() => minimize(sphere, ndarray(new Uint8Array([3, 4])))).toThrow(/x0 has the integer dtype 'uint8'.*Float64Array/);
    expect(() => minimize(sphere, ndarray(new Float64Array([1, Number.NaN])))).toThrow(/x0\[1\] is NaN/);
    expect(() => minimize(sphere, ndarray(new Float64Array([1, Number.NaN])))).toThrow(NonFiniteCoordinateError);
    expect(() => minimize(sphere, ndarray(['1', 2] as unknown as number[]))).toThrow('minimize: x0[0] is the string "1"; every element of the starting point must be a finite number.');
  });

  it('f not a function', () => {
    expect(() => minimize('x^2' as unknown as (x: NdArray) => number, x0())).toThrow(InvalidArgumentError);
    expect(() => minimize('x^2' as unknown as (x: NdArray) => number, x0())).toThrow(/f must be a function/);
  });

  const bad: [string, MinimizeOptions, RegExp, typeof ArgumentRangeError | typeof InvalidArgumentError][] = [
    ['negative gradTol', { gradTol: -1 }, /gradTol must be a finite number ≥ 0, got -1/, ArgumentRangeError],
    ['NaN fTol', { fTol: Number.NaN }, /fTol must be a finite number ≥ 0, got NaN/, ArgumentRangeError],
    ['negative xTol', { xTol: -1e-9 }, /xTol must be a finite number ≥ 0, got -1e-9/, ArgumentRangeError],
    ['maxIterations 0', { maxIterations: 0 }, /maxIterations must be an integer ≥ 1, got 0/, ArgumentRangeError],
    ['fractional maxIterations', { maxIterations: 2.5 }, /maxIterations must be an integer ≥ 1, got 2.5/, ArgumentRangeError],
    ['maxEvaluations 0', { maxEvaluations: 0 }, /maxEvaluations must be an integer ≥ 1 or Infinity, got 0/, ArgumentRangeError],
    ['divergencePatience 0', { divergencePatience: 0 }, /divergencePatience must be an integer ≥ 1/, ArgumentRangeError],
    ['historyLimit −1', { historyLimit: -1 }, /historyLimit must be an integer ≥ 0 or Infinity, got -1/, ArgumentRangeError],
    ['an optimizer name', { optimizer: 'adam' as unknown as MinimizeOptions['optimizer'] }, /optimizer must be bfgs\(…\), lbfgs\(…\), backtracking\(…\) or a GradientTransformation .* got string adam/, InvalidArgumentError],
    ['an object that is no optimizer', { optimizer: {} as unknown as MinimizeOptions['optimizer'] }, /optimizer must be .* got an object without init\/update/, InvalidArgumentError],
    ['gradient not an object or function', { gradient: 1e-4 as unknown as MinimizeOptions['gradient'] }, /gradient must be core's numerical options/, InvalidArgumentError],
    ['signal not an AbortSignal', { signal: true as unknown as AbortSignal }, /signal must be an AbortSignal/, InvalidArgumentError],
    ['onIteration not a function', { onIteration: 1 as unknown as MinimizeOptions['onIteration'] }, /onIteration must be a function/, InvalidArgumentError],
  ];
  for (const [what, options, message, type] of bad) {
    it(`${what}: ${type.name} naming the option, f never called`, () => {
      let calls = 0;
      const f = (x: NdArray): number => {
        calls++;
        return sphere(x);
      };
      expect(() => minimize(f, x0(), options)).toThrow(type);
      expect(() => minimize(f, x0(), options)).toThrow(message);
      expect(calls).toBe(0);
    });
  }

  it('maxEvaluations too small for f and the numerical gradient at x0 (1 + 2·2 = 5 needed)', () => {
    const central = { scheme: 'central' } as const;
    expect(() => minimize(sphere, x0(), { maxEvaluations: 4, gradient: central })).toThrow(ArgumentRangeError);
    expect(() => minimize(sphere, x0(), { maxEvaluations: 4, gradient: central })).toThrow(
      /^minimize: maxEvaluations = 4 does not cover f and its numerical gradient at x0 \(1 \+ 4 calls\); raise maxEvaluations to at least 5\.$/,
    );
    // The default (adaptive) gradient starts forward, reusing f(x0): 1 + 2 calls.
    expect(() => minimize(sphere, x0(), { maxEvaluations: 2 })).toThrow(/\(1 \+ 2 calls\); raise maxEvaluations to at least 3\./);
    expect(minimize(sphere, x0(), { maxEvaluations: 3 })).toMatchObject({ reason: 'maxEvaluations', evaluations: 3, iterations: 0 });
    expect(minimize(sphere, x0(), { maxEvaluations: 5 }).reason).toBe('maxEvaluations');
  });
});
