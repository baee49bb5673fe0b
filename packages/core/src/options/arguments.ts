/**
 * What may be differentiated and where a gradient may go, checked before f is
 * first called: f is a function; each array is a float ndarray that stays
 * inside its storage, whose distinct elements do not share memory (nor with
 * another parameter), and whose elements are all finite numbers; each
 * destination has the right shape, its own memory and overlaps no input.
 */
import type { NdArray } from 'ndarray';
import { AliasedMemoryError, ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { describe } from '../errors/describe.js';
import { assertNoProtoKey } from './proto-key.js';
import { assertNotFrozen } from '../memory/frozen.js';
import { nonFiniteCoordinateError } from '../kernel/errors.js';
import { Geometry, GeometryList } from '../memory/geometry-memo.js';
import { assertNoOverlap, assertNoSelfOverlap, sharesMemory } from '../memory/memory.js';
import type { Precision } from '../kernel/step.js';
import { floatPrecisionOf, formatIndex, isNdArray, nextRow, rowStart, sizeOf } from '../memory/strided.js';

/** @throws InvalidArgumentError when f is not a function */
export function assertFunction(f: unknown, where: string, signature: string): void {
  if (typeof f !== 'function') throw new InvalidArgumentError(`${where}: f must be a function ${signature} (got ${describe(f)}).`);
}

/**
 * Every element of the view lies inside its data (a malformed offset, shape
 * or stride would read or write elsewhere): the check of every array core
 * reads or writes — points, destinations, directions.
 * @throws ArgumentRangeError naming the element reached
 */
export function assertViewInBounds(a: NdArray, where: string, name: string): void {
  let low = a.offset;
  let high = a.offset;
  for (let k = 0; k < a.shape.length; k++) {
    if (a.shape[k] === 0) return;
    const reach = a.stride[k]! * (a.shape[k]! - 1);
    if (reach < 0) low += reach;
    else high += reach;
  }
  const length = (a.data as ArrayLike<unknown>).length;
  if (!(Number.isInteger(low) && Number.isInteger(high) && low >= 0 && high < length)) {
    throw new ArgumentRangeError(
      `${where}: ${name} (shape [${a.shape.join(',')}], strides [${a.stride.join(',')}], offset ${a.offset}) reaches data[${low < 0 ? low : high}], ` +
        `outside its data of length ${length}; build the view with ndarray's own methods (transpose, hi, lo, step, pick).`,
    );
  }
}

/**
 * An array f will be differentiated on: a float ndarray inside its storage
 * whose distinct elements have distinct memory, not over a frozen Array
 * (unless the caller works on copies of it).
 * @param label - the name in validation messages (`x`, `params.W1`)
 * @returns its precision
 * @throws InvalidArgumentError, ArgumentRangeError, AliasedMemoryError
 */
export function checkPoint(x: unknown, where: string, label: string): Precision {
  const precision = floatPrecisionOf(x, where, label);
  const a = x as NdArray;
  if (!COPYING.has(where)) assertNotFrozen(a, where, label, `${label} is perturbed in place (and restored) to take the differences`);
  if (POINT.matches(a, undefined)) return precision; // the view checked last time, unchanged: in bounds and alias-free
  assertViewInBounds(a, where, label);
  assertNoSelfOverlap(a, where, label);
  POINT.remember(a, undefined);
  return precision;
}

/** The functions that differentiate private copies and never write the caller's point (so it may be frozen). */
const COPYING: ReadonlySet<string> = new Set(['numericalGradientAsync', 'numericalGradientsAsync']);

const POINT = new Geometry();
const DESTINATION = new Geometry();
const PARAMS = new GeometryList();
const DESTINATIONS = new GeometryList();

/**
 * A destination for the gradient of `x`: a float ndarray of x's shape inside
 * its storage, not aliasing itself (a stride-0 out would keep only the last
 * element written) and sharing no memory with x.
 * @throws InvalidArgumentError, ArgumentRangeError, AliasedMemoryError, OverlappingMemoryError
 */
export function checkDestination(out: unknown, x: NdArray, where: string, outName: string, xName: string): asserts out is NdArray {
  floatPrecisionOf(out, where, outName);
  const o = out as NdArray;
  assertNotFrozen(o, where, outName, 'the results are written into it');
  if (DESTINATION.matches(o, x)) return; // checked last time against this x, nothing changed
  if (!sameShape(o.shape, x.shape)) {
    throw new ArgumentRangeError(
      `${where}: ${outName} has shape [${o.shape.join(',')}] but ${xName} has shape [${x.shape.join(',')}]; ` +
        `allocate it with ndarray(new Float64Array(${sizeOf(x.shape)}), [${x.shape.join(',')}]).`,
    );
  }
  assertViewInBounds(o, where, outName);
  assertNoSelfOverlap(o, where, outName, 'output');
  assertNoOverlap(o, outName, x, xName, where);
  DESTINATION.remember(o, x);
}

/**
 * A destination for the error estimates of scheme 'richardson': checked like
 * a gradient destination; refused with another scheme (no estimate exists).
 * @throws ArgumentRangeError when the scheme is not 'richardson'; the errors of checkDestination
 */
export function checkErrorDestination(error: unknown, x: NdArray, scheme: string, where: string, errorName: string, xName: string): asserts error is NdArray {
  if (scheme !== 'richardson') {
    throw new ArgumentRangeError(
      `${where}: ${errorName} needs scheme: 'richardson' (the only scheme that estimates its error; got '${scheme}'); pass scheme: 'richardson' or leave ${errorName} out.`,
    );
  }
  checkDestination(error, x, where, errorName, xName);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let axis = 0; axis < a.length; axis++) if (a[axis] !== b[axis]) return false;
  return true;
}

