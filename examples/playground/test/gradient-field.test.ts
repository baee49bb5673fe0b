import { describe, expect, it } from 'vitest';
import { functionById } from '../src/functions.js';
import { gradientField } from '../src/gradient-field.js';

describe('gradient field', () => {
  it('gives ∇(x0² + x1²) = (2x0, 2x1) at every grid centre', () => {
    const arrows = gradientField(functionById('sphere'), 4, 3, {});
    expect(arrows).toHaveLength(12);
    expect(arrows[0]!.at).toEqual([-4.5, 3]); // box [−6, 6] × [−4.5, 4.5], cells 3 wide: first centre (−4.5, 3)
    for (const { at, gradient } of arrows) {
      expect(gradient[0]).toBeCloseTo(2 * at[0], 8);
      expect(gradient[1]).toBeCloseTo(2 * at[1], 8);
    }
  });

  it("matches Rosenbrock's analytic gradient", () => {
    // ∂f/∂x0 = −2(1 − x0) − 400·x0·(x1 − x0²), ∂f/∂x1 = 200·(x1 − x0²)
    for (const { at, gradient } of gradientField(functionById('rosenbrock'), 5, 4, { scheme: 'five-point' })) {
      const [a, b] = at;
      expect(gradient[0]).toBeCloseTo(-2 * (1 - a) - 400 * a * (b - a * a), 6);
      expect(gradient[1]).toBeCloseTo(200 * (b - a * a), 6);
    }
  });
});
