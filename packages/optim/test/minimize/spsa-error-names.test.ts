/**
 * spsa's errors name spsa — the function the caller called — not core's
 * spsaGradientInto, say where in the run they happened, call the perturbation
 * by spsa's option name (c, not core's h), and keep core's class, code and cause.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { FunctionThrewError, NonFiniteValueError, NotANumberError } from '@descent/core';
import { spsa } from '@descent/optim';
import { thrown } from '../helpers.js';

const start = (): NdArray => ndarray(new Float64Array([1, 2]));


describe('spsa errors say spsa', () => {
  it('f throws during the calibration: FunctionThrewError "spsa: while calibrating a at x0 …", cause kept', () => {
    const boom = new Error('boom');
    const error = thrown(() =>
      spsa(() => {
        throw boom;
      }, start()),
    );
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect((error as FunctionThrewError).code).toBe('FUNCTION_THREW');
    expect((error as FunctionThrewError).cause).toBe(boom);
    expect(error.message).toMatch(/^spsa: while calibrating a at x0 \(estimate 1 of 10\), f threw .*boom/);
    expect(error.message).not.toMatch(/spsaGradientInto/);
  });

  it('f throws at a later step: the step is named', () => {
    // Calibration: 10 estimates × 2 calls = calls 1–20; step 1 makes calls 21–22, step 2 calls 23–24: call 23 throws.
    let calls = 0;
    const error = thrown(() =>
      spsa((x) => {
        if (++calls === 23) throw new Error('late');
        return x.get(0) ** 2;
      }, start()),
    );
    expect(error).toBeInstanceOf(FunctionThrewError);
    expect(error.message).toMatch(/^spsa: at step 2, f threw when x was moved to x \+ c·Δ .*late/);
  });

  it('f returns NaN during the calibration: NonFiniteValueError in spsa\'s words (c, not h)', () => {
    const error = thrown(() => spsa(() => Number.NaN, start()));
    expect(error).toBeInstanceOf(NonFiniteValueError);
    expect(error.message).toMatch(/^spsa: while calibrating a at x0 \(estimate 1 of 10\), f returned NaN .*\(try a smaller c\)/);
    expect(error.message).not.toMatch(/\bh\b|spsaGradientInto/);
  });

  it('f returns a string: NotANumberError named spsa', () => {
    const error = thrown(() => spsa(() => 'a' as unknown as number, start()));
    expect(error).toBeInstanceOf(NotANumberError);
    expect(error.message).toMatch(/^spsa: while calibrating a at x0 \(estimate 1 of 10\), f must return a number, but returned string "a"/);
  });

  it("a perturbation that vanishes mid-run is a 'diverged' stop whose message speaks of c", () => {
    // x[0] = 1e300: the float spacing there is ≈ 1.49e284, so c = 1e-30 rounds away (x ± c = x).
    const result = spsa((x) => x.get(0) ** 2, ndarray(new Float64Array([1e300, 2])), { a: 1, c: 1e-30 });
    expect(result.reason).toBe('diverged');
    expect(result.message).toMatch(/diverged at step 1 \(cₖ = 1e-30 is below the spacing .*use c ≥ 1\.48\d*e\+284/);
    expect(result.message).not.toMatch(/spsaGradientInto|\bh\b/);
  });
});
