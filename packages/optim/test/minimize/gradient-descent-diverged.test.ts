/**
 * gradientDescent never returns NaN: a step that would make x non-finite (a
 * gradient of NaN or ±Infinity, an overflowing lr·g) is not taken, nor one
 * where f is not finite next to x (no numerical gradient): the run stops with
 * reason 'diverged', x the last point reached (finite) and history the points
 * before each step taken. On main the loop went on: an analytic gradient of NaN
 * or lr 1e308 returned x = [NaN, NaN], and a numerical gradient next to f's
 * domain edge threw core's NonFiniteValueError, losing the run.
 * The book's runs are unchanged (same update, same bits: gradient-descent-reference.test.ts).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { gradientDescent } from '@descent/optim';

const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;
const start = (): NdArray => ndarray(Float64Array.of(-3, 4));
/** ∇f = 2x, exactly. */
const grad2x = (x: NdArray, out: NdArray): void => {
  out.set(0, 2 * x.get(0));
  out.set(1, 2 * x.get(1));
};

describe('gradientDescent stops at the last finite point', () => {
  it('lr 1e308: the first step overflows (−3 − 1e308·(−6) = Infinity) → x0, no step taken', () => {
    const r = gradientDescent(f, start(), { lr: 1e308, stepNum: 5, gradient: grad2x });
    expect(r.reason).toBe('diverged');
    expect(Array.from(r.x.data)).toEqual([-3, 4]);
    expect(r.history).toEqual([]);
    expect(r.message).toBe('diverged at step 0: the step would move x[0] to Infinity; try a smaller lr (x is the point after 0 steps, finite).');
  });
  it('lr 1e154: step 0 reaches (6e154, −8e154), step 1 would reach −1.2e309 → stops after 1 step', () => {
    const r = gradientDescent(f, start(), { lr: 1e154, stepNum: 5, gradient: grad2x });
    // x1 = x0 − lr·2·x0, computed as the loop does
    const x1 = [-3 - 1e154 * -6, 4 - 1e154 * 8];
    expect(r.reason).toBe('diverged');
    expect(Array.from(r.x.data)).toEqual(x1);
    expect(r.history).toEqual([[-3, 4]]);
    expect(r.message).toMatch(/^diverged at step 1: the step would move x\[0\] to -Infinity; try a smaller lr/);
  });
  it('an analytic gradient of NaN at step 2 → x after 2 steps of lr 0.1 (−3 → −2.4 → −1.92)', () => {
    let calls = 0;
    const r = gradientDescent(f, start(), {
      lr: 0.1,
      stepNum: 10,
      gradient: (x, out) => {
        grad2x(x, out);
        if (++calls === 3) out.set(1, Number.NaN);
      },
    });
    let x = [-3, 4];
    const history: number[][] = [];
    for (let k = 0; k < 2; k++) {
      history.push(x);
      x = x.map((v) => v - 0.1 * (2 * v));
    }
    expect(r.reason).toBe('diverged');
    expect(Array.from(r.x.data)).toEqual(x);
    expect(r.history).toEqual(history);
    expect(r.message).toBe('diverged at step 2: the gradient at x[1] is NaN (x is the point after 2 steps, finite).');
  });
  it('numerical gradient, f = t² on |t| ≤ 10 and NaN beyond, lr 1.5: 1 → −2 → 4 → −8 → 16, where f is NaN next to x', () => {
    // x ← x − 1.5·2x = −2x: the 4th step reaches 16; the gradient at 16 needs f(16 ± h) = NaN.
    const g = (x: NdArray): number => (Math.abs(x.get(0)) <= 10 ? x.get(0) ** 2 : Number.NaN);
    const r = gradientDescent(g, ndarray(Float64Array.of(1)), { lr: 1.5, stepNum: 10 });
    expect(r.reason).toBe('diverged');
    expect(r.x.get(0)).toBeCloseTo(16, 6);
    expect(r.history.map((p) => p[0]!)).toEqual([1, expect.closeTo(-2, 6), expect.closeTo(4, 6), expect.closeTo(-8, 6)]);
    expect(r.message).toMatch(/^diverged at step 4: no numerical gradient at x \(f returned NaN when x\[0\] was perturbed to 16\.0\d*; .*\); try a smaller lr \(x is the point after 4 steps, finite\)\.$/);
  });
  it('a run that completes says so', () => {
    const r = gradientDescent(f, start(), { lr: 0.1, stepNum: 3, gradient: grad2x });
    expect(r.reason).toBe('completed');
    expect(r.message).toBe('completed 3 steps');
    expect(r.history).toHaveLength(3);
  });
});
