/**
 * The `bounds` option: a box [lower, upper] the nodes never leave. Next to a
 * bound the stencil turns one-sided with the same order (scipy's
 * _adjust_scheme_to_bounds); where neither side has room for the step, the
 * step shrinks to the side with more room. Exported for jacobian and the
 * other routines of the package (internal module).
 */
import type { NdArray } from 'ndarray';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError } from '../errors/error-classes.js';
import { oneSided, type Stencil } from './stencil.js';
import type { Bounds } from '../options/options.js';
import type { FixedScheme } from './step.js';
import { gather } from '../memory/strided.js';
import { formatIndex, isNdArray, nextRow, rowStart, sizeOf, type FloatStorage } from '../memory/strided.js';

/** One side of an array's box: a number for every coordinate, or an ndarray of the array's shape. */
export type Bound = number | NdArray;

/** The box of one array, validated. */
export interface ArrayBounds {
  lower: Bound;
  upper: Bound;
}

/**
 * The box of array `x` from the bounds option: each side a number, an
 * ndarray of x's shape, or (named form, `key` given) a record entry by
 * parameter name (absent: unbounded). Checked before f runs: every bound a
 * number (not NaN), lower < upper, and x inside [lower, upper] — each failure
 * an error naming the coordinate.
 *
 * @param label - x's name in messages (`x`, `params.W1`); `key` is its name in records
 * @returns the box, or undefined when x is unbounded
 * @throws InvalidArgumentError for a bound of the wrong type or shape; ArgumentRangeError for x outside its box, lower ≥ upper or a NaN bound
 */
export function resolveBounds(bounds: Bounds | undefined, x: NdArray, where: string, label: string, key?: string): ArrayBounds | undefined {
  if (bounds === undefined) return undefined;
  const lower = pick(bounds.lower, -Infinity, x, where, label, 'lower', key);
  const upper = pick(bounds.upper, Infinity, x, where, label, 'upper', key);
  if (lower === -Infinity && upper === Infinity) return undefined;
  checkInside(x, lower, upper, where, label);
  return { lower, upper };
}