/**
 * Every element of x is a finite number: a plain array holding '3', null,
 * true, undefined or 3n is refused (naming the index and the value), and so is
 * a NaN or ±Infinity element (naming the coordinate), before f is called.
 * @param name - the coordinate prefix (`x`, `W1`)
 * @throws InvalidArgumentError for a non-number, NonFiniteCoordinateError for NaN/±Infinity
 */
export function assertElementsFinite(x: NdArray, where: string, name: string): void {
  const shape = x.shape;
  const rank = shape.length;
  if (sizeOf(shape) === 0) return;
  const data = x.data as ArrayLike<unknown>;
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const step = rank === 0 ? 0 : x.stride[rank - 1]!;
  const index = rank <= 1 ? NO_INDEX[rank]! : new Int32Array(rank);
  do {
    let p = rowStart(index, x.stride, x.offset);
    for (let i = 0; i < rowLength; i++, p += step) {
      const v = data[p];
      if (typeof v !== 'number') {
        throw new InvalidArgumentError(
          `${where}: ${formatIndex(name, index, i)} is ${describe(v)}, not a number; every element of ${name} must be a number ` +
            `(plain-array data is not converted, and f was not called). Store numbers, e.g. ndarray(Float64Array.from(data, Number), shape) ` +
            `once you know where the ${typeof v} came from.`,
        );
      }
      if (v - v !== 0) throw nonFiniteCoordinateError(where, formatIndex(name, index, i), v);
    }
  } while (rank > 1 && nextRow(index, shape));
}

/** Multi-indices of rank 0 and 1 views, shared: the odometer never advances them (nextRow runs for rank > 1 only). */
const NO_INDEX = [new Int32Array(0), new Int32Array(1)];

/** The record form: each value is an object (checked further by checkParams). */
function assertRecord(value: unknown, where: string, name: string, like: string): asserts value is Record<string, unknown> {
  let ok = typeof value === 'object' && value !== null && !Array.isArray(value);
  if (ok) {
    for (const key in value as object) {
      const v: unknown = (value as Record<string, unknown>)[key];
      if (Object.prototype.hasOwnProperty.call(value, key) && (typeof v !== 'object' || v === null)) ok = false;
    }
  }
  if (!ok) {
    throw new InvalidArgumentError(`${where}: ${name} must be a record of ndarrays like ${like} (got ${describe(value)}); make each with ndarray(new Float64Array([...]), shape).`);
  }
  assertNoProtoKey(value as object, where, name);
}

