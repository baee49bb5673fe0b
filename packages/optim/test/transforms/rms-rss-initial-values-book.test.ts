/**
 * The optax options of scaleByRms and scaleByRss also work with the book's
 * ε placement (form 'book', the default):
 * - scaleByRms({ initialScale: 1, centered: true }), ρ 0.99, ε 1e-7, g = 1:
 *   h = 0.99·1 + 0.01·1 = 1, m = 0.01, u = 1/(√(1 − 0.0001) + 1e-7) = 1.0000499037403217;
 * - scaleByRss({ initialAccumulatorValue: 0.5 }), g = 2: h = 0.5 + 4 = 4.5,
 *   u = 2/(√4.5 + 1e-7) = 0.9428089971376211.
 */
import { describe, expect, it } from 'vitest';
import { scaleByRms, scaleByRss } from '@descent/optim';
import { arr, elements } from '../helpers.js';

describe('initial values and centering with the book form', () => {
  it('scaleByRms: initialScale and centered', () => {
    const t = scaleByRms({ initialScale: 1, centered: true });
    const x = arr([0]);
    const state = t.init(x);
    expect(state).toEqual({ kind: 'scaleByRms', nu: [1], mu: [0] });
    const g = arr([1]);
    t.update(g, state, x);
    expect(elements(g)[0]).toBeCloseTo(1.0000499037403217, 15);
  });
  it('scaleByRss: initialAccumulatorValue', () => {
    const t = scaleByRss({ initialAccumulatorValue: 0.5 });
    const x = arr([0]);
    const g = arr([2]);
    const state = t.update(g, t.init(x), x);
    expect(elements(g)[0]).toBeCloseTo(0.9428089971376211, 15);
    expect(state.sumOfSquares).toEqual([4.5]);
  });
});
