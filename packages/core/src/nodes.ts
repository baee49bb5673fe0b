/**
 * Where a scheme evaluates f (its nodes, as data) and the difference quotient
 * over the nodes as stored. A node is x + t·h rounded to the storage (float32
 * rounds it, float64 and plain arrays hold the double); the quotient divides
 * by the step actually taken (scipy's rule) or by the nominal one (the book's).
 */
import { spacingAt, type DifferenceScheme, type Precision } from './step.js';

/** Offsets t of each scheme's nodes x + t·h, in the order f is called. */
export const NODE_OFFSETS: Readonly<Record<DifferenceScheme, readonly number[]>> = {
  central: [1, -1],
  forward: [1],
  backward: [-1],
  'five-point': [-2, -1, 1, 2],
};

/**
 * Offsets used when a node would overflow (x within a step of ±MAX): |t| per
 * node, taken toward the interior (x − sign(x)·|t|·h). Central becomes
 * one-sided, (f(x) − f(x∓h)) / ±h; forward and backward step the other way;
 * five-point fits the cubic through four interior nodes.
 */
export const INWARD_OFFSETS: Readonly<Record<DifferenceScheme, readonly number[]>> = {
  central: [0, 1],
  forward: [1],
  backward: [1],
  'five-point': [1, 2, 3, 4],
};

/** placeNodes status: a node equals x or two nodes coincide (the step is below the spacing of floats). */
export const VANISHED = 1;
/** placeNodes status: the nodes were placed toward the interior because one would overflow. */
export const INWARD = 2;
/** placeNodes status: no finite placement exists (the step is too large on both sides). */
export const OVERFLOW = 4;

/** x + t·h as the storage holds it. */
function stored(value: number, float32: boolean): number {
  return float32 ? Math.fround(value) : value;
}

/**
 * True when the nodes lie strictly in the order of their offsets sign·t, with
 * x at offset 0: each node is on its offset's side of x (or equal to x at
 * offset 0), and nodes on the same side are in the order of their offsets
 * (nodes on opposite sides are ordered already).
 */
function ordered(nodes: Float64Array, x: number, offsets: readonly number[], sign: number): boolean {
  const n = offsets.length;
  for (let j = 0; j < n; j++) {
    const tj = sign * offsets[j]!;
    const nj = nodes[j]!;
    if (tj > 0 ? !(nj > x) : tj < 0 ? !(nj < x) : nj !== x) return false;
    for (let k = j + 1; k < n; k++) {
      const tk = sign * offsets[k]!;
      if (tk > 0 !== tj > 0 || tk < 0 !== tj < 0) continue;
      if (tk > tj ? !(nodes[k]! > nj) : !(nodes[k]! < nj)) return false;
    }
  }
  return true;
}

/**
 * Write the nodes of `scheme` at x with step h into nodes[0…n−1], as the
 * storage would hold them, and say whether they are usable.
 *
 * @param nodes - destination (length ≥ 4)
 * @param x - the coordinate (finite)
 * @param h - the step (> 0)
 * @param scheme - the difference formula
 * @param float32 - the storage rounds to float32
 * @returns 0, or a combination of VANISHED, INWARD, OVERFLOW
 * @example
 * const nodes = new Float64Array(4);
 * placeNodes(nodes, 1e12, 1e-4, 'central', false); // → 0; nodes[0] − 1e12 = 1.220703125e-4 (the stored step)
 */
export function placeNodes(nodes: Float64Array, x: number, h: number, scheme: DifferenceScheme, float32: boolean): number {
  const offsets = NODE_OFFSETS[scheme];
  let overflow = false;
  for (let k = 0; k < offsets.length; k++) {
    const v = stored(x + offsets[k]! * h, float32);
    if (v - v !== 0) overflow = true;
    nodes[k] = v;
  }
  if (!overflow) return ordered(nodes, x, offsets, 1) ? 0 : VANISHED;
  const inward = INWARD_OFFSETS[scheme];
  const sign = x > 0 ? -1 : 1;
  for (let k = 0; k < inward.length; k++) {
    const v = stored(x + sign * inward[k]! * h, float32);
    if (v - v !== 0) return OVERFLOW;
    nodes[k] = v;
  }
  return ordered(nodes, x, inward, sign) ? INWARD : INWARD | VANISHED;
}

