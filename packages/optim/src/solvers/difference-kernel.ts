/**
 * Finite differences of f at a point, through @descent/core's
 * numericalGradientInto, for the numerical gradient source: one scheme over
 * every coordinate, f(x) reused instead of re-evaluated, every call of f
 * counted, steps kept inside a box, and steps scaled by a factor (for
 * Richardson's 2h estimate).
 */
import ndarray, { type NdArray } from 'ndarray';
import { autoStepBase, FLOAT64_EPSILON, NonFiniteValueError, numericalGradientInto, type DifferenceScheme } from '@descent/core';
import { boxSchemeFor, type Box } from './box-difference.js';

/**
 * True when a and b hold the same values element by element (lengths assumed equal).
 * @example
 * sameValues(new Float64Array([1, 2]), new Float64Array([1, 2])); // true
 */
export function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * Difference quotients of one f, counted; one instance per run (it keeps a
 * snapshot buffer of n numbers and ndarray views of the buffers it sees).
 * @example
 * const kernel = new DifferenceKernel((x) => x[0]! ** 2, 1, 'auto', undefined);
 * const g = new Float64Array(1);
 * kernel.into(g, new Float64Array([3]), 9, 'forward'); // g ≈ [6], kernel.evaluations = 1
 */
export class DifferenceKernel {
  /** Calls of f made so far. */
  evaluations = 0;
  /** Core's call of f at the unperturbed x is answered from the known f(x) (seam: a core `f0` option). */
  private readonly snapshot: Float64Array;
  private center = NaN;
  private reusePending = false;
  private readonly views = new Map<Float64Array, NdArray>();

  /**
   * @param f - the objective
   * @param n - the number of variables
   * @param h - core's `h` option: 'auto' or a fixed step
   * @param box - keep every evaluation inside it (undefined: no bounds)
   */
  constructor(
    private readonly f: (x: Float64Array) => number,
    n: number,
    readonly h: number | 'auto',
    readonly box: Box | undefined,
  ) {
    this.snapshot = new Float64Array(n);
  }

  private view(a: Float64Array): NdArray {
    let v = this.views.get(a);
    if (v === undefined) {
      if (this.views.size >= 8) this.views.clear(); // a run hands over at most 7 distinct buffers
      this.views.set(a, (v = ndarray(a, [a.length])));
    }
    return v;
  }

  /**
   * Write the differences of `scheme` at x into out, with core's step times `scale`
   * (1: core's own rule in one call; otherwise coordinate by coordinate with the
   * scaled step). A NonFiniteValueError of f at a perturbed point fills out with NaN.
   */
  into(out: Float64Array, x: Float64Array, fx: number, scheme: DifferenceScheme, scale = 1): void {
    const fCore = (v: NdArray): number => {
      if (this.reusePending) {
        this.reusePending = false;
        if (sameValues(x, this.snapshot)) return this.center;
      }
      this.evaluations++;
      return this.f(v.data as Float64Array);
    };
    const arm = (): void => {
      this.snapshot.set(x);
      this.center = fx;
      this.reusePending = true;
    };
    const xv = this.view(x);
    const gv = this.view(out);
    try {
      if (scale === 1 && (this.box === undefined || this.interior(x, scheme))) {
        arm();
        numericalGradientInto(gv, fCore, xv, { scheme, h: this.h });
        return;
      }
      for (let i = 0; i < x.length; i++) {
        const h = scale === 1 ? this.h : scale * this.stepAt(x[i]!, scheme);
        const choice = this.box === undefined ? { scheme, h } : boxSchemeFor(x[i]!, this.box.lower[i]!, this.box.upper[i]!, scheme, h);
        if (choice === null) out[i] = 0;
        else {
          arm();
          numericalGradientInto(gv.lo(i).hi(1), fCore, xv.lo(i).hi(1), choice);
        }
      }
    } catch (error) {
      if (!(error instanceof NonFiniteValueError)) throw error;
      out.fill(NaN);
    } finally {
      this.reusePending = false;
    }
  }

  /** The step core uses at a coordinate value for a scheme. */
  stepAt(x: number, scheme: DifferenceScheme): number {
    if (this.h !== 'auto') return this.h;
    return x + autoStepBase(scheme, FLOAT64_EPSILON) * Math.max(1, Math.abs(x)) - x;
  }

  /** True when the scheme and step fit inside the box at every coordinate (one call of core suffices). */
  private interior(x: Float64Array, scheme: DifferenceScheme): boolean {
    const box = this.box!;
    for (let i = 0; i < x.length; i++) {
      const choice = boxSchemeFor(x[i]!, box.lower[i]!, box.upper[i]!, scheme, this.h);
      if (choice === null || choice.scheme !== scheme || choice.h !== this.h) return false;
    }
    return true;
  }
}