/** A box per element, in row-major order of x's elements (the order of a Perturbation). */
export interface ElementBounds {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/**
 * The box of every element of an array of n elements, row-major (for the
 * routines that move several elements at once); undefined when unbounded.
 */
export function elementBounds(box: ArrayBounds | undefined, n: number): ElementBounds | undefined {
  if (box === undefined) return undefined;
  const side = (b: Bound): Float64Array => (typeof b === 'number' ? new Float64Array(n).fill(b) : gather(b));
  return { lower: side(box.lower), upper: side(box.upper) };
}

/**
 * The box of a scalar x (numericalDiff, derivative): lower and upper numbers.
 * @returns [lo, hi] (±Infinity where absent)
 * @throws InvalidArgumentError for a non-number bound; ArgumentRangeError for NaN, lower ≥ upper or x outside
 */
export function scalarBounds(bounds: Bounds | undefined, x: number, where: string): [number, number] {
  if (bounds === undefined) return [-Infinity, Infinity];
  const side = (value: unknown, name: string, none: number): number => {
    if (value === undefined) return none;
    if (typeof value !== 'number') throw new InvalidArgumentError(`${where}: bounds.${name} must be a number for a scalar x (got ${describe(value)}).`);
    if (value !== value) throw new ArgumentRangeError(`${where}: bounds.${name} is NaN; use ${none} for no bound.`);
    return value;
  };
  const lo = side(bounds.lower, 'lower', -Infinity);
  const hi = side(bounds.upper, 'upper', Infinity);
  if (!(lo < hi)) throw new ArgumentRangeError(`${where}: bounds are lower ${lo} ≥ upper ${hi}: no room for a step; give lower < upper.`);
  if (!(lo <= x && x <= hi)) throw new ArgumentRangeError(`${where}: x = ${x} is outside its bounds [${lo}, ${hi}]; start inside the box (f was not called).`);
  return [lo, hi];
}

function pick(value: unknown, none: number, x: NdArray, where: string, label: string, side: 'lower' | 'upper', key: string | undefined): Bound {
  let bound = value;
  let name = `bounds.${side}`;
  if (bound !== undefined && typeof bound === 'object' && bound !== null && !isNdArray(bound)) {
    if (key === undefined) {
      throw new InvalidArgumentError(`${where}: ${name} must be a number or an ndarray of ${label}'s shape (got ${describe(bound)}); records by name are for numericalGradients.`);
    }
    bound = (bound as Record<string, unknown>)[key];
    name = `${name}.${key}`;
  }
  if (bound === undefined) return none;
  if (typeof bound === 'number') {
    if (bound !== bound) throw new ArgumentRangeError(`${where}: ${name} is NaN; use ${none} for no bound.`);
    return bound;
  }
  if (!isNdArray(bound)) throw new InvalidArgumentError(`${where}: ${name} must be a number or an ndarray of ${label}'s shape (got ${describe(bound)}).`);
  if (bound.shape.length !== x.shape.length || bound.shape.some((n, axis) => n !== x.shape[axis])) {
    throw new ArgumentRangeError(`${where}: ${name} has shape [${bound.shape.join(',')}] but ${label} has shape [${x.shape.join(',')}]; pass a number or an ndarray of ${label}'s shape.`);
  }
  return bound;
}

/** Every coordinate inside its box: bounds are numbers (not NaN), lower < upper, lower ≤ x ≤ upper. */
function checkInside(x: NdArray, lower: Bound, upper: Bound, where: string, label: string): void {
  if (sizeOf(x.shape) === 0) return;
  const rank = x.shape.length;
  const index = new Int32Array(rank);
  const rowLength = rank === 0 ? 1 : x.shape[rank - 1]!;
  const cursor = new BoundCursor(lower, upper);
  const data = x.data as FloatStorage;
  const step = rank === 0 ? 0 : x.stride[rank - 1]!;
  do {
    let p = rowStart(index, x.stride, x.offset);
    cursor.row(index);
    for (let i = 0; i < rowLength; i++, p += step, cursor.next()) {
      const lo = cursor.lo();
      const hi = cursor.hi();
      const v = data[p]!;
      if (typeof lo !== 'number' || lo !== lo || typeof hi !== 'number' || hi !== hi) {
        const bad = typeof lo !== 'number' || lo !== lo ? lo : hi;
        throw new ArgumentRangeError(`${where}: the bound of ${formatIndex(label, index, i)} is ${describe(bad)}; bounds must be numbers (±Infinity for none).`);
      }
      if (!(lo < hi)) {
        throw new ArgumentRangeError(
          `${where}: bounds of ${formatIndex(label, index, i)} are lower ${lo} ≥ upper ${hi}: no room for a step; give each coordinate lower < upper.`,
        );
      }
      if (!(lo <= v && v <= hi)) {
        throw new ArgumentRangeError(
          `${where}: ${formatIndex(label, index, i)} = ${v} is outside its bounds [${lo}, ${hi}]; start inside the box (f was not called).`,
        );
      }
    }
  } while (rank > 1 && nextRow(index, x.shape));
}

/**
 * Reads lower[i], upper[i] element by element alongside a view's odometer
 * (row(index) at the start of each row, next() after each element).
 */
export class BoundCursor {
  private readonly lowerData: FloatStorage | undefined;
  private readonly upperData: FloatStorage | undefined;
  private pl = 0;
  private pu = 0;
  private readonly lStep: number;
  private readonly uStep: number;

  constructor(
    private readonly lower: Bound,
    private readonly upper: Bound,
  ) {
    this.lowerData = typeof lower === 'number' ? undefined : (lower.data as FloatStorage);
    this.upperData = typeof upper === 'number' ? undefined : (upper.data as FloatStorage);
    this.lStep = typeof lower === 'number' || lower.shape.length === 0 ? 0 : lower.stride[lower.shape.length - 1]!;
    this.uStep = typeof upper === 'number' || upper.shape.length === 0 ? 0 : upper.stride[upper.shape.length - 1]!;
  }

  /** Position at the start of the row of `index`. */
  row(index: Int32Array): void {
    if (typeof this.lower !== 'number') this.pl = rowStart(index, this.lower.stride, this.lower.offset);
    if (typeof this.upper !== 'number') this.pu = rowStart(index, this.upper.stride, this.upper.offset);
  }

  /** Advance to the next element of the row. */
  next(): void {
    this.pl += this.lStep;
    this.pu += this.uStep;
  }

  /** The lower bound of the current element. */
  lo(): number {
    return this.lowerData === undefined ? (this.lower as number) : this.lowerData[this.pl]!;
  }

