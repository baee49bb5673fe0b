/**
 * The gradient kernel shared by numericalGradient(s) and gradCheck: for each
 * element of a strided view, place the stencil's nodes (stencil.ts, nodes.ts),
 * evaluate f at them through the one evaluate/check site (probe.ts), restore
 * the element, and write the quotient.
 */
import type { NdArray } from 'ndarray';
import {
  badResultError,
  changedSinceCheckError,
  describeAt,
  fThrewError,
  stepOverflowError,
  stepTooSmallError,
  wroteToPerturbedError,
} from './errors.js';
import { INWARD, OVERFLOW, placeNodes, VANISHED } from './nodes.js';
import { addEvaluations, type ResolvedGradientOptions } from './options.js';
import { BadValue, Probe } from './probe.js';
import { nominalSlope, STENCILS, storedSlope, type Stencil } from './stencil.js';
import { autoStep, autoStepBase, epsilonOf, type DifferenceScheme, type Precision } from './step.js';
import { formatIndex, nextRow, rowStart, type FloatStorage } from './strided.js';

/** The advice when f is not finite near x with the automatic step (a smaller h may help; 'try a smaller h' alone would puzzle). */
export const AUTO_STEP_HINT = ' (f is not finite within the automatic step of x: check its domain there, or pass a smaller fixed h)';

/**
 * The error for an unusable node placement (placeNodes status), or undefined
 * when the placement may be used: OVERFLOW always, INWARD under the nominal
 * quotient, VANISHED when steps are checked (stepUnderflow 'throw' or h 'auto').
 */
export function placementError(
  status: number,
  where: string,
  coordinate: string,
  h: number,
  value: number,
  precision: Precision,
  scheme: DifferenceScheme | Stencil,
  nominal: boolean,
  auto: boolean,
  checkStep: boolean,
): RangeError | undefined {
  if ((status & OVERFLOW) !== 0) return stepOverflowError(where, coordinate, h, value, precision, false, auto);
  if ((status & INWARD) !== 0 && nominal) return stepOverflowError(where, coordinate, h, value, precision, true, auto);
  if ((status & VANISHED) !== 0 && checkStep) return stepTooSmallError(where, coordinate, h, value, precision, scheme);
  return undefined;
}

/** An unusable placement found at a coordinate; the driver turns it into placementError with the coordinate's name. */
export class BadPlacement {
  constructor(
    readonly status: number,
    readonly h: number,
    readonly value: number,
    readonly stencil: Stencil,
  ) {}
}

/**
 * f(x) for one-sided stencils, shared by every array of one public call
 * (numericalGradients evaluates it once for all arrays) or given as `f0`.
 */
export interface Center {
  known: boolean;
  value: number;
}

/** How one coordinate is differentiated: the stencil and the rules of the call, fixed for all its coordinates. */
export interface Plan {
  stencil: Stencil;
  float32: boolean;
  nominal: boolean;
  auto: boolean;
  /** Steps are checked: stepUnderflow 'throw' or h 'auto'. */
  checkStep: boolean;
  fixedH: number;
  /** autoStepBase of the scheme and precision. */
  base: number;
  center: Center;
}

/** The plan of a call: options resolved against the storage's precision. */
export function planOf(options: ResolvedGradientOptions, precision: Precision, center: Center): Plan {
  const auto = options.h === 'auto';
  return {
    stencil: STENCILS[options.scheme],
    float32: precision === 'float32',
    nominal: options.quotient === 'nominal',
    auto,
    checkStep: options.stepUnderflow === 'throw' || auto,
    fixedH: auto ? 0 : (options.h as number),
    base: autoStepBase(options.scheme, epsilonOf(precision)),
    center,
  };
}

/**
 * ∂f/∂xₚ at the element the probe has selected (saved value `old`, finite),
 * by the plan's stencil: nodes x + t·h as stored (toward the interior near
 * ±MAX), f at each through probe.evaluate, the element restored, then the
 * nominal or stored-node quotient. Throws BadPlacement / BadValue markers.
 */
export function stencilSlope(probe: Probe, plan: Plan, old: number): number {
  const h = plan.auto ? autoStep(old, plan.base, plan.float32) : plan.fixedH;
  const s = plan.stencil;
  const nodes = probe.nodes;
  const values = probe.values;
  const status = placeNodes(nodes, old, h, s, plan.float32);
  if (status !== 0 && ((status & OVERFLOW) !== 0 || ((status & INWARD) !== 0 && plan.nominal) || ((status & VANISHED) !== 0 && plan.checkStep))) {
    throw new BadPlacement(status, h, old, s);
  }
  const center = plan.center;
  if (s.center && !center.known) {
    center.value = probe.evaluateCenter();
    center.known = true;
  }
  const count = (status & INWARD) !== 0 ? s.inward.length : s.offsets.length;
  for (let j = 0; j < count; j++) values[j] = probe.evaluate(nodes[j]!, true);
  probe.restore();
  const slope = plan.nominal
    ? nominalSlope(s, values, center.value, h)
    : storedSlope(nodes, values, count, old, center.value, s.center, (status & INWARD) !== 0 ? undefined : s, (status & VANISHED) !== 0);
  // stepUnderflow 'zero': f's values are finite (checked), so NaN can only be 0/0 from a vanished step.
  return !plan.checkStep && slope !== slope ? 0 : slope;
}

/**
 * Write ∂f/∂x into `out` (same shape as x) by finite differences, perturbing
 * x in place one element at a time. Arguments are already validated, every
 * element of x already checked to be a finite number.
 *
 * Nodes: x + t·h as the storage holds them (placeNodes); h: 'auto' is made
 * representable first (autoStep); near ±MAX the nodes go toward the interior.
 * After each call of f the perturbed element must still hold its node (else
 * InputModifiedError); an element found non-finite later was written by f.
 *
 * @param name - how x is called in messages (`x`, `W1`)
 * @param where - the public function, for messages
 * @param center - f(x) shared with the other arrays of the call (default: this call's own)
 */
export function differentiateInto(
  out: NdArray,
  f: (x: NdArray) => number,
  x: NdArray,
  name: string,
  precision: Precision,
  options: ResolvedGradientOptions,
  where: string,
  center: Center = { known: false, value: 0 },
): void {
  const shape = x.shape;
  const rank = shape.length;
  let size = 1;
  for (let axis = 0; axis < rank; axis++) size *= shape[axis]!;
  if (size === 0) return;

  const data = x.data as FloatStorage;
  const outData = out.data as FloatStorage;
  const plan = planOf(options, precision, center);
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const xStep = rank === 0 ? 0 : x.stride[rank - 1]!;
  const outStep = rank === 0 ? 0 : out.stride[rank - 1]!;
  const index = new Int32Array(rank);
  const probe = Probe.acquire(f, x, data);
  let i = 0; // index along the last axis of the element being perturbed

  try {
    do {
      let p = rowStart(index, x.stride, x.offset);
      let q = rowStart(index, out.stride, out.offset);
      for (i = 0; i < rowLength; i++, p += xStep, q += outStep) {
        const old = probe.at(p);
        if (typeof old !== 'number' || old - old !== 0) throw changedSinceCheckError(where, formatIndex(name, index, i), name, old);
        outData[q] = stencilSlope(probe, plan, old);
      }
    } while (rank > 1 && nextRow(index, shape));
  } catch (error) {
    throw failure(error, probe, where, name, precision, plan, index, i);
  } finally {
    addEvaluations(options.counter, probe.evaluations);
    Probe.release(probe);
  }
}

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
