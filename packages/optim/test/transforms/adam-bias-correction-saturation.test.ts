/**
 * Past a few hundred steps the bias-correction powers β^t become negligible
 * (1 − β^t rounds to exactly 1) and `adam()` stops evaluating them. The steps
 * must keep exactly the bits of the book's formula evaluated in full at every
 * step, before, at and after the step where each power saturates.
 */
import { expect, it } from 'vitest';
import { adam, scaleByAdam } from '@descent/optim';
import { arr } from '../helpers.js';

const LR = 0.01;
const EPS = 1e-7;

/**
 * The book's Adam (common/optimizer.py) on one parameter, written out in full:
 * m ← m + (1−β1)(g − m), v ← v + (1−β2)(g² − v),
 * step = (√(1−β2^t)/(1−β1^t) · m / (√v + ε)) · (−lr), with both powers computed at every t.
 * Returns the step taken at each t = 1 … steps for the gradient g_t = cos(t).
 */
function bookSteps(beta1: number, beta2: number, steps: number): number[] {
  let m = 0;
  let v = 0;
  const out: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = Math.cos(t);
    m = m + (1 - beta1) * (g - m);
    v = v + (1 - beta2) * (g * g - v);
    const correction = Math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t);
    out.push(((correction * m) / (Math.sqrt(v) + EPS)) * -LR);
  }
  return out;
}

it.each([
  // 1 − 0.9^t is exactly 1 from t = 356 on, 1 − 0.5^t from t = 54: 500 steps cross both.
  [0.9, 0.5, 500],
  // β1 = 0: the first moment is the gradient and 1 − 0^t = 1 at every step.
  [0, 0.8, 200],
])('adam() with beta1 = %s, beta2 = %s gives the bits of the full formula over %s steps', (beta1, beta2, steps) => {
  const expected = bookSteps(beta1, beta2, steps);
  const opt = adam({ lr: LR, beta1, beta2, eps: EPS });
  const x = arr([0]);
  let state = opt.init(x);
  const got: number[] = [];
  for (let t = 1; t <= steps; t++) {
    const g = arr([Math.cos(t)]);
    state = opt.update(g, state, x);
    got.push(g.get(0));
  }
  expect(got).toEqual(expected);
  expect(Object.is(got[steps - 1], expected[steps - 1])).toBe(true);
});

it('scaleByAdam stays bit-identical to the full formula across saturation (direction without lr)', () => {
  // Same derivation as bookSteps without the final ·(−lr): u = √(1−β2^t)/(1−β1^t) · m / (√v + ε).
  const beta1 = 0.9;
  const beta2 = 0.5;
  const opt = scaleByAdam({ beta1, beta2, eps: EPS });
  let state = opt.init(arr([0]));
  let m = 0;
  let v = 0;
  for (let t = 1; t <= 400; t++) {
    const gradient = Math.sin(t);
    m = m + (1 - beta1) * (gradient - m);
    v = v + (1 - beta2) * (gradient * gradient - v);
    const expected = ((Math.sqrt(1 - beta2 ** t) / (1 - beta1 ** t)) * m) / (Math.sqrt(v) + EPS);
    const g = arr([gradient]);
    state = opt.update(g, state, arr([0]));
    expect(g.get(0)).toBe(expected);
  }
});
