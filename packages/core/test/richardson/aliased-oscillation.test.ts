/**
 * Richardson's first steps can alias an oscillation shorter than them: for
 * f(t) = ln(100)·sin(100t) at t = −0.5, the steps 0.5, 0.25, 0.125, 0.0625
 * are within 0.5% of whole periods (2π/100 ≈ 0.0628: 100h ≈ 7.96, 3.98,
 * 1.99, 0.995 turns), so the central differences agree with one another to
 * 1e-9 near −2.36 — far from f′ = 100·ln(100)·cos(−50) ≈ 444.38. The next
 * step (half a turn) jumps by 4.7: a change 10⁹ times the previous one cannot
 * be rounding or noise, and the tableau starts again below it. (Before this
 * rule it returned −2.36 with an error of 6.8, not bounding the actual 446;
 * scipy.differentiate returns 409.7, status −1, error 405.)
 * Noise in f grows the changes about 2× per level instead, and keeps the
 * estimate of the larger steps.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { derivative, numericalGradient } from '@descent/core';

const f = (t: number): number => Math.log(100) * Math.sin(100 * t);
const truth = 100 * Math.log(100) * Math.cos(-50);

describe('an oscillation aliased by the first steps', () => {
  it('derivative converges to 100·ln 100·cos 50 to 1e-13 relative, its error bounding the actual', () => {
    const r = derivative(f, -0.5);
    expect(r.status).toBe('converged');
    expect(Math.abs(r.value / truth - 1)).toBeLessThan(1e-13);
    expect(r.error).toBeGreaterThanOrEqual(Math.abs(r.value - truth));
    expect(r.evaluations).toBeLessThanOrEqual(31); // f(x), 5 aliased levels, then a restart at 0.5/64
  });

  it('numericalGradient (scipy fun_vector_scalar at (100, −0.5)): ∂/∂x₁ = x₀ cos(x₀x₁) ln x₀, with its error', () => {
    const g = (x: NdArray): number => Math.sin(x.get(0) * x.get(1)) * Math.log(x.get(0));
    const error = ndarray(new Float64Array(2), [2]);
    const value = numericalGradient(g, ndarray([100, -0.5]), { scheme: 'richardson', error });
    expect(Math.abs(value.get(1) / truth - 1)).toBeLessThan(1e-13);
    expect(error.get(1)).toBeGreaterThanOrEqual(Math.abs(value.get(1) - truth));
  });
});

describe('noise is not mistaken for an aliased feature', () => {
  it('eˣ·(1 + 1e-10·uniform noise): the estimate of the larger steps stands, to 1e-6, its error bounding it', () => {
    for (const start of [1, 2, 3]) {
      let seed = start;
      const noisy = (x: number): number => {
        seed = (seed * 16807) % 2147483647;
        return Math.exp(x) * (1 + 1e-10 * (seed / 2147483647));
      };
      const r = derivative(noisy, 1);
      expect(Math.abs(r.value - Math.E), `seed ${start}`).toBeLessThan(1e-6);
      expect(r.error, `seed ${start}`).toBeGreaterThanOrEqual(Math.abs(r.value - Math.E));
    }
  });
});
