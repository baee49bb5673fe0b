/**
 * scipy.differentiate's test_step_direction, test_vectorized_step_direction_args
 * and test_saddle_gh18811 against derivative() with `bounds`: scipy's
 * step_direction +1 (−1) is a lower (upper) bound at x — the steps go to the
 * other side only, with f(x) — and 0 is no bound.
 */
import { describe, expect, it } from 'vitest';
import { derivative } from '@descent/core';

describe('scipy test_step_direction: eˣ, NaN outside [0, 2], on linspace(0, 2, 10)', () => {
  const f = (x: number): number => (x < 0 || x > 2 ? Number.NaN : Math.exp(x));
  it('with bounds [0, 2] every point converges to eˣ (1e-12 relative), the ends one-sided', () => {
    for (let i = 0; i < 10; i++) {
      const x = (2 * i) / 9;
      const r = derivative(f, x, { bounds: { lower: 0, upper: 2 } });
      expect(r.status, `x=${x}`).toBe('converged');
      expect(Math.abs(r.value / Math.exp(x) - 1), `x=${x}`).toBeLessThan(1e-12);
      expect(r.error, `x=${x}`).toBeGreaterThanOrEqual(Math.abs(r.value - Math.exp(x)));
    }
  });
});

describe('scipy test_vectorized_step_direction_args: xᵖ at x = 1…4, p = 2, 3, every direction', () => {
  it('p·xᵖ⁻¹ to 1e-14 relative, converged', () => {
    for (const x of [1, 2, 3, 4]) {
      for (const p of [2, 3]) {
        for (const bounds of [{ lower: x }, undefined, { upper: x }]) {
          const r = derivative((t) => t ** p, x, { bounds });
          const label = `x=${x} p=${p} ${JSON.stringify(bounds)}`;
          expect(r.status, label).toBe('converged');
          expect(Math.abs(r.value / (p * x ** (p - 1)) - 1), label).toBeLessThan(1e-14);
        }
      }
    }
  });
});

describe('scipy test_saddle_gh18811 (an xfail in scipy): f′ = 0 exactly at a saddle, atol 1e-16', () => {
  const cases: [string, (x: number) => number][] = [
    ['(x − 1)³', (x) => (x - 1) ** 3],
    ['(x − 1)⁵ above 1, (x − 1)³ below', (x) => (x > 1 ? (x - 1) ** 5 : (x - 1) ** 3)],
  ];
  for (const [name, f] of cases) {
    it(`${name} at 1: converged within 1e-16 from above, both sides and below`, () => {
      for (const bounds of [{ lower: 1 }, undefined, { upper: 1 }]) {
        const r = derivative(f, 1, { bounds, richardson: { atol: 1e-16 } });
        expect(r.status, JSON.stringify(bounds)).toBe('converged');
        expect(Math.abs(r.value), JSON.stringify(bounds)).toBeLessThanOrEqual(1e-16);
      }
    });
  }
});
