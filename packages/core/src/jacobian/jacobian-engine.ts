/**
 * The Jacobian loop: per group of structurally independent columns (one
 * column per group when dense), move every member to its k-th node of the
 * stencil at once, evaluate the vector function, restore the members, then
 * take each member's quotient row by row — the nodes as stored, the same
 * stencil table, step and placement rules as the gradient.
 */
import type { NdArray } from 'ndarray';
import { changedSinceCheckError, wroteToPerturbedError } from '../kernel/errors.js';
import { fitToBounds, type ElementBounds, type Fit } from '../kernel/bounds.js';
import { placeInBox, placementError } from '../kernel/coordinate.js';
import { INWARD, VANISHED } from '../kernel/nodes.js';
import type { ResolvedGradientOptions } from '../options/options.js';
import { elementName, findChanged, type Perturbation } from '../directional/perturb-along.js';
import { STENCILS, nominalSlope, storedSlope, type Stencil } from '../kernel/stencil.js';
import { autoStep, autoStepBase, epsilonOf, type DifferenceScheme, type Precision } from '../kernel/step.js';
import type { FloatStorage } from '../memory/strided.js';
import { outputBuffer, vectorAt, type OutputBuffer, type VectorCalls } from './vector-call.js';

/** Columns by group: the members of group g are members[start[g] … start[g+1]). */
export interface ColumnGroups {
  readonly count: number;
  readonly start: Uint32Array;
  readonly members: Uint32Array;
  /** Rows of column j (CSC), or undefined for every row. */
  readonly columnStart: Uint32Array | undefined;
  readonly rowIndex: Uint32Array | undefined;
}

/** Each column alone (the dense Jacobian). */
export function singleColumns(n: number): ColumnGroups {
  const start = new Uint32Array(n + 1);
  for (let j = 0; j <= n; j++) start[j] = j;
  return { count: n, start, members: start.subarray(0, n), columnStart: undefined, rowIndex: undefined };
}

/** Columns grouped by a colouring (counting sort of groupOf). */
export function groupedColumns(groupOf: Uint32Array, groupCount: number, columnStart: Uint32Array, rowIndex: Uint32Array): ColumnGroups {
  const start = new Uint32Array(groupCount + 1);
  for (let j = 0; j < groupOf.length; j++) start[groupOf[j]! + 1] = start[groupOf[j]! + 1]! + 1;
  for (let g = 0; g < groupCount; g++) start[g + 1] = start[g + 1]! + start[g]!;
  const members = new Uint32Array(groupOf.length);
  const fill = start.slice(0, groupCount);
  for (let j = 0; j < groupOf.length; j++) {
    const g = groupOf[j]!;
    members[fill[g]!] = j;
    fill[g] = fill[g]! + 1;
  }
  return { count: groupCount, start, members, columnStart, rowIndex };
}

/** Per element: the stencil (the scheme's, or one-sided next to a bound), its step, its nodes as stored (4 slots each), placeNodes' status. */
interface Placement {
  stencils: Stencil[];
  h: Float64Array;
  nodes: Float64Array;
  status: Uint8Array;
  /** Some stencil uses f(x). */
  center: boolean;
}

const FIT: Fit = { stencil: STENCILS.central, h: 0 };

/**
 * Place every element's nodes up front — inside its box when bounded (the
 * stencil fitted as numericalGradient fits it: one-sided of the same order
 * next to a bound, the step shrunk where neither side has room); an unusable
 * placement is an error before f is first called.
 */
function placeAll(p: Perturbation, options: ResolvedGradientOptions, precision: Precision, box: ElementBounds | undefined, name: string, where: string): Placement {
  const scheme = options.scheme as DifferenceScheme; // 'richardson' has its own loop
  const own = STENCILS[scheme];
  const auto = options.h === 'auto';
  const base = autoStepBase(scheme, epsilonOf(precision));
  const checkStep = options.stepUnderflow === 'throw' || auto;
  const nominal = options.quotient === 'nominal';
  const stencils: Stencil[] = new Array<Stencil>(p.size);
  const h = new Float64Array(p.size);
  const nodes = new Float64Array(4 * p.size);
  const status = new Uint8Array(p.size);
  const scratch = new Float64Array(8);
  let center = own.center;
  for (let j = 0; j < p.size; j++) {
    const x = p.saved[j]!;
    let s = own;
    let hj = auto ? autoStep(x, base, p.float32) : (options.h as number);
    const lo = box === undefined ? -Infinity : box.lower[j]!;
    const hi = box === undefined ? Infinity : box.upper[j]!;
    if (lo > -Infinity || hi < Infinity) {
      fitToBounds(FIT, scheme, own, x, hj, lo, hi, p.float32);
      s = FIT.stencil;
      hj = FIT.h;
      center ||= s.center;
    }
    const placed = placeInBox(scratch, x, hj, s, p.float32, lo, hi);
    if (placed !== 0) {
      const error = placementError(placed, where, elementName(name, p.shape, j), hj, x, precision, s, nominal, auto, checkStep);
      if (error !== undefined) throw error;
    }
    stencils[j] = s;
    h[j] = hj;
    status[j] = placed;
    for (let k = 0; k < 4; k++) nodes[4 * j + k] = scratch[k]!;
  }
  return { stencils, h, nodes, status, center };
}

