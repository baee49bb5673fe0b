/**
 * reduceOnPlateau clamps the scale to minScale at every evaluation outside
 * cooldown, as optax's `reduce_on_plateau` does (new_scale =
 * max(where(plateau, scale·factor, scale), min_scale)): with minScale above 1
 * the first evaluation lifts the scale to minScale; with minScale below 1 a
 * drop stops at it.
 */
import { describe, expect, it } from 'vitest';
import { reduceOnPlateau } from '@descent/optim';
import { arr, elements } from '../helpers.js';

describe('reduceOnPlateau minScale clamp (optax)', () => {
  it('minScale 2 > 1: the first evaluation sets the scale to max(1, 2) = 2, and the step is doubled', () => {
    const opt = reduceOnPlateau({ minScale: 2 });
    const x = arr([0]);
    const g = arr([3]);
    const state = opt.update(g, opt.init(x), x, { value: 5 });
    expect(state.scale).toBe(2);
    expect(elements(g)).toEqual([6]);
  });
  it('minScale 0.3: drops 1 → max(0.5, 0.3) = 0.5 → max(0.25, 0.3) = 0.3 and stay there', () => {
    const opt = reduceOnPlateau({ factor: 0.5, patience: 1, minScale: 0.3 });
    const x = arr([0]);
    let state = opt.init(x);
    const scales: number[] = [];
    // 1 improves on Infinity; every later 1 is a plateau of patience 1: a drop each time.
    for (let i = 0; i < 4; i++) {
      state = opt.update(arr([1]), state, x, { value: 1 });
      scales.push(state.scale);
    }
    expect(scales).toEqual([1, 0.5, 0.3, 0.3]);
  });
});
