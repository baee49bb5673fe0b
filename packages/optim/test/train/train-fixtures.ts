/** Small problems shared by the train tests (not a test file itself). */
import ndarray, { type NdArray } from 'ndarray';
import type { Batch } from '../../src/train/batches.js';

export type P = Record<string, NdArray>;

/** n samples of y = 2x + 1 with x = 0 … n−1 (inputs [n, 1], targets [n]). */
export function line(n: number): { inputs: NdArray; targets: NdArray } {
  return {
    inputs: ndarray(Float64Array.from({ length: n }, (_, i) => i), [n, 1]),
    targets: ndarray(Float64Array.from({ length: n }, (_, i) => 2 * i + 1), [n]),
  };
}

/** Parameters { w: [w], b: [b] } in fresh arrays. */
export function wb(w = 0, b = 0): P {
  return { w: ndarray(Float64Array.of(w)), b: ndarray(Float64Array.of(b)) };
}

/** Mean squared error of w·x + b against the targets. */
export function mse(p: P, batch: Batch): number {
  const w = p['w']!.get(0);
  const b = p['b']!.get(0);
  let sum = 0;
  for (let i = 0; i < batch.size; i++) sum += (w * batch.inputs.get(i, 0) + b - batch.targets.get(i)) ** 2;
  return sum / batch.size;
}

/** The analytic gradient of `mse` written into grads; returns the loss. */
export function mseGradient(p: P, batch: Batch, grads: P): number {
  const w = p['w']!.get(0);
  const b = p['b']!.get(0);
  let sum = 0;
  let gw = 0;
  let gb = 0;
  for (let i = 0; i < batch.size; i++) {
    const x = batch.inputs.get(i, 0);
    const r = w * x + b - batch.targets.get(i);
    sum += r * r;
    gw += 2 * r * x;
    gb += 2 * r;
  }
  grads['w']!.set(0, gw / batch.size);
  grads['b']!.set(0, gb / batch.size);
  return sum / batch.size;
}

/** The values of each array of a record, as plain arrays (row-major). */
export function snapshot(p: P): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, a] of Object.entries(p)) {
    const values: number[] = [];
    for (let i = 0; i < a.size; i++) values.push(a.get(i));
    out[key] = values;
  }
  return out;
}
