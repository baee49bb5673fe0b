/**
 * cosineDecaySchedule against optax's CosineDecayTest:
 * lr(t) = init·((1 − α)·c^p + α), c = (1 + cos(π·min(t, T)/T))/2.
 */
import { describe, expect, it } from 'vitest';
import { cosineDecaySchedule } from '@descent/optim';

describe('cosineDecaySchedule (optax cosine_decay_schedule)', () => {
  it('decays over the whole run: 0.1·(0.5 + 0.5·cos(π·t/10))', () => {
    const lr = cosineDecaySchedule({ init: 0.1, decaySteps: 10 });
    for (let t = 0; t < 10; t++) expect(lr(t)).toBeCloseTo(0.1 * (0.5 + 0.5 * Math.cos((Math.PI * t) / 10)), 14);
  });
  it('holds the final value after decaySteps, and alpha lifts it to α·init', () => {
    const plain = cosineDecaySchedule({ init: 0.1, decaySteps: 5 });
    const lifted = cosineDecaySchedule({ init: 0.1, decaySteps: 5, alpha: 0.1 });
    for (let t = 0; t < 12; t++) {
      const m = 0.5 + 0.5 * Math.cos(Math.PI * Math.min(t / 5, 1));
      expect(plain(t)).toBeCloseTo(0.1 * m, 14);
      expect(lifted(t)).toBeCloseTo(0.1 * (0.9 * m + 0.1), 14);
    }
  });
  it('exponent 2: optax reference values at 0, 10, 50, 75, 100', () => {
    const lr = cosineDecaySchedule({ init: 0.1, decaySteps: 100, exponent: 2 });
    const expected = [0.1, 0.09516553580760956, 0.025, 0.0021446612663567066, 0];
    [0, 10, 50, 75, 100].forEach((t, i) => expect(lr(t)).toBeCloseTo(expected[i]!, 8));
  });
  it('decaySteps 1e10 at step 1e9: 975.52826 (no overflow)', () => {
    // 1000·(1 + cos(0.1π))/2 = 975.528258…
    expect(cosineDecaySchedule({ init: 1000, decaySteps: 1e10 })(1e9)).toBeCloseTo(975.52826, 4);
  });
  it('rejects decaySteps 0, as optax does', () => {
    expect(() => cosineDecaySchedule({ init: 1, decaySteps: 0 })).toThrow(/decaySteps must be an integer ≥ 1, got 0/);
  });
});
