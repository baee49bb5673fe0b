/**
 * Argument checks of the matrix products (shared by matrix.ts and the
 * kernels' entry points): dimensions, lengths, and an output that overlaps an input.
 */
import { ArgumentRangeError, OverlappingMemoryError } from '@descent/core';

export function checkNoOverlap(fn: string, out: Float64Array, outCount: number, name: string, x: Float64Array, xCount: number): void {
  if (out.buffer !== x.buffer || outCount === 0 || xCount === 0) return;
  const outStart = out.byteOffset;
  const xStart = x.byteOffset;
  if (outStart < xStart + 8 * xCount && xStart < outStart + 8 * outCount) {
    throw new OverlappingMemoryError('out', name, `${fn}: out shares memory with ${name}, which it would overwrite while reading; pass a separate output array`);
  }
}

export function checkLength(fn: string, name: string, array: Float64Array, rows: number, cols: number): void {
  if (array.length < rows * cols) {
    throw new ArgumentRangeError(
      `${fn}: ${name} has ${array.length} elements but a ${rows}×${cols} matrix needs ${rows * cols}; ` +
        `pass an array of at least that length or fix the dimensions`,
    );
  }
}

export function checkDim(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new ArgumentRangeError(`${fn}: ${name} must be a non-negative integer, got ${value}`);
  }
}

export function checkDims(fn: string, m: number, k: number, n: number): void {
  checkDim(fn, 'm', m);
  checkDim(fn, 'k', k);
  checkDim(fn, 'n', n);
}

/**
 * The checks of out = a·b (a m×k, b k×n, out m×n): dimensions are
 * non-negative integers, arrays long enough, out overlaps neither a nor b.
 * @throws ArgumentRangeError / OverlappingMemoryError naming `fn` and the argument
 * @example
 * checkProduct('demo', new Float64Array(4), new Float64Array(4), new Float64Array(3), 2, 2, 2); // throws: b has 3 elements …
 */
export function checkProduct(fn: string, out: Float64Array, a: Float64Array, b: Float64Array, m: number, k: number, n: number): void {
  checkDims(fn, m, k, n);
  checkLength(fn, 'out', out, m, n);
  checkLength(fn, 'a', a, m, k);
  checkLength(fn, 'b', b, k, n);
  checkNoOverlap(fn, out, m * n, 'a', a, m * k);
  checkNoOverlap(fn, out, m * n, 'b', b, k * n);
}
