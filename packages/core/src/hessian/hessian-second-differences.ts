/**
 * The Hessian from second differences of f: one or two elements of x moved
 * per call, each call checked, the moved elements restored after it. Each
 * element is differenced centrally (x ± h), or — next to a bound or ±MAX —
 * one-sidedly with the same order (x + s·h, x + 2s·h, x + 3s·h toward the
 * side with room).
 */
import type { NdArray } from 'ndarray';
import { intoBox, type ElementBounds } from '../kernel/bounds.js';
import { badResultError, changedSinceCheckError, fThrewError, stepOverflowError, stepTooSmallError, wroteToPerturbedError } from '../kernel/errors.js';
import { derivativeWeights, secondDerivativeWeights } from '../kernel/lagrange.js';
import type { EvaluationCounter, ResolvedGradientOptions } from '../options/options.js';
import { elementName, findChanged, type Perturbation } from '../directional/perturb-along.js';
import { autoStep, epsilonOf, FLOAT32_MAX, type Precision } from '../kernel/step.js';
import type { FloatStorage } from '../memory/strided.js';

/** The call site: f with element i at a (and j at b, when j ≥ 0), checked, then both restored. */
interface Calls {
  f: (x: NdArray) => unknown;
  x: NdArray;
  p: Perturbation;
  where: string;
  hint: string | undefined;
  counter: EvaluationCounter;
}

/** Where x stands for messages: unperturbed (i < 0), one or two elements moved. */
function describeAt(p: Perturbation, i: number, a: number, j: number, b: number): string {
  if (i < 0) return 'at the unperturbed x';
  return `when ${elementName('x', p.shape, i)} was perturbed to ${a}${j >= 0 ? ` and ${elementName('x', p.shape, j)} to ${b}` : ''}`;
}

function valueAt(c: Calls, i: number, a: number, j: number, b: number): number {
  const { p, where } = c;
  const data = p.data;
  const pi = i >= 0 ? p.at[i]! : 0;
  const pj = j >= 0 ? p.at[j]! : 0;
  if (i >= 0) data[pi] = a;
  if (j >= 0) data[pj] = b;
  let value: unknown;
  c.counter.evaluations++;
  try {
    value = c.f(c.x);
  } catch (error) {
    throw fThrewError(where, describeAt(p, i, a, j, b), error, 'x has been restored', i < 0 ? undefined : elementName('x', p.shape, i));
  }
  if (typeof value !== 'number' || value - value !== 0) {
    throw badResultError(where, describeAt(p, i, a, j, b), value, 'x has been restored', i < 0 ? undefined : elementName('x', p.shape, i), c.hint);
  }
  if (i >= 0 && data[pi] !== a) throw wroteToPerturbedError(where, elementName('x', p.shape, i), 'x', a, data[pi]);
  if (j >= 0 && data[pj] !== b) throw wroteToPerturbedError(where, elementName('x', p.shape, j), 'x', b, data[pj]);
  if (i >= 0) data[pi] = p.saved[i]!;
  if (j >= 0) data[pj] = p.saved[j]!;
  return value;
}

/**
 * Per element: its side (0 central, ±1 one-sided), step, nodes as stored
 * (central: x + h, x − h; one-sided: x + s·h, x + 2s·h, x + 3s·h; 3 slots
 * each) and first-derivative weights over the points of a mixed difference
 * (central: the secant 1/(x₊ − x₋), −1/(x₊ − x₋) over x₊, x₋; one-sided: the
 * three-point weights over x, x + s·h, x + 2s·h) — in units of 1/h, so that
 * neither they nor their products under- or overflow at huge or tiny steps.
 */
interface Steps {
  side: Int8Array;
  h: Float64Array;
  node: Float64Array;
  weight: Float64Array;
}

/**
 * Each element's nodes, fitted to its box and the range of floats; checked before f is called.
 * @throws StepOverflowError (a fixed h with no room in the range of floats, or 'nominal' at its edge), StepUnderflowError
 */
