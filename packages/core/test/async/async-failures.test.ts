/**
 * A failing f rejects the asynchronous gradient with the synchronous
 * gradient's typed error, naming the coordinate, after the evaluations in
 * flight have settled, and leaves no unhandled rejection behind.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FunctionThrewError, InputModifiedError, NonFiniteValueError, NotANumberError, numericalGradient, numericalGradientAsync } from '@descent/core';
import { elements, thrown } from '../helpers.js';

const wait = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const sumOfSquares = (v: NdArray): number => elements(v).reduce((s, t) => s + t * t, 0);
/** x[1,2] of a [3,4] array holds 1/3 (the element f fails at); the others are (i − 5)/3. */
const makeX = (): NdArray => ndarray(Float64Array.from({ length: 12 }, (_, i) => (i - 5) / 3), [3, 4]);
const atX12 = (v: NdArray): boolean => v.get(1, 2) !== 1 / 3;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeEach(() => {
  unhandled.length = 0;
  process.on('unhandledRejection', onUnhandled);
});
afterEach(async () => {
  await wait(20); // give a stray rejection time to surface
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

describe('the error is the synchronous one', () => {
  it('a rejection when x[1,2] is perturbed: FunctionThrewError naming x[1,2], cause kept, message as numericalGradient words a throw', async () => {
    const boom = new Error('boom');
    const sync = thrown(() => numericalGradient((v) => (atX12(v) ? (() => { throw boom; })() : sumOfSquares(v)), makeX(), { h: 1e-4 })) as Error;
    for (const concurrency of [1, 3, 16]) {
      const error = await numericalGradientAsync((v) => (atX12(v) ? Promise.reject(boom) : wait(1).then(() => sumOfSquares(v))), makeX(), { h: 1e-4, concurrency }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FunctionThrewError);
      expect((error as FunctionThrewError).coordinate).toBe('x[1,2]');
      expect((error as FunctionThrewError).cause).toBe(boom);
      expect((error as Error).message).toBe(sync.message.replace('numericalGradient:', 'numericalGradientAsync:'));
    }
  });

  it('a synchronous throw from an f that is otherwise asynchronous, and one from a synchronous f, name the coordinate too', async () => {
    const boom = new Error('sync boom');
    const mixed = (v: NdArray): number | Promise<number> => {
      if (atX12(v)) throw boom;
      return Promise.resolve(sumOfSquares(v));
    };
    for (const f of [mixed, (v: NdArray) => (atX12(v) ? (() => { throw boom; })() : sumOfSquares(v))]) {
      const error = (await numericalGradientAsync(f, makeX(), { concurrency: 2 }).catch((e: unknown) => e)) as FunctionThrewError;
      expect(error).toBeInstanceOf(FunctionThrewError);
      expect(error.coordinate).toBe('x[1,2]');
      expect(error.cause).toBe(boom);
    }
  });

  it('a Promise of NaN: NonFiniteValueError; of a string: NotANumberError; a write to the perturbed element: InputModifiedError', async () => {
    const nan = (await numericalGradientAsync(async (v) => (atX12(v) ? NaN : sumOfSquares(v)), makeX(), { concurrency: 3 }).catch((e: unknown) => e)) as NonFiniteValueError;
    expect(nan).toBeInstanceOf(NonFiniteValueError);
    expect(nan.coordinate).toBe('x[1,2]');
    const text = (await numericalGradientAsync(async (v) => (atX12(v) ? ('7' as unknown as number) : sumOfSquares(v)), makeX()).catch((e: unknown) => e)) as NotANumberError;
    expect(text).toBeInstanceOf(NotANumberError);
    expect(text.value).toBe('7');
    const writes = async (v: NdArray): Promise<number> => {
      const value = sumOfSquares(v);
      await wait(1);
      if (atX12(v)) v.set(1, 2, 0);
      return value;
    };
    const written = (await numericalGradientAsync(writes, makeX(), { concurrency: 4 }).catch((e: unknown) => e)) as InputModifiedError;
    expect(written).toBeInstanceOf(InputModifiedError);
    expect(written.coordinate).toBe('x[1,2]');
    expect(written.found).toBe(0);
  });

  it('f(x) rejecting (a one-sided scheme needs it): FunctionThrewError at the unperturbed x', async () => {
    const x = makeX();
    const boom = new Error('center');
    const error = (await numericalGradientAsync((v) => (elements(v).every((t, i) => t === elements(x)[i]) ? Promise.reject(boom) : Promise.resolve(1)), x, { scheme: 'forward', concurrency: 4 }).catch((e: unknown) => e)) as FunctionThrewError;
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error.coordinate).toBeUndefined();
    expect(error.message).toMatch(/^numericalGradientAsync: f threw at the unperturbed x: center/);
  });

  it('with several coordinates failing in flight, the lowest is reported even when a higher one fails first', async () => {
    const x = ndarray(Float64Array.from({ length: 12 }, (_, i) => i + 1), [12]);
    const f = async (v: NdArray): Promise<number> => {
      const moved = elements(v).findIndex((t, i) => t !== i + 1);
      if (moved === 7) throw new Error('seven');
      if (moved === 3) {
        await wait(30); // x[3] fails late, after x[7]
        throw new Error('three');
      }
      await wait(1);
      return sumOfSquares(v);
    };
    const error = (await numericalGradientAsync(f, x, { concurrency: 16 }).catch((e: unknown) => e)) as FunctionThrewError;
    expect(error.coordinate).toBe('x[3]');
    expect((error.cause as Error).message).toBe('three');
  });

  it('rejects only once every evaluation in flight has settled', async () => {
    let inFlight = 0;
    const f = async (v: NdArray): Promise<number> => {
      inFlight++;
      try {
        if (v.get(0) !== 1) throw new Error('first');
        await wait(25);
        return sumOfSquares(v);
      } finally {
        inFlight--;
      }
    };
    const error = await numericalGradientAsync(f, ndarray(Float64Array.of(1, 2, 3, 4, 5, 6), [6]), { concurrency: 8 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(inFlight).toBe(0);
  });

  it('an onProgress that throws rejects with its own error', async () => {
    const oops = new Error('progress');
    const error = await numericalGradientAsync(async (v) => sumOfSquares(v), makeX(), {
      progressInterval: 0,
      onProgress: () => {
        throw oops;
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(oops);
  });

  it('many rejections at once (concurrency 16, every evaluation rejects) leave nothing unhandled', async () => {
    const error = await numericalGradientAsync((_v: NdArray) => wait(1).then(() => Promise.reject(new Error('all'))), makeX(), { concurrency: 16 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect((error as FunctionThrewError).coordinate).toBe('x[0,0]');
  });
});
