/**
 * The Euclidean norm of a whole parameter tree, for any finite elements: the
 * straightforward Σ x² overflows to Infinity beyond |x| ≈ 1.3e154 and
 * underflows to 0 below 1.5e-154, so those cases are computed with scaling,
 * as LAPACK's dnrm2 and Math.hypot do.
 */
import ndarray from 'ndarray';
import ops from 'ndarray-ops';
import type { Params } from './transform.js';
import { forEachLeaf } from './tree.js';

/**
 * Below this, Σ x² may have lost relative precision to squares that fell into
 * the subnormal range (each loses at most 2⁻¹⁰⁷⁵, so n of them stay under
 * n·2⁻¹⁰⁷ of a sum above 2⁻⁹⁶⁸): the scaled path recomputes it.
 */
const SAFE_SUM_OF_SQUARES = 2 ** -968;

/**
 * Euclidean norm of all elements of a tree taken together: √(Σ_leaves Σ_i x_i²).
 *
 * One pass of Σ x² when that sum is a normal, finite number (the common case,
 * bit for bit the plain formula). Otherwise, with M = max |x_i|, a second and
 * third pass compute M·√(Σ (x_i/M)²), exact to a few ulps for every finite
 * input: ‖(3e200, 4e200)‖ = 5e200, ‖(3e-200, 4e-200)‖ = 5e-200. A NaN element
 * gives NaN; an infinite one (and no NaN) gives Infinity.
 * @param tree one NdArray or a record of them (any views, any storage)
 * @returns the norm, ≥ 0
 * @example
 * globalNorm({ a: ndarray([3]), b: ndarray([4]) }); // → 5
 * globalNorm(ndarray([3e200, 4e200]));               // ≈ 5e200 (the plain Σ x² would be Infinity)
 */
export function globalNorm(tree: Params): number {
  let sumOfSquares = 0;
  forEachLeaf(tree, 'globalNorm', (a) => {
    sumOfSquares += ops.norm2squared(a);
  });
  if (sumOfSquares >= SAFE_SUM_OF_SQUARES && sumOfSquares < Infinity) return Math.sqrt(sumOfSquares);
  if (Number.isNaN(sumOfSquares)) return Number.NaN;
  return scaledNorm(tree);
}

/** M·√(Σ (x/M)²) with M = max |x| (0 for an all-zero tree, Infinity when an element is infinite). */
function scaledNorm(tree: Params): number {
  let max = 0;
  forEachLeaf(tree, 'globalNorm', (a) => {
    max = Math.max(max, ops.norminf(a));
  });
  if (max === 0 || max === Infinity) return max;
  let sum = 0;
  forEachLeaf(tree, 'globalNorm', (a) => {
    // The rare path: a scaled contiguous copy, so every storage and view works alike.
    const scaled = ndarray(new Float64Array(a.size), a.shape.slice());
    ops.divs(scaled, a, max);
    sum += ops.norm2squared(scaled);
  });
  return max * Math.sqrt(sum);
}
