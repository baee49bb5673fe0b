import { describe, expect, it } from 'vitest';
import { sgd } from '@descent/optim';
import { train } from '../../src/train/train.js';
import { line, wb, type P } from './train-fixtures.js';

// loss = w³ + b: the central difference with step h gives ((w+h)³ − (w−h)³)/(2h) = 3w² + h² for w,
// and exactly 1 for b. From w = 1, one full-batch SGD step with lr 0.1 and h = 0.1 gives
// g_w = 3 + 0.01 = 3.01 → w = 1 − 0.301 = 0.699, and b = 0 − 0.1 = −0.1.
const cubic = (p: P): number => p['w']!.get(0) ** 3 + p['b']!.get(0);

describe('train: options of the numerical gradient', () => {
  it('passes h to the central difference (its h² error on w³ is visible) and counts 2N evaluations per step', () => {
    const counter = { evaluations: 0 };
    const result = train({
      params: wb(1, 0),
      loss: cubic,
      gradient: { h: 0.1, counter },
      data: line(4),
      batchSize: 4,
      epochs: 1,
      optimizer: sgd({ lr: 0.1 }),
      seed: 1,
      progress: false,
    });
    expect(result.params['w']!.get(0)).toBeCloseTo(0.699, 14);
    expect(result.params['b']!.get(0)).toBeCloseTo(-0.1, 14);
    // N = 2 elements (w and b), central differences: 2N = 4 calls of the loss in one step.
    expect(counter.evaluations).toBe(4);
  });

  it("with the default h ('auto', ≈ 6e-6·max(1, |w|)) the step is 3 to about 1e-10", () => {
    const result = train({ params: wb(1, 0), loss: cubic, data: line(4), batchSize: 4, epochs: 1, optimizer: sgd({ lr: 0.1 }), seed: 1, progress: false });
    expect(result.params['w']!.get(0)).toBeCloseTo(0.7, 9);
  });
});