/**
 * Derivative at 0 of the cubic through (a, fa), (b, fb), (c, fc), (d, fd): the
 * five-point formula on the nodes the storage actually holds. Node j gets the
 * weight L_j'(0) = e₂(other nodes) / Π_{k≠j}(t_j − t_k), e₂ being the sum of
 * pairwise products; on nodes −2h, −h, h, 2h it is (f₋₂ − 8f₋₁ + 8f₁ − f₂)/12h.
 * The weights sum to 0, so subtracting a constant from every f leaves the
 * slope unchanged; pass differences (f − f at one node) when the values are
 * large compared to their changes.
 */
export function cubicSlopeAtZero(a: number, fa: number, b: number, fb: number, c: number, fc: number, d: number, fd: number): number {
  return (
    (fa * (b * c + b * d + c * d)) / ((a - b) * (a - c) * (a - d)) +
    (fb * (a * c + a * d + c * d)) / ((b - a) * (b - c) * (b - d)) +
    (fc * (a * b + a * d + b * d)) / ((c - a) * (c - b) * (c - d)) +
    (fd * (a * b + a * c + b * c)) / ((d - a) * (d - b) * (d - c))
  );
}

/**
 * The difference quotient over stored nodes s[0…3] and f's values there
 * s[4…7] (placed by placeNodes with `status`).
 *
 * actual (nominal = false): central (f₀ − f₁)/(n₀ − n₁); one-sided
 * (f₀ − f(x))/(n₀ − x); five-point: the standard weights over the stored step
 * when the nodes are symmetric and equally spaced, else the slope at x of the
 * cubic through them. nominal: the book's 2h, ±h, 12h (symmetric nodes only).
 * Under stepUnderflow 'zero' a VANISHED placement can reach here: the nodes
 * that moved give the quotient, none gives 0/0 = NaN (the caller maps it to 0).
 *
 * @param center - f(x) for the one-sided schemes
 */
export function slopeOf(scheme: DifferenceScheme, s: Float64Array, x: number, h: number, center: number, nominal: boolean, status: number): number {
  switch (scheme) {
    case 'central':
      return (s[4]! - s[5]!) / (nominal ? 2 * h : s[0]! - s[1]!);
    case 'forward':
      return (s[4]! - center) / (nominal ? h : s[0]! - x);
    case 'backward':
      return (s[4]! - center) / (nominal ? -h : s[0]! - x);
    case 'five-point':
      return fivePointSlope(s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!, s[6]!, s[7]!, x, h, nominal, status);
  }
}

/**
 * The five-point quotient over stored nodes m2 < m1 < x < p1 < p2 (or the
 * interior placement) and f's values there; see slopeOf.
 */
export function fivePointSlope(
  m2: number,
  m1: number,
  p1: number,
  p2: number,
  fm2: number,
  fm1: number,
  fp1: number,
  fp2: number,
  x: number,
  h: number,
  nominal: boolean,
  status: number,
): number {
  // differences first: exactly 0 when all four values are equal
  if (nominal) return (fm2 - fp2 + 8 * (fp1 - fm1)) / (12 * h);
  if ((status & VANISHED) !== 0) return (fp2 - fm2) / (p2 - m2);
  const a = m2 - x;
  const b = m1 - x;
  const c = p1 - x;
  const d = p2 - x;
  if (a === -d && b === -c && d === 2 * c) return (fm2 - fp2 + 8 * (fp1 - fm1)) / (12 * c);
  // The weights sum to 0, so f's values may be shifted by f at the third node (no cancellation of large
  // values); the slope scales as 1/r when the nodes are divided by r (no overflow of (a−b)(a−c)(a−d) at
  // h ≈ 1e305, no underflow at h ≈ 1e-200).
  const r = d < 0 ? -d : d;
  return cubicSlopeAtZero(a / r, fm2 - fp1, b / r, fm1 - fp1, c / r, 0, d / r, fp2 - fp1) / r;
}

const PROBE = new Float64Array(4);

/**
 * The smallest step that works at x: one spacing of floats at |x|, doubled
 * until every node of the scheme lands on its own float (five-point at a
 * binade edge needs two spacings). What a StepUnderflowError suggests.
 *
 * @example
 * minimumStep(3, 'central', 'float64');          // 4.440892098500626e-16
 * minimumStep(2 - 2 ** -52, 'five-point', 'float64'); // 4.440892098500626e-16 (one spacing would put x + h and x + 2h both on 2)
 */
export function minimumStep(x: number, scheme: DifferenceScheme, precision: Precision): number {
  let h = spacingAt(x, precision);
  for (let k = 0; k < 16; k++) {
    if ((placeNodes(PROBE, x, h, scheme, precision === 'float32') & (VANISHED | OVERFLOW)) === 0) return h;
    h *= 2;
  }
  return h;
}