function stepsOf(p: Perturbation, options: ResolvedGradientOptions, precision: Precision, box: ElementBounds | undefined, where: string): Steps {
  const auto = options.h === 'auto';
  const nominal = options.quotient === 'nominal';
  const base = epsilonOf(precision) ** 0.25;
  const checkStep = options.stepUnderflow === 'throw' || auto;
  const top = p.float32 ? FLOAT32_MAX : Number.MAX_VALUE;
  const steps: Steps = { side: new Int8Array(p.size), h: new Float64Array(p.size), node: new Float64Array(3 * p.size), weight: new Float64Array(3 * p.size) };
  const stored = (v: number, lo: number, hi: number): number => intoBox(p.float32 ? Math.fround(v) : v, lo, hi, p.float32);
  for (let k = 0; k < p.size; k++) {
    const x = p.saved[k]!;
    const coordinate = (): string => elementName('x', p.shape, k);
    let hk = auto ? autoStep(x, base, p.float32) : (options.h as number);
    const boxLo = box === undefined ? -Infinity : box.lower[k]!;
    const boxHi = box === undefined ? Infinity : box.upper[k]!;
    const lo = Math.max(boxLo, -top);
    const hi = Math.min(boxHi, top);
    const plus = p.float32 ? Math.fround(x + hk) : x + hk;
    const minus = p.float32 ? Math.fround(x - hk) : x - hk;
    let side = 0;
    if (!(minus >= lo && plus <= hi)) {
      const edge = x - hk >= boxLo && x + hk <= boxHi; // the range of floats, not a bound the user gave, is in the way
      if (edge && nominal) throw stepOverflowError(where, coordinate(), hk, x, precision, true, auto);
      // halves, so that neither the room (up to 2·MAX) nor 3h overflows
      const upHalf = hi / 2 - x / 2;
      const downHalf = x / 2 - lo / 2;
      side = upHalf >= downHalf ? 1 : -1;
      const half = side > 0 ? upHalf : downHalf;
      if (!(half >= 1.5 * hk)) {
        if (edge && !auto) throw stepOverflowError(where, coordinate(), hk, x, precision, false, auto);
        hk = (2 * half) / 3;
        // rounding may carry x + 3s·h just past the bound: pull the step in
        for (let attempt = 0; attempt < 20 && !within(x + 3 * side * hk, lo, hi, p.float32); attempt++) hk *= 1 - 2 ** (attempt - 20);
      }
    }
    steps.side[k] = side;
    steps.h[k] = hk;
    const o = 3 * k;
    const { node, weight } = steps;
    if (side === 0) {
      node[o] = plus;
      node[o + 1] = minus;
      if ((plus === x || minus === x) && checkStep) throw stepTooSmallError(where, coordinate(), hk, x, precision, 'central');
      const secant = nominal ? 0.5 : hk / (plus - minus);
      weight[o] = secant;
      weight[o + 1] = -secant;
      continue;
    }
    for (let t = 1; t <= 3; t++) node[o + t - 1] = stored(x + side * t * hk, lo, hi);
    if ((node[o] === x || node[o + 1] === node[o] || node[o + 2] === node[o + 1]) && checkStep) throw stepTooSmallError(where, coordinate(), hk, x, precision, 'central');
    POINTS[0] = 0;
    POINTS[1] = nominal ? side : (node[o]! - x) / hk;
    POINTS[2] = nominal ? 2 * side : (node[o + 1]! - x) / hk;
    derivativeWeights(W, POINTS, 3);
    weight.set(W.subarray(0, 3), o);
  }
  return steps;
}

const POINTS = new Float64Array(4);
const W = new Float64Array(4);

/** v as stored lies in [lo, hi]. */
function within(v: number, lo: number, hi: number, float32: boolean): boolean {
  const stored = float32 ? Math.fround(v) : v;
  return stored >= lo && stored <= hi;
}

/**
 * Write the Hessian by second differences into `out` (n×n), counting calls
 * into `counter`; x is restored by the caller. Cost: 1 + (2 or 3 per
 * element) + 4 per pair i < j calls of f.
 */
