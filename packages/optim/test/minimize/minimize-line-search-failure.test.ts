/**
 * When the line search finds no decrease (here: a wrong gradient that points
 * uphill), the run stops with reason 'xTol' and converged false once the trial
 * step falls to ‖Δx‖∞ ≤ xTol — or, with xTol 0, once x − α·g rounds to x.
 * f = |x| from x = 1 with the wrong "gradient" −sign(x) = −1, so every trial is
 * x = 1 + α and f = 1 + α > 1 − c1·α: each trial is rejected and α halves.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { minimize } from '@descent/optim';

const f = (x: NdArray): number => Math.abs(x.get(0));
const wrongGradient = (x: NdArray, out: NdArray): void => {
  out.set(0, -Math.sign(x.get(0)));
};

describe('minimize when the line search fails', () => {
  it('xTol 1e-8: trials α = 1 … 2^−26 (1.5e-8) rejected, α = 2^−27 (7.5e-9) ≤ xTol ends it: 1 + 27 calls', () => {
    const result = minimize(f, ndarray(new Float64Array([1])), { gradient: wrongGradient, xTol: 1e-8 });
    expect(result.reason).toBe('xTol');
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(0);
    expect(result.evaluations).toBe(28);
    expect(Array.from(result.x.data)).toEqual([1]);
    expect(result.fun).toBe(1);
    expect(result.message).toMatch(/^Stopped without converging: the line search found no sufficient decrease before its step fell to ‖Δx‖∞ ≤ xTol = 1e-8/);
  });

  it('xTol 0 (default): trials α = 1 … 2^−52 rejected, 1 + 2^−53 rounds to 1 and ends it: 1 + 53 calls', () => {
    const result = minimize(f, ndarray(new Float64Array([1])), { gradient: wrongGradient });
    expect(result.reason).toBe('xTol');
    expect(result.converged).toBe(false);
    expect(result.evaluations).toBe(54);
    expect(Array.from(result.x.data)).toEqual([1]);
  });
});