/** Where x stands during a group's k-th evaluation, for messages. */
function describeGroup(p: Perturbation, placement: Placement, groups: ColumnGroups, g: number, k: number, name: string): string {
  const first = groups.members[groups.start[g]!]!;
  const size = groups.start[g + 1]! - groups.start[g]!;
  const head = `${elementName(name, p.shape, first)} was perturbed to ${placement.nodes[4 * first + k]}`;
  return size === 1 ? `when ${head}` : `when ${head} (with the ${size - 1} other columns of group ${g})`;
}

/**
 * Write J[i, j] = ∂fᵢ/∂x_j into `out` (m×n, any strides; with a sparsity
 * pattern only its entries: the caller zeroes the rest). x is restored by the
 * caller. After the last call every element must hold its saved value again
 * (else InputModifiedError: f wrote to an element it was not given perturbed).
 * @param center - f(x) when known (one-sided schemes), else undefined
 * @param allocate - called once m is known (when f returns its outputs) to get the destination
 * @param box - each element's bounds (undefined: unbounded)
 */
export function jacobianColumns(
  calls: VectorCalls,
  p: Perturbation,
  groups: ColumnGroups,
  options: ResolvedGradientOptions,
  precision: Precision,
  center: Float64Array | undefined,
  allocate: (m: number) => NdArray,
  box?: ElementBounds,
): NdArray {
  const { name, where } = calls;
  const nominal = options.quotient === 'nominal';
  const checkStep = options.stepUnderflow === 'throw' || options.h === 'auto';
  const placement = placeAll(p, options, precision, box, name, where);
  const K = STENCILS[options.scheme as DifferenceScheme].offsets.length; // one-sided fits keep the node count
  const data = p.data;
  let f0 = center;
  calls.locate = (g, k) =>
    g < 0 ? { at: `at the unperturbed ${name}` } : { at: describeGroup(p, placement, groups, g, k, name), coordinate: elementName(name, p.shape, groups.members[groups.start[g]!]!) };
  if (placement.center && f0 === undefined) {
    f0 = vectorAt(calls, calls.m >= 0 ? outputBuffer(calls.m) : undefined, -1, 0).values;
    assertUnchanged(p, name, where);
  }
  const buffers: OutputBuffer[] = [];
  let out: NdArray | undefined = calls.m >= 0 ? allocate(calls.m) : undefined;
  for (let g = 0; g < groups.count; g++) {
    const from = groups.start[g]!;
    const to = groups.start[g + 1]!;
    for (let k = 0; k < K; k++) {
      for (let q = from; q < to; q++) {
        const j = groups.members[q]!;
        data[p.at[j]!] = placement.nodes[4 * j + k]!;
      }
      const buffer = buffers[k];
      if (buffer === undefined) buffers[k] = vectorAt(calls, calls.m >= 0 ? outputBuffer(calls.m) : undefined, g, k);
      else vectorAt(calls, buffer, g, k);
      for (let q = from; q < to; q++) {
        const j = groups.members[q]!;
        const node = placement.nodes[4 * j + k]!;
        if (data[p.at[j]!] !== node) throw wroteToPerturbedError(where, elementName(name, p.shape, j), name, node, data[p.at[j]!]);
      }
    }
    for (let q = from; q < to; q++) {
      const j = groups.members[q]!;
      data[p.at[j]!] = p.saved[j]!;
    }
    out ??= allocate(calls.m);
    writeColumns(out, groups, g, placement, buffers, f0, p.saved, K, nominal, checkStep);
  }
  assertUnchanged(p, name, where);
  return out ?? allocate(Math.max(calls.m, 0));
}

/** Every element holds its saved value (f wrote nowhere); else InputModifiedError. */
export function assertUnchanged(p: Perturbation, name: string, where: string): void {
  const changed = findChanged(p);
  if (changed >= 0) throw changedSinceCheckError(where, elementName(name, p.shape, changed), name, p.data[p.at[changed]!]);
}

const VALUES = new Float64Array(4);
const NODES = new Float64Array(4);

/** The quotients of group g's columns into out, row by row (only the pattern's rows when sparse). */
function writeColumns(
  out: NdArray,
  groups: ColumnGroups,
  g: number,
  placement: Placement,
  buffers: OutputBuffer[],
  f0: Float64Array | undefined,
  saved: Float64Array,
  K: number,
  nominal: boolean,
  checkStep: boolean,
): void {
  const o = out.data as FloatStorage;
  const [s0, s1] = out.stride as [number, number];
  const m = out.shape[0]!;
  const values = VALUES;
  const nodes = NODES;
  for (let q = groups.start[g]!; q < groups.start[g + 1]!; q++) {
    const j = groups.members[q]!;
    const stencil = placement.stencils[j]!;
    const status = placement.status[j]!;
    const inward = (status & INWARD) !== 0;
    const vanished = (status & VANISHED) !== 0;
    const count = inward ? stencil.inward.length : K;
    for (let k = 0; k < 4; k++) nodes[k] = placement.nodes[4 * j + k]!;
    const rows = groups.rowIndex;
    const first = rows === undefined ? 0 : groups.columnStart![j]!;
    const last = rows === undefined ? m : groups.columnStart![j + 1]!;
    for (let r = first; r < last; r++) {
      const i = rows === undefined ? r : rows[r]!;
      for (let k = 0; k < count; k++) values[k] = buffers[k]!.values[i]!;
      const c = f0 === undefined ? 0 : f0[i]!;
      const slope = nominal ? nominalSlope(stencil, values, c, placement.h[j]!) : storedSlope(nodes, values, count, saved[j]!, c, stencil.center, inward ? undefined : stencil, vanished);
      o[out.offset + i * s0 + j * s1] = !checkStep && slope !== slope ? 0 : slope;
    }
  }
}
