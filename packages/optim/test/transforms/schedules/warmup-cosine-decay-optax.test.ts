/**
 * warmupCosineDecaySchedule against optax's WarmupCosineDecayTest: limits,
 * exponent (with a negative end) and peak 0 (α = end/peak is taken as 0).
 */
import { describe, expect, it } from 'vitest';
import { warmupCosineDecaySchedule } from '@descent/optim';

describe('warmupCosineDecaySchedule (optax warmup_cosine_decay_schedule)', () => {
  for (const [init, peak, end] of [[10, 0.5, 1e-4], [5, 3, 0]] as const) {
    it(`starts at init ${init}, peaks at ${peak} at W = 100, ends at ${end} at D = 1000`, () => {
      const lr = warmupCosineDecaySchedule({ init, peak, warmupSteps: 100, decaySteps: 1000, end });
      expect(lr(0)).toBeCloseTo(init, 12);
      expect(lr(100)).toBeCloseTo(peak, 12);
      expect(lr(1000)).toBeCloseTo(end, 12);
    });
  }
  it('exponent 2 and end −3: optax reference values at 0, 10, 50, 75, 100', () => {
    // t = 10: 0.2 + 1.01·10/50 = 0.402; t = 75: α = −3/1.21, 1.21·((1 − α)·0.25 + α) = −1.9475
    const lr = warmupCosineDecaySchedule({ init: 0.2, peak: 1.21, end: -3, warmupSteps: 50, decaySteps: 100, exponent: 2 });
    const expected = [0.2, 0.402, 1.21, -1.9475, -3];
    [0, 10, 50, 75, 100].forEach((t, i) => expect(lr(t)).toBeCloseTo(expected[i]!, 12));
  });
  it('peak 0: the decay phase is 0 (optax takes α = 0), the warmup still starts at init', () => {
    const lr = warmupCosineDecaySchedule({ init: 0.2, peak: 0, end: -3, warmupSteps: 50, decaySteps: 100, exponent: 2 });
    // t = 10: 0.2·(1 − 10/50) = 0.16
    expect([0, 10, 50, 75, 100].map((t) => lr(t))).toEqual([0.2, expect.closeTo(0.16, 15), 0, 0, 0]);
  });
});
