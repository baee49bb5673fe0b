/** Tree helpers: sizes, the global norm, zero buffers shaped like params. */
import { expect, it } from 'vitest';
import { assertSameStructure, globalNorm, treeSize, treeZerosLike } from '@descent/optim';
import { arr, elements } from '../helpers.js';

it('treeSize counts the elements of every array', () => {
  expect(treeSize({ w: arr([1, 2, 3, 4, 5, 6], [2, 3]), b: arr([1, 2, 3]) })).toBe(9);
  expect(treeSize(arr([1, 2]))).toBe(2);
});

it('globalNorm is the Euclidean norm of all elements together', () => {
  // √(1 + 4 + 4 + 16) = 5 — over a record and a reversed view
  expect(globalNorm({ a: arr([1, 2]), b: arr([2, 4]).step(-1) })).toBe(5);
});

it('treeZerosLike makes fresh zero arrays with the same keys and shapes', () => {
  const params = { w: arr([1, 2, 3, 4, 5, 6], [3, 2]).transpose(1, 0), b: arr([7]) };
  const zeros = treeZerosLike(params) as Record<string, ReturnType<typeof arr>>;
  expect(Object.keys(zeros)).toEqual(['w', 'b']);
  expect(zeros['w']!.shape).toEqual([2, 3]);
  expect(elements(zeros['w']!)).toEqual([0, 0, 0, 0, 0, 0]);
  expect(zeros['w']!.data).not.toBe(params.w.data);
  expect(() => assertSameStructure(zeros, params, 'test')).not.toThrow();
});

it('assertSameStructure names the key and both shapes', () => {
  expect(() => assertSameStructure({ w: arr([1, 2]) }, { w: arr([1, 2, 3]) }, 'myLoop', 'grads', 'params')).toThrow(
    "myLoop: key 'w' has shape [2] in grads but [3] in params; they must have the same shape.",
  );
});
