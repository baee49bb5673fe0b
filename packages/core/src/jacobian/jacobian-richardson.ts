/**
 * scheme 'richardson' for a Jacobian: each column is a coordinate of
 * Richardson's tableau (richardson-tableau.ts) whose lanes are the outputs
 * it touches (every row when dense, the pattern's rows when sparse). The
 * columns of a group advance in lockstep, one call of f moving each running
 * column to its next node; each entry converges, steps back from non-finite
 * values and reports its error on its own. Internal module.
 */
import type { NdArray } from 'ndarray';
import type { ElementBounds } from '../kernel/bounds.js';
import { placementError, planOf } from '../kernel/coordinate.js';
import { NonFiniteValueError } from '../errors/error-classes.js';
import { wroteToPerturbedError } from '../kernel/errors.js';
import { assertUnchanged, type ColumnGroups } from './jacobian-engine.js';
import { VANISHED } from '../kernel/nodes.js';
import type { ResolvedGradientOptions } from '../options/options.js';
import { elementName, type Perturbation } from '../directional/perturb-along.js';
import { FAILED_NON_FINITE, Tableau } from '../richardson/richardson-tableau.js';
import { STENCILS } from '../kernel/stencil.js';
import type { Precision } from '../kernel/step.js';
import type { FloatStorage } from '../memory/strided.js';
import { outputBuffer, vectorAt, type VectorCalls } from './vector-call.js';

/** The rows of column j: every row (dense) or the pattern's. */
function rowsOf(groups: ColumnGroups, j: number, m: number): { first: number; count: number } {
  return groups.rowIndex === undefined ? { first: 0, count: m } : { first: groups.columnStart![j]!, count: groups.columnStart![j + 1]! - groups.columnStart![j]! };
}

/**
 * Write J (and, when given, each entry's estimated error) by Richardson
 * extrapolation into the destinations `allocate` returns once m is known. x
 * is restored by the caller.
 * @param center - f(x) when known, else evaluated once here
 * @throws NonFiniteValueError (f not finite at x, or at every first step of a column down to 4⁻³⁰·h₀, or in a row the
 *   sparsity pattern says the moved columns do not touch), StepUnderflowError, and the errors of the vector call site
 */
export function richardsonColumns(
  calls: VectorCalls,
  p: Perturbation,
  groups: ColumnGroups,
  options: ResolvedGradientOptions,
  precision: Precision,
  center: Float64Array | undefined,
  allocate: (m: number) => { out: NdArray; error: NdArray | undefined },
  box: ElementBounds | undefined,
): NdArray {
  const { name, where } = calls;
  const f0 = center ?? vectorAt(calls, calls.m >= 0 ? outputBuffer(calls.m) : undefined, -1, 0).values;
  assertUnchanged(p, name, where);
  const m = calls.m;
  const { out, error } = allocate(m);
  const plan = planOf(options, precision, { known: true, value: 0 });
  const buffer = outputBuffer(m);
  const tableaus: Tableau[] = [];
  let largest = 0;
  for (let g = 0; g < groups.count; g++) largest = Math.max(largest, groups.start[g + 1]! - groups.start[g]!);
  const running = new Int32Array(largest); // the group's columns moved in this call, and where to
  const runningNodes = new Float64Array(largest);
  const owned = new Uint8Array(m); // rows a running column of the group touches (sparse)
  const data = p.data;
  let moved = -1; // a column moved in the current call, for messages
  calls.locate = (tag) =>
    tag < 0 || moved < 0 ? { at: `at the unperturbed ${name}` } : { at: `when ${elementName(name, p.shape, moved)} was perturbed to ${data[p.at[moved]!]}`, coordinate: elementName(name, p.shape, moved) };
  for (let g = 0; g < groups.count; g++) {
    const from = groups.start[g]!;
    const size = groups.start[g + 1]! - from;
    for (let q = 0; q < size; q++) {
      const j = groups.members[from + q]!;
      const t = (tableaus[q] ??= new Tableau());
      const { first, count } = rowsOf(groups, j, m);
      t.setUp(plan, p.saved[j]!, box === undefined ? -Infinity : box.lower[j]!, box === undefined ? Infinity : box.upper[j]!, count);
      for (let l = 0; l < count; l++) t.lanes.center[l] = f0[groups.rowIndex === undefined ? l : groups.rowIndex[first + l]!]!;
    }
    for (;;) {
      let active = 0;
      owned.fill(0);
      for (let q = 0; q < size; q++) {
        const j = groups.members[from + q]!;
        const node = tableaus[q]!.next();
        if (node !== node) {
          if (tableaus[q]!.failure !== 0) throw columnFailure(tableaus[q]!, j, groups, m, p, plan.auto, precision, name, where);
          data[p.at[j]!] = p.saved[j]!;
          continue;
        }
        data[p.at[j]!] = node;
        runningNodes[active] = node;
        running[active++] = q;
        if (groups.rowIndex !== undefined) for (let r = groups.columnStart![j]!; r < groups.columnStart![j + 1]!; r++) owned[groups.rowIndex[r]!] = 1;
      }
      if (active === 0) break;
      moved = groups.members[from + running[0]!]!;
      vectorAt(calls, buffer, g, 0, false);
      for (let a = 0; a < active; a++) {
        const j = groups.members[from + running[a]!]!;
        const node = runningNodes[a]!;
        if (data[p.at[j]!] !== node) throw wroteToPerturbedError(where, elementName(name, p.shape, j), name, node, data[p.at[j]!]);
      }
      if (groups.rowIndex !== undefined) assertFiniteElsewhere(buffer.values, owned, calls);
      for (let a = 0; a < active; a++) {
        const q = running[a]!;
        const t = tableaus[q]!;
        const j = groups.members[from + q]!;
        const { first, count } = rowsOf(groups, j, m);
        for (let l = 0; l < count; l++) t.put(l, buffer.values[groups.rowIndex === undefined ? l : groups.rowIndex[first + l]!]!);
        t.advance();
        if (t.failure !== 0) throw columnFailure(t, j, groups, m, p, plan.auto, precision, name, where);
      }
    }
    moved = -1;
    for (let q = 0; q < size; q++) writeColumn(out, error, tableaus[q]!, groups, groups.members[from + q]!, m);
  }
  assertUnchanged(p, name, where);
  return out;
}

