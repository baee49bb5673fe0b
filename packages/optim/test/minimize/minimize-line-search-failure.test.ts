/**
 * When the line search finds no decrease (here: a wrong gradient that points
 * uphill), the run stops with its own reason, 'lineSearchFailed' — not 'xTol',
 * not converged — keeping x0, and the message's advice fits the gradient: check
 * an analytic gradient with gradCheck; try an analytic gradient or another h
 * for a numerical one.
 * f = |x| from x = 1 with the wrong "gradient" −sign(x) = −1, so every trial is
 * x = 1 + α and f = 1 + α > 1: each trial is rejected.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { backtracking, minimize } from '@descent/optim';
import { stopMessage } from '../../src/minimize/stop-message.js';

const f = (x: NdArray): number => Math.abs(x.get(0));
const wrongGradient = (x: NdArray, out: NdArray): void => {
  out.set(0, -Math.sign(x.get(0)));
};

describe('minimize when the line search fails', () => {
  it('backtracking: trials α = 1, ½, …, 2^−51 rejected; the next, 2^−52, would change f by less than its rounding: 1 + 52 calls', () => {
    // slope φ'(0) = ∇f·d = −1·1 = −1, φ(0) = 1: the search gives up once the predicted decrease α·|φ'(0)|
    // of the next trial is ≤ ε·|φ(0)| = 2^−52, i.e. after the trial α = 2^−51.
    const result = minimize(f, ndarray(new Float64Array([1])), { gradient: wrongGradient, optimizer: backtracking(), xTol: 1e-8 });
    expect(result.reason).toBe('lineSearchFailed');
    expect(result.converged).toBe(false);
    expect(result.iterations).toBe(0);
    expect(result.evaluations).toBe(53);
    expect(Array.from(result.x.data)).toEqual([1]);
    expect(result.fun).toBe(1);
    expect(result.message).toBe(
      'Stopped without converging: the line search found no step that decreases f after 0 steps and 53 evaluations of f ' +
        '(f = 1, ‖∇f‖∞ = 1 > gradTol = 1e-5); check the analytic gradient with gradCheck, or f may not be smooth here.',
    );
  });

  it('the default L-BFGS: at most maxLineSearchTrials = 20 trials, the same reason, x0 kept', () => {
    const result = minimize(f, ndarray(new Float64Array([1])), { gradient: wrongGradient });
    expect(result).toMatchObject({ reason: 'lineSearchFailed', converged: false, iterations: 0, fun: 1 });
    expect(result.evaluations).toBeLessThanOrEqual(21);
    expect(result.message).toMatch(/gradCheck/);
  });

  it('with a numerical gradient the advice is about the differences, not about checking an analytic gradient', () => {
    const facts = {
      reason: 'lineSearchFailed',
      detail: '',
      iterations: 3,
      evaluations: 20,
      fun: 1,
      gradNorm: 0.5,
      resultFun: 1,
      resultGradNorm: 0.5,
      stepSize: 0.1,
      bestIteration: 3,
      gradTol: 1e-5,
      fTol: 0,
      xTol: 0,
      maxIterations: 1000,
      maxEvaluations: Infinity,
      transformation: false,
      projected: 0,
    } as const;
    expect(stopMessage({ ...facts, gradient: 'central differences (adaptive)' })).toBe(
      'Stopped without converging: the line search found no step that decreases f after 3 steps and 20 evaluations of f ' +
        '(f = 1, ‖∇f‖∞ = 0.5 > gradTol = 1e-5); the gradient (central differences (adaptive)) may be too inaccurate here — ' +
        'pass an analytic gradient or another h — or f may not be smooth here.',
    );
    expect(stopMessage({ ...facts, gradient: 'analytic' })).toMatch(/check the analytic gradient with gradCheck/);
  });
});
