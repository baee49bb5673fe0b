/**
 * The smaller edge cases of issue 7, item 19 (core side), each a clear typed
 * error or a documented behaviour:
 *   - `h: null`, `options: []`, a misspelt option key: refused (main ignored them);
 *   - a frozen or read-only counter: refused before f runs (main's finally block
 *     threw and lost the gradient or f's own error); one frozen by f mid-run is
 *     left as it is, without losing the result;
 *   - gradCheck over empty records / empty arrays: an error (main passed vacuously);
 *   - an async f: NotANumberError, and its rejection is handled (main left an
 *     unhandled rejection);
 *   - errors raised inside gradCheck say 'gradCheck:' (main said 'numericalGradient:');
 *   - resolveGradientOptions validates options up front under the caller's name.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ArgumentRangeError,
  FunctionThrewError,
  gradCheck,
  InvalidArgumentError,
  NotANumberError,
  numericalDiff,
  numericalGradient,
  numericalGradients,
  resolveGradientOptions,
  StepUnderflowError,
} from '@descent/core';
import { expectThrows } from '../helpers.js';

const f = vi.fn((v: NdArray) => v.get(0) ** 2);
const point = (): NdArray => ndarray(Float64Array.of(3), [1]);
beforeEach(() => {
  f.mockClear();
});

describe('options', () => {
  it('h: null is refused as a wrong type (main: silently the automatic step)', () => {
    expectThrows(
      () => numericalGradient(f, point(), { h: null as any }),
      InvalidArgumentError,
      'INVALID_ARGUMENT',
      "numericalGradient: h must be a positive finite number or 'auto' (got null); the book uses h: 1e-4.",
    );
    for (const key of ['scheme', 'counter', 'stepUnderflow', 'quotient']) {
      expectThrows(() => numericalGradient(f, point(), { [key]: null } as any), InvalidArgumentError, 'INVALID_ARGUMENT', new RegExp(`^numericalGradient: ${key}( null is not one of|.*\\(got null\\))`));
    }
    expect(f).not.toHaveBeenCalled();
  });
  it('h: undefined (a key present without a value) takes the default, like an absent key', () => {
    expect(numericalGradient(f, point(), { h: undefined }).get(0)).toBeCloseTo(6, 9);
  });
  it('options: [] and other non-objects', () => {
    for (const [options, shown] of [
      [[], 'Array(0)'],
      ['central', 'string "central"'],
      [null, 'null'],
      [() => 1, 'a function'],
    ] as const) {
      expectThrows(
        () => numericalGradient(f, point(), options as any),
        InvalidArgumentError,
        'INVALID_ARGUMENT',
        `numericalGradient: options must be an object like { h: 1e-4, scheme: 'central' } (got ${shown}).`,
      );
    }
    expect(f).not.toHaveBeenCalled();
  });
  it('a misspelt key is refused (main ignored { sheme: "forward" } and used central)', () => {
    expectThrows(
      () => numericalGradient(f, point(), { sheme: 'forward' } as any),
      InvalidArgumentError,
      'INVALID_ARGUMENT',
      'numericalGradient: unknown option "sheme"; the options are h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson, out, error.',
    );
    expectThrows(
      () => numericalDiff((t) => t, 1, { out: undefined } as any),
      InvalidArgumentError,
      'INVALID_ARGUMENT',
      'numericalDiff: unknown option "out"; the options are h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson.',
    );
    // an ndarray passed where options belong (numericalGradient(f, x, out) instead of numericalGradientInto)
    expectThrows(() => numericalGradient(f, point(), point() as any), InvalidArgumentError, 'INVALID_ARGUMENT', /^numericalGradient: unknown option "data"/);
  });
  it('wrong types are InvalidArgumentError, values out of range ArgumentRangeError', () => {
    expectThrows(() => numericalGradient(f, point(), { scheme: 5 as any }), InvalidArgumentError, 'INVALID_ARGUMENT', /scheme number 5 is not one of/);
    expectThrows(() => numericalGradient(f, point(), { quotient: 'exact' as any }), ArgumentRangeError, 'OUT_OF_RANGE', "numericalGradient: quotient must be 'actual' or 'nominal' (got string \"exact\").");
    expectThrows(() => gradCheck(f, point(), point(), { atol: '1' as any }), InvalidArgumentError, 'INVALID_ARGUMENT', 'gradCheck: atol must be a finite number ≥ 0 (got string "1"); the default is 1e-8.');
  });
});

describe('the counter', () => {
  it('a frozen counter is refused before f runs (main threw from its finally block and lost the gradient)', () => {
    const readOnly = Object.defineProperty({}, 'evaluations', { value: 0, writable: false, enumerable: true }) as { evaluations: number };
    const getterOnly = {
      get evaluations(): number {
        return 0;
      },
    } as { evaluations: number };
    for (const counter of [Object.freeze({ evaluations: 0 }), readOnly, getterOnly]) {
      expectThrows(
        () => numericalGradient(f, point(), { counter }),
        InvalidArgumentError,
        'INVALID_ARGUMENT',
        'numericalGradient: counter.evaluations cannot be written (the counter is frozen, or evaluations is read-only or a getter without a setter); pass a plain object like { evaluations: 0 }.',
      );
    }
    expect(f).not.toHaveBeenCalled();
  });
  it('a frozen counter does not replace the error of f (main: "Cannot assign to read only property")', () => {
    const counter = { evaluations: 0 };
    const cause = new Error('f failed');
    const e = expectThrows(
      () =>
        numericalGradient(
          () => {
            Object.freeze(counter);
            throw cause;
          },
          point(),
          { counter },
        ),
      FunctionThrewError,
      'FUNCTION_THREW',
      /^numericalGradient: f threw when x\[0\] was perturbed to .*: f failed \(x has been restored\)\.$/,
    );
    expect(e.cause).toBe(cause);
  });
  it('frozen by f mid-run: the gradient is returned, the count dropped (documented)', () => {
    const counter = { evaluations: 0 };
    const g = numericalGradient(
      (v) => {
        Object.freeze(counter);
        return v.get(0) ** 2;
      },
      point(),
      { counter },
    );
    expect(g.get(0)).toBeCloseTo(6, 9);
    expect(counter.evaluations).toBe(0);
  });
  it('a NaN count is refused', () => {
    expectThrows(() => numericalGradient(f, point(), { counter: { evaluations: NaN } }), ArgumentRangeError, 'OUT_OF_RANGE', 'numericalGradient: counter.evaluations must be a finite number (got NaN); start it at 0.');
  });
});

describe('gradCheck over nothing is an error, not a vacuous pass', () => {
  it('an empty array', () => {
    expectThrows(
      () => gradCheck(f, ndarray(new Float64Array(0), [0]), ndarray(new Float64Array(0), [0])),
      ArgumentRangeError,
      'OUT_OF_RANGE',
      'gradCheck: x is empty (shape [0]); a check over no elements would pass without checking anything — pass the array whose gradient you want checked.',
    );
  });
  it('an empty record, and a record of empty arrays', () => {
    const loss = vi.fn(() => 1);
    expectThrows(() => gradCheck(loss, {}, {}), ArgumentRangeError, 'OUT_OF_RANGE', /^gradCheck: params has no elements \(an empty record\); a check over no elements would pass/);
    const empty = (): NdArray => ndarray(new Float64Array(0), [0, 3]);
    expectThrows(() => gradCheck(loss, { a: empty(), b: empty() }, { a: empty(), b: empty() }), ArgumentRangeError, 'OUT_OF_RANGE', /^gradCheck: params has no elements \(every array is empty\)/);
    expect(loss).not.toHaveBeenCalled();
  });
  it('an empty parameter next to a non-empty one is fine', () => {
    const W = ndarray(Float64Array.of(2), [1]);
    const report = gradCheck(() => W.get(0) ** 2, { W: ndarray(Float64Array.of(4), [1]), b: ndarray(new Float64Array(0), [0]) }, { W, b: ndarray(new Float64Array(0), [0]) });
    expect(report.passed).toBe(true);
    expect(report.evaluations).toBe(2);
  });
});

describe('an async f', () => {
  const unhandled: unknown[] = [];
  const listener = (reason: unknown): void => {
    unhandled.push(reason);
  };
  beforeEach(() => {
    unhandled.length = 0;
    process.on('unhandledRejection', listener);
  });
  afterEach(() => {
    process.off('unhandledRejection', listener);
  });
  const message = (where: string, at: string): string =>
    `${where}: f returned a Promise (an async function?) ${at}; ${where} is synchronous and needs f to return a number — ` +
    'an async f is not supported: await what f needs first and pass a synchronous f; ';
  it('a rejecting async f: NotANumberError naming the coordinate, and no unhandled rejection', async () => {
    let calls = 0;
    const asyncF = async (v: NdArray): Promise<number> => {
      calls++;
      throw new Error(`rejected at ${v.get(0)}`);
    };
    const data = Float64Array.of(3);
    const e = expectThrows(() => numericalGradient(asyncF as any, ndarray(data, [1]), { h: 0.5 }), NotANumberError, 'NOT_A_NUMBER', `${message('numericalGradient', 'when x[0] was perturbed to 3.5')}x has been restored.`, {
      coordinate: 'x[0]',
    });
    expect(e).toBeInstanceOf(TypeError);
    expect(e.value).toBeInstanceOf(Promise);
    expect(calls).toBe(1);
    expect(Array.from(data)).toEqual([3]);
    // let the rejection settle: a rejection without a handler is reported after the microtask queue drains
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });
  it('numericalDiff, numericalGradients and gradCheck too', async () => {
    const reject = async (): Promise<number> => {
      throw new Error('no');
    };
    expectThrows(() => numericalDiff(reject as any, 1, { h: 0.5 }), NotANumberError, 'NOT_A_NUMBER', `${message('numericalDiff', 'at x=1.5')}the derivative was not computed.`);
    const W = ndarray(Float64Array.of(1), [1]);
    expectThrows(() => numericalGradients(reject as any, { W }, { scheme: 'forward' }), NotANumberError, 'NOT_A_NUMBER', `${message('numericalGradients', 'at the unperturbed W')}W was not modified.`);
    expectThrows(() => gradCheck(reject as any, point(), point()), NotANumberError, 'NOT_A_NUMBER', /^gradCheck: f returned a Promise/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(unhandled).toEqual([]);
  });
});

describe("errors inside gradCheck say 'gradCheck:'", () => {
  it('a vanished step, f throwing, a bad option', () => {
    expectThrows(() => gradCheck(f, ndarray([2e13], [1]), ndarray(Float64Array.of(1e13), [1]), { h: 1e-4 }), StepUnderflowError, 'STEP_UNDERFLOW', /^gradCheck: h=0\.0001 is below the spacing/);
    const W = ndarray(Float64Array.of(1), [1]);
    expectThrows(
      () =>
        gradCheck(
          () => {
            throw new Error('boom');
          },
          { W },
          { W: ndarray(Float64Array.of(1), [1]) },
        ),
      FunctionThrewError,
      'FUNCTION_THREW',
      /^gradCheck: f threw when W\[0\] was perturbed to/,
    );
    expectThrows(() => gradCheck(f, point(), point(), { h: -1 }), ArgumentRangeError, 'OUT_OF_RANGE', /^gradCheck: h must be a positive finite number/);
  });
});

describe('resolveGradientOptions: up-front validation under the caller’s name', () => {
  it('fills in the defaults', () => {
    expect(resolveGradientOptions(undefined, 'train')).toEqual({ h: 'auto', scheme: 'central', counter: undefined, stepUnderflow: 'throw', quotient: 'actual', f0: undefined, bounds: undefined, onProgress: undefined, progressInterval: 1000, richardson: { rtol: 0, atol: 0, maxLevels: 10 } });
    const counter = { evaluations: 2 };
    expect(resolveGradientOptions({ h: 1e-4, counter, quotient: 'nominal' }, 'minimize')).toEqual({ h: 1e-4, scheme: 'central', counter, stepUnderflow: 'throw', quotient: 'nominal', f0: undefined, bounds: undefined, onProgress: undefined, progressInterval: 1000, richardson: { rtol: 0, atol: 0, maxLevels: 10 } });
  });
  it('errors carry the caller’s name', () => {
    expectThrows(() => resolveGradientOptions({ h: 0 }, 'minimize'), ArgumentRangeError, 'OUT_OF_RANGE', "minimize: h must be a positive finite number or 'auto' (got number 0); the book uses h: 1e-4.");
    expectThrows(() => resolveGradientOptions({ out: 1 } as any, 'train'), InvalidArgumentError, 'INVALID_ARGUMENT', 'train: unknown option "out"; the options are h, scheme, counter, stepUnderflow, quotient, f0, bounds, onProgress, progressInterval, richardson.');
  });
  it('the result is valid options for core', () => {
    const resolved = resolveGradientOptions({ scheme: 'forward' }, 'minimize');
    expect(numericalGradient(f, point(), resolved).get(0)).toBeCloseTo(6, 6);
  });
});
