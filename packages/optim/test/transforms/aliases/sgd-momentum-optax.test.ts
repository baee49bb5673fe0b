/**
 * sgd({ lr, momentum, nesterov }) is optax's sgd(learning_rate, momentum,
 * nesterov): t ← μ·t + g; u = −lr·t, or −lr·(g + μ·t) with nesterov
 * (optax `trace`, PyTorch SGD). Hand-derived with lr 0.1, μ 0.9, g = 1 then 2:
 *   momentum: t₁ = 1 → −0.1;   t₂ = 0.9·1 + 2 = 2.9 → −0.29
 *   nesterov: u₁ = 1 + 0.9·1 = 1.9 → −0.19;   u₂ = 2 + 0.9·2.9 = 4.61 → −0.461
 * The book's `nesterov` alias differs: u₁ = 1.9·1 + 0.81·1 = 2.71 → −0.271.
 */
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@descent/core';
import { nesterov, sgd, trace, type GradientTransformation } from '@descent/optim';
import { arr, elements } from '../../helpers.js';

function steps<S>(opt: GradientTransformation<S>, gradients: number[][]): number[][] {
  const x = arr([0, 0]);
  let state = opt.init(x);
  return gradients.map((g) => {
    const u = arr(g);
    state = opt.update(u, state, x);
    return elements(u);
  });
}

describe('sgd with momentum (optax sgd)', () => {
  it('momentum 0.9: −lr·t with t ← 0.9·t + g', () => {
    const got = steps(sgd({ lr: 0.1, momentum: 0.9 }), [[1, -1], [2, -2]]);
    got[0]!.forEach((v, i) => expect(v).toBeCloseTo([-0.1, 0.1][i]!, 15));
    got[1]!.forEach((v, i) => expect(v).toBeCloseTo([-0.29, 0.29][i]!, 15));
  });
  it('nesterov: −lr·(g + μ·t)', () => {
    const got = steps(sgd({ lr: 0.1, momentum: 0.9, nesterov: true }), [[1, -1], [2, -2]]);
    got[0]!.forEach((v, i) => expect(v).toBeCloseTo([-0.19, 0.19][i]!, 15));
    got[1]!.forEach((v, i) => expect(v).toBeCloseTo([-0.461, 0.461][i]!, 15));
  });
  it("the book's nesterov alias keeps its own formula; trace({ form: 'optax' }) is optax's", () => {
    const book = nesterov({ lr: 0.1, momentum: 0.9 });
    const x = arr([0]);
    const u = arr([1]);
    book.update(u, book.init(x), x);
    expect(elements(u)[0]).toBeCloseTo(-0.271, 15);
    const t = trace({ decay: 0.9, nesterov: true, form: 'optax' });
    const v = arr([1]);
    t.update(v, t.init(x), x);
    expect(elements(v)).toEqual([1.9]);
  });
  it('state: [trace, scaleByLearningRate]; nesterov without momentum is refused', () => {
    const opt = sgd({ lr: 0.1, momentum: 0.5 });
    expect(opt.init(arr([1]))).toEqual([{ kind: 'trace', trace: [0] }, { kind: 'scaleByLearningRate', count: 0 }]);
    expect(() => sgd({ lr: 0.1, nesterov: true })).toThrow(InvalidArgumentError);
  });
});
