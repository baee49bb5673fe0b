/**
 * Optimizers on ndarray views (transpose, step(−1), pick, hi/lo) give exactly the
 * results of the same run on contiguous copies, for params and for gradients
 * laid out differently from them, and never touch the buffer elements outside
 * the views (sentinels stay bit-identical).
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import {
  adagrad,
  adam,
  adamw,
  applyUpdates,
  momentum,
  nesterov,
  rmsprop,
  sgd,
  type GradientTransformation,
} from '@descent/optim';
import { arr, elements, fill } from '../helpers.js';

const SENTINEL = 12345.678;

const NAMED: Record<string, () => GradientTransformation<any>> = {
  sgd: () => sgd({ lr: 0.05 }),
  momentum: () => momentum({ lr: 0.05 }),
  nesterov: () => nesterov({ lr: 0.05 }),
  adagrad: () => adagrad({ lr: 0.1 }),
  rmsprop: () => rmsprop({ lr: 0.01 }),
  adam: () => adam({ lr: 0.01 }),
  adamw: () => adamw({ lr: 0.01, weightDecay: 0.1 }),
  // optax's formulas: their own row loops (adam's optax step, rms centered, rss with h₀).
  'sgd(momentum, nesterov)': () => sgd({ lr: 0.05, momentum: 0.9, nesterov: true }),
  "adam(form 'optax', nesterov)": () => adam({ lr: 0.01, form: 'optax', nesterov: true }),
  "rmsprop(form 'optax', centered)": () => rmsprop({ lr: 0.01, form: 'optax', centered: true, initialScale: 0.1 }),
  "adagrad(form 'optax')": () => adagrad({ lr: 0.1, form: 'optax' }),
};

const SHAPES: Record<string, number[]> = { t: [4, 3], r: [5], p: [3], h: [2, 3] };

function sentinelBuffer(n: number): Float64Array {
  return new Float64Array(n).fill(SENTINEL);
}

/** Views of each kind inside sentinel-filled buffers, with the same shapes as SHAPES. */
function viewParams(): { params: Record<string, NdArray>; buffers: Float64Array[] } {
  const tBuffer = sentinelBuffer(14);
  const rBuffer = sentinelBuffer(7);
  const pBuffer = sentinelBuffer(6);
  const hBuffer = sentinelBuffer(16);
  return {
    params: {
      t: ndarray(tBuffer, [3, 4], [4, 1], 1).transpose(1, 0), // [4, 3], strides [1, 4]
      r: ndarray(rBuffer, [7]).lo(1).hi(5).step(-1), // [5], stride −1
      p: ndarray(pBuffer, [3, 2]).pick(null, 1), // [3], stride 2, offset 1
      h: ndarray(hBuffer, [4, 4]).lo(1, 1).hi(2, 3), // [2, 3] block, strides [4, 1], offset 5
    },
    buffers: [tBuffer, rBuffer, pBuffer, hBuffer],
  };
}

function contiguousParams(): Record<string, NdArray> {
  const out: Record<string, NdArray> = {};
  for (const [key, shape] of Object.entries(SHAPES)) out[key] = ndarray(new Float64Array(shape.reduce((a, b) => a * b, 1)), shape);
  return out;
}

const INITIAL: Record<string, number[]> = {
  t: [0.5, -1, 2, 0.25, -0.75, 1.5, 3, -2.5, 0.125, 1, -0.5, 0.75],
  r: [1, -2, 3, -4, 5],
  p: [0.3, -0.6, 0.9],
  h: [2, -1, 0.5, -0.25, 4, -3],
};

/** Gradients of Σ x⁴/4 + Σ x (cubic plus one), in row-major order per key. */
function gradientValues(params: Record<string, NdArray>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const key of Object.keys(SHAPES)) out[key] = elements(params[key]!).map((v) => v ** 3 + 1);
  return out;
}

/** Gradient arrays laid out as transposed views (reversed for 1-D), unlike the params. */
function viewGradients(values: Record<string, number[]>): Record<string, NdArray> {
  const out: Record<string, NdArray> = {};
  for (const [key, shape] of Object.entries(SHAPES)) {
    const size = shape.reduce((a, b) => a * b, 1);
    const g =
      shape.length === 2
        ? ndarray(new Float64Array(size), [shape[1]!, shape[0]!]).transpose(1, 0)
        : ndarray(new Float64Array(size), shape).step(-1);
    fill(g, values[key]!);
    out[key] = g;
  }
  return out;
}

function run(opt: GradientTransformation<any>, params: Record<string, NdArray>, gradientsAsViews: boolean): void {
  let state = opt.init(params);
  for (let i = 0; i < 4; i++) {
    const values = gradientValues(params);
    const grads = gradientsAsViews ? viewGradients(values) : Object.fromEntries(Object.entries(values).map(([k, v]) => [k, arr(v, SHAPES[k])]));
    state = opt.update(grads, state, params);
    applyUpdates(params, grads);
  }
}

describe.each(Object.keys(NAMED))('%s', (name) => {
  it('on views equals the run on contiguous arrays, bit for bit, and leaves the rest of the buffers alone', () => {
    const { params: views, buffers } = viewParams();
    const copies = contiguousParams();
    for (const key of Object.keys(SHAPES)) {
      fill(views[key]!, INITIAL[key]!);
      fill(copies[key]!, INITIAL[key]!);
    }
    run(NAMED[name]!(), views, true);
    run(NAMED[name]!(), copies, false);
    for (const key of Object.keys(SHAPES)) {
      expect(elements(views[key]!), key).toEqual(elements(copies[key]!));
      expect(elements(views[key]!), key).not.toEqual(INITIAL[key]);
    }
    const inViews = Object.values(views).reduce((n, v) => n + v.size, 0);
    const sentinels = buffers.reduce((n, b) => n + b.filter((v) => v === SENTINEL).length, 0);
    const total = buffers.reduce((n, b) => n + b.length, 0);
    expect(sentinels).toBe(total - inViews);
  });
});
