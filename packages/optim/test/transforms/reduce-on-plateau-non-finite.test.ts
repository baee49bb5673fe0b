/**
 * reduceOnPlateau treats a non-finite value (−Infinity, +Infinity, NaN) as no
 * measurement: it is not accumulated, does not improve the best value and does
 * not count toward patience or cooldown — the state is unchanged and the
 * current scale applies to that update.
 */
import { describe, expect, it } from 'vitest';
import { reduceOnPlateau, type ReduceOnPlateauOptions, type ReduceOnPlateauState } from '@descent/optim';
import { arr, elements } from '../helpers.js';

/** The state after each reported value, and the scaled unit update of each call. */
function run(options: ReduceOnPlateauOptions, values: number[]): { states: ReduceOnPlateauState[]; updates: number[] } {
  const opt = reduceOnPlateau(options);
  const x = arr([0]);
  let state = opt.init(x);
  const states: ReduceOnPlateauState[] = [];
  const updates: number[] = [];
  for (const value of values) {
    const g = arr([1]);
    state = opt.update(g, state, x, { value });
    states.push({ ...state });
    updates.push(elements(g)[0]!);
  }
  return { states, updates };
}

describe('reduceOnPlateau: a non-finite value is no measurement', () => {
  it('−Infinity does not become the best: later values still improve, the scale stays 1', () => {
    // factor 0.5, patience 2: 5 is best; −∞ skipped; 4 < (1 − 1e-4)·5 improves, 3 improves; never a plateau.
    // (Were −∞ the best, 4 and 3 would be 2 plateau evaluations: the scale would drop to 0.5 at the 4th call.)
    const { states, updates } = run({ factor: 0.5, patience: 2 }, [5, -Infinity, 4, 3]);
    expect(states.map((s) => s.bestValue)).toEqual([5, 5, 4, 3]);
    expect(states.map((s) => s.plateauCount)).toEqual([0, 0, 0, 0]);
    expect(updates).toEqual([1, 1, 1, 1]);
  });

  it('+Infinity and NaN do not count toward patience', () => {
    // patience 2 from best 3: 3 (count 1), +∞ and NaN skipped (count stays 1), 3 (count 2 = patience): drop to 0.5.
    const { states, updates } = run({ factor: 0.5, patience: 2 }, [3, 3, Infinity, Number.NaN, 3]);
    expect(states.map((s) => s.plateauCount)).toEqual([0, 1, 1, 1, 0]);
    expect(updates).toEqual([1, 1, 1, 1, 0.5]);
  });

  it('a non-finite value is not accumulated: the mean is of the finite values only', () => {
    // accumulationSize 2: (4, ∞ skipped, 2) → mean 3 is the first evaluation; (NaN skipped, 3, 3) → mean 3, a plateau.
    const { states } = run({ factor: 0.5, patience: 1, accumulationSize: 2 }, [4, Infinity, 2, Number.NaN, 3, 3]);
    expect(states.map((s) => [s.count, s.avgValue])).toEqual([
      [1, 4],
      [1, 4],
      [0, 0],
      [0, 0],
      [1, 3],
      [0, 0],
    ]);
    expect(states.map((s) => s.bestValue)).toEqual([Infinity, Infinity, 3, 3, 3, 3]);
    expect(states.at(-1)!.scale).toBe(0.5);
  });

  it('does not use a cooldown step: cooldownCount is unchanged by a skipped value', () => {
    // patience 1, cooldown 2, constant 3: drop at call 2 (cooldown 2); −∞ keeps it at 2; then 1, 0, and a drop at call 6.
    const { states } = run({ factor: 0.5, patience: 1, cooldown: 2 }, [3, 3, -Infinity, 3, 3, 3]);
    expect(states.map((s) => [s.scale, s.cooldownCount])).toEqual([
      [1, 0],
      [0.5, 2],
      [0.5, 2],
      [0.5, 1],
      [0.5, 0],
      [0.25, 2],
    ]);
  });
});
