/**
 * The building blocks one by one, with hand-computed outputs, and chain
 * composing them in order (the order matters).
 */
import { describe, expect, it } from 'vitest';
import { addDecayedWeights, chain, clip, scale, scaleByAdam, scaleByRms, scaleByRss, trace } from '@descent/optim';
import { arr, elements, expectClose } from './helpers.js';

describe('scale', () => {
  it('multiplies by the factor', () => {
    const u = arr([1, -2]);
    const t = scale(-0.5);
    expect(t.update(u, t.init(u), u)).toBeNull();
    expect(elements(u)).toEqual([-0.5, 1]);
  });
});

describe('addDecayedWeights', () => {
  it('adds λ·θ, reading θ through its own layout', () => {
    // θ = transpose of [[1, 2], [3, 4]] = [[1, 3], [2, 4]]; u = 0 → u = 0.5·θ
    const theta = arr([1, 2, 3, 4], [2, 2]).transpose(1, 0);
    const u = arr([0, 0, 0, 0], [2, 2]);
    const t = addDecayedWeights(0.5);
    t.update(u, t.init(theta), theta);
    expect(elements(u)).toEqual([0.5, 1.5, 1, 2]);
  });
});

describe('trace', () => {
  it('accumulates t ← μ·t + g and outputs t', () => {
    // μ = 0.5: g = 2 → t = 2; g = 2 → t = 1 + 2 = 3
    const t = trace({ decay: 0.5 });
    const s = t.init(arr([0]));
    const u1 = arr([2]);
    t.update(u1, s, u1);
    const u2 = arr([2]);
    t.update(u2, s, u2);
    expect([elements(u1)[0], elements(u2)[0]]).toEqual([2, 3]);
    expect(s.trace).toEqual([3]);
  });
  it('nesterov outputs (1+μ)·g + μ²·t with the new t', () => {
    // μ = 0.5: g = 2 → t = 2, u = 1.5·2 + 0.25·2 = 3.5; g = 2 → t = 3, u = 3 + 0.75 = 3.75
    const t = trace({ decay: 0.5, nesterov: true });
    const s = t.init(arr([0]));
    const u1 = arr([2]);
    t.update(u1, s, u1);
    const u2 = arr([2]);
    t.update(u2, s, u2);
    expect([elements(u1)[0], elements(u2)[0]]).toEqual([3.5, 3.75]);
  });
});

describe('scaleByRss and scaleByRms', () => {
  it('scaleByRss divides by √(Σg²) + ε', () => {
    // g = 3 → h = 9, u = 3/(3 + 1e-7); g = 4 → h = 25, u = 4/(5 + 1e-7)
    const t = scaleByRss();
    const s = t.init(arr([0]));
    const u1 = arr([3]);
    t.update(u1, s, u1);
    const u2 = arr([4]);
    t.update(u2, s, u2);
    expectClose([elements(u1)[0]!, elements(u2)[0]!], [3 / 3.0000001, 4 / 5.0000001], 1e-15);
  });
  it('scaleByRms divides by √(running mean of g²) + ε', () => {
    // ρ = 0.75, ε = 0: g = 2 → h = 0.25·4 = 1, u = 2; g = 2 → h = 0.75 + 1 = 1.75, u = 2/√1.75
    const t = scaleByRms({ decay: 0.75, eps: 0 });
    const s = t.init(arr([0]));
    const u1 = arr([2]);
    t.update(u1, s, u1);
    const u2 = arr([2]);
    t.update(u2, s, u2);
    expectClose([elements(u1)[0]!, elements(u2)[0]!], [2, 2 / Math.sqrt(1.75)], 1e-15);
  });
});

describe('scaleByAdam', () => {
  it('outputs the bias-corrected direction √(1−β2^t)/(1−β1^t)·m/(√v + ε)', () => {
    // β1 = 0.5, β2 = 0.75, ε = 0, g = 2: m = 1, v = 0.25·4 = 1, c = √0.25/0.5 = 1 → u = 1·1/1 = 1
    const t = scaleByAdam({ beta1: 0.5, beta2: 0.75, eps: 0 });
    const u = arr([2]);
    const s = t.update(u, t.init(u), u);
    expect(elements(u)).toEqual([1]);
    expect(s).toEqual({ kind: 'scaleByAdam', count: 1, mu: [1], nu: [1] });
  });
});

describe('chain', () => {
  it('applies the transforms first to last, its state being the array of their states', () => {
    // clip then scale: 5 → 1 → 2;  scale then clip: 5 → 10 → 1
    const clipThenScale = chain(clip(1), scale(2));
    const scaleThenClip = chain(scale(2), clip(1));
    const a = arr([5]);
    const b = arr([5]);
    expect(clipThenScale.update(a, clipThenScale.init(a), a)).toEqual([null, null]);
    scaleThenClip.update(b, scaleThenClip.init(b), b);
    expect([elements(a)[0], elements(b)[0]]).toEqual([2, 1]);
  });
});
