/**
 * The stencil table: every finite-difference formula of this package as data
 * (scipy's _numdiff style) — where f is evaluated, whether f(x) is needed, and
 * the weights of the quotient — plus the two ways to turn f's values into a
 * slope: the nominal formula of the table (the book's numbers), and the
 * derivative of the polynomial through the nodes as the storage actually
 * holds them (the 'actual' quotient, float32 storage, Richardson levels).
 *
 * Internal module, shared by every differentiation routine of @descent/core
 * (numericalDiff, numericalGradient(s), derivative, gradCheck, jacobian):
 * place the nodes with `placeNodes` (nodes.ts), evaluate f at them through
 * the one evaluate/check site (probe.ts), then call `nominalSlope` or
 * `storedSlope` with the same stencil.
 *
 * @example
 * const s = STENCILS.central; // offsets [1, −1], (f(x+h) − f(x−h)) / 2h
 * nominalSlope(s, Float64Array.of(9.0006, 8.9994), 0, 1e-4); // ≈ 6 (x² at 3)
 */
import { cubicSlope, derivativeWeights, lagrangeSlope } from './lagrange.js';
import type { FixedScheme } from './step.js';

export { cubicSlopeAtZero, derivativeWeights, lagrangeRounding, lagrangeSlope } from './lagrange.js';

/** One term c·(f(node a) − f(node b)) of a nominal quotient; b = CENTER for f(x). */
export interface StencilTerm {
  /** The integer weight c. */
  readonly weight: number;
  /** Index (into `offsets`) of the node whose value is added. */
  readonly plus: number;
  /** Index of the node whose value is subtracted, or CENTER for f(x). */
  readonly minus: number;
}

/** `StencilTerm.minus` for the unperturbed value f(x). */
export const CENTER = -1;

/**
 * A finite-difference formula as data:
 *   f′(x) ≈ Σₖ cₖ·(f(x + t_{aₖ}·h) − f(x + t_{bₖ}·h)) / (D·h),
 * the nodes x + tⱼ·h evaluated in the order of `offsets`, f(x) taken from the
 * caller when `center` is set (computed once per call, or the `f0` option).
 */
export interface Stencil {
  /** Name, for messages. */
  readonly name: string;
  /** Offsets tⱼ of the nodes x + tⱼ·h, in the order f is called. */
  readonly offsets: readonly number[];
  /** The terms of the nominal numerator, summed in this order (bit-for-bit the book's formulas). */
  readonly terms: readonly StencilTerm[];
  /** D: the nominal quotient divides by D·h. */
  readonly denominator: number;
  /** The quotient uses f(x) (one-sided formulas). */
  readonly center: boolean;
  /** Order p of the truncation error O(hᵖ). */
  readonly order: number;
  /**
   * Index of the node at offset ±1: the stored step is s = |node − x|, and
   * when every stored node sits at x + tⱼ·s exactly the nominal formula is
   * applied with h = s (the 'actual' quotient of equally spaced stored nodes).
   */
  readonly unit: number;
  /** The placement used when a node would overflow (x within a step of ±MAX): offsets |t| taken toward the interior. */
  readonly inward: readonly number[];
}

function stencil(
  name: string,
  offsets: number[],
  terms: [number, number, number][],
  denominator: number,
  center: boolean,
  order: number,
  inward: number[],
): Stencil {
  const up = offsets.indexOf(1);
  const unit = up >= 0 ? up : offsets.indexOf(-1);
  return Object.freeze({
    name,
    offsets: Object.freeze(offsets),
    terms: Object.freeze(terms.map(([weight, plus, minus]) => Object.freeze({ weight, plus, minus }))),
    denominator,
    center,
    order,
    unit,
    inward: Object.freeze(inward),
  });
}

/**
 * The table. central: (f(x+h) − f(x−h)) / 2h; forward: (f(x+h) − f(x)) / h;
 * backward: (f(x−h) − f(x)) / −h; five-point:
 * (8(f(x+h) − f(x−h)) − (f(x+2h) − f(x−2h))) / 12h, i.e. the book's
 * (f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)) / 12h summed the same way.
 * Near ±MAX (the `inward` placement) central becomes (f(x) − f(x∓h)) / ±h,
 * forward/backward step the other way, five-point fits the cubic through
 * x∓h … x∓4h; those placements use the stored-node quotient only.
 */
