import { describe, expect, it } from 'vitest';
import { adam } from '../../src/transforms/adam.js';
import { train } from '../../src/train/train.js';
import type { Batch } from '../../src/train/batches.js';
import { line, mse, wb, type P } from './train-fixtures.js';

/**
 * Train 4 epochs on 10 samples in batches of 3 (numerical gradient, Adam), and record the
 * targets of every batch seen with a second run of the same seed whose gradient only records.
 */
function run(seed: number, shuffle = true): { params: Float64Array[]; history: unknown; batches: number[][] } {
  const batches: number[][] = [];
  const params = wb(0.5, -0.25);
  const result = train({
    params,
    loss: mse,
    gradient: {},
    metrics: { mse },
    data: line(10),
    batchSize: 3,
    epochs: 4,
    optimizer: adam({ lr: 0.05 }),
    seed,
    shuffle,
    progress: false,
  });
  train({
    params: wb(),
    loss: mse,
    gradient: (_p: P, batch: Batch) => {
      const targets: number[] = [];
      for (let i = 0; i < batch.size; i++) targets.push(batch.targets.get(i));
      batches.push(targets);
      return 0;
    },
    data: line(10),
    batchSize: 3,
    epochs: 4,
    optimizer: adam({ lr: 0.05 }),
    seed,
    shuffle,
    progress: false,
  });
  return { params: [params['w']!.data as Float64Array, params['b']!.data as Float64Array], history: result.history, batches };
}

describe('train: determinism', () => {
  it('the same seed gives bit-identical parameters and history', () => {
    const a = run(7);
    const b = run(7);
    for (let k = 0; k < 2; k++) {
      expect(new Uint8Array(b.params[k]!.buffer)).toEqual(new Uint8Array(a.params[k]!.buffer));
    }
    expect(b.history).toEqual(a.history);
    expect(b.batches).toEqual(a.batches);
  });

  it('a different seed gives a different batch order, each epoch a permutation of all samples', () => {
    const a = run(7);
    const c = run(8);
    expect(c.batches).not.toEqual(a.batches);
    const all = Array.from({ length: 10 }, (_, i) => 2 * i + 1);
    for (const batches of [a.batches, c.batches]) {
      expect(batches).toHaveLength(16); // 4 epochs × (3 + 3 + 3 + 1)
      for (let epoch = 0; epoch < 4; epoch++) {
        const seen = batches.slice(epoch * 4, epoch * 4 + 4).flat().sort((x, y) => x - y);
        expect(seen).toEqual(all);
      }
    }
    // Shuffled every epoch: the first and second epoch orders differ.
    expect(a.batches.slice(4, 8)).not.toEqual(a.batches.slice(0, 4));
  });

  it('shuffle: false keeps the data order in every epoch', () => {
    const { batches } = run(7, false);
    const epoch = [[1, 3, 5], [7, 9, 11], [13, 15, 17], [19]];
    expect(batches).toEqual([...epoch, ...epoch, ...epoch, ...epoch]);
  });
});
