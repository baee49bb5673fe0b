/**
 * Property: on random shapes (rank 1–3), random views (a window of a larger
 * buffer, reversed axes, permuted axes) and random points, the central
 * difference with the default step is within the error bound of the analytic
 * gradient of f(x) = Σₖ aₖ·xₖ² + sin(xₖ) (k in row-major order of the view):
 * ∂f/∂xₖ = 2aₖxₖ + cos xₖ.
 *
 * Bound per coordinate with h = eps^(1/3)·max(1,|xₖ|):
 *   truncation  h²/6·|f'''(xₖ)| = h²/6·|cos xₖ| ≤ h²/6 (the quadratic part has none);
 *   rounding    f is a sum of N terms, each off by ≤ 2 ulps, and the running sum
 *               adds ≤ N roundings: |fl(f) − f| ≤ (N+2)·eps·F with F = Σ|terms|,
 *               for each of f(x+h), f(x−h), divided by 2h: (N+2)·eps·F/h.
 * The float64 step is exact (x + h representable), so nothing else enters.
 */
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { numericalGradient } from '@descent/core';
import { elements, sameBits, snapshot } from '../helpers.js';

const EPS = Number.EPSILON;

describe('property: central differences on random views are within the error bound', () => {
  it('Σ aₖxₖ² + sin xₖ', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 512, maxLength: 512 }),
        fc.array(fc.double({ min: 0.5, max: 3, noNaN: true }), { minLength: 64, maxLength: 64 }),
        (shape, margins, reverse, transpose, values, weights) => {
          // the view: a window of shape `shape` at corner `margins` inside a buffer of shape + 2·margins
          const rank = shape.length;
          const outer = shape.map((n, axis) => n + 2 * margins[axis]!);
          const data = Float64Array.from(values.slice(0, outer.reduce((p, n) => p * n, 1)));
          const before = snapshot(data);
          let view = ndarray(data, outer)
            .lo(...margins.slice(0, rank))
            .hi(...shape);
          view = view.step(...shape.map((_, axis) => (reverse[axis] ? -1 : 1)));
          if (transpose) view = view.transpose(...shape.map((_, axis) => rank - 1 - axis));

          const f = (v: NdArray): number => elements(v).reduce((s, t, k) => s + weights[k]! * t * t + Math.sin(t), 0);
          const x = elements(view);
          const N = x.length;
          const F = x.reduce((s, t, k) => s + weights[k]! * (Math.abs(t) + 0.01) ** 2 + 1, 0);
          const g = elements(numericalGradient(f, view));
          x.forEach((t, k) => {
            const h = Math.cbrt(EPS) * Math.max(1, Math.abs(t));
            const bound = (h * h) / 6 + ((N + 2) * EPS * F) / h;
            expect(Math.abs(g[k]! - (2 * weights[k]! * t + Math.cos(t)))).toBeLessThanOrEqual(bound);
          });
          expect(sameBits(snapshot(data), before)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
