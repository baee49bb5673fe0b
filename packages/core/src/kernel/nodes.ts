/**
 * Where a stencil evaluates f, as the storage holds it. A node is x + t·h
 * rounded to the storage (float32 rounds it, float64 and plain arrays hold the
 * double); near ±MAX the nodes go toward the interior; a step below the
 * spacing of floats makes nodes coincide (VANISHED).
 */
import { STENCILS, type Stencil } from './stencil.js';
import { spacingAt, type Precision, type Scheme } from './step.js';

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
export function ordered(nodes: ArrayLike<number>, x: number, offsets: readonly number[], sign: number): boolean {
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
 * Write the nodes of stencil `s` at x with step h into nodes[0…n−1], as the
 * storage would hold them, and say whether they are usable. When a node
 * would overflow, the stencil's inward placement x − sign(x)·|t|·h is used
 * (status INWARD).
 *
 * @param nodes - destination (length ≥ the stencil's node count)
 * @param x - the coordinate (finite)
 * @param h - the step (> 0)
 * @param s - the stencil
 * @param float32 - the storage rounds to float32
 * @returns 0, or a combination of VANISHED, INWARD, OVERFLOW
 * @example
 * const nodes = new Float64Array(4);
 * const central = { offsets: [1, -1], inward: [0, 1] } as unknown as Parameters<typeof placeNodes>[3]; // the nodes of STENCILS.central (stencil.ts)
 * placeNodes(nodes, 1e12, 1e-4, central, false); // → 0 — nodes[0] − 1e12 = 1.220703125e-4 (the stored step)
 */
export function placeNodes(nodes: Float64Array, x: number, h: number, s: Stencil, float32: boolean): number {
  const offsets = s.offsets;
  let overflow = false;
  for (let k = 0; k < offsets.length; k++) {
    const v = stored(x + offsets[k]! * h, float32);
    if (v - v !== 0) overflow = true;
    nodes[k] = v;
  }
  if (!overflow) return ordered(nodes, x, offsets, 1) ? 0 : VANISHED;
  const inward = s.inward;
  const sign = x > 0 ? -1 : 1;
  for (let k = 0; k < inward.length; k++) {
    const v = stored(x + sign * inward[k]! * h, float32);
    if (v - v !== 0) return OVERFLOW;
    nodes[k] = v;
  }
  return ordered(nodes, x, inward, sign) ? INWARD : INWARD | VANISHED;
}

const PROBE = new Float64Array(8);

/**
 * The smallest step that works at x: one spacing of floats at |x|, doubled
 * until every node of the scheme lands on its own float (five-point at a
 * binade edge needs two spacings). What a StepUnderflowError suggests.
 *
 * @example
 * minimumStep(3, 'central', 'float64');          // 4.440892098500626e-16
 * minimumStep(2 - 2 ** -52, 'five-point', 'float64'); // 4.440892098500626e-16 (one spacing would put x + h and x + 2h both on 2)
 */
export function minimumStep(x: number, scheme: Scheme | Stencil, precision: Precision): number {
  const s = typeof scheme === 'string' ? STENCILS[scheme === 'richardson' ? 'central' : scheme] : scheme;
  let h = spacingAt(x, precision);
  for (let k = 0; k < 16; k++) {
    if ((placeNodes(PROBE, x, h, s, precision === 'float32') & (VANISHED | OVERFLOW)) === 0) return h;
    h *= 2;
  }
  return h;
}
