/**
 * The gradient kernel shared by numericalGradient(s) and gradCheck: perturb
 * each element of a strided view in place, call f, check that f left the
 * perturbed element alone, restore the element by assigning its saved value,
 * and write the difference quotient.
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
import { fivePointSlope, INWARD, OVERFLOW, placeNodes, VANISHED } from './nodes.js';
import { addEvaluations, type ResolvedGradientOptions } from './options.js';
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
  scheme: DifferenceScheme,
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
 * Write ∂f/∂x into `out` (same shape as x) by finite differences, perturbing
 * x in place one element at a time. Arguments are already validated, every
 * element of x already checked to be a finite number.
 *
 * Nodes: x + t·h as the storage holds them (placeNodes); h: 'auto' is made
 * representable first (autoStep); near ±MAX the nodes go toward the interior.
 * After each call of f the perturbed element must still hold its node (else
 * InputModifiedError); an element found non-finite later was written by f.
 *
 * One function with the 1-, 2- and 4-node cases written out, on purpose: the
 * hot loop keeps its state in locals, allocates nothing per coordinate and
 * calls no closure but f (the generic node placement runs only off the fast path).
 *
 * @param name - how x is called in messages (`x`, `W1`)
 * @param where - the public function, for messages
 */
export function differentiateInto(
  out: NdArray,
  f: (x: NdArray) => number,
  x: NdArray,
  name: string,
  precision: Precision,
  options: ResolvedGradientOptions,
  where: string,
): void {
  const shape = x.shape;
  const rank = shape.length;
  let size = 1;
  for (let axis = 0; axis < rank; axis++) size *= shape[axis]!;
  if (size === 0) return;

  const data = x.data as FloatStorage;
  const outData = out.data as FloatStorage;
  const scheme = options.scheme;
  const float32 = precision === 'float32';
  const nominal = options.quotient === 'nominal';
  const auto = options.h === 'auto';
  const fixedH = auto ? 0 : (options.h as number);
  const base = autoStepBase(scheme, epsilonOf(precision));
  const fivePoint = scheme === 'five-point';
  const central = scheme === 'central';
  const side = scheme === 'backward' ? -1 : 1; // where the first node of a 1- or 2-node scheme lies
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const xStep = rank === 0 ? 0 : x.stride[rank - 1]!;
  const outStep = rank === 0 ? 0 : out.stride[rank - 1]!;
  const index = new Int32Array(rank);
  // five-point nodes in s[0…3], f at them in s[4…7]: one buffer per nesting depth, so a call of
  // f that differentiates something itself gets its own
  const s = (SCRATCH[depth] ??= new Float64Array(8));
  depth++;
  const checkStep = options.stepUnderflow === 'throw' || auto;
  const restored = `${name} has been restored`;
  const hint = auto ? AUTO_STEP_HINT : undefined;

  let evaluations = 0;
  let p = x.offset; // element being perturbed
  let i = 0; // its index along the last axis
  let old = 0; // its saved value
  let dirty = false; // data[p] differs from old
  let inF = false; // f is running
  let perturbed = 0; // value f sees at data[p]
  let center = 0; // f(x) for one-sided schemes

  try {
    if (scheme === 'forward' || scheme === 'backward') {
      evaluations++; // counted before the call, so a call that throws counts too
      inF = true;
      center = f(x);
      inF = false;
      if (typeof center !== 'number' || center - center !== 0) throw badResultError(where, describeAt(undefined, 0, name), center, `${name} was not modified`);
    }
    do {
      p = rowStart(index, x.stride, x.offset);
      let q = rowStart(index, out.stride, out.offset);
      for (i = 0; i < rowLength; i++, p += xStep, q += outStep) {
        old = data[p]!;
        if (typeof old !== 'number' || old - old !== 0) throw changedSinceCheckError(where, formatIndex(name, index, i), name, old);
        let h = fixedH;
        if (auto) {
          // autoStep, inline: h₀ = base·max(1, |x|) made representable; overflow near ±MAX → autoStep's inward step
          const h0 = base * (old > 1 ? old : old < -1 ? -old : 1);
          h = float32 ? Math.fround(old + h0) - old : old + h0 - old;
          if (h - h !== 0) h = autoStep(old, base, float32);
        }
        // The nodes as the storage holds them. Fast path (finite, strictly ordered around x); otherwise
        // placeNodes decides (a vanished step, the edge of the float range).
        let n0 = float32 ? Math.fround(old + side * h) : old + side * h; // five-point: x + h
        let n1 = central || fivePoint ? (float32 ? Math.fround(old - h) : old - h) : old; // five-point: x − h
        let m2 = 0; // five-point: x − 2h
        let p2 = 0; // five-point: x + 2h
        let fast: boolean;
        if (fivePoint) {
          m2 = float32 ? Math.fround(old - 2 * h) : old - 2 * h;
          p2 = float32 ? Math.fround(old + 2 * h) : old + 2 * h;
          fast = m2 < n1 && n1 < old && old < n0 && n0 < p2 && m2 - m2 === 0 && p2 - p2 === 0;
        } else {
          fast = (side > 0 ? n0 > old : n0 < old) && n0 - n0 === 0 && (!central || (n1 < old && n1 - n1 === 0));
        }
        let status = 0;
        if (!fast) {
          status = placeNodes(s, old, h, scheme, float32);
          if (status !== 0) {
            const error = placementError(status, where, formatIndex(name, index, i), h, old, precision, scheme, nominal, auto, checkStep);
            if (error !== undefined) throw error;
          }
          if (fivePoint) {
            m2 = s[0]!;
            n1 = s[1]!;
            n0 = s[2]!;
            p2 = s[3]!;
          } else {
            n0 = s[0]!;
            n1 = s[1]!;
          }
        }
        dirty = true;
        let slope = 0;
        if (fivePoint) {
          let fm2 = 0;
          let fm1 = 0;
          let fp1 = 0;
          for (let k = 0; k < 4; k++) {
            data[p] = perturbed = k === 0 ? m2 : k === 1 ? n1 : k === 2 ? n0 : p2;
            evaluations++;
            inF = true;
            const value = f(x);
            inF = false;
            if (typeof value !== 'number' || value - value !== 0 || data[p] !== perturbed) throw badCall(where, name, index, i, perturbed, value, data[p], restored, hint);
            if (k === 0) fm2 = value;
            else if (k === 1) fm1 = value;
            else if (k === 2) fp1 = value;
            else slope = fivePointSlope(m2, n1, n0, p2, fm2, fm1, fp1, value, old, h, nominal, status);
          }
        } else {
          data[p] = perturbed = n0;
          evaluations++;
          inF = true;
          const v0 = f(x);
          inF = false;
          if (typeof v0 !== 'number' || v0 - v0 !== 0 || data[p] !== perturbed) throw badCall(where, name, index, i, perturbed, v0, data[p], restored, hint);
          if (central) {
            data[p] = perturbed = n1;
            evaluations++;
            inF = true;
            const v1 = f(x);
            inF = false;
            if (typeof v1 !== 'number' || v1 - v1 !== 0 || data[p] !== perturbed) throw badCall(where, name, index, i, perturbed, v1, data[p], restored, hint);
            slope = (v0 - v1) / (nominal ? 2 * h : n0 - n1);
          } else {
            slope = (v0 - center) / (nominal ? side * h : n0 - old);
          }
        }
        data[p] = old;
        dirty = false;
        // stepUnderflow 'zero': f's values are finite (checked), so NaN can only be 0/0 from a vanished step.
        outData[q] = !checkStep && slope !== slope ? 0 : slope;
      }
    } while (rank > 1 && nextRow(index, shape));
  } catch (error) {
    if (dirty) data[p] = old;
    if (!inF) throw error;
    const coordinate = dirty ? formatIndex(name, index, i) : undefined;
    throw fThrewError(where, describeAt(coordinate, perturbed, name), error, restored, coordinate);
  } finally {
    depth--;
    addEvaluations(options.counter, evaluations);
  }
}

/** The error for a call of f that returned a non-number or NaN/±Infinity, or changed the perturbed element. */
function badCall(
  where: string,
  name: string,
  index: Int32Array,
  i: number,
  perturbed: number,
  value: unknown,
  found: unknown,
  restored: string,
  hint: string | undefined,
): Error {
  const coordinate = formatIndex(name, index, i);
  if (typeof value !== 'number' || value - value !== 0) return badResultError(where, describeAt(coordinate, perturbed, name), value, restored, coordinate, hint);
  return wroteToPerturbedError(where, coordinate, name, perturbed, found);
}

/** Node/value buffers by nesting depth of differentiateInto (f may call it again). */
const SCRATCH: Float64Array[] = [];
let depth = 0;
