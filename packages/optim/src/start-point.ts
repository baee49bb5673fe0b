/**
 * The starting point of `gradientDescent` and `minimize`: checked once, then
 * copied into a fresh contiguous Float64 ndarray so the caller's array (which
 * may be any view) is never modified.
 */
import ndarray, { type NdArray } from 'ndarray';
import ops from 'ndarray-ops';
import { isNdArray } from './tree.js';

const INTEGER_DTYPES: ReadonlySet<string> = new Set([
  'int8',
  'int16',
  'int32',
  'uint8',
  'uint16',
  'uint32',
  'uint8_clamped',
  'bigint64',
  'biguint64',
]);

/**
 * Throw unless `x` is a non-empty, floating-point ndarray with finite elements.
 * @param where the public function, e.g. 'minimize'
 * @param name the argument's name, e.g. 'x0'
 * @throws TypeError when `x` is not an ndarray or has an integer dtype; RangeError when it is empty or holds a non-finite element
 */
export function checkStartPoint(where: string, name: string, x: unknown): asserts x is NdArray {
  if (!isNdArray(x)) {
    const got = x === null ? 'null' : Array.isArray(x) ? 'a plain array' : typeof x;
    throw new TypeError(
      `${where}: ${name} must be an ndarray, got ${got}; wrap the values, e.g. ndarray(new Float64Array([-3, 4])).`,
    );
  }
  if (INTEGER_DTYPES.has(x.dtype)) {
    throw new TypeError(
      `${where}: ${name} has the integer dtype '${x.dtype}', which cannot hold the fractional points of a descent; ` +
        'copy it into a Float64Array, e.g. ndarray(Float64Array.from(x.data), x.shape).',
    );
  }
  if (x.size === 0) {
    throw new RangeError(`${where}: ${name} is empty (shape [${x.shape.join(', ')}]); pass at least one parameter.`);
  }
  const index = new Array<number>(x.shape.length).fill(0);
  for (let k = 0; k < x.size; k++) {
    const value: unknown = x.get(...index);
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(
        `${where}: ${name}[${index.join(', ')}] is ${String(value)}; every element of the starting point must be a finite number.`,
      );
    }
    for (let axis = x.shape.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (index[axis]! < x.shape[axis]!) break;
      index[axis] = 0;
    }
  }
}

/**
 * A new contiguous Float64 ndarray with the shape and the elements of `x` (any view).
 * @example
 * import ndarray from 'ndarray';
 * const v = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0);
 * contiguousCopy(v).data; // → [1, 3, 2, 4] — a Float64Array
 */
export function contiguousCopy(x: NdArray): NdArray<Float64Array> {
  const copy = ndarray(new Float64Array(x.size), x.shape.slice());
  ops.assign(copy, x);
  return copy;
}
