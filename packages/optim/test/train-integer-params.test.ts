/**
 * Integer storage cannot hold the fractional steps of a descent: 10 SGD steps
 * on an Int32Array truncate every update and leave w = 0. train refuses it
 * before the loss runs (as minimize refuses an integer x0 and core an integer
 * x), and so do every optimizer's init and applyUpdates; float and plain-array
 * storage train normally.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { adam, applyUpdates, sgd, train } from '@descent/optim';
import { line, mse, mseGradient, type P } from './train-fixtures.js';

function run(params: P) {
  return train({ params, loss: mse, gradient: mseGradient, data: line(4), batchSize: 4, epochs: 10, optimizer: sgd({ lr: 0.01 }), seed: 1, progress: false });
}

describe('train with integer params', () => {
  it.each([
    ['Int32Array', () => new Int32Array(1)],
    ['Uint8Array', () => new Uint8Array(1)],
    ['Int16Array', () => new Int16Array(1)],
  ])('a %s is an InvalidArgumentError naming the param and the fix, before the loss runs', (type, make) => {
    const w = ndarray(make(), [1]);
    let error: unknown;
    try {
      run({ w, b: ndarray(new Float64Array(1)) });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toBeInstanceOf(TypeError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((error as Error).message).toBe(
      `train: params.w is stored in an ${type}, which would truncate every fractional step to an integer; ` +
        'copy it into a Float64Array, e.g. ndarray(Float64Array.from(params.w.data), params.w.shape).',
    );
    expect(w.get(0)).toBe(0);
  });

  it('Float32Array and plain-array params train (w moves off 0 towards 2)', () => {
    // Full-batch SGD on y = 2x + 1, x = 0…3, from w = b = 0: the first gradient is (−2·Σ x(2x+1)/4, −2·Σ(2x+1)/4) = (−17, −8).
    for (const w of [ndarray(new Float32Array(1), [1]), ndarray([0], [1])]) {
      const result = run({ w, b: ndarray(new Float64Array(1)) });
      expect(result.steps).toBe(10);
      expect(w.get(0)).toBeGreaterThan(0.17);
      expect(w.get(0)).toBeLessThan(2);
    }
  });

  it('every optimizer’s init and applyUpdates refuse integer params too', () => {
    const ints = { w: ndarray(new Int32Array([1, 2])) };
    expect(() => adam().init(ints)).toThrow(InvalidArgumentError);
    expect(() => adam().init(ints)).toThrow(/^adam: params\.w is stored in an Int32Array/);
    expect(() => applyUpdates(ints, { w: ndarray(new Float64Array([0.5, 0.5])) })).toThrow(/^applyUpdates: params\.w is stored in an Int32Array/);
    expect(Array.from(ints.w.data)).toEqual([1, 2]);
  });
});
