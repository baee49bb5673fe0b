/**
 * minimize hands f(x) to its transformation's update as `{ value }` (as train
 * hands the loss), so reduceOnPlateau works inside minimize.
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { chain, minimize, reduceOnPlateau, sgd } from '@descent/optim';

describe('minimize with reduceOnPlateau', () => {
  it('sees f at each point and halves the step once f has not improved for `patience` steps', () => {
    // f = x², ∇f = 2x; sgd(lr 0.75) steps u = −1.5x·scale, so x ↦ −0.5x while scale = 1 (all values dyadic, exact).
    // reduceOnPlateau({ patience: 2, factor: 0.5, threshold: 0, absoluteThreshold: 1 }): improved ⇔ v < best − 1.
    // update 1 at x = 1:      v = 1 < ∞ → best 1, count 0;   u = −1.5            → x = −0.5
    // update 2 at x = −0.5:   v = 0.25, not < 0 → count 1;   u = 0.75            → x = 0.25
    // update 3 at x = 0.25:   count 2 = patience → scale 0.5, count 0; u = 0.5·(−0.375) = −0.1875 → x = 0.0625
    // update 4 at x = 0.0625: count 1;                       u = 0.5·(−0.09375) = −0.046875 → x = 0.015625
    // update 5 at x = 0.015625: count 2 → scale 0.25;        u = 0.25·(−0.0234375) = −0.005859375 → x = 0.009765625
    // (without the value the update is refused; without the drops x would be 1, −0.5, 0.25, −0.125, 0.0625, −0.03125)
    const seen: number[] = [];
    const result = minimize(
      (x) => {
        seen.push(x.get(0));
        return x.get(0) ** 2;
      },
      ndarray(new Float64Array([1])),
      {
        optimizer: chain(sgd({ lr: 0.75 }), reduceOnPlateau({ patience: 2, factor: 0.5, threshold: 0, absoluteThreshold: 1 })),
        gradient: (x, out) => out.set(0, 2 * x.get(0)),
        maxIterations: 5,
      },
    );
    expect(seen).toEqual([1, -0.5, 0.25, 0.0625, 0.015625, 0.009765625]);
    expect(result.x.get(0)).toBe(0.009765625);
    expect(result.iterations).toBe(5);
    expect(result.reason).toBe('maxIterations');
  });
});
