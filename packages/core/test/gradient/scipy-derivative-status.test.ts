/**
 * scipy.differentiate's TestDerivative.test_flags and test_input_validation
 * against derivative(): every way a derivative can end is reported by
 * `status` — and where we deliberately differ from scipy (f not finite at
 * every step, a zero or negative step), a typed error says what to fix
 * instead of a NaN with status −3.
 */
import { describe, expect, it } from 'vitest';
import { ArgumentRangeError, derivative, InvalidArgumentError, NonFiniteValueError } from '@descent/core';
import { expectThrows } from '../helpers.js';

describe('scipy test_flags: each ending has its status, and the error bounds the actual error', () => {
  it('x − 2.5 converges: 1 exactly', () => {
    const r = derivative((x) => x - 2.5, 1, { richardson: { rtol: 1e-14 } });
    expect([r.value, r.status]).toEqual([1, 'converged']);
  });

  it('eˣ·(1 + 1e-10·noise) (scipy: the error increases): not converged, within its error of e', () => {
    let seed = 12345;
    const noise = (): number => {
      seed = (seed * 16807) % 2147483647; // Park–Miller: deterministic
      return seed / 2147483647;
    };
    const r = derivative((x) => Math.exp(x) * (1 + 1e-10 * noise()), 1, { richardson: { rtol: 1e-14 } });
    expect(r.status).toBe('not-converged');
    expect(Math.abs(r.value - Math.E)).toBeLessThan(1e-6);
    expect(r.error).toBeGreaterThanOrEqual(Math.abs(r.value - Math.E));
  });

  it('eˣ limited to 2 levels with rtol 1e-14 (scipy: maxiter reached): not converged, 5 calls', () => {
    const r = derivative(Math.exp, 1, { richardson: { maxLevels: 2, rtol: 1e-14 } });
    expect([r.status, r.evaluations]).toEqual(['not-converged', 5]);
    expect(r.error).toBeGreaterThanOrEqual(Math.abs(r.value - Math.E));
  });

  it('f not finite below a step (scipy: value error): non-finite, the best estimate before it', () => {
    // finite at the steps 0.5, 0.25, 0.125; NaN within 0.1 of x = 1
    const r = derivative((t) => (Math.abs(t - 1) < 0.1 && t !== 1 ? Number.NaN : Math.exp(t)), 1);
    expect(r.status).toBe('non-finite');
    expect(r.evaluations).toBe(8); // f(1), 3 levels of 2, the NaN at 1 + 0.0625
    expect(Math.abs(r.value - Math.E)).toBeLessThan(1e-6);
    expect(r.error).toBeGreaterThanOrEqual(Math.abs(r.value - Math.E));
  });

  it('|x| at its kink: not converged, the symmetric derivative 0 with the error half the jump in slope', () => {
    const r = derivative(Math.abs, 0);
    expect(r.status).toBe('not-converged');
    expect(Math.abs(r.value)).toBeLessThan(1e-15);
    expect(r.error).toBe(1);
  });
});

describe('where we refuse what scipy returns as NaN: typed errors naming the fix', () => {
  it('f NaN at every step (scipy status −3): NonFiniteValueError naming the point and the remedy', () => {
    expectThrows(() => derivative(() => Number.NaN, 1), NonFiniteValueError, 'NON_FINITE_VALUE', /derivative: f returned NaN at x=1; .*pass a smaller fixed h/);
  });

  it('initial step 0 (scipy status −3): ArgumentRangeError', () => {
    expectThrows(() => derivative(Math.exp, 1, { h: 0 }), ArgumentRangeError, 'OUT_OF_RANGE', /h must be a positive finite number or 'auto' \(got number 0\)/);
  });
});

describe('scipy test_input_validation', () => {
  it('f not callable', () => {
    expectThrows(() => derivative(null as never, 1), InvalidArgumentError, 'INVALID_ARGUMENT', 'derivative: f must be a function (x: number) => number (got null).');
  });

  it('negative or non-numeric tolerances', () => {
    expectThrows(() => derivative((x) => x, 1, { richardson: { atol: -1 } }), ArgumentRangeError, 'OUT_OF_RANGE', /richardson\.atol must be a finite number ≥ 0 \(got number -1\)/);
    expectThrows(() => derivative((x) => x, 1, { richardson: { rtol: 'ekki' as never } }), InvalidArgumentError, 'INVALID_ARGUMENT', /richardson\.rtol must be a finite number ≥ 0 \(got string "ekki"\)/);
  });

  it('a level count that is not an integer from 2 to 30 (scipy: maxiter a positive integer)', () => {
    for (const maxLevels of [1.5, 0, 1, 31]) {
      expectThrows(() => derivative((x) => x, 1, { richardson: { maxLevels } }), ArgumentRangeError, 'OUT_OF_RANGE', /richardson\.maxLevels must be an integer from 2 to 30/);
    }
  });

  it('a scheme without an error estimate', () => {
    expectThrows(() => derivative((x) => x, 1, { scheme: 'central' }), ArgumentRangeError, 'OUT_OF_RANGE', /scheme "central" does not estimate its error/);
  });
});
