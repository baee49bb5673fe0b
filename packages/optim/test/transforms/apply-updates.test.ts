/**
 * applyUpdates adds the step in place, element by element, whatever the two
 * layouts, and touches nothing outside the views.
 */
import ndarray from 'ndarray';
import { expect, it } from 'vitest';
import { applyUpdates } from '@descent/optim';
import { arr, elements } from '../helpers.js';

it('adds a record of updates to a record of params in place', () => {
  const params = { w: arr([1, 2, 3, 4], [2, 2]), b: arr([10]) };
  const w = params.w;
  applyUpdates(params, { w: arr([0.5, 0.5, -1, -1], [2, 2]), b: arr([-10]) });
  expect(params.w).toBe(w);
  expect(elements(params.w)).toEqual([1.5, 2.5, 2, 3]);
  expect(elements(params.b)).toEqual([0]);
});

it('works on a transposed param with reversed updates, leaving the rest of the buffer alone', () => {
  // params = transpose of the 2×2 block [[1, 2], [3, 4]] sitting after a sentinel 7
  const buffer = new Float64Array([7, 1, 2, 3, 4]);
  const params = ndarray(buffer, [2, 2], [2, 1], 1).transpose(1, 0); // [[1, 3], [2, 4]]
  const updates = ndarray(new Float64Array([40, 30, 20, 10]), [2, 2], [-2, -1], 3); // [[10, 20], [30, 40]]
  applyUpdates(params, updates);
  expect(elements(params)).toEqual([11, 23, 32, 44]);
  expect(Array.from(buffer)).toEqual([7, 11, 32, 23, 44]);
});
