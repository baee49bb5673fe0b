/**
 * Optimizer state is plain data: a JSON copy taken mid-run resumes bit-identically.
 * For every optimizer, run A does 10 steps straight; run B does 5 steps, saves
 * `JSON.stringify(state)`, continues from `JSON.parse` of it on copies of the
 * params, and must end with exactly the same bits in params and state as run A.
 * The params are a record holding a plain array and a transposed, offset view.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { applyUpdates, type GradientTransformation } from '@descent/optim';
import { arr, elements, fill } from './helpers.js';
import { OPTIMIZERS } from './optimizers.js';

type Model = { w: NdArray; b: NdArray };

function makeModel(): Model {
  // w: the transpose of a 2×3 block inside a larger buffer (offset 2, strides [1, 2] after transpose).
  const buffer = new Float64Array(10);
  const w = ndarray(buffer, [2, 3], [3, 1], 2).transpose(1, 0);
  fill(w, [0.5, -1, 2, 0.25, -0.75, 1.5]);
  return { w, b: arr([0.1, -0.2, 0.3]) };
}

/** ∇ of Σ_i (w_i − i/3)² + Σ_j (b_j)⁴ — deterministic, different for each element. */
function gradients(model: Model): Model {
  const w = elements(model.w).map((v, i) => 2 * (v - i / 3));
  const b = elements(model.b).map((v) => 4 * v ** 3);
  return { w: arr(w, [3, 2]), b: arr(b) };
}

function runSteps<S>(opt: GradientTransformation<S>, model: Model, state: S, steps: number): S {
  for (let i = 0; i < steps; i++) {
    const g = gradients(model);
    state = opt.update(g, state, model);
    applyUpdates(model, g);
  }
  return state;
}

function bits(values: number[]): string[] {
  return values.map((v) => {
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, v);
    return view.getBigUint64(0).toString(16);
  });
}

describe.each(Object.keys(OPTIMIZERS))('%s', (name) => {
  it('resumes bit-identically from a JSON checkpoint', () => {
    const make = OPTIMIZERS[name]!;

    const straight = makeModel();
    const optA = make();
    const stateA = runSteps(optA, straight, optA.init(straight), 10);

    const resumed = makeModel();
    const optB = make();
    const half = runSteps(optB, resumed, optB.init(resumed), 5);
    const checkpoint = JSON.stringify({ state: half, w: elements(resumed.w), b: elements(resumed.b) });

    // A fresh process would rebuild everything from the checkpoint:
    const saved = JSON.parse(checkpoint) as { state: unknown; w: number[]; b: number[] };
    const restored = makeModel();
    fill(restored.w, saved.w);
    fill(restored.b, saved.b);
    const optC = make();
    const stateC = runSteps(optC, restored, saved.state as ReturnType<typeof optC.init>, 5);

    expect(bits(elements(restored.w))).toEqual(bits(elements(straight.w)));
    expect(bits(elements(restored.b))).toEqual(bits(elements(straight.b)));
    expect(JSON.stringify(stateC)).toBe(JSON.stringify(stateA));
    // and the run did move the params (the comparison is not between two untouched copies)
    expect(elements(straight.w)).not.toEqual([0.5, -1, 2, 0.25, -0.75, 1.5]);
  });
});
