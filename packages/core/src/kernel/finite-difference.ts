/**
 * The gradient kernel shared by numericalGradient(s) and gradCheck: for each
 * element of a strided view, the per-coordinate routine (coordinate.ts:
 * stencilSlope, boundedSlope; richardson.ts) — the stencil's nodes placed,
 * f evaluated through the one evaluate/check site (probe.ts), the element
 * restored, the quotient written — in a small monomorphic loop for the
 * common case and a general loop for bounds, Richardson and progress.
 */
import type { NdArray } from 'ndarray';
import { resolveBounds, BoundCursor, type ArrayBounds } from './bounds.js';
import { AUTO_STEP_HINT, boundedSlope, placementError, planOf, stencilSlope, type Center, type Plan } from './coordinate.js';
import { badResultError, changedSinceCheckError, describeAt, fThrewError, wroteToPerturbedError } from './errors.js';
import { addEvaluations, type ResolvedGradientOptions } from '../options/options.js';
import { BadPlacement, BadValue, Probe } from './probe.js';
import { Ticker } from './progress.js';
import { richardsonSlope, type RichardsonReport } from '../richardson/richardson.js';
import { autoStep, type Precision } from './step.js';
import { formatIndex, nextRow, rowStart, type FloatStorage } from '../memory/strided.js';

export { AUTO_STEP_HINT, placementError, planOf, stencilSlope, type Center, type Plan } from './coordinate.js';

/**
 * The state one public call shares across its arrays: f(x) (evaluated once,
 * or the `f0` option), the progress reporting and the coordinates done.
 */
export interface Run extends Center {
  ticker: Ticker;
  /** Coordinates finished by the earlier arrays of the call. */
  done: number;
  /** Calls of f by the earlier arrays of the call. */
  evaluations: number;
}

/** A Run for a call over `total` coordinates. */
export function startRun(options: ResolvedGradientOptions, total: number): Run {
  return {
    known: options.f0 !== undefined,
    value: options.f0 ?? 0,
    ticker: options.onProgress === undefined ? SILENT : new Ticker(options.onProgress, options.progressInterval, total),
    done: 0,
    evaluations: 0,
  };
}

/** The ticker of every call without onProgress: its countdown never reaches 0. */
const SILENT = new Ticker(undefined, 0, 0);

/** What differentiateInto may be given besides the gradient's destination. */
export interface Extras {
  /** The array's box (resolved and checked by the caller before f was first called). */
  bounds?: ArrayBounds | undefined;
  /** Destination of the per-element error estimates (scheme 'richardson'). */
  error?: NdArray | undefined;
}

/**
 * Write ∂f/∂x into `out` (same shape as x) by finite differences, perturbing
 * x in place one element at a time. Arguments are already validated, every
 * element of x already checked to be a finite number.
 *
 * Nodes: x + t·h as the storage holds them (placeNodes); h: 'auto' is made
 * representable first (autoStep); near ±MAX the nodes go toward the interior;
 * inside `bounds` the stencil turns one-sided where needed (fitToBounds);
 * scheme 'richardson' extrapolates (richardsonSlope) and writes its error
 * estimates to `extras.error`. After each call of f the perturbed element
 * must still hold its node (else InputModifiedError); an element found
 * non-finite later was written by f.
 *
 * @param name - how x is called in messages (`x`, `W1`)
 * @param where - the public function, for messages
 * @param run - state shared with the other arrays of the call (default: this array's own)
 * @param extras - bounds (default: options.bounds resolved here) and the error destination
 */