/** Column j's entries and error estimates into the destinations (its rows only). */
function writeColumn(out: NdArray, error: NdArray | undefined, t: Tableau, groups: ColumnGroups, j: number, m: number): void {
  const { first, count } = rowsOf(groups, j, m);
  const o = out.data as FloatStorage;
  const e = error?.data as FloatStorage | undefined;
  for (let l = 0; l < count; l++) {
    const i = groups.rowIndex === undefined ? l : groups.rowIndex[first + l]!;
    o[out.offset + i * out.stride[0]! + j * out.stride[1]!] = t.lanes.bestValue[l]!;
    if (error !== undefined) e![error.offset + i * error.stride[0]! + j * error.stride[1]!] = t.lanes.errorOf(l);
  }
}

/** A row no running column touches must be finite (it is f(x) there, if the pattern is right). */
function assertFiniteElsewhere(values: Float64Array, owned: Uint8Array, calls: VectorCalls): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (owned[i] === 0 && v - v !== 0) {
      const { at, coordinate } = calls.locate(0, 0);
      throw new NonFiniteValueError(
        coordinate,
        v,
        `${calls.where}: ${calls.fName} returned ${v} in output ${i} ${at}, a row the sparsity pattern says the moved columns do not touch; check the pattern and ${calls.fName}'s domain — ${calls.name} has been restored.`,
      );
    }
  }
}

/** The typed error for a column that failed: non-finite at every first step, or a first step below the spacing of floats. */
function columnFailure(t: Tableau, j: number, groups: ColumnGroups, m: number, p: Perturbation, auto: boolean, precision: Precision, name: string, where: string): Error {
  const coordinate = elementName(name, p.shape, j);
  if (t.failure === FAILED_NON_FINITE) {
    const { first } = rowsOf(groups, j, m);
    const row = groups.rowIndex === undefined ? t.failLane : groups.rowIndex[first + t.failLane]!;
    return new NonFiniteValueError(
      coordinate,
      t.failValue,
      `${where}: f returned ${t.failValue} in output ${row} when ${coordinate} was perturbed to ${t.failNode}, and at every smaller first step down to 4⁻³⁰ of it; ` +
        `Richardson needs finite outputs on at least one side of ${coordinate} (check f's domain there) — ${name} has been restored.`,
    );
  }
  return placementError(VANISHED, where, coordinate, t.failH, p.saved[j]!, precision, STENCILS.central, false, auto, true)!;
}