export const STENCILS: Readonly<Record<FixedScheme, Stencil>> = Object.freeze({
  central: stencil('central', [1, -1], [[1, 0, 1]], 2, false, 2, [0, 1]),
  forward: stencil('forward', [1], [[1, 0, CENTER]], 1, true, 1, [1]),
  backward: stencil('backward', [-1], [[1, 0, CENTER]], -1, true, 1, [1]),
  'five-point': stencil('five-point', [-2, -1, 1, 2], [[8, 2, 1], [-1, 3, 0]], 12, false, 4, [1, 2, 3, 4]),
});

/**
 * One-sided formulas of the same order as each scheme, for a coordinate next
 * to a bound (scipy's _adjust_scheme_to_bounds): `[scheme][side]` with side
 * +1 (nodes above x) or −1 (below). Central (order 2) becomes
 * (4(f(x±h) − f(x)) − (f(x±2h) − f(x))) / ±2h; five-point (order 4)
 * (48(f₁−f₀) − 36(f₂−f₀) + 16(f₃−f₀) − 3(f₄−f₀)) / ±12h; forward and backward
 * simply step the other way.
 */
export const ONE_SIDED: Readonly<Record<FixedScheme, readonly [Stencil, Stencil]>> = Object.freeze({
  central: [
    stencil('central, one-sided below', [-1, -2], [[4, 0, CENTER], [-1, 1, CENTER]], -2, true, 2, [1, 2]),
    stencil('central, one-sided above', [1, 2], [[4, 0, CENTER], [-1, 1, CENTER]], 2, true, 2, [1, 2]),
  ],
  forward: [STENCILS.backward, STENCILS.forward],
  backward: [STENCILS.backward, STENCILS.forward],
  'five-point': [
    stencil('five-point, one-sided below', [-1, -2, -3, -4], [[48, 0, CENTER], [-36, 1, CENTER], [16, 2, CENTER], [-3, 3, CENTER]], -12, true, 4, [1, 2, 3, 4]),
    stencil('five-point, one-sided above', [1, 2, 3, 4], [[48, 0, CENTER], [-36, 1, CENTER], [16, 2, CENTER], [-3, 3, CENTER]], 12, true, 4, [1, 2, 3, 4]),
  ],
});

/** The one-sided stencil of `scheme` toward `side` (+1 above x, −1 below). */
export function oneSided(scheme: FixedScheme, side: number): Stencil {
  return ONE_SIDED[scheme][side > 0 ? 1 : 0];
}

/**
 * The nominal quotient Σₖ cₖ·(f_{aₖ} − f_{bₖ}) / (D·h) over f's values at the
 * nodes (`values[j]` at offset j) and f(x) = `center`.
 */
export function nominalSlope(s: Stencil, values: ArrayLike<number>, center: number, h: number): number {
  const terms = s.terms;
  let sum = 0;
  for (let k = 0; k < terms.length; k++) {
    const term = terms[k]!;
    const difference = values[term.plus]! - (term.minus === CENTER ? center : values[term.minus]!);
    sum = k === 0 ? term.weight * difference : sum + term.weight * difference;
  }
  return sum / (s.denominator * h);
}

/** Weights scratch for storedSlope / derivativeWeights (no callbacks run while in use). */
const WEIGHTS = new Float64Array(64);
const POINTS = new Float64Array(64);
const VALUES = new Float64Array(64);

/**
 * The quotient over the nodes as stored (the 'actual' quotient): the slope at
 * x of the polynomial through (nodeⱼ, valueⱼ) and, for a stencil with
 * `center`, (x, f(x)).
 *
 * - two points: the secant (f_a − f_b)/(n_a − n_b) — the step actually taken;
 * - every node at x + tⱼ·s for one stored step s: the table's formula with h = s;
 * - four nodes without f(x): the cubic through them (five-point on rounded nodes);
 * - otherwise: the Lagrange weights of the stored points (Fornberg's algorithm).
 *
 * `vanished` (stepUnderflow 'zero' with nodes that did not all move): the
 * secant of the outermost points, 0/0 = NaN when none moved (the caller maps it to 0).
 *
 * @param nodes - the stored nodes, in the order of the stencil's offsets (or its inward placement)
 * @param values - f at those nodes
 * @param count - how many nodes
 * @param x - the coordinate
 * @param center - f(x) when `useCenter`
 * @param useCenter - include the point (x, f(x))
 * @param s - the stencil (its table formula is tried for equally spaced nodes); undefined for none
 */
