/**
 * The options of jacobian and their checks: the output count m from every
 * source that knows it, f(x) as a vector, the m×n destinations.
 */
import type { NdArray } from 'ndarray';
import { assertViewInBounds } from '../options/arguments.js';
import type { SparsityInput, SparsityPattern } from './column-groups.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { assertNoOverlap, assertNoSelfOverlap } from '../memory/memory.js';
import type { GradientOptions } from '../options/options.js';
import { floatPrecisionOf, isNdArray, sizeOf, type FloatStorage } from '../memory/strided.js';
import { assertNotFrozen } from '../memory/frozen.js';

/** Options of jacobian: the shared ones (but progress reports) plus the output count, a sparsity pattern, a known f(x) and Richardson's error destination. */
export interface JacobianOptions extends Omit<GradientOptions, 'f0'> {
  /**
   * m, the number of outputs. Known up front, f may write its outputs into
   * its second argument from the first call (no allocation per call);
   * otherwise f must return them (m is taken from the first call). Also
   * known from jacobianInto's destination, an ndarray `sparsity` or `f0`.
   * @default undefined
   */
  outputs?: number;
  /**
   * Which outputs may depend on which inputs: an m×n ndarray (nonzero = may
   * depend), a list of [row, column] pairs (needs m known), or a pattern
   * prepared once by sparsityPattern (best when called repeatedly).
   * Columns sharing no row are perturbed together: a banded Jacobian of
   * bandwidth b costs 2b calls (central) whatever n. Entries outside the
   * pattern are 0 in the result.
   * @default undefined (dense: every column alone)
   */
  sparsity?: SparsityPattern | SparsityInput;
  /**
   * f(x) when known (an ndarray or array of m numbers): one-sided schemes
   * then make no call at x.
   * @default undefined
   */
  f0?: NdArray | ArrayLike<number>;
  /**
   * With scheme 'richardson': write each entry's estimated absolute error
   * here (an m×n ndarray, its own memory). Refused with the other schemes,
   * which do not estimate their error.
   * @default undefined (the estimates are not kept)
   */
  error?: NdArray;
}

/** The m outputs f0 holds, as a Float64Array, checked finite. */
export function centerOf(f0: unknown, where: string): Float64Array | undefined {
  if (f0 === undefined) return undefined;
  const list: ArrayLike<unknown> | undefined = isNdArray(f0) ? Array.from({ length: sizeOf(f0.shape) }, (_, k) => elementAt(f0, k)) : Array.isArray(f0) || ArrayBuffer.isView(f0) ? (f0 as ArrayLike<unknown>) : undefined;
  if (list === undefined) throw new InvalidArgumentError(`${where}: f0 must be f(x) as an ndarray or an array of numbers (got ${describe(f0)}).`);
  const values = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number') throw new InvalidArgumentError(`${where}: f0[${i}] is ${describe(v)}, not a number.`);
    if (v - v !== 0) throw new ArgumentRangeError(`${where}: f0[${i}] is ${v}; f0 is f at the unperturbed x and must be finite.`);
    values[i] = v;
  }
  return values;
}

/** Element k (row-major) of a view. */
function elementAt(a: NdArray, k: number): unknown {
  let p = a.offset;
  for (let axis = a.shape.length - 1; axis >= 0; axis--) {
    p += (k % a.shape[axis]!) * a.stride[axis]!;
    k = Math.floor(k / a.shape[axis]!);
  }
  return (a.data as ArrayLike<unknown>)[p];
}

/** Agree on m from every source that knows it; −1 when none does. */
export function agreeOnM(sources: [string, number | undefined][], where: string): number {
  let m = -1;
  let from = '';
  for (const [name, value] of sources) {
    if (value === undefined) continue;
    if (m >= 0 && value !== m) throw new ArgumentRangeError(`${where}: ${name} says ${value} outputs but ${from} says ${m}.`);
    [m, from] = [value, name];
  }
  return m;
}

/** A destination m×n (`name`: out, options.error): float, inside its data, its own memory, no byte of x. */
export function checkMatrix(out: unknown, x: NdArray, n: number, where: string, name: string): NdArray {
  floatPrecisionOf(out, where, name);
  const o = out as NdArray;
  assertNotFrozen(o, where, name, 'the results are written into it');
  if (o.shape.length !== 2 || o.shape[1] !== n) {
    throw new ArgumentRangeError(`${where}: ${name} has shape [${o.shape.join(',')}] but the Jacobian is m×${n} (outputs × elements of x); allocate ndarray(new Float64Array(m * ${n}), [m, ${n}]).`);
  }
  assertViewInBounds(o, where, name);
  assertNoSelfOverlap(o, where, name, 'output');
  assertNoOverlap(o, name, x, 'x', where);
  return o;
}

/** The error destination of scheme 'richardson' (refused with another scheme), checked like out and against it. */
export function checkErrorMatrix(error: unknown, x: NdArray, n: number, scheme: string, out: NdArray | undefined, where: string): NdArray | undefined {
  if (error === undefined) return undefined;
  if (scheme !== 'richardson') {
    throw new ArgumentRangeError(
      `${where}: options.error needs scheme: 'richardson' (the only scheme that estimates its error; got '${scheme}'); pass scheme: 'richardson' or leave options.error out.`,
    );
  }
  const e = checkMatrix(error, x, n, where, 'options.error');
  if (out !== undefined) assertNoOverlap(e, 'options.error', out, 'out', where);
  return e;
}

/** Zero an m×n view (a sparse Jacobian's entries outside the pattern). */
export function zero(a: NdArray): void {
  const data = a.data as FloatStorage;
  for (let i = 0; i < a.shape[0]!; i++) for (let j = 0; j < a.shape[1]!; j++) data[a.offset + i * a.stride[0]! + j * a.stride[1]!] = 0;
}
