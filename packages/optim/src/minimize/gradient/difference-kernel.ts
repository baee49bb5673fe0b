/**
 * Finite differences of f at a point for the numerical gradient sources, as
 * requests to @descent/core's numericalGradientInto: the caller's numerical
 * options forwarded whole, f(x) handed over as core's `f0` (one-sided schemes
 * then cost N calls, not N + 1), the box handed over as core's `bounds` (no
 * node ever leaves it), and — for Richardson's 2h estimate, or around fixed
 * variables (lower = upper) — one request per coordinate with its own step.
 */
import ndarray, { type NdArray } from 'ndarray';
import { autoStepBase, FLOAT64_EPSILON, type NumericalGradientIntoOptions, type Scheme } from '@descent/core';
import type { Loop } from '../../drive/run-sync.js';
import type { Box } from '../bounds.js';
import type { Evaluation, Evaluations } from '../evaluation.js';

/** Calls of f one coordinate of a scheme costs when f(x) is known (an upper bound for 'richardson'). */
export function callsPerCoordinate(scheme: Scheme, richardsonLevels: number): number {
  switch (scheme) {
    case 'forward':
    case 'backward':
      return 1;
    case 'central':
      return 2;
    case 'five-point':
      return 4;
    default:
      return 2 * richardsonLevels;
  }
}

/** `x[i]` for a 1-D point, `x[i,j]` (core's form) for element i (row-major) of a point of this shape. */
export function coordinateName(flat: number, shape: readonly number[]): string {
  if (shape.length <= 1) return `x[${flat}]`;
  const index = new Array<number>(shape.length);
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    index[axis] = flat % shape[axis]!;
    flat = Math.floor(flat / shape[axis]!);
  }
  return `x[${index.join(',')}]`;
}

/**
 * Difference quotients of one f, counted by the run's Evaluations; one per run.
 * @example
 * const kernel = new DifferenceKernel(new Evaluations(Infinity, undefined), {}, undefined);
 * kernel.stepAt(3, 'forward'); // ≈ 4.47e-8 — eps^(1/2)·3, made representable
 */
export class DifferenceKernel {
  /** The step option: 'auto' or the caller's fixed h. */
  readonly h: number | 'auto';
  private readonly richardsonLevels: number;
  /** One-dimensional views of the buffers seen, for per-coordinate requests. */
  private readonly flats = new Map<Float64Array, NdArray<Float64Array>>();

  /**
   * @param evaluations the run's bookkeeping (counts, budget, error translation)
   * @param options the caller's numerical options, validated (scheme, f0, bounds and counter are set per request)
   * @param box the bounds of the run, or undefined
   */
  constructor(
    private readonly evaluations: Evaluations,
    private readonly options: NumericalGradientIntoOptions,
    readonly box: Box | undefined,
  ) {
    this.h = options.h ?? 'auto';
    this.richardsonLevels = options.richardson?.maxLevels ?? 10;
  }

  /**
   * Write the differences of `scheme` at x into out, with core's step times `scale`
   * (1: core's own rule, in one request unless a variable is fixed; otherwise one
   * request per coordinate with the scaled step).
   */
  *into(out: NdArray<Float64Array>, x: NdArray<Float64Array>, fx: number, scheme: Scheme, scale = 1): Loop<Evaluation, void> {
    const box = this.box;
    const n = x.size;
    const perCoordinate = callsPerCoordinate(scheme, this.richardsonLevels);
    if (scale === 1 && box?.fixed !== true) {
      const options: NumericalGradientIntoOptions = { ...this.options, scheme, f0: fx };
      if (box !== undefined) options.bounds = box.core;
      return yield* this.evaluations.differences(x, out, options, perCoordinate * n);
    }
    const xFlat = this.flat(x.data);
    const outFlat = this.flat(out.data);
    for (let i = 0; i < n; i++) {
      if (box !== undefined && box.lower[i] === box.upper[i]) {
        out.data[i] = 0; // a fixed variable: its derivative is never needed
        continue;
      }
      const options: NumericalGradientIntoOptions = { ...this.options, scheme, f0: fx, h: scale === 1 ? this.h : scale * this.stepAt(x.data[i]!, scheme) };
      if (box !== undefined) options.bounds = { lower: box.lower[i]!, upper: box.upper[i]! };
      yield* this.evaluations.differences(xFlat.lo(i).hi(1), outFlat.lo(i).hi(1), options, perCoordinate, x, coordinateName(i, x.shape));
    }
  }

  /** The step core takes at a coordinate value for a scheme (the fixed h, or the automatic one made representable). */
  stepAt(value: number, scheme: Scheme): number {
    if (this.h !== 'auto') return this.h;
    return value + autoStepBase(scheme, FLOAT64_EPSILON) * Math.max(1, Math.abs(value)) - value;
  }

  private flat(data: Float64Array): NdArray<Float64Array> {
    let v = this.flats.get(data);
    if (v === undefined) {
      if (this.flats.size >= 8) this.flats.clear(); // a run hands over a handful of distinct buffers
      this.flats.set(data, (v = ndarray(data, [data.length])));
    }
    return v;
  }
}
