/**
 * minimize's `bounds` option: lower and upper bounds per element of x, each a
 * number (every element) or an ndarray of x0's shape (any view), ±Infinity for
 * none. Resolved once into flat row-major arrays for the steppers and into
 * contiguous ndarrays of x's shape for core's `bounds` option.
 */
import ndarray, { type NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { describeValue } from '../checks/not-a-number.js';
import { isNdArray } from '../tree/tree.js';
import { contiguousCopy } from './start-point.js';

/** The `bounds` option of minimize. */
export interface MinimizeBounds {
  /** Lower bounds: one number for every element, or an ndarray of x0's shape; −Infinity for none. @default -Infinity */
  lower?: number | NdArray;
  /** Upper bounds: one number for every element, or an ndarray of x0's shape; Infinity for none. @default Infinity */
  upper?: number | NdArray;
}

/** The box of a run, resolved. */
export interface Box {
  /** Lower bound of each element, row-major. */
  readonly lower: Float64Array;
  /** Upper bound of each element, row-major. */
  readonly upper: Float64Array;
  /** The same as core's `bounds` option: contiguous ndarrays of x's shape. */
  readonly core: { readonly lower: NdArray<Float64Array>; readonly upper: NdArray<Float64Array> };
  /** True when some element is fixed (lower = upper). */
  readonly fixed: boolean;
}

function side(value: unknown, name: 'lower' | 'upper', shape: readonly number[], none: number, where: string): Float64Array {
  const n = shape.reduce((a, b) => a * b, 1);
  if (value === undefined) return new Float64Array(n).fill(none);
  if (typeof value === 'number') {
    if (value !== value) throw new ArgumentRangeError(`${where}: bounds.${name} is NaN; use ${none} for no bound.`);
    return new Float64Array(n).fill(value);
  }
  if (!isNdArray(value)) {
    throw new InvalidArgumentError(`${where}: bounds.${name} must be a number or an ndarray of x0's shape [${shape.join(', ')}], got ${describeValue(value)}.`);
  }
  if (value.shape.length !== shape.length || value.shape.some((d, axis) => d !== shape[axis])) {
    throw new InvalidArgumentError(`${where}: bounds.${name} has shape [${value.shape.join(', ')}] but x0 has shape [${shape.join(', ')}]; give one bound per element (or one number for all).`);
  }
  const flat = contiguousCopy(value).data;
  const bad = flat.findIndex((v) => typeof v !== 'number' || v !== v);
  if (bad >= 0) throw new ArgumentRangeError(`${where}: bounds.${name}[${bad}] (row-major) is ${describeValue(flat[bad])}; use ${none} for no bound.`);
  return flat;
}

/**
 * The box of the bounds option for x0's shape, or undefined when there is none
 * (no option, or every bound infinite).
 * @param where the public function's name in messages ('minimize', 'minimizeAsync')
 * @throws InvalidArgumentError for a bound that is not a number or an ndarray of x0's shape;
 *   ArgumentRangeError for NaN, lower > upper, lower = +Infinity or upper = −Infinity
 * @example
 * const box = resolveBounds({ lower: -2, upper: 0.5 }, [2]);
 * box?.upper; // ≈ [0.5, 0.5]
 */
export function resolveBounds(bounds: unknown, shape: readonly number[], where = 'minimize'): Box | undefined {
  if (bounds === undefined) return undefined;
  if (typeof bounds !== 'object' || bounds === null || Array.isArray(bounds) || isNdArray(bounds)) {
    throw new InvalidArgumentError(`${where}: bounds must be an object { lower, upper } (numbers or ndarrays of x0's shape), got ${describeValue(bounds)}.`);
  }
  for (const key of Object.keys(bounds)) {
    if (key !== 'lower' && key !== 'upper') throw new InvalidArgumentError(`${where}: unknown bounds key '${key}'; the keys are lower and upper.`);
  }
  const b = bounds as MinimizeBounds;
  const lower = side(b.lower, 'lower', shape, -Infinity, where);
  const upper = side(b.upper, 'upper', shape, Infinity, where);
  let fixed = false;
  let unbounded = true;
  for (let i = 0; i < lower.length; i++) {
    const lo = lower[i]!;
    const hi = upper[i]!;
    if (!(lo <= hi) || lo === Infinity || hi === -Infinity) {
      throw new ArgumentRangeError(`${where}: the bounds of element ${i} (row-major) are [${lo}, ${hi}]; each needs lower ≤ upper, lower < +Infinity and upper > −Infinity.`);
    }
    if (lo === hi) fixed = true;
    if (lo > -Infinity || hi < Infinity) unbounded = false;
  }
  if (unbounded) return undefined;
  const dims = shape.slice();
  return { lower, upper, core: { lower: ndarray(lower, dims), upper: ndarray(upper, dims) }, fixed };
}

/**
 * Project x (contiguous, row-major) onto the box in place.
 * @returns how many elements moved
 * @example
 * const x = new Float64Array([3, -1]);
 * projectOntoBox(x, { lower: new Float64Array([-2, -2]), upper: new Float64Array([2, 2]) }); // → 1
 * x; // ≈ [2, -1]
 */
export function projectOntoBox(x: Float64Array, box: Pick<Box, 'lower' | 'upper'>): number {
  let moved = 0;
  for (let i = 0; i < x.length; i++) {
    const v = Math.min(Math.max(x[i]!, box.lower[i]!), box.upper[i]!);
    if (v !== x[i]) moved++;
    x[i] = v;
  }
  return moved;
}
