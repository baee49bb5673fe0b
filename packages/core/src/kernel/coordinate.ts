/**
 * One coordinate of a finite difference: the plan of a call (the options
 * resolved against the storage), the placement errors, and stencilSlope —
 * place the stencil's nodes (inside a box when given), evaluate f at them
 * through the probe, restore, and take the table's quotient. Shared by the
 * gradient loops (finite-difference.ts), numericalDiff and jacobian.
 */
import { fitToBounds, intoBox, type Fit } from './bounds.js';
import { stepOverflowError, stepTooSmallError } from './errors.js';
import { INWARD, OVERFLOW, ordered, placeNodes, VANISHED } from './nodes.js';
import type { ResolvedGradientOptions, RichardsonOptions } from '../options/options.js';
import { BadPlacement, type Probe } from './probe.js';
import { nominalSlope, STENCILS, storedSlope, type Stencil } from './stencil.js';
import { autoStep, autoStepBase, epsilonOf, type FixedScheme, type Precision, type Scheme } from './step.js';

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
  scheme: Scheme | Stencil,
  nominal: boolean,
  auto: boolean,
  checkStep: boolean,
): RangeError | undefined {
  if ((status & OVERFLOW) !== 0) return stepOverflowError(where, coordinate, h, value, precision, false, auto);
  if ((status & INWARD) !== 0 && nominal) return stepOverflowError(where, coordinate, h, value, precision, true, auto);
  if ((status & VANISHED) !== 0 && checkStep) return stepTooSmallError(where, coordinate, h, value, precision, scheme);
  return undefined;
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
  /** Steps are checked: stepUnderflow 'throw', h 'auto', or scheme 'richardson' (whose first step must move x: 'zero' has no estimate to give). */
  checkStep: boolean;
  fixedH: number;
  /** autoStepBase of the scheme and precision. */
  base: number;
  center: Center;
  /** Tolerances of scheme 'richardson'. */
  richardson: Required<RichardsonOptions>;
  /** The scheme ('richardson' uses the central stencil as its base). */
  scheme: Scheme;
}

/** The plan of a call: options resolved against the storage's precision. */
export function planOf(options: ResolvedGradientOptions, precision: Precision, center: Center): Plan {
  const auto = options.h === 'auto';
  return {
    stencil: STENCILS[options.scheme === 'richardson' ? 'central' : options.scheme],
    float32: precision === 'float32',
    nominal: options.quotient === 'nominal',
    auto,
    checkStep: options.stepUnderflow === 'throw' || auto || options.scheme === 'richardson',
    fixedH: auto ? 0 : (options.h as number),
    base: autoStepBase(options.scheme, epsilonOf(precision)),
    center,
    richardson: options.richardson,
    scheme: options.scheme,
  };
}

/**
 * placeNodes inside [lo, hi]: the stencil's nodes at x with step h as stored
 * (toward the interior near ±MAX), each moved into the box when rounding
 * carried it past a bound (intoBox); VANISHED when that broke their order.
 * @returns placeNodes' status
 */
export function placeInBox(nodes: Float64Array, x: number, h: number, s: Stencil, float32: boolean, lo: number, hi: number): number {
  let status = placeNodes(nodes, x, h, s, float32);
  if (lo > -Infinity || hi < Infinity) {
    for (let j = 0; j < s.offsets.length; j++) nodes[j] = intoBox(nodes[j]!, lo, hi, float32);
    if (status === 0 && !ordered(nodes, x, s.offsets, 1)) status = VANISHED;
  }
  return status;
}

/**
 * ∂f/∂xₚ at the element the probe has selected (saved value `old`, finite),
 * by the plan's stencil: nodes x + t·h as stored (toward the interior near
 * ±MAX), f at each through probe.evaluate, the element restored, then the
 * nominal or stored-node quotient. Throws BadPlacement / BadValue markers.
 */
export function stencilSlope(probe: Probe, plan: Plan, old: number, stencil?: Stencil, step?: number, lo = -Infinity, hi = Infinity): number {
  const h = step ?? (plan.auto ? autoStep(old, plan.base, plan.float32) : plan.fixedH);
  const s = stencil ?? plan.stencil;
  const nodes = probe.nodes;
  const values = probe.values;
  const status = placeInBox(nodes, old, h, s, plan.float32, lo, hi);
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

const FIT: Fit = { stencil: STENCILS.central, h: 0 };

/** stencilSlope inside [lo, hi]: the stencil and step fitted to the box first. */
export function boundedSlope(probe: Probe, plan: Plan, old: number, lo: number, hi: number): number {
  const h = plan.auto ? autoStep(old, plan.base, plan.float32) : plan.fixedH;
  fitToBounds(FIT, plan.scheme as FixedScheme, plan.stencil, old, h, lo, hi, plan.float32);
  return stencilSlope(probe, plan, old, FIT.stencil, FIT.h, lo, hi);
}