export function hessianBySecondDifferences(
  out: NdArray,
  f: (x: NdArray) => number,
  x: NdArray,
  p: Perturbation,
  options: ResolvedGradientOptions,
  precision: Precision,
  where: string,
  hint: string | undefined,
  counter: EvaluationCounter,
  box?: ElementBounds,
): void {
  const n = p.size;
  if (n === 0) return;
  const steps = stepsOf(p, options, precision, box, where);
  const nominal = options.quotient === 'nominal';
  const calls: Calls = { f, x, p, where, hint, counter };
  const o = out.data as FloatStorage;
  const [s0, s1] = out.stride as [number, number];
  const put = (i: number, j: number, value: number): void => {
    const v = value === value ? value : 0; // stepUnderflow 'zero': a step that moved nothing gives 0/0
    o[out.offset + i * s0 + j * s1] = v;
    o[out.offset + j * s0 + i * s1] = v;
  };
  const f0 = options.f0 ?? valueAt(calls, -1, 0, -1, 0); // a known f(x) (options.f0) saves the call
  assertUnchanged(p, where);
  const single = new Float64Array(3 * n); // f with element i alone at each of its nodes
  for (let i = 0; i < n; i++) {
    const count = steps.side[i] === 0 ? 2 : 3;
    for (let t = 0; t < count; t++) single[3 * i + t] = valueAt(calls, i, steps.node[3 * i + t]!, -1, 0);
    put(i, i, diagonal(steps, i, p.saved[i]!, f0, single, nominal));
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) put(i, j, mixed(calls, steps, i, j, f0, single, nominal));
  assertUnchanged(p, where);
}

/** ∂²f/∂xᵢ²: the three-point second difference (central), or the four-point one-sided one of the same order. */
function diagonal(steps: Steps, i: number, x: number, f0: number, single: Float64Array, nominal: boolean): number {
  const o = 3 * i;
  const h = steps.h[i]!;
  if (steps.side[i] === 0) {
    const plus = single[o]!;
    const minus = single[o + 1]!;
    if (nominal) return (plus - f0 - (f0 - minus)) / (h * h);
    const a = steps.node[o]! - x;
    const b = x - steps.node[o + 1]!;
    return (2 * ((plus - f0) / a - (f0 - minus) / b)) / (a + b);
  }
  const side = steps.side[i]!;
  POINTS[0] = 0;
  for (let t = 1; t <= 3; t++) POINTS[t] = nominal ? side * t : (steps.node[o + t - 1]! - x) / h; // in units of h
  secondDerivativeWeights(W, POINTS, 4);
  return (W[0]! * f0 + W[1]! * single[o]! + W[2]! * single[o + 1]! + W[3]! * single[o + 2]!) / h / h;
}

/**
 * ∂²f/∂xᵢ∂x_j: the product of the two elements' first-derivative stencils,
 * Σ_a Σ_b wᵢ(a)·w_j(b)·f(xᵢ = a, x_j = b) — with both central the textbook
 * (f₊₊ − f₊₋ − f₋₊ + f₋₋) over the stored steps; points where an element
 * stays at x reuse f(x) and the single-element values. 4 calls per pair.
 */
function mixed(calls: Calls, steps: Steps, i: number, j: number, f0: number, single: Float64Array, nominal: boolean): number {
  const { side, node, weight, h } = steps;
  const oi = 3 * i;
  const oj = 3 * j;
  if (side[i] === 0 && side[j] === 0) {
    const pp = valueAt(calls, i, node[oi]!, j, node[oj]!);
    const pm = valueAt(calls, i, node[oi]!, j, node[oj + 1]!);
    const mp = valueAt(calls, i, node[oi + 1]!, j, node[oj]!);
    const mm = valueAt(calls, i, node[oi + 1]!, j, node[oj + 1]!);
    const denominator = nominal ? 4 * h[i]! * h[j]! : (node[oi]! - node[oi + 1]!) * (node[oj]! - node[oj + 1]!);
    return (pp - pm - (mp - mm)) / denominator;
  }
  // points of each element: central — its two nodes; one-sided — x (index −1) and its first two nodes
  let sum = 0;
  for (let a = side[i] === 0 ? 0 : -1; a < 2; a++) {
    const wa = a < 0 ? weight[oi]! : weight[oi + a + (side[i] === 0 ? 0 : 1)]!;
    for (let b = side[j] === 0 ? 0 : -1; b < 2; b++) {
      const wb = b < 0 ? weight[oj]! : weight[oj + b + (side[j] === 0 ? 0 : 1)]!;
      let value: number;
      if (a < 0 && b < 0) value = f0;
      else if (a < 0) value = single[oj + b]!;
      else if (b < 0) value = single[oi + a]!;
      else value = valueAt(calls, i, node[oi + a]!, j, node[oj + b]!);
      sum += wa * wb * value;
    }
  }
  return sum / h[i]! / h[j]!;
}

/** Every element holds its saved value (f wrote nowhere); else InputModifiedError. */
function assertUnchanged(p: Perturbation, where: string): void {
  const changed = findChanged(p);
  if (changed >= 0) throw changedSinceCheckError(where, elementName('x', p.shape, changed), 'x', p.data[p.at[changed]!]);
}
