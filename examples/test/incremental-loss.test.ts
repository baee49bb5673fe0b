// IncrementalLoss returns net.loss's bits exactly — after single-weight perturbations (recomputing one hidden column),
// after many changes (a full pass), with non-finite weights, views and copied inputs — so a numerical gradient through
// it equals the one through the full loss element for element.
import ndarray from 'ndarray';
import { numericalGradients } from '@descent/core';
import { describe, expect, it } from 'vitest';
import { MAX_INCREMENTAL_COLUMNS } from '../lib/changed-columns.js';
import { IncrementalLoss } from '../lib/incremental-loss.js';
import { TwoLayerNet } from '../lib/two-layer-net.js';
import { sparseBatch } from './sparse-batch.js';

const ROWS = 7;
const INPUTS = 30;
const HIDDEN = 6;
const CLASSES = 4;

const batch = (seed: number) => sparseBatch(seed, ROWS, INPUTS, CLASSES);

describe('IncrementalLoss', () => {
  it('equals net.loss bit for bit through perturbations of W1, b1, W2, b2 and their restoration', () => {
    const { x, t } = batch(1);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 2);
    const loss = new IncrementalLoss(net, x, t);
    expect(loss.value()).toBe(net.loss(x, t));
    expect(loss.stats).toEqual({ full: 1, partial: 0 });
    for (const [name, index] of [['W1', 37], ['W1', 5 * HIDDEN + 5], ['b1', 2], ['W2', 11], ['b2', 3]] as const) {
      const data = net.params[name].data as Float64Array;
      const old = data[index]!;
      for (const value of [old + 1e-4, old - 1e-4, old]) {
        data[index] = value;
        expect(loss.value()).toBe(net.loss(x, t));
      }
    }
    // every call after the first recomputed at most one column (or none)
    expect(loss.stats).toEqual({ full: 1, partial: 15 });
  });

  it(`runs a full pass when more than ${MAX_INCREMENTAL_COLUMNS} hidden columns changed, and stays exact`, () => {
    const { x, t } = batch(2);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 3);
    const loss = new IncrementalLoss(net, x, t);
    loss.value();
    const W1 = net.params.W1.data as Float64Array;
    for (let j = 0; j <= MAX_INCREMENTAL_COLUMNS; j++) W1[3 * HIDDEN + j]! *= 1.5; // one more column than allowed
    expect(loss.value()).toBe(net.loss(x, t));
    expect(loss.stats.full).toBe(2);
    W1[HIDDEN + 1]! += 0.25; // then one column again, against the new base
    expect(loss.value()).toBe(net.loss(x, t));
    expect(loss.stats).toEqual({ full: 2, partial: 1 });
  });

  it('keeps 0·∞ = NaN: an infinite weight facing zero pixels gives NaN as in the full pass, and restoring it gives the old loss', () => {
    const { x, t } = batch(3);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 4);
    const loss = new IncrementalLoss(net, x, t);
    const before = loss.value();
    const W1 = net.params.W1.data as Float64Array;
    const p = Array.from({ length: INPUTS }, (_, q) => q).find((q) => x.get(0, q) === 0 && x.get(1, q) !== 0)!;
    expect(p).toBeGreaterThanOrEqual(0); // a pixel that is 0 in sample 0 and not in sample 1
    const old = W1[p * HIDDEN + 2]!;
    for (const value of [Infinity, NaN]) {
      W1[p * HIDDEN + 2] = value;
      expect(Object.is(loss.value(), net.loss(x, t))).toBe(true);
    }
    W1[p * HIDDEN + 2] = old;
    expect(loss.value()).toBe(before);
  });

  it('copies x and t (any layout): later writes to the caller’s arrays change nothing; other params records work too', () => {
    const { x, t } = batch(4);
    const colMajor = ndarray(new Float64Array(ROWS * INPUTS), [INPUTS, ROWS]);
    for (let i = 0; i < ROWS; i++) for (let p = 0; p < INPUTS; p++) colMajor.set(p, i, x.get(i, p));
    const oneHot = ndarray(new Float64Array(ROWS * CLASSES), [ROWS, CLASSES]);
    for (let i = 0; i < ROWS; i++) oneHot.set(i, t.get(i), 1);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 5);
    const loss = new IncrementalLoss(net, colMajor.transpose(1, 0), oneHot);
    const expected = net.loss(x, t);
    colMajor.data.fill(7);
    oneHot.data.fill(0);
    expect(loss.value()).toBe(expected);
    const other = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 6).params;
    expect(loss.value(other)).toBe(net.loss(x, t, other));
    expect(loss.value()).toBe(expected);
  });

  it('gives the numerical gradient of the full loss element for element (central differences, h = 1e-4)', () => {
    const { x, t } = batch(5);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 7);
    const loss = new IncrementalLoss(net, x, t);
    const fast = numericalGradients(() => loss.value(), net.params, { h: 1e-4 });
    const full = numericalGradients(() => net.loss(x, t), net.params, { h: 1e-4 });
    for (const key of ['W1', 'b1', 'W2', 'b2']) expect(fast[key]!.data).toEqual(full[key]!.data);
    expect(loss.stats.full).toBe(1); // one full pass, then a column or less per loss
  });

  it('rejects a batch whose shape does not fit the network', () => {
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES);
    expect(() => new IncrementalLoss(net, ndarray(new Float64Array(6), [2, 3]), ndarray(new Float64Array(2)))).toThrow(/IncrementalLoss: x has shape \[2, 3\]/);
  });

  it('restrict: within a scope it compares only that part and stays exact; another params record gets a full pass', () => {
    const { x, t } = batch(7);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 12);
    const loss = new IncrementalLoss(net, x, t);
    const W1 = net.params.W1.data as Float64Array;
    const W2 = net.params.W2.data as Float64Array;
    const b1 = net.params.b1.data as Float64Array;
    const steps: [Parameters<IncrementalLoss['restrict']>[0], Float64Array, number][] = [
      [{ W1Column: 3 }, W1, 7 * HIDDEN + 3],
      ['b1', b1, 4],
      ['outputLayer', W2, 5],
    ];
    for (const [scope, data, index] of steps) {
      loss.restrict(scope);
      const old = data[index]!;
      for (const value of [old + 1e-4, old - 1e-4, old]) {
        data[index] = value;
        expect(loss.value()).toBe(net.loss(x, t));
      }
    }
    const other = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 13).params;
    const full = loss.stats.full;
    expect(loss.value(other)).toBe(net.loss(x, t, other));
    expect(loss.stats.full).toBe(full + 1);
    loss.restrict('any');
    expect(loss.value()).toBe(net.loss(x, t));
  });

  it('restrict: throws InvalidStateError when a weight outside the scope changed, and InvalidArgumentError for a bad scope', () => {
    const { x, t } = batch(8);
    const net = new TwoLayerNet(INPUTS, HIDDEN, CLASSES, 0.5, 14);
    const loss = new IncrementalLoss(net, x, t);
    loss.restrict({ W1Column: 1 });
    loss.value();
    (net.params.W1.data as Float64Array)[2 * HIDDEN + 4]! += 1; // column 4, outside the scope
    expect(() => loss.restrict('any')).toThrow(expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringMatching(/W1\[2,4\] changed/) }));
    expect(() => loss.restrict({ W1Column: HIDDEN })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => loss.restrict('W1' as 'b1')).toThrow(/scope must be 'any', 'b1', 'outputLayer' or \{ W1Column: j \}/);
  });
});