export function differentiateInto(
  out: NdArray,
  f: (x: NdArray) => number,
  x: NdArray,
  name: string,
  precision: Precision,
  options: ResolvedGradientOptions,
  where: string,
  run?: Run,
  extras?: Extras,
): void {
  const shape = x.shape;
  const rank = shape.length;
  let size = 1;
  for (let axis = 0; axis < rank; axis++) size *= shape[axis]!;
  const shared = run ?? startRun(options, size);
  if (size === 0) return;
  const bounds = extras === undefined ? resolveBounds(options.bounds, x, where, name) : extras.bounds;
  const plan = planOf(options, precision, shared);
  const index = rank <= 1 ? NO_INDEX[rank]! : new Int32Array(rank);
  const probe = Probe.acquire(f, x, x.data as FloatStorage);
  try {
    if (plan.scheme !== 'richardson' && plan.stencil.offsets.length <= 2 && bounds === undefined && shared.ticker.countdown === Infinity) {
      smallLoop(out, x, probe, plan, index, where, name);
    } else generalLoop(out, x, probe, plan, index, where, name, shared, bounds, extras?.error);
    if (run === undefined) shared.ticker.finish(probe.evaluations, name);
  } catch (error) {
    throw failure(error, probe, where, name, precision, plan, index, probe.i);
  } finally {
    shared.done += size;
    shared.evaluations += probe.evaluations;
    addEvaluations(options.counter, probe.evaluations);
    Probe.release(probe);
  }
}

/**
 * The common case — a stencil of one or two nodes (central, forward,
 * backward), no bounds, no progress, no error estimates: a small monomorphic
 * loop with the stencil's data hoisted into locals, calling f through the
 * same probe.evaluate. A coordinate whose nodes do not land strictly on their
 * sides of x, finite (an edge, a vanished step), goes to stencilSlope. The
 * quotient is the table's: c·(f₀ − f₁)/(D·h) nominal, (f₀ − f₁)/(n₀ − n₁)
 * over the stored nodes, with n₁ = x and f₁ = f(x) for a one-sided stencil.
 */
function smallLoop(out: NdArray, x: NdArray, probe: Probe, plan: Plan, index: Int32Array, where: string, name: string): void {
  const shape = x.shape;
  const rank = shape.length;
  const outData = out.data as FloatStorage;
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const xStep = rank === 0 ? 0 : x.stride[rank - 1]!;
  const outStep = rank === 0 ? 0 : out.stride[rank - 1]!;
  const s = plan.stencil;
  const two = !s.center;
  const t0 = s.offsets[0]!;
  const t1 = two ? s.offsets[1]! : 0; // central: t0 = 1, t1 = −1
  const weight = s.terms[0]!.weight; // nominal: c·(f₀ − f₁)/(D·h), as nominalSlope sums it
  const denominator = s.denominator;
  const { auto, float32, nominal, base, fixedH } = plan;
  const center = plan.center;
  do {
    let p = rowStart(index, x.stride, x.offset);
    let q = rowStart(index, out.stride, out.offset);
    for (let i = 0; i < rowLength; i++, p += xStep, q += outStep) {
      probe.i = i;
      const old = probe.at(p);
      if (typeof old !== 'number' || old - old !== 0) throw changedSinceCheckError(where, formatIndex(name, index, i), name, old);
      const h = auto ? autoStep(old, base, float32) : fixedH;
      let n0 = old + t0 * h;
      let n1 = two ? old + t1 * h : old;
      if (float32) {
        n0 = Math.fround(n0);
        n1 = Math.fround(n1);
      }
      if (!((t0 > 0 ? n0 > old : n0 < old) && n0 - n0 === 0 && (!two || (n1 < old && n1 - n1 === 0)))) {
        outData[q] = stencilSlope(probe, plan, old);
        continue;
      }
      let v1: number;
      if (two) {
        const v0 = probe.evaluate(n0, true);
        v1 = probe.evaluate(n1, true);
        probe.restore();
        outData[q] = nominal ? (weight * (v0 - v1)) / (denominator * h) : (v0 - v1) / (n0 - n1);
        continue;
      }
      if (!center.known) {
        center.value = probe.evaluateCenter();
        center.known = true;
      }
      v1 = center.value;
      const v0 = probe.evaluate(n0, true);
      probe.restore();
      outData[q] = nominal ? (weight * (v0 - v1)) / (denominator * h) : (v0 - v1) / (n0 - n1);
    }
  } while (rank > 1 && nextRow(index, shape));
}

