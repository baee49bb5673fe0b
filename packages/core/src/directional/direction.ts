/**
 * A direction v to differentiate along: an ndarray of x's shape, read once
 * before x moves (so it may be any view, a broadcast, integer-typed, or even
 * share memory with x), whose elements are finite numbers. Also the scaling
 * that makes it well-conditioned without changing a single node x + h·v.
 */
import type { NdArray } from 'ndarray';
import { assertElementsFinite, assertViewInBounds } from '../options/arguments.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { gather } from '../memory/strided.js';
import { isNdArray, sizeOf } from '../memory/strided.js';

/**
 * Check v against x and gather its elements in row-major order.
 * @throws InvalidArgumentError (not an ndarray, an element not a number), ArgumentRangeError (shape, a view outside
 *   its data), NonFiniteCoordinateError (an element NaN/±Infinity) — all before f is called
 */
export function checkDirection(v: unknown, x: NdArray, where: string, name: string, xName: string): Float64Array {
  if (!isNdArray(v) || !(ArrayBuffer.isView(v.data) || Array.isArray(v.data))) {
    throw new InvalidArgumentError(`${where}: ${name} must be an ndarray of ${xName}'s shape (got ${describe(v)}); make one with ndarray(new Float64Array([...]), shape).`);
  }
  if (v.shape.length !== x.shape.length || v.shape.some((n, axis) => n !== x.shape[axis])) {
    throw new ArgumentRangeError(`${where}: ${name} has shape [${v.shape.join(',')}] but ${xName} has shape [${x.shape.join(',')}]; a direction has the shape of the point.`);
  }
  if (sizeOf(v.shape) === 0) return new Float64Array(0);
  assertViewInBounds(v, where, name);
  assertElementsFinite(v, where, name);
  return gather(v);
}

/**
 * Divide d in place by the power of two nearest below max|d_k|, which is
 * exact, so x + h·v and x + (h·scale)·d are the same floats; returns the
 * scale (0 for a zero direction, left unchanged).
 * @example
 * const d = Float64Array.of(3, -12);
 * scaleDirection(d); // → 8
 * Array.from(d); // → [0.375, -1.5]
 */
export function scaleDirection(d: Float64Array): number {
  let m = 0;
  for (let k = 0; k < d.length; k++) {
    const a = Math.abs(d[k]!);
    if (a > m) m = a;
  }
  if (m === 0) return 0;
  let scale = 2 ** Math.floor(Math.log2(m));
  if (scale > m) scale /= 2; // guard against log2 rounding up
  for (let k = 0; k < d.length; k++) d[k] = d[k]! / scale;
  return scale;
}
