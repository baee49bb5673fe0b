/**
 * Every new transform runs on any ndarray view and storage: params and
 * gradients as strided/transposed views inside larger buffers and as
 * plain-Array storage give the bits of contiguous Float64 arrays; Float32Array
 * storage gives the same steps to single precision.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { applyUpdates } from '@descent/optim';
import { elements, expectClose, fill } from '../../helpers.js';
import { NEW_TRANSFORMS } from './new-transforms.js';

type Layout = 'contiguous' | 'views' | 'plain' | 'float32';

/** w [2, 3] and b [3] in the given layout, filled with `w` and `b` (row-major). */
function make(layout: Layout, w: number[], b: number[]): { w: NdArray; b: NdArray } {
  let out: { w: NdArray; b: NdArray };
  if (layout === 'views') {
    // w: the transpose of a [3, 2] block at offset 3 of a bigger buffer; b: every other element, reversed.
    const wBuffer = new Float64Array(12).fill(Number.NaN);
    const bBuffer = new Float64Array(7).fill(Number.NaN);
    out = { w: ndarray(wBuffer, [3, 2], [2, 1], 3).transpose(1, 0), b: ndarray(bBuffer, [3], [-2], 5) };
  } else {
    const Make = layout === 'float32' ? (n: number) => new Float32Array(n) : layout === 'plain' ? (n: number) => new Array<number>(n).fill(0) : (n: number) => new Float64Array(n);
    out = { w: ndarray(Make(6), [2, 3]), b: ndarray(Make(3), [3]) };
  }
  fill(out.w, w);
  fill(out.b, b);
  return out;
}

/** 6 steps on the gradient of Σ (p − target)² + 0.1·p⁴, evaluated at the current params; returns w and b after each. */
function run(name: string, layout: Layout): number[][] {
  const opt = NEW_TRANSFORMS[name]!();
  const params = make(layout, [0.5, -0.25, 1, 0, 0.75, -1], [0.1, 0.2, -0.3]);
  let state = opt.init(params);
  const trace: number[][] = [];
  for (let step = 0; step < 6; step++) {
    const gradient = (p: NdArray, target: number) => elements(p).map((v) => 2 * (v - target) + 0.4 * v ** 3);
    const grads = make(layout, gradient(params.w, 1), gradient(params.b, -1));
    state = opt.update(grads, state, params, { value: 1 / (step + 1) });
    applyUpdates(params, grads);
    trace.push([...elements(params.w), ...elements(params.b)]);
  }
  return trace;
}

describe.each(Object.keys(NEW_TRANSFORMS))('%s', (name) => {
  it('strided views and plain-Array storage give the bits of contiguous Float64 arrays', () => {
    const reference = run(name, 'contiguous');
    expect(run(name, 'views')).toEqual(reference);
    expect(run(name, 'plain')).toEqual(reference);
  });
  it('Float32Array storage gives the same steps to single precision', () => {
    const reference = run(name, 'contiguous');
    run(name, 'float32').forEach((row, i) => expectClose(row, reference[i]!, 2e-5));
  });
});
