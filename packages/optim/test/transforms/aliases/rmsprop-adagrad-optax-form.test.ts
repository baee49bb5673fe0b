/**
 * rmsprop and adagrad with form 'optax' are optax's rmsprop and adagrad.
 *   rmsprop: h ← (1−ρ)·g² + ρ·h (h₀ = initial_scale), u = −lr·g/√(h + ε), ρ 0.9, ε 1e-8;
 *            centered: m ← (1−ρ)·g + ρ·m, u = −lr·g/√(h − m² + ε);
 *            momentum μ: then t ← u + μ·t, u = t (nesterov: u + μ·t).
 *   adagrad: h ← h + g² (h₀ = 0.1), u = −lr·g/√(h + ε), ε 1e-7.
 * Step 1 by hand: rmsprop g = 1: h = 0.1, −0.1/√(0.1 + 1e-8) = −0.31622775…;
 * adagrad g = 1: h = 1.1, −0.1/√(1.1 + 1e-7) = −0.0953462545…
 * Later steps: reference numbers computed offline with numpy (float64) from
 * optax's formulas, for g = (1, −2, 0.5), (0.3, 0.4, −1), (−0.2, 1, 2), lr 0.1.
 */
import { describe, expect, it } from 'vitest';
import { adagrad, rmsprop, type GradientTransformation } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

const GRADS = [[1, -2, 0.5], [0.3, 0.4, -1], [-0.2, 1, 2]];

function run<S>(opt: GradientTransformation<S>): number[][] {
  const x = arr([0, 0, 0]);
  let state = opt.init(x);
  return GRADS.map((g) => {
    const u = arr(g);
    state = opt.update(u, state, x);
    return elements(u);
  });
}

function expectSteps(got: number[][], expected: number[][]): void {
  got.forEach((row, s) => row.forEach((v, i) => expect(v).toBeCloseTo(expected[s]![i]!, 13)));
}

describe("rmsprop form 'optax' (optax rmsprop)", () => {
  it('defaults ρ 0.9, ε 1e-8 inside the root', () => {
    expectSteps(run(rmsprop({ lr: 0.1, form: 'optax' })), [
      [-0.3162277502054509, 0.316227762063991, -0.31622770277130374],
      [-0.09534625410909199, -0.0652328064378867, 0.2857142740524789],
      [0.06554734901418054, -0.15103052161002464, -0.2799873981068067],
    ]);
  });
  it('centered', () => {
    expectSteps(run(rmsprop({ lr: 0.1, form: 'optax', centered: true })), [
      [-0.33333331481481643, 0.33333332870370386, -0.333333259259284],
      [-0.10314211853000964, -0.06700252007729036, 0.2893086789609992],
      [0.0684562244389383, -0.1511470987709728, -0.2864166455512109],
    ]);
  });
  it('initialScale 1 with Nesterov momentum 0.9 after the learning rate', () => {
    expectSteps(run(rmsprop({ lr: 0.1, form: 'optax', initialScale: 1, momentum: 0.9, nesterov: true })), [
      [-0.18999999905, 0.33328204605481715, -0.09877629599898098],
      [-0.1407850929412666, 0.07229692618443068, 0.15464664610474238],
      [-0.056476980625618484, -0.07772657591809302, -0.2953718050993236],
    ]);
  });
});

describe("adagrad form 'optax' (optax adagrad)", () => {
  it('h₀ 0.1, ε 1e-7 inside the root', () => {
    expectSteps(run(adagrad({ lr: 0.1, form: 'optax' })), [
      [-0.09534625459063867, 0.0987729584604107, -0.08451541339922204],
      [-0.027500953755344098, -0.019380063096994846, 0.08606629339474661],
      [0.01803339196028395, -0.04360207160522638, -0.08646753942531554],
    ]);
  });
  it('a zero accumulator gives a zero step, not NaN (optax: where(h > 0, …, 0))', () => {
    const opt = adagrad({ lr: 0.1, form: 'optax', initialAccumulatorValue: 0, eps: 0 });
    const x = arr([0]);
    const g = arr([0]);
    opt.update(g, opt.init(x), x);
    expect(elements(g)).toEqual([-0]);
  });
});
