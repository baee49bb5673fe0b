/**
 * A chain checks every transform (nested chains included) before the first one
 * updates, then runs each update without checking again: a bad state deep in the
 * chain still throws with the updates and every state untouched, and a good one
 * gives the same step as running the transforms one by one.
 */
import { expect, it } from 'vitest';
import { chain, scaleByAdam, scaleByLearningRate, trace } from '@descent/optim';
import { arr, elements } from '../helpers.js';

function build() {
  return chain(scaleByLearningRate(0.1), chain(trace({ decay: 0.5 }), scaleByAdam()));
}

it('a bad state in the last transform of a nested chain throws before anything changes', () => {
  const opt = build();
  const state = opt.init(arr([1, 2]));
  state[1][1].nu = [0]; // made for one parameter, not two
  const before = JSON.stringify(state);
  const g = arr([3, 4]);
  expect(() => opt.update(g, state, arr([1, 2]))).toThrow(
    /scaleByAdam: state\.nu does not match these params \(it holds 1 values but the array of shape \[2\] has 2\)/,
  );
  expect(elements(g)).toEqual([3, 4]);
  expect(JSON.stringify(state)).toBe(before);
});

it('a good state gives the step of the transforms run one by one', () => {
  // g = (3, 4): scaleByLearningRate(0.1) → (−0.3, −0.4); trace at t = 0 → the same;
  // scaleByAdam at t = 1: m = 0.1·u, v = 0.001·u², correction √0.001/0.1, so
  // u ↦ (√0.001/0.1)·0.1u/(√0.001·|u| + 1e-7), computed below by the separate transforms.
  const opt = build();
  const state = opt.init(arr([1, 2]));
  const g = arr([3, 4]);
  opt.update(g, state, arr([1, 2]));

  const lr = scaleByLearningRate(0.1);
  const tr = trace({ decay: 0.5 });
  const ad = scaleByAdam();
  const expected = arr([3, 4]);
  lr.update(expected, lr.init(expected), expected);
  tr.update(expected, tr.init(expected), expected);
  ad.update(expected, ad.init(expected), expected);
  expect(elements(g)).toEqual(elements(expected));
  // and the hand value of the first element: u = −0.3
  const u = -0.3;
  const m = 0.1 * u;
  const v = 0.001 * u * u;
  expect(g.get(0)).toBeCloseTo(((Math.sqrt(1 - 0.999) / (1 - 0.9)) * m) / (Math.sqrt(v) + 1e-7), 14); // a few ulps: the kernel rounds m, v in its own order
  expect(state[0].count).toBe(1);
  expect(state[1][1].count).toBe(1);
});
