/**
 * adam / scaleByAdam / adamw with form 'optax' are optax's adam, nadam and
 * adamw: m ← (1−β1)·g + β1·m, v ← (1−β2)·g² + β2·v, m̂ = m/(1−β1^t),
 * v̂ = v/(1−β2^t), u = −lr·(m̂/(√(v̂ + ε_root) + ε) [+ λ·θ]), ε = 1e-8.
 * Step 1 by hand: m̂ = g, v̂ = g², so u = −lr·g/(|g| + 1e-8); for g = 1, lr 0.1:
 * −0.1/(1 + 1e-8) = −0.099999999000…. Later steps: reference numbers computed
 * offline with numpy (float64) from optax's formulas, for g = (1, −2, 0.5),
 * (0.3, 0.4, −1), (−0.2, 1, 2) and lr 0.1.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { adam, adamw, applyUpdates, chain, scaleByAdam, scaleByLearningRate, type GradientTransformation } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

const GRADS = [[1, -2, 0.5], [0.3, 0.4, -1], [-0.2, 1, 2]];

function run<S>(opt: GradientTransformation<S>, x = arr([0, 0, 0])): number[][] {
  let state = opt.init(x);
  return GRADS.map((g) => {
    const u = arr(g);
    state = opt.update(u, state, x);
    applyUpdates(x, u);
    return elements(u);
  });
}

function expectSteps(got: number[][], expected: number[][]): void {
  got.forEach((row, s) => row.forEach((v, i) => expect(v).toBeCloseTo(expected[s]![i]!, 14)));
}

describe("adam form 'optax' (optax adam, nadam)", () => {
  it('adam(lr 0.1): optax adam(0.1), ε = 1e-8 by default', () => {
    const expected = [
      [-0.09999999900000002, 0.0999999995, -0.09999999800000003],
      [-0.08556971714154722, 0.051102607363920076, 0.03661035224056538],
      [-0.052932133851907384, 0.007317557534064812, -0.04196556152246081],
    ];
    expectSteps(run(adam({ lr: 0.1, form: 'optax' })), expected);
    expectSteps(run(chain(scaleByAdam({ form: 'optax' }), scaleByLearningRate(0.1))), expected);
  });
  it('epsRoot 1e-4 goes under the root: m̂/(√(v̂ + 1e-4) + ε)', () => {
    expectSteps(run(adam({ lr: 0.1, form: 'optax', epsRoot: 1e-4 })), [
      [-0.09999499937506878, 0.09999874952344952, -0.09998000399880042],
      [-0.08556186450993597, 0.05110137841268793, 0.03660742464244906],
      [-0.052925102887208565, 0.0073173446998807, -0.04196436341407903],
    ]);
  });
  it('nesterov (optax nadam): m̂ = β1·m/(1−β1^(t+1)) + (1−β1)·g/(1−β1^t)', () => {
    // step 1: m̂ = 0.9·0.1/(1 − 0.81) + 0.1/0.1 = 0.47368… + 1 = 1.47368…, u = −0.1·1.47368…/(1 + 1e-8)
    expectSteps(run(adam({ lr: 0.1, form: 'optax', nesterov: true })), [
      [-0.1473684195789474, 0.1473684203157895, -0.14736841810526322],
      [-0.0753866050462893, 0.017644811715006672, 0.08966527397127404],
      [-0.02551038088030477, -0.022954710028627534, -0.08553091111515937],
    ]);
  });
  it('adamw (λ 0.01): −lr·(adam direction + λ·θ), with θ updated each step from (1, 2, −3)', () => {
    // step 1: −0.1·(1/(1 + 1e-8) + 0.01·1) = −0.100999999…
    expectSteps(run(adamw({ lr: 0.1, form: 'optax', weightDecay: 0.01 }), arr([1, 2, -3])), [
      [-0.10099999900000001, 0.0979999995, -0.09699999800000003],
      [-0.08646871714254722, 0.049004607364420076, 0.03970735223856538],
      [-0.05374466513576484, 0.005170552927200391, -0.038908268876699376],
    ]);
  });
  it("the book form refuses epsRoot and nesterov (they belong to optax's formula)", () => {
    expect(() => adam({ epsRoot: 1e-8 })).toThrow(InvalidArgumentError);
    expect(() => scaleByAdam({ nesterov: true })).toThrow(/pass form: 'optax'/);
  });
});
