/**
 * `adam()` runs a fused kernel (one pass instead of two, for speed); it must give
 * exactly the bits of the chain of building blocks it replaces,
 * chain(scaleByAdam(β1, β2, ε), scaleByLearningRate(lr)), and the same state data
 * (so checkpoints move between the two).
 */
import { describe, expect, it } from 'vitest';
import {
  adam,
  chain,
  exponentialDecaySchedule,
  scaleByAdam,
  scaleByLearningRate,
  type GradientTransformation,
  type LearningRate,
} from '@descent/optim';
import { arr, elements, step } from '../helpers.js';

function gradient(x: number[]): number[] {
  // ∇ of Σ_i (i+1)·x_i⁴/4 − x_i: different scales per element
  return x.map((v, i) => (i + 1) * v ** 3 - 1);
}

function run<S>(opt: GradientTransformation<S>, steps: number): { x: number[]; state: string } {
  const x = { w: arr([0.5, -1.5, 2, -0.25], [2, 2]).transpose(1, 0), b: arr([3]) };
  let state = opt.init(x);
  for (let i = 0; i < steps; i++) {
    const g = { w: arr(gradient(elements(x.w)), [2, 2]), b: arr(gradient(elements(x.b))) };
    state = step(opt, state, x, g);
  }
  return { x: [...elements(x.w), ...elements(x.b)], state: JSON.stringify(state) };
}

const cases: [string, LearningRate, number, number, number][] = [
  ['defaults', 0.001, 0.9, 0.999, 1e-7],
  ['other hyperparameters', 0.05, 0.8, 0.99, 1e-4],
  ['a schedule', exponentialDecaySchedule({ init: 0.1, decayRate: 0.9 }), 0.9, 0.999, 1e-7],
];

describe.each(cases)('with %s', (_label, lr, beta1, beta2, eps) => {
  it('adam() equals chain(scaleByAdam, scaleByLearningRate) bit for bit over 25 steps', () => {
    const fused = run(adam({ lr, beta1, beta2, eps }), 25);
    const chained = run(chain(scaleByAdam({ beta1, beta2, eps }), scaleByLearningRate(lr)), 25);
    expect(fused.x).toEqual(chained.x);
    expect(fused.state).toBe(chained.state);
    expect(fused.x).not.toEqual([0.5, 2, -1.5, -0.25, 3]);
  });
});

it('a checkpoint of the chained version resumes in adam() (same state data)', () => {
  const chained = chain(scaleByAdam(), scaleByLearningRate(0.01));
  const fused = adam({ lr: 0.01 });
  const xA = arr([1, -2]);
  const xB = arr([1, -2]);
  let sA = chained.init(xA);
  let sB = fused.init(xB);
  for (let i = 0; i < 3; i++) {
    sA = step(chained, sA, xA, arr(gradient(elements(xA))));
    sB = step(fused, sB, xB, arr(gradient(elements(xB))));
  }
  const moved = JSON.parse(JSON.stringify(sA)) as typeof sB;
  sB = step(fused, moved, xB, arr(gradient(elements(xB))));
  sA = step(chained, sA, xA, arr(gradient(elements(xA))));
  expect(elements(xB)).toEqual(elements(xA));
  expect(JSON.stringify(sB)).toBe(JSON.stringify(sA));
});
