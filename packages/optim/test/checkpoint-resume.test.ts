/**
 * Optimizer state is plain data: a checkpoint taken mid-run resumes bit-identically.
 * For every optimizer, run A does 10 steps straight; run B does 5 steps, saves
 * the state, continues from the saved copy on copies of the params, and must end
 * with exactly the same bits in params and state as run A. The params are a
 * record holding a plain array and a transposed, offset view.
 * - States of finite numbers: `JSON.stringify(state)` / `JSON.parse` is enough.
 * - After a 1e200 gradient (at step 5, just before the checkpoint), g²
 *   overflows: RMSProp, Adam, AdamW and AdaGrad then hold Infinity, which plain
 *   JSON turns into null — update refuses such a state — while `stateToJSON` /
 *   `stateFromJSON` keep it. (The book's Adam then computes
 *   v + (1−β2)(g² − v) = ∞ − ∞ = NaN at the next step, in both runs alike.)
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { InvalidStateError } from '@descent/core';
import { applyUpdates, stateFromJSON, stateToJSON, type GradientTransformation } from '@descent/optim';
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

function runSteps<S>(opt: GradientTransformation<S>, model: Model, state: S, steps: number, first = 0, hugeAt = -1): S {
  for (let i = first; i < first + steps; i++) {
    const g = gradients(model);
    if (i === hugeAt) g.w.set(0, 0, 1e200); // one huge gradient element (w's gradient is linear, so the run stays finite)
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

/** The optimizers whose state holds g² (or its running mean) and so overflows to Infinity. */
const SQUARING = ['adagrad', 'rmsprop', 'adam', 'adamw'];

describe.each(Object.keys(OPTIMIZERS))('%s after a 1e200 gradient', (name) => {
  it('resumes bit-identically through stateToJSON / stateFromJSON', () => {
    const make = OPTIMIZERS[name]!;

    const straight = makeModel();
    const optA = make();
    const stateA = runSteps(optA, straight, optA.init(straight), 10, 0, 4);

    const resumed = makeModel();
    const optB = make();
    const half = runSteps(optB, resumed, optB.init(resumed), 5, 0, 4);
    const checkpoint = JSON.stringify({ state: stateToJSON(half), w: elements(resumed.w), b: elements(resumed.b) });
    if (SQUARING.includes(name)) expect(checkpoint).toContain('{"$number":"Infinity"}');

    const saved = JSON.parse(checkpoint) as { state: unknown; w: number[]; b: number[] };
    const restored = makeModel();
    fill(restored.w, saved.w);
    fill(restored.b, saved.b);
    const optC = make();
    const stateC = runSteps(optC, restored, stateFromJSON<ReturnType<typeof optC.init>>(saved.state), 5, 5, 4);

    expect(bits(elements(restored.w))).toEqual(bits(elements(straight.w)));
    expect(bits(elements(restored.b))).toEqual(bits(elements(straight.b)));
    expect(JSON.stringify(stateToJSON(stateC))).toBe(JSON.stringify(stateToJSON(stateA)));
    for (const v of [...saved.w, ...saved.b]) expect(Number.isFinite(v)).toBe(true); // the checkpointed params are finite
  });

  if (SQUARING.includes(name)) {
    it('a plain JSON copy (Infinity → null) is refused by update, nothing modified', () => {
      const model = makeModel();
      const opt = OPTIMIZERS[name]!();
      const state = runSteps(opt, model, opt.init(model), 5, 0, 4);
      const plain = JSON.parse(JSON.stringify(state));
      const g = gradients(model);
      const before = elements(g.w);
      expect(() => opt.update(g, plain, model)).toThrow(InvalidStateError);
      expect(() => opt.update(g, plain, model)).toThrow(/is null, not a number: JSON\.stringify writes NaN and ±Infinity as null/);
      expect(elements(g.w)).toEqual(before);
    });
  }
});
