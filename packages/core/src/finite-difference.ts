/**
 * The gradient kernel shared by numericalGradient and numericalGradients:
 * perturb each element of a strided view in place, call f, restore the element
 * by assigning its saved value, and write the difference quotient.
 */
import type { NdArray } from 'ndarray';
import { badResultError, describeAt, fThrewError, nonFiniteCoordinateError, stepTooSmallError } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { autoStepBase, epsilonOf, representableStep, type Precision } from './step.js';
import { formatIndex, nextRow, rowStart, type FloatStorage } from './strided.js';

/**
 * Derivative at 0 of the cubic through (a, fa), (b, fb), (c, fc), (d, fd): the
 * five-point formula on the nodes the storage actually holds. Node j gets the
 * weight L_j'(0) = e₂(other nodes) / Π_{k≠j}(t_j − t_k), e₂ being the sum of
 * pairwise products; on nodes −2h, −h, h, 2h it is (f₋₂ − 8f₋₁ + 8f₁ − f₂)/12h.
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
 * Write ∂f/∂x into `out` (same shape as x) by finite differences, perturbing
 * x in place one element at a time. Arguments are already validated.
 *
 * Step rule: the perturbed values are computed in double (old ± h) and
 * written; float64 and plain-array storage hold them exactly, so the quotient
 * divides by the nominal step. Float32Array storage rounds them, so the
 * quotient uses the values read back (the step actually applied). With
 * h: 'auto' the step is first made representable: h = round(old + h₀) − old.
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
  options: ResolvedOptions,
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
  const auto = options.h === 'auto';
  const fixedH = auto ? 0 : (options.h as number);
  const base = autoStepBase(scheme, epsilonOf(precision));
  const rowLength = rank === 0 ? 1 : shape[rank - 1]!;
  const xStep = rank === 0 ? 0 : x.stride[rank - 1]!;
  const outStep = rank === 0 ? 0 : out.stride[rank - 1]!;
  const index = new Int32Array(rank);
  const checkStep = options.stepUnderflow === 'throw' || auto;
  const restored = `${name} has been restored`;

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
      if (typeof center !== 'number' || center - center !== 0) {
        throw badResultError(where, describeAt(undefined, 0, name), center, `${name} was not modified`);
      }
    }
    do {
      p = rowStart(index, x.stride, x.offset);
      let q = rowStart(index, out.stride, out.offset);
      for (i = 0; i < rowLength; i++, p += xStep, q += outStep) {
        old = data[p]!;
        if (old - old !== 0) throw nonFiniteCoordinateError(where, formatIndex(name, index, i), old);
        const scale = old > 1 ? old : old < -1 ? -old : 1;
        const h = auto ? representableStep(old, base * scale, float32) : fixedH;
        let slope: number;
        dirty = true;
        if (scheme === 'central') {
          data[p] = old + h;
          const up = data[p]!;
          data[p] = old - h;
          const down = data[p]!;
          if (checkStep && (up === old || down === old)) throw stepTooSmallError(where, formatIndex(name, index, i), h, old, precision);
          data[p] = perturbed = up;
          evaluations++;
          inF = true;
          const fUp = f(x);
          inF = false;
          if (typeof fUp !== 'number' || fUp - fUp !== 0) {
            throw badResultError(where, describeAt(formatIndex(name, index, i), up, name), fUp, restored, formatIndex(name, index, i));
          }
          data[p] = perturbed = down;
          evaluations++;
          inF = true;
          const fDown = f(x);
          inF = false;
          if (typeof fDown !== 'number' || fDown - fDown !== 0) {
            throw badResultError(where, describeAt(formatIndex(name, index, i), down, name), fDown, restored, formatIndex(name, index, i));
          }
          slope = (fUp - fDown) / (float32 ? up - down : 2 * h);
        } else if (scheme === 'forward' || scheme === 'backward') {
          data[p] = scheme === 'forward' ? old + h : old - h;
          const moved = (perturbed = data[p]!);
          if (checkStep && moved === old) throw stepTooSmallError(where, formatIndex(name, index, i), h, old, precision);
          evaluations++;
          inF = true;
          const fMoved = f(x);
          inF = false;
          if (typeof fMoved !== 'number' || fMoved - fMoved !== 0) {
            throw badResultError(where, describeAt(formatIndex(name, index, i), moved, name), fMoved, restored, formatIndex(name, index, i));
          }
          const applied = float32 ? moved - old : scheme === 'forward' ? h : -h;
          slope = (fMoved - center) / applied;
        } else {
          // five-point: nodes old − 2h, old − h, old + h, old + 2h
          data[p] = old - 2 * h;
          const m2 = data[p]!;
          data[p] = old - h;
          const m1 = data[p]!;
          data[p] = old + h;
          const p1 = data[p]!;
          data[p] = old + 2 * h;
          const p2 = data[p]!;
          if (checkStep && !(m2 < m1 && m1 < old && old < p1 && p1 < p2)) {
            throw stepTooSmallError(where, formatIndex(name, index, i), h, old, precision);
          }
          let fm2 = 0;
          let fm1 = 0;
          let fp1 = 0;
          let fp2 = 0;
          for (let k = 0; k < 4; k++) {
            data[p] = perturbed = k === 0 ? m2 : k === 1 ? m1 : k === 2 ? p1 : p2;
            evaluations++;
            inF = true;
            const v = f(x);
            inF = false;
            if (typeof v !== 'number' || v - v !== 0) {
              throw badResultError(where, describeAt(formatIndex(name, index, i), perturbed, name), v, restored, formatIndex(name, index, i));
            }
            if (k === 0) fm2 = v;
            else if (k === 1) fm1 = v;
            else if (k === 2) fp1 = v;
            else fp2 = v;
          }
          slope = float32
            ? cubicSlopeAtZero(m2 - old, fm2, m1 - old, fm1, p1 - old, fp1, p2 - old, fp2)
            : (fm2 - fp2 + 8 * (fp1 - fm1)) / (12 * h); // differences first: exactly 0 when all four values are equal
        }
        data[p] = old;
        dirty = false;
        // stepUnderflow 'zero': f's values are finite (checked), so NaN can only be 0/0 from a vanished step.
        if (!checkStep && slope !== slope) slope = 0;
        outData[q] = slope;
      }
    } while (rank > 1 && nextRow(index, shape));
  } catch (error) {
    if (dirty) data[p] = old;
    if (!inF) throw error;
    const coordinate = dirty ? formatIndex(name, index, i) : undefined;
    throw fThrewError(where, describeAt(coordinate, perturbed, name), error, restored, coordinate);
  } finally {
    if (options.counter !== undefined) options.counter.evaluations += evaluations;
  }
}
