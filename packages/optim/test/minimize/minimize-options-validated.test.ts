/**
 * minimize validates every option before f is first called, under its own
 * name: core's numerical options too (h, scheme, counter, stepUnderflow — they
 * used to fail later, inside core, after f(x0) had run), unknown keys, and
 * historyPoints.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { minimize, type MinimizeOptions } from '@descent/optim';

const x0 = (): NdArray => ndarray(new Float64Array([-3, 4]));

// Core's options are judged by core's rules; the messages must name minimize, the option and the value.
const bad: [string, unknown, typeof ArgumentRangeError | typeof InvalidArgumentError, RegExp][] = [
  ['a negative h', { gradient: { h: -1e-4 } }, ArgumentRangeError, /^minimize: .*\bh\b.*-0\.0001/],
  ['h null', { gradient: { h: null } }, InvalidArgumentError, /^minimize: .*\bh\b.*null/],
  ['an unknown scheme', { gradient: { scheme: 'upwind' } }, ArgumentRangeError, /^minimize: .*scheme.*"upwind"/],
  ['a counter that is a number', { gradient: { counter: 5 } }, InvalidArgumentError, /^minimize: .*counter.*5/],
  ['an unknown stepUnderflow', { gradient: { stepUnderflow: 'ignore' } }, ArgumentRangeError, /^minimize: .*stepUnderflow.*"ignore"/],
  [
    'gradient options that are an array',
    { gradient: [] },
    InvalidArgumentError,
    /^minimize: gradient must be core's numerical options such as \{ h: 1e-6 \} or a function \(x, out\) => void writing ∇f\(x\) into out, got an array\.$/,
  ],
  [
    'a misspelt option',
    { maxIter: 10 },
    InvalidArgumentError,
    /^minimize: unknown option 'maxIter'; the options are optimizer, gradient, bounds, maxIterations, maxEvaluations, gradTol, fTol, xTol, divergencePatience, signal, onIteration, historyLimit, historyPoints\.$/,
  ],
  ['historyPoints not a boolean', { historyPoints: 'yes' }, InvalidArgumentError, /^minimize: historyPoints must be true or false, got the string "yes"; the default is false\.$/],
  ['options that are an array', [], InvalidArgumentError, /^minimize: options must be an object such as \{ gradTol: 1e-6 \}, got an array\.$/],
];

describe('minimize: every option is checked before f runs', () => {
  it.each(bad)('%s', (_what, options, type, message) => {
    let calls = 0;
    const f = (x: NdArray): number => {
      calls++;
      return x.get(0) ** 2 + x.get(1) ** 2;
    };
    let error: unknown;
    try {
      minimize(f, x0(), options as MinimizeOptions);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect(calls).toBe(0);
  });

  it('the gradient options are copied: changing them during the run changes nothing', () => {
    const gradient: Record<string, unknown> = { h: 1e-6 };
    const result = minimize((x) => x.get(0) ** 2 + x.get(1) ** 2, x0(), {
      gradient,
      onIteration: () => {
        gradient['h'] = -1;
      },
    });
    expect(result.reason).toBe('gradTol');
  });
});
