/**
 * An empty x (a view with an axis of length 0) has an empty gradient, and
 * GradientPool.gradient calls the loss not once for it — not even at x for a
 * one-sided scheme — exactly as numericalGradient: a loss that cannot take an
 * empty array does not fail the call, and the counter stays at 0.
 */
import ndarray from 'ndarray';
import { afterAll, describe, expect, it } from 'vitest';
import { numericalGradient, type Scheme } from '@descent/core';
import { createGradientPool } from '@descent/core/pool';

// throws on an empty x, like a loss that reads x.get(0)
const pool = createGradientPool({ module: 'data:text/javascript,export default (x) => { if (x.size === 0) throw new Error("empty x"); return x.get(0) ** 2; }', workers: 1 });
afterAll(() => pool.close());

describe('an empty x', () => {
  it.each(['central', 'forward', 'backward', 'five-point', 'richardson'] as Scheme[])('%s: an empty gradient of x’s shape, no call of the loss', async (scheme) => {
    const x = ndarray(new Float64Array(6), [2, 3]).hi(2, 0); // shape [2, 0]
    const counter = { evaluations: 0 };
    const g = await pool.gradient(x, { scheme, counter });
    expect(g.shape).toEqual([2, 0]);
    expect(g.size).toBe(0);
    expect(counter.evaluations).toBe(0);
    const syncCounter = { evaluations: 0 };
    numericalGradient(() => { throw new Error('not called'); }, x, { scheme, counter: syncCounter });
    expect(syncCounter.evaluations).toBe(0);
  });
});