const REPORT: RichardsonReport = { error: 0, status: 'converged' };

/** Every other case: any stencil, bounds, Richardson with its error estimates, progress reports. */
function generalLoop(
  out: NdArray,
  x: NdArray,
  probe: Probe,
  plan: Plan,
  index: Int32Array,
  where: string,
  name: string,
  run: Run,
  bounds: ArrayBounds | undefined,
  error: NdArray | undefined,
): void {
  const shape = x.shape;
  const rank = shape.length;
  const outData = out.data as FloatStorage;
  const errorData = error?.data as FloatStorage | undefined;
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const xStep = rank === 0 ? 0 : x.stride[rank - 1]!;
  const outStep = rank === 0 ? 0 : out.stride[rank - 1]!;
  const errorStep = error === undefined || rank === 0 ? 0 : error.stride[rank - 1]!;
  const box = new BoundCursor(bounds?.lower ?? -Infinity, bounds?.upper ?? Infinity);
  const richardson = plan.scheme === 'richardson';
  const ticker = run.ticker;
  let done = run.done;
  do {
    let p = rowStart(index, x.stride, x.offset);
    let q = rowStart(index, out.stride, out.offset);
    let r = error === undefined ? 0 : rowStart(index, error.stride, error.offset);
    box.row(index);
    for (let i = 0; i < rowLength; i++, p += xStep, q += outStep, r += errorStep, box.next()) {
      probe.i = i;
      const old = probe.at(p);
      if (typeof old !== 'number' || old - old !== 0) throw changedSinceCheckError(where, formatIndex(name, index, i), name, old);
      if (richardson) {
        outData[q] = richardsonSlope(probe, plan, old, box.lo(), box.hi(), REPORT);
        if (errorData !== undefined) errorData[r] = REPORT.error;
      } else outData[q] = bounds === undefined ? stencilSlope(probe, plan, old) : boundedSlope(probe, plan, old, box.lo(), box.hi());
      done++;
      if (--ticker.countdown === 0) ticker.tick(done, run.evaluations + probe.evaluations, name);
    }
  } while (rank > 1 && nextRow(index, shape));
}

/** Multi-indices of rank 0 and 1 views, shared: the odometer never advances them (nextRow runs for rank > 1 only). */
const NO_INDEX = [new Int32Array(0), new Int32Array(1)];

/**
 * The typed error for what interrupted the loop (x restored first): a marker
 * (BadValue, BadPlacement) named after the coordinate, f's own throw wrapped
 * as FunctionThrewError, anything else as it is.
 */
export function failure(error: unknown, probe: Probe, where: string, name: string, precision: Precision, plan: Plan, index: Int32Array, i: number): unknown {
  const dirty = probe.dirty;
  const inF = probe.inF;
  probe.restore();
  const restored = `${name} has been restored`;
  if (error instanceof BadPlacement) {
    const coordinate = formatIndex(name, index, i);
    return placementError(error.status, where, coordinate, error.h, error.value, precision, error.stencil, plan.nominal, plan.auto, plan.checkStep);
  }
  if (error instanceof BadValue) {
    if (!dirty) return badResultError(where, describeAt(undefined, 0, name), error.value, `${name} was not modified`);
    const coordinate = formatIndex(name, index, i);
    const value = error.value;
    if (typeof value !== 'number' || value - value !== 0) {
      return badResultError(where, describeAt(coordinate, error.node, name), value, restored, coordinate, plan.auto ? AUTO_STEP_HINT : undefined);
    }
    return wroteToPerturbedError(where, coordinate, name, error.node, error.found);
  }
  if (!inF) return error;
  const coordinate = dirty ? formatIndex(name, index, i) : undefined;
  return fThrewError(where, describeAt(coordinate, probe.perturbed, name), error, restored, coordinate);
}
