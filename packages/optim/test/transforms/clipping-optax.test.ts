/**
 * clip and clipByGlobalNorm against optax's ClippingTest: updates
 * ((500, 5), (300, 3)); clip(1e6) leaves them, clip(1) makes every element 1;
 * clipByGlobalNorm(1/i) brings the global norm to 1/i for i = 1 … 50, and
 * clipping the clipped updates again changes nothing beyond rounding.
 */
import { describe, expect, it } from 'vitest';
import { clip, clipByGlobalNorm, globalNorm } from '@descent/optim';
import { arr, elements } from '../helpers.js';

const fresh = () => ({ a: arr([500, 5]), b: arr([300, 3]) });

describe('clipping (optax ClippingTest)', () => {
  it('clip: a large bound changes nothing, bound 1 gives ones', () => {
    const u = fresh();
    clip(1e6).update(u, null, u);
    expect([elements(u.a), elements(u.b)]).toEqual([[500, 5], [300, 3]]);
    clip(1).update(u, null, u);
    expect([elements(u.a), elements(u.b)]).toEqual([[1, 1], [1, 1]]);
  });
  it('clipByGlobalNorm(1/i): the norm becomes 1/i, and re-clipping agrees with clipping the originals', () => {
    const u = fresh();
    for (let i = 1; i <= 50; i++) {
      const t = clipByGlobalNorm(1 / i);
      t.update(u, null, u);
      expect(globalNorm(u)).toBeCloseTo(1 / i, 12);
      const once = fresh();
      t.update(once, null, once);
      [...elements(u.a), ...elements(u.b)].forEach((v, k) => expect(v).toBeCloseTo([...elements(once.a), ...elements(once.b)][k]!, 12));
    }
  });
  it('a norm at or below maxNorm leaves the updates bit for bit (optax: where(norm < max, u, …))', () => {
    const u = { a: arr([3, 0]), b: arr([0, 4]) }; // norm 5
    clipByGlobalNorm(5).update(u, null, u);
    expect([elements(u.a), elements(u.b)]).toEqual([[3, 0], [0, 4]]);
  });
});
