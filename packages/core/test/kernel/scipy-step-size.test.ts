/**
 * scipy's test_correct_fp_eps and test__compute_absolute_step: the relative
 * step of each scheme is a power of the storage's machine epsilon (2-point:
 * eps^(1/2), 3-point: eps^(1/3)), and the absolute step is that times
 * max(1, |x|). scipy signs the step like x (one-sided steps go outward at
 * negative x); ours is positive, the scheme choosing the side.
 */
import { describe, expect, it } from 'vitest';
import { autoStep, autoStepBase, FLOAT32_EPSILON, FLOAT64_EPSILON, numericalDiff } from '@descent/core';

describe('relative steps per scheme and precision', () => {
  it('float64: forward/backward eps^(1/2), central eps^(1/3), five-point eps^(1/5)', () => {
    expect(autoStepBase('forward', FLOAT64_EPSILON)).toBeCloseTo(2 ** -26, 20);
    expect(autoStepBase('backward', FLOAT64_EPSILON)).toBe(autoStepBase('forward', FLOAT64_EPSILON));
    expect(autoStepBase('central', FLOAT64_EPSILON) / Math.cbrt(2 ** -52) - 1).toBeLessThan(1e-15);
    expect(Math.abs(autoStepBase('five-point', FLOAT64_EPSILON) / 2 ** (-52 / 5) - 1)).toBeLessThan(1e-15);
  });

  it('float32: the same powers of 2⁻²³', () => {
    expect(autoStepBase('forward', FLOAT32_EPSILON)).toBeCloseTo(2 ** -11.5, 15);
    expect(Math.abs(autoStepBase('central', FLOAT32_EPSILON) / 2 ** (-23 / 3) - 1)).toBeLessThan(1e-15);
  });
});

describe('absolute step = base·max(1, |x|), made representable', () => {
  const points = [1e-5, 0, 1, 1e5];
  it('at x = 1e-5, 0, 1, 1e5 and their negatives, within one spacing of floats at x', () => {
    for (const scheme of ['forward', 'central'] as const) {
      const base = autoStepBase(scheme, FLOAT64_EPSILON);
      for (const x of [...points, ...points.map((v) => -v)]) {
        const wanted = base * Math.max(1, Math.abs(x));
        const h = autoStep(x, base, false);
        expect(Math.abs(h - wanted), `${scheme} x=${x}`).toBeLessThanOrEqual(Math.max(Number.EPSILON * Math.abs(x), Number.MIN_VALUE));
        expect(x + h - x).toBe(h); // exact: x + h is stored without rounding
      }
    }
  });

  it('the step numericalDiff takes is that one: forward at 1e5 calls f at 1e5 + base·1e5', () => {
    const seen: number[] = [];
    numericalDiff(
      (t) => {
        seen.push(t);
        return t;
      },
      1e5,
      { scheme: 'forward' },
    );
    expect(seen).toEqual([1e5, 1e5 + autoStep(1e5, autoStepBase('forward', FLOAT64_EPSILON), false)]);
  });
});