/**
 * Named parameters: a record of arrays each passing checkPoint, no two of
 * which share memory — perturbing an element of one would move the other, so
 * neither partial derivative would be defined (the same silent wrong result
 * as a self-aliasing view).
 * @returns the keys in order and each parameter's precision
 * @throws InvalidArgumentError, ArgumentRangeError, AliasedMemoryError (with `other` for two arrays)
 */
export function checkParams(params: unknown, where: string): { keys: string[]; precisions: Precision[] } {
  assertRecord(params, where, 'params', '{ W1, b1 }');
  const keys = Object.keys(params);
  const precisions: Precision[] = [];
  const views: NdArray[] = [];
  for (const key of keys) {
    precisions.push(floatPrecisionOf(params[key], where, `params.${key}`));
    views.push(params[key] as NdArray);
  }
  if (PARAMS.matches(views)) return { keys, precisions }; // the arrays checked last time, unchanged
  for (const key of keys) checkPoint(params[key], where, `params.${key}`);
  for (let a = 0; a < keys.length; a++) {
    for (let b = a + 1; b < keys.length; b++) {
      if (sharesMemory(params[keys[a]!] as NdArray, params[keys[b]!] as NdArray)) {
        const [first, second] = [`params.${keys[a]}`, `params.${keys[b]}`];
        throw new AliasedMemoryError(
          second,
          [],
          `${where}: ${second} shares memory with ${first}, so perturbing an element of one moves the other and neither partial derivative is defined. ` +
            `Pass each array once (tie shared weights inside the loss), or give ${second} its own copy: ndarray(Float64Array.from(...), shape).`,
          first,
        );
      }
    }
  }
  PARAMS.remember(views);
  return { keys, precisions };
}

/**
 * Destinations for the named form: the keys of params, each passing
 * checkDestination against its parameter, none overlapping another parameter
 * (both directions: every out against every param) or another destination.
 * @throws InvalidArgumentError, ArgumentRangeError, AliasedMemoryError, OverlappingMemoryError
 */
export function checkDestinations(out: unknown, params: Record<string, NdArray>, keys: readonly string[], where: string, outName: string): asserts out is Record<string, NdArray> {
  if (typeof out !== 'object' || out === null || Array.isArray(out)) {
    throw new InvalidArgumentError(`${where}: ${outName} must be a record of ndarrays with the keys of params (got ${describe(out)}).`);
  }
  const record = out as Record<string, unknown>;
  assertNoProtoKey(record, where, outName);
  const outKeys = Object.keys(record);
  let same = outKeys.length === keys.length;
  for (let k = 0; k < keys.length && same; k++) same = Object.hasOwn(record, keys[k]!);
  const missing = same ? [] : keys.filter((key) => !Object.hasOwn(record, key));
  const extra = same ? [] : outKeys.filter((key) => !keys.includes(key));
  if (same) {
    const views: NdArray[] = [];
    for (const key of keys) views.push(params[key]!, record[key] as NdArray);
    if (views.every(isNdArray) && DESTINATIONS.matches(views)) return; // checked last time against these params, unchanged
  }
  if (missing.length > 0 || extra.length > 0) {
    throw new ArgumentRangeError(
      `${where}: ${outName} has keys [${outKeys.join(', ')}] but params has [${keys.join(', ')}]` +
        `${missing.length > 0 ? `; missing: ${missing.join(', ')}` : ''}${extra.length > 0 ? `; unexpected: ${extra.join(', ')}` : ''}.`,
    );
  }
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    checkDestination(record[key], params[key]!, where, `${outName}.${key}`, `params.${key}`);
    const o = record[key] as NdArray;
    for (const other of keys) if (other !== key) assertNoOverlap(o, `${outName}.${key}`, params[other]!, `params.${other}`, where);
    for (let j = 0; j < k; j++) assertNoOverlap(o, `${outName}.${key}`, record[keys[j]!] as NdArray, `${outName}.${keys[j]}`, where);
  }
  const views: NdArray[] = [];
  for (const key of keys) views.push(params[key]!, record[key] as NdArray);
  DESTINATIONS.remember(views);
}
