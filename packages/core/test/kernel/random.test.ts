/**
 * The seeded generator inside core: xoshiro128** gives the reference
 * sequence from the state [1, 2, 3, 4] (derived by hand below), a seed always
 * gives the same numbers, a state kept by the caller advances, and the
 * Rademacher and normal deviates have the moments they should.
 */
import { describe, expect, it } from 'vitest';
import { InvalidStateError, randomState, type RandomState } from '@descent/core';
import { checkRandomState, nextUint32, nextUniform, rademacherInto, symmetricUniformInto } from '../../src/directional/random.js';

describe('xoshiro128**', () => {
  it('from state [1, 2, 3, 4]: 11520, 0, 5927040', () => {
    // out = rotl(s1·5, 7)·9: s1 = 2 → rotl(10, 7)·9 = 1280·9 = 11520. Update: t = s1 << 9 = 1024;
    // s2 ^= s0 → 2, s3 ^= s1 → 6, s1 ^= s2 → 0, s0 ^= s3 → 7, s2 ^= t → 1026, s3 = rotl(6, 11) = 12288.
    // Next out: s1 = 0 → 0. Update: s2 = 1026^7 = 1029, s3 = 12288^0, s1 = 0^1029 = 1029, s0 = 7^12288 = 12295,
    // s2 ^= 0, s3 = rotl(12288, 11) = 25165824. Next out: rotl(1029·5 = 5145, 7)·9 = 5145·128·9 = 5927040.
    const state: RandomState = { algorithm: 'xoshiro128**', words: Uint32Array.of(1, 2, 3, 4) };
    expect([nextUint32(state), nextUint32(state)]).toEqual([11520, 0]);
    expect(Array.from(state.words)).toEqual([12295, 1029, 1029, 25165824]);
    expect(nextUint32(state)).toBe(5927040);
  });
  it('the same seed gives the same sequence; another seed another one; the state advances in place', () => {
    const a = randomState(42);
    const b = randomState(42);
    const c = randomState(43);
    const first = [nextUint32(a), nextUint32(a)];
    expect([nextUint32(b), nextUint32(b)]).toEqual(first);
    expect([nextUint32(c), nextUint32(c)]).not.toEqual(first);
    expect(nextUint32(a)).not.toBe(first[0]);
    expect(randomState(-5).words).not.toEqual(randomState(5).words);
    expect(randomState(2 ** 40).words).not.toEqual(randomState(0).words);
  });
  it('a bad seed or state is refused', () => {
    expect(() => randomState(1.5)).toThrow(RangeError);
    expect(() => randomState('1' as unknown as number)).toThrow(TypeError);
    expect(() => checkRandomState({ words: new Uint32Array(4) }, 'f', 'random')).toThrow(InvalidStateError);
    expect(() => checkRandomState({ words: [1, 2, 3, 4] }, 'f', 'random')).toThrow(InvalidStateError);
  });
});

describe('deviates', () => {
  const n = 200_000;
  it('uniform in [0, 1) with mean ½ and variance 1/12 (5σ: σ_mean = √(1/12/n) ≈ 6.5e-4)', () => {
    const state = randomState(1);
    let sum = 0;
    let sq = 0;
    let inside = true;
    for (let k = 0; k < n; k++) {
      const u = nextUniform(state);
      inside &&= u >= 0 && u < 1;
      sum += u;
      sq += u * u;
    }
    expect(inside).toBe(true);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    // Var(u²) = 1/5 − 1/9 = 4/45
    expect(Math.abs(sq / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / n));
  });
  it('Rademacher: only ±1, mean 0 (5σ = 5/√n)', () => {
    const signs = rademacherInto(new Float64Array(n), randomState(2));
    expect(signs.every((s) => s === 1 || s === -1)).toBe(true);
    expect(Math.abs(signs.reduce((s, t) => s + t, 0) / n)).toBeLessThan(5 / Math.sqrt(n));
  });
  it('symmetric uniform on [−1, 1): mean 0 (5σ, σ² = 1/3n), second moment 1/3 (Var(v²) = 1/5 − 1/9 = 4/45)', () => {
    const v = symmetricUniformInto(new Float64Array(n), randomState(3));
    expect(v.every((t) => t >= -1 && t < 1)).toBe(true);
    expect(Math.abs(v.reduce((s, t) => s + t, 0) / n)).toBeLessThan(5 * Math.sqrt(1 / 3 / n));
    expect(Math.abs(v.reduce((s, t) => s + t * t, 0) / n - 1 / 3)).toBeLessThan(5 * Math.sqrt(4 / 45 / n));
  });
});
