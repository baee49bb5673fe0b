/**
 * Core's step errors reach the caller of minimize classified by class and named
 * after minimize: at x0 a fixed h that vanishes (x ± h === x) or overflows is
 * the caller's choice to fix (StepUnderflowError / StepOverflowError with the
 * coordinate, h and value); mid-run the same means the run left the region where
 * the gradient exists ('diverged', best point kept — see minimize-diverged).
 */
import ndarray from 'ndarray';
import { describe, expect, it } from 'vitest';
import { StepOverflowError, StepUnderflowError } from '@descent/core';
import { minimize } from '@descent/optim';
import { thrown } from './helpers.js';

describe('minimize: core step errors at x0', () => {
  it('h = 1e-4 at x[0] = 1e20 (float spacing 16384): StepUnderflowError naming the coordinate and the smallest working h', () => {
    let calls = 0;
    const error = thrown(() => minimize((x) => (calls++, x.get(0) / 1e20 + x.get(1) ** 2), ndarray(new Float64Array([1e20, 1])), { gradient: { h: 1e-4 } }));
    expect(error).toBeInstanceOf(StepUnderflowError);
    expect(error).toMatchObject({ code: 'STEP_UNDERFLOW', coordinate: 'x[0]', h: 1e-4, value: 1e20, spacing: 16384, minimumH: 16384 });
    expect(error.message).toBe("minimize: at x0, x[0] = 100000000000000000000 and x ± h rounds to x for h = 0.0001 (float spacing 16384); use h: 'auto' or h ≥ 16384.");
    expect(calls).toBe(1); // f(x0) only: core refuses the vanishing step before calling f for the gradient
  });

  it("h = 1.5e308 at x[0] = 1e308 with the nominal quotient (no one-sided way out): StepOverflowError", () => {
    const error = thrown(() => minimize((x) => x.get(0) / 1e300, ndarray(new Float64Array([1e308])), { gradient: { h: 1.5e308, quotient: 'nominal' } }));
    expect(error).toBeInstanceOf(StepOverflowError);
    expect(error).toMatchObject({ code: 'STEP_OVERFLOW', coordinate: 'x[0]', h: 1.5e308, value: 1e308 });
    expect(error.message).toMatch(/^minimize: at x0, x\[0\] = 1e\+308 and x ± h overflows for h = 1\.5e\+308/);
  });
});
