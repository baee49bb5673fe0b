import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import type { Batch } from '../../src/train/batches.js';
import { type P } from './train-fixtures.js';

// Least squares for y = W·x + c with x ∈ R², W of shape [1, 2]: data from W* = [[3, −1]], c* = 0.5.
const xs = [
  [0, 1],
  [1, 0],
  [1, 1],
  [2, -1],
  [-1, 2],
  [0.5, 0.5],
];
const ys = xs.map(([a, b]) => 3 * a! - b! + 0.5);
// Inputs given transposed (features × samples storage), targets reversed through step(-1).
const inputs = ndarray(Float64Array.from([...xs.map((x) => x[0]!), ...xs.map((x) => x[1]!)]), [2, 6]).transpose(1, 0);
const targets = ndarray(Float64Array.from([...ys].reverse()), [6]).step(-1);

function loss(p: P, batch: Batch): number {
  const W = p['W']!;
  const c = p['c']!.get(0);
  let sum = 0;
  for (let i = 0; i < batch.size; i++) {
    const r = W.get(0, 0) * batch.inputs.get(i, 0) + W.get(0, 1) * batch.inputs.get(i, 1) + c - batch.targets.get(i);
    sum += r * r;
  }
  return sum / batch.size;
}

function run(params: P) {
  return train({ params, loss, data: { inputs, targets }, batchSize: 3, epochs: 1500, optimizer: sgd({ lr: 0.1 }), seed: 9, progress: false });
}

describe('train: parameters and data as ndarray views', () => {
  it('trains parameters that are strided views exactly like contiguous ones, leaving the rest of the storage alone', () => {
    const contiguous = { W: ndarray(new Float64Array(2), [1, 2]), c: ndarray(new Float64Array(1)) };
    // W is the transpose of a [2, 1] column inside a larger buffer; c sits at the end, read backwards.
    const storage = Float64Array.from([7, 0, 7, 0, 7, 0]);
    const viewed = { W: ndarray(storage, [2, 1], [2, 1], 1).transpose(1, 0), c: ndarray(storage, [6]).step(-1).hi(1) };
    const a = run(contiguous);
    const b = run(viewed);
    expect(a.stopped.reason).toBe('completed');
    // The known minimizer (zero residual): W = [3, −1], c = 0.5.
    expect(contiguous.W.get(0, 0)).toBeCloseTo(3, 6);
    expect(contiguous.W.get(0, 1)).toBeCloseTo(-1, 6);
    expect(contiguous.c.get(0)).toBeCloseTo(0.5, 6);
    expect([viewed.W.get(0, 0), viewed.W.get(0, 1), viewed.c.get(0)]).toEqual([contiguous.W.get(0, 0), contiguous.W.get(0, 1), contiguous.c.get(0)]);
    expect(b.history).toEqual(a.history);
    expect([storage[0], storage[2], storage[4]]).toEqual([7, 7, 7]);
  });
});
