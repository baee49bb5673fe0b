import { describe, expect, it } from 'vitest';
import { ArgumentRangeError } from '@descent/core';
import fc from 'fast-check';
import { Random } from '../src/random.js';
import { identityOrder, shuffleInPlace } from '../src/shuffle.js';

describe('shuffleInPlace (Fisher–Yates)', () => {
  it('returns a permutation of 0 … n−1, the same one for the same seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.nat(), (n, seed) => {
        const a = shuffleInPlace(identityOrder(n), Random.fromSeed(seed));
        const b = shuffleInPlace(identityOrder(n), Random.fromSeed(seed));
        expect(Array.from(b)).toEqual(Array.from(a));
        expect(Array.from(a).sort((x, y) => x - y)).toEqual(Array.from(identityOrder(n)));
      }),
    );
  });

  it('gives different orders for different seeds (n = 50: 50! orders)', () => {
    const a = Array.from(shuffleInPlace(identityOrder(50), Random.fromSeed(1)));
    const b = Array.from(shuffleInPlace(identityOrder(50), Random.fromSeed(2)));
    expect(b).not.toEqual(a);
  });

  it('makes all 6 orders of 3 elements equally likely (χ² over 60 000 shuffles below the 0.1% critical value)', () => {
    // 20.52 is the 99.9% quantile of χ²(5); the seed is fixed, so this is a fixed number.
    const random = Random.fromSeed(99);
    const counts = new Map<string, number>();
    const shuffles = 60_000;
    for (let i = 0; i < shuffles; i++) {
      const key = Array.from(shuffleInPlace(identityOrder(3), random)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['012', '021', '102', '120', '201', '210']);
    const expected = shuffles / 6;
    const chi2 = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(20.52);
  });

  it('identityOrder rejects a negative or fractional length', () => {
    expect(() => identityOrder(-1)).toThrow(/n must be an integer in \[0, 2\^32\), got -1/);
    expect(() => identityOrder(2.5)).toThrow(ArgumentRangeError);
  });
});
