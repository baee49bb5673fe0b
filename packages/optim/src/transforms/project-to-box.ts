/**
 * projectToBox: turn the step into one that lands inside lower ≤ params ≤
 * upper, for bounded training with `train` or any update loop.
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError, InvalidArgumentError, type BoundValue } from '@descent/core';
import { stateless } from './define-transform.js';
import { nextAfter, roundingOf, type Rounding } from './stored-values.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertReadsParams } from './reads-params.js';
import { forEachRow, storageOf, type Storage } from '../tree/strided.js';
import { isNdArray } from '../tree/tree.js';

/** A bound after construction: a number, or the array's elements in row-major order with its shape. */
type Resolved = number | { readonly values: Float64Array; readonly shape: readonly number[] };

function describe(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'object' ? (Array.isArray(value) ? 'a plain array' : 'an object') : `${typeof value} ${String(value)}`;
}

function resolveValue(value: unknown, where: string, name: string): Resolved {
  if (typeof value === 'number') {
    if (Number.isNaN(value)) throw new ArgumentRangeError(`${where}: ${name} is NaN; a bound is a number (±Infinity for none) or an ndarray of them.`);
    return value;
  }
  if (!isNdArray(value)) throw new InvalidArgumentError(`${where}: ${name} must be a number or an ndarray with the params' shape, got ${describe(value)}.`);
  const values = new Float64Array(value.size);
  const index = new Array<number>(value.shape.length).fill(0);
  for (let k = 0; k < value.size; k++) {
    const x = value.get(...index) as number;
    if (typeof x !== 'number' || Number.isNaN(x)) throw new ArgumentRangeError(`${where}: ${name}[${index.join(', ')}] is ${String(x)}; every bound must be a number (±Infinity for none).`);
    values[k] = x;
    for (let axis = index.length - 1; axis >= 0; axis--) {
      index[axis]!++;
      if (index[axis]! < value.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return { values, shape: value.shape.slice() };
}

/** The bound of one key (null for single-array params): a record's entry, or the one bound for all. */
function boundOf(bound: Resolved | Record<string, Resolved>, key: string | null): Resolved {
  return key !== null && isRecordBound(bound) ? bound[key]! : (bound as Resolved);
}

function valueAt(b: Resolved, k: number): number {
  return typeof b === 'number' ? b : b.values[k]!;
}

function resolveBound(bound: unknown, where: string, name: string): Resolved | Record<string, Resolved> {
  if (typeof bound === 'number' || isNdArray(bound)) return resolveValue(bound, where, name);
  if (typeof bound !== 'object' || bound === null || Array.isArray(bound)) {
    throw new InvalidArgumentError(`${where}: ${name} must be a number, an ndarray, or a record of them with the params' keys, got ${describe(bound)}.`);
  }
  const out: Record<string, Resolved> = {};
  for (const key of Object.keys(bound)) out[key] = resolveValue((bound as Record<string, unknown>)[key], where, `${name}.${key}`);
  return out;
}

/** Throw unless lower ≤ upper everywhere both are given (same shapes where both are arrays). */
function checkOrder(lower: Resolved, upper: Resolved, where: string, key: string | null): void {
  const at = key === null ? '' : `.${key}`;
  const n = typeof lower === 'number' ? (typeof upper === 'number' ? 1 : upper.values.length) : lower.values.length;
  if (typeof lower !== 'number' && typeof upper !== 'number' && lower.shape.join() !== upper.shape.join()) {
    throw new InvalidArgumentError(`${where}: lower${at} has shape [${lower.shape.join(', ')}] but upper${at} has shape [${upper.shape.join(', ')}]; give both the params' shape.`);
  }
  for (let k = 0; k < n; k++) {
    const lo = valueAt(lower, k);
    const hi = valueAt(upper, k);
    if (lo > hi) throw new ArgumentRangeError(`${where}: lower${at} exceeds upper${at} (${lo} > ${hi}${n > 1 ? ` at element ${k}, row-major` : ''}); the box is empty.`);
  }
}

/** Throw unless the bound fits the array (a number, or an array of its shape). */
function checkFits(bound: Resolved, a: NdArray, where: string, name: string): void {
  if (typeof bound === 'number') return;
  if (bound.shape.length !== a.shape.length || bound.shape.some((n, axis) => n !== a.shape[axis])) {
    throw new InvalidArgumentError(`${where}: ${name} has shape [${bound.shape.join(', ')}] but the params have shape [${a.shape.join(', ')}]; give the bound the params' shape.`);
  }
}

/**
 * The stored update d that brings p as close as stored values allow to the
 * clamped target c: r = roundP(p + d) with lower ≤ r ≤ upper whenever one step
 * can reach the box. When p + (c − p) rounds out, d moves towards the box by
 * one unit of the updates' precision, or — for Float32 params, whose results
 * are coarser — by what moves r to the next float32, whichever is larger.
 */
function stepInto(p: number, c: number, lo: number, hi: number, roundU: Rounding, roundP: Rounding, singleU: boolean, singleP: boolean): number {
  let d = roundU(c - p);
  let r = roundP(p + d);
  if (r >= lo && r <= hi) return d;
  const first = d;
  for (let i = 0; i < 16 && r === r; i++) {
    const up = r < lo;
    let next = nextAfter(d, up, singleU);
    if (singleP) {
      const jump = roundU(nextAfter(r, up, true) - p);
      if (up ? jump > next : jump < next) next = jump;
    }
    d = next;
    r = roundP(p + d);
    if (r >= lo && r <= hi) return d;
  }
  return first;
}

function projectRow(
  u: Storage, uStart: number, uStride: number, p: Storage, pStart: number, pStride: number, length: number, k: number,
  lower: Resolved, upper: Resolved, roundU: Rounding, roundP: Rounding, singleU: boolean, singleP: boolean,
): void {
  for (let i = 0; i < length; i++) {
    const q = uStart + i * uStride;
    const x = p[pStart + i * pStride]!;
    const lo = valueAt(lower, k + i);
    const hi = valueAt(upper, k + i);
    const c = Math.min(Math.max(x + u[q]!, lo), hi); // NaN stays NaN: a bad step is not hidden
    u[q] = stepInto(x, c, lo, hi, roundU, roundP, singleU, singleP);
  }
}

function projectInto(u: NdArray, p: NdArray, lower: Resolved, upper: Resolved, where: string): void {
  const uData = storageOf(u, where);
  const pData = storageOf(p, where);
  const roundU = roundingOf(uData);
  const roundP = roundingOf(pData);
  const singleU = uData instanceof Float32Array;
  const singleP = pData instanceof Float32Array;
  forEachRow(u, p, (uStart, uStride, pStart, pStride, length, k) => {
    projectRow(uData, uStart, uStride, pData, pStart, pStride, length, k, lower, upper, roundU, roundP, singleU, singleP);
  });
}

function isRecordBound(b: Resolved | Record<string, Resolved>): b is Record<string, Resolved> {
  return typeof b !== 'number' && !('values' in b);
}

/** Throw unless the bounds fit the params: a record bound has exactly their keys, an array bound their shape. */
function checkBoundsFit(bound: Resolved | Record<string, Resolved>, params: Params, where: string, name: string): void {
  if (isRecordBound(bound)) {
    if (isNdArray(params)) throw new InvalidArgumentError(`${where}: ${name} is a record of bounds but the params are one NdArray; give one bound (a number or an ndarray).`);
    const keys = Object.keys(bound);
    for (const key of keys) if (!Object.hasOwn(params, key)) throw new InvalidArgumentError(`${where}: ${name} has key '${key}' but the params do not; give ${name} exactly the keys of the params.`);
    for (const key of Object.keys(params)) {
      if (!Object.hasOwn(bound, key)) throw new InvalidArgumentError(`${where}: the params have key '${key}' but ${name} does not; give ${name} exactly the keys of the params (±Infinity for none).`);
      checkFits(bound[key]!, params[key]!, where, `${name}.${key}`);
    }
    return;
  }
  if (typeof bound === 'number') return;
  if (!isNdArray(params)) throw new InvalidArgumentError(`${where}: ${name} is one ndarray but the params are a record; give a record with an ndarray (or a number) per key.`);
  checkFits(bound, params, where, name);
}

/**
 * Project the step onto the box lower ≤ params ≤ upper:
 *
 *   u ← clamp(params + u, lower, upper) − params
 *
 * so that `applyUpdates(params, u)` lands inside the box (a params element
 * that starts outside is brought back in). Put it last in a chain, after the
 * optimizer: `chain(adam({ lr }), projectToBox(0, 1))` is projected Adam.
 * The promise holds for the stored values: when p + (c − p) rounds outside
 * the box (p far from a bound, Float32 params or updates) the step is moved
 * an ulp at a time until the stored result is inside, whenever one additive
 * step can reach the box. A NaN step stays NaN (a loop such as `train` then
 * reports it); ±Infinity in the step is clamped like any other value.
 * Stateless (state `null`).
 * @param lower a number (−Infinity for none), an ndarray with the params' shape (any view, copied now), or a record
 *   of those per key of the params — core's `BoundValue`, as in its `bounds` option
 * @param upper likewise (Infinity for none)
 * @returns a stateless transform
 * @throws (at construction) InvalidArgumentError for a bound of another type; ArgumentRangeError for a NaN bound or
 *   lower > upper anywhere; (from update) InvalidArgumentError when the bounds do not fit the params' keys or shapes,
 *   OverlappingMemoryError when updates share memory with params
 * @example
 * import ndarray from 'ndarray';
 * import { applyUpdates, chain, projectToBox, sgd } from '@descent/optim';
 * const opt = chain(sgd({ lr: 1 }), projectToBox(0, 1));
 * const x = ndarray(new Float64Array([0.5, 0.5]));
 * const g = ndarray(new Float64Array([2, -0.25])); // sgd's step: [−2, 0.25]
 * opt.update(g, opt.init(x), x);
 * applyUpdates(x, g);
 * x; // → [0, 0.75] — the first step stopped at the lower bound
 */
export function projectToBox(lower: BoundValue, upper: BoundValue): CheckedTransformation<null, void> {
  const where = 'projectToBox';
  const lo = resolveBound(lower, where, 'lower');
  const hi = resolveBound(upper, where, 'upper');
  if (isRecordBound(lo) && isRecordBound(hi)) {
    const a = Object.keys(lo).sort().join(', ');
    const b = Object.keys(hi).sort().join(', ');
    if (a !== b) throw new InvalidArgumentError(`${where}: lower has the keys ${a} but upper has ${b}; give both the keys of the params.`);
  }
  const keys = isRecordBound(lo) ? Object.keys(lo) : isRecordBound(hi) ? Object.keys(hi) : [null];
  for (const key of keys) checkOrder(boundOf(lo, key), boundOf(hi, key), where, key);
  return stateless({
    name: where,
    check(updates: Params, params: Params) {
      assertReadsParams(updates, params, where);
      checkBoundsFit(lo, params, where, 'lower');
      checkBoundsFit(hi, params, where, 'upper');
    },
    apply(updates: Params, params: Params) {
      if (isNdArray(updates)) {
        projectInto(updates, params as NdArray, boundOf(lo, null), boundOf(hi, null), where);
        return;
      }
      const p = params as Readonly<Record<string, NdArray>>;
      for (const key of Object.keys(updates)) projectInto(updates[key]!, p[key]!, boundOf(lo, key), boundOf(hi, key), where);
    },
  });
}