export function storedSlope(
  nodes: ArrayLike<number>,
  values: ArrayLike<number>,
  count: number,
  x: number,
  center: number,
  useCenter: boolean,
  s: Stencil | undefined,
  vanished: boolean,
): number {
  if (count === 1 && useCenter) return (values[0]! - center) / (nodes[0]! - x);
  if (count === 2 && !useCenter) return (values[0]! - values[1]!) / (nodes[0]! - nodes[1]!);
  if (vanished) return outerSecant(nodes, values, count, x, center, useCenter);
  if (s !== undefined && s.unit >= 0) {
    const step = (nodes[s.unit]! - x) * s.offsets[s.unit]!; // > 0 when the node is on its offset's side
    let uniform = step > 0;
    for (let j = 0; j < count && uniform; j++) uniform = nodes[j]! - x === s.offsets[j]! * step;
    if (uniform) return nominalSlope(s, values, center, step);
  }
  if (count === 4 && !useCenter) return cubicSlope(nodes, values, x);
  let m = 0;
  for (let j = 0; j < count; j++, m++) {
    POINTS[m] = nodes[j]! - x;
    VALUES[m] = values[j]!;
  }
  if (useCenter) {
    POINTS[m] = 0;
    VALUES[m] = center;
    m++;
  }
  return lagrangeSlope(POINTS, VALUES, m);
}

/**
 * A vanished placement (some nodes equal x or each other): the secant from the
 * first node (or x, for a stencil with f(x)) to the last — the outermost
 * offsets in the table's order — the legacy (f(x+2h) − f(x−2h)) / (stored 4h)
 * of five-point. 0/0 = NaN when nothing moved.
 */
function outerSecant(nodes: ArrayLike<number>, values: ArrayLike<number>, count: number, x: number, center: number, useCenter: boolean): number {
  const last = count - 1;
  if (useCenter) return (values[last]! - center) / (nodes[last]! - x);
  return (values[last]! - values[0]!) / (nodes[last]! - nodes[0]!);
}

/**
 * The quotient as weights, for applying one stencil to many outputs (a
 * Jacobian column): slope ≈ Σⱼ into[j]·f(nodeⱼ) + into[count]·f(x). The
 * rules of nominalSlope (nominal) and storedSlope (the secant, the table
 * formula over the stored step when the nodes are equally spaced, else the
 * Lagrange weights of the stored points); the sums may round differently
 * from those two functions' (they sum differences in a fixed order).
 *
 * @param into - destination, length ≥ count + 1
 * @param s - the stencil (its offsets give the nominal weights; its `center` says whether f(x) is a point)
 * @param nodes - the stored nodes
 * @param count - how many (the stencil's offsets, or its inward placement)
 * @param x - the coordinate
 * @param nominal - the book's quotient over h instead of the stored nodes
 * @param h - the nominal step
 * @example
 * const w = new Float64Array(3);
 * quotientWeights(w, STENCILS.central, [1.5, 0.5], 2, 1, false, 0.5); // w = [1, −1, 0]
 */
export function quotientWeights(into: Float64Array, s: Stencil, nodes: ArrayLike<number>, count: number, x: number, nominal: boolean, h: number): void {
  into.fill(0, 0, count + 1);
  if (!nominal && count === 1 && s.center) {
    into[0] = 1 / (nodes[0]! - x);
    into[1] = -into[0]!;
    return;
  }
  if (!nominal && count === 2 && !s.center) {
    into[0] = 1 / (nodes[0]! - nodes[1]!);
    into[1] = -into[0]!;
    return;
  }
  let step = h;
  let uniform = nominal;
  if (!nominal && s.unit >= 0 && count === s.offsets.length) {
    step = (nodes[s.unit]! - x) * s.offsets[s.unit]!;
    uniform = step > 0;
    for (let j = 0; j < count && uniform; j++) uniform = nodes[j]! - x === s.offsets[j]! * step;
  }
  if (uniform) {
    for (const term of s.terms) {
      const w = term.weight / (s.denominator * step);
      into[term.plus] = into[term.plus]! + w;
      const minus = term.minus === CENTER ? count : term.minus;
      into[minus] = into[minus]! - w;
    }
    return;
  }
  let m = 0;
  for (let j = 0; j < count; j++) POINTS[m++] = nodes[j]! - x;
  if (s.center) POINTS[m++] = 0;
  derivativeWeights(WEIGHTS, POINTS, m);
  for (let j = 0; j < count; j++) into[j] = WEIGHTS[j]!;
  if (s.center) into[count] = WEIGHTS[count]!;
}