  /** The upper bound of the current element. */
  hi(): number {
    return this.upperData === undefined ? (this.upper as number) : this.upperData[this.pu]!;
  }
}

/** What fitToBounds chose: the stencil and its step. */
export interface Fit {
  stencil: Stencil;
  h: number;
}

/**
 * The stencil and step for coordinate x in [lo, hi] (scipy's
 * _adjust_scheme_to_bounds): the scheme's own when all its nodes x + t·h
 * stay in the box; else the one-sided formula of the same order toward the
 * side with room (upward when the lower bound is in the way, downward for the
 * upper); else, with room for neither, that formula toward the larger side
 * with the step shrunk to fit — unless (central, five-point) that step would
 * be no longer than the one the symmetric formula fits on the narrower side:
 * then the symmetric formula with that step (scipy's "adjusted central").
 * Nodes are checked as stored (float32 rounds).
 *
 * @param fit - written with the result (no allocation)
 * @example
 * const fit = { stencil: STENCILS.central, h: 0 };
 * fitToBounds(fit, 'central', STENCILS.central, 0, 1e-3, 0, 1, false); // x = 0 sits on the lower bound
 * fit.stencil.name; // → 'central, one-sided above'
 * fit.h; // → 0.001
 */
export function fitToBounds(fit: Fit, scheme: FixedScheme, s: Stencil, x: number, h: number, lo: number, hi: number, float32: boolean): Fit {
  fit.stencil = s;
  fit.h = h;
  if (inside(s, x, h, lo, hi, float32)) return fit;
  const preferUp = x - lo >= hi - x ? false : true; // toward the side with more room
  const first = oneSided(scheme, lowBlocked(s, x, h, lo, float32) ? 1 : highBlocked(s, x, h, hi, float32) ? -1 : preferUp ? 1 : -1);
  if (first !== s && inside(first, x, h, lo, hi, float32)) {
    fit.stencil = first;
    return fit;
  }
  const other = oneSided(scheme, first.offsets[0]! > 0 ? -1 : 1);
  if (other !== s && inside(other, x, h, lo, hi, float32)) {
    fit.stencil = other;
    return fit;
  }
  const toward = oneSided(scheme, preferUp ? 1 : -1);
  const shrunk = shrunkStep(toward, x, preferUp ? hi - x : x - lo, lo, hi, float32);
  if (scheme === 'central' || scheme === 'five-point') {
    // scipy's adjusted central: when the one-sided step would be no longer than what the symmetric formula
    // fits on the narrower side, keep the symmetric one (smaller error constant, far less rounding)
    const symmetric = shrunkStep(s, x, Math.min(hi - x, x - lo), lo, hi, float32);
    if (symmetric > 0 && shrunk <= symmetric && inside(s, x, symmetric, lo, hi, float32)) {
      fit.h = symmetric;
      return fit;
    }
  }
  fit.stencil = toward;
  fit.h = shrunk;
  return fit;
}

/** The step that puts the farthest node of s at `room` from x, pulled in until every stored node is in [lo, hi]. */
function shrunkStep(s: Stencil, x: number, room: number, lo: number, hi: number, float32: boolean): number {
  let reach = 0;
  for (const t of s.offsets) reach = Math.max(reach, Math.abs(t));
  let shrunk = room / reach;
  for (let k = 0; k < 20 && !inside(s, x, shrunk, lo, hi, float32); k++) shrunk *= 1 - 2 ** (k - 20); // rounding put a node outside: pull in
  return shrunk;
}

/**
 * A stored node moved into [lo, hi] (rounding to float32 can carry x + t·h
 * past a bound that float32 cannot represent): the nearest storable value
 * inside, toward x.
 */
export function intoBox(node: number, lo: number, hi: number, float32: boolean): number {
  if (node > hi) node = float32 ? float32Below(hi) : hi;
  if (node < lo) node = float32 ? -float32Below(-lo) : lo;
  return node;
}

const F32 = new Float32Array(1);
const I32 = new Int32Array(F32.buffer);

/** The largest float32 ≤ v. */
function float32Below(v: number): number {
  F32[0] = v;
  if (F32[0]! <= v) return F32[0]!;
  // rounded up: step one float32 toward −Infinity
  if (F32[0]! > 0) I32[0] = I32[0]! - 1;
  else if (F32[0]! < 0) I32[0] = I32[0]! + 1;
  else F32[0] = -(2 ** -149);
  return F32[0]!;
}

function node(x: number, t: number, h: number, float32: boolean): number {
  const v = x + t * h;
  return float32 ? Math.fround(v) : v;
}

/** Every stored node of s in [lo, hi] and finite. */
function inside(s: Stencil, x: number, h: number, lo: number, hi: number, float32: boolean): boolean {
  for (const t of s.offsets) {
    const v = node(x, t, h, float32);
    if (!(v >= lo && v <= hi) || v - v !== 0) return false;
  }
  return true;
}

function lowBlocked(s: Stencil, x: number, h: number, lo: number, float32: boolean): boolean {
  return s.offsets.some((t) => t < 0 && !(node(x, t, h, float32) >= lo));
}

function highBlocked(s: Stencil, x: number, h: number, hi: number, float32: boolean): boolean {
  return s.offsets.some((t) => t > 0 && !(node(x, t, h, float32) <= hi));
}
