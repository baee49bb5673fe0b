import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { EarlyStopping } from '../../src/train/early-stopping.js';

function run(tracker: EarlyStopping, values: number[]): { stoppedAt: number | null; improved: boolean[] } {
  const improved: boolean[] = [];
  for (let i = 0; i < values.length; i++) {
    const verdict = tracker.observe(values[i]!, i + 1);
    improved.push(verdict.improved);
    if (verdict.stop) return { stoppedAt: i + 1, improved };
  }
  return { stoppedAt: null, improved };
}

describe('EarlyStopping', () => {
  it("mode 'min', patience 2: stops at the 2nd epoch in a row without a new minimum", () => {
    // Minimum 0.7 at epoch 3; epochs 4 (0.8) and 5 (0.75) do not beat it → stop at 5.
    const tracker = new EarlyStopping({ metric: 'loss', mode: 'min', patience: 2 });
    const { stoppedAt, improved } = run(tracker, [1.0, 0.9, 0.7, 0.8, 0.75, 0.1]);
    expect(stoppedAt).toBe(5);
    expect(improved).toEqual([true, true, true, false, false]);
    expect(tracker.bestEpoch).toBe(3);
    expect(tracker.bestValue).toBe(0.7);
  });

  it("mode 'max' with minDelta 0.01: gains of 0.01 or less do not count", () => {
    // 0.5 → 0.6 improves (epoch 2); 0.605 and 0.61 are within 0.01 of 0.6 → patience 2 runs out at epoch 4.
    const tracker = new EarlyStopping({ metric: 'accuracy', mode: 'max', patience: 2, minDelta: 0.01 });
    const { stoppedAt } = run(tracker, [0.5, 0.6, 0.605, 0.61, 0.9]);
    expect(stoppedAt).toBe(4);
    expect(tracker.bestEpoch).toBe(2);
  });

  it('an improvement resets the count; NaN never improves', () => {
    const tracker = new EarlyStopping({ metric: 'loss', mode: 'min', patience: 3 });
    const { stoppedAt } = run(tracker, [NaN, 5, 6, 7, 4, NaN, 4, 4]);
    // NaN at epoch 1 is not a best; 5 (epoch 2) is; 6, 7 don't; 4 (epoch 5) resets; NaN, 4, 4 → stop at 8.
    expect(stoppedAt).toBe(8);
    expect(tracker.bestEpoch).toBe(5);
  });

  it('rejects bad options naming the field and the fix', () => {
    expect(() => new EarlyStopping({ metric: 'loss', mode: 'min', patience: 0 })).toThrow(/patience must be an integer ≥ 1.*got 0/);
    expect(() => new EarlyStopping({ metric: 'loss', mode: 'lowest' as 'min', patience: 1 })).toThrow(
      `train: earlyStopping.mode must be 'min' or 'max', got the string "lowest"; 'min' when smaller is better (a loss), 'max' when larger is (an accuracy).`,
    );
    expect(() => new EarlyStopping({ metric: 'loss', mode: 'min', patience: 1, minDelta: -1 })).toThrow(/minDelta must be a finite number ≥ 0/);
    expect(() => new EarlyStopping({ metric: '', mode: 'min', patience: 1 })).toThrow(InvalidArgumentError);
  });
});
