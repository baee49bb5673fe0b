/**
 * Numerical gradients for the solvers, from @descent/core's numericalGradientInto:
 * forward differences that reuse the known f(x) (N calls per gradient, as
 * scipy's '2-point'), central differences (2N), or 'adaptive' — forward until
 * the solver asks for accuracy, then central — and steps that stay inside a box.
 */
import ndarray, { type NdArray } from 'ndarray';
import { NonFiniteValueError, numericalGradientInto, type DifferenceScheme } from '@descent/core';
import type { GradientSource } from './gradient-source.js';
import { boxSchemeFor, type Box } from './box-difference.js';

/** Options of `numericalGradientSource`. */
export interface NumericalGradientSourceOptions {
  /**
   * 'forward' (N calls of f per gradient: f(x) is reused; error O(h), ≈ 1e-8 relative),
   * 'central' (2N calls; error O(h²), ≈ 1e-11), or 'adaptive': forward until the
   * solver calls `refine()` — when the gradient first looks small enough to stop,
   * or a line search fails — then central for the rest of the run.
   * @default 'adaptive'
   */
  scheme?: 'adaptive' | 'forward' | 'central';
  /** Step: 'auto' (core's rule per scheme) or a fixed positive number. @default 'auto' */
  h?: number | 'auto';
  /** Keep every evaluation inside [lower, upper] (one-sided differences next to a bound). @default undefined (no bounds) */
  bounds?: Box;
}

/** True when the wanted scheme and step fit inside the box at every coordinate (one call of core suffices). */
function interior(x: Float64Array, box: Box, scheme: DifferenceScheme, h: number | 'auto'): boolean {
  for (let i = 0; i < x.length; i++) {
    const choice = boxSchemeFor(x[i]!, box.lower[i]!, box.upper[i]!, scheme, h);
    if (choice === null || choice.scheme !== scheme || choice.h !== h) return false;
  }
  return true;
}

/** Compare two arrays element by element (bit-level equality of the values). */
function sameValues(a: Float64Array, b: Float64Array): boolean {
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * A GradientSource computing ∇f by finite differences with core's
 * numericalGradientInto, counting every call of f it makes.
 *
 * Forward differences need f(x), which the solver already has: the wrapper
 * handed to core answers core's unperturbed call from the known value (after
 * checking that x is bit-identical to the point it was given), so a forward
 * gradient costs N calls, not N + 1. (Seam: replace by a core `f0` option.)
 *
 * @param f - the objective, called with the solver's point buffer
 * @param n - the number of variables
 * @example
 * const source = numericalGradientSource((x) => x[0]! ** 2 + 3 * x[1]!, 2, { scheme: 'central' });
 * const g = new Float64Array(2);
 * source.into(g, new Float64Array([1, 0]), 1); // g ≈ [2, 3], source.evaluations = 4
 */
export function numericalGradientSource(f: (x: Float64Array) => number, n: number, options: NumericalGradientSourceOptions = {}): GradientSource {
  let scheme: DifferenceScheme = options.scheme === 'central' ? 'central' : 'forward';
  const adaptive = (options.scheme ?? 'adaptive') === 'adaptive';
  const h = options.h ?? 'auto';
  const box = options.bounds;
  const snapshot = new Float64Array(n);
  let center = NaN;
  let reusePending = false;
  const views = new Map<Float64Array, NdArray>();
  const view = (a: Float64Array): NdArray => {
    let v = views.get(a);
    if (v === undefined) {
      if (views.size >= 4) views.clear();
      views.set(a, (v = ndarray(a, [a.length])));
    }
    return v;
  };
  const source = {
    evaluations: 0,
    numerical: true,
    description: adaptive ? 'forward differences (central once refined)' : `${scheme} differences`,
    into(g: Float64Array, x: Float64Array, fx: number): void {
      const xv = view(x);
      const fCore = (v: NdArray): number => {
        if (reusePending) {
          reusePending = false;
          if (sameValues(x, snapshot)) return center;
        }
        source.evaluations++;
        return f(v.data as Float64Array);
      };
      const arm = (): void => {
        snapshot.set(x);
        center = fx;
        reusePending = true;
      };
      try {
        if (box === undefined) {
          arm();
          numericalGradientInto(view(g), fCore, xv, { scheme, h });
        } else if (interior(x, box, scheme, h)) {
          arm();
          numericalGradientInto(view(g), fCore, xv, { scheme, h });
        } else {
          // Next to a bound: coordinate by coordinate, each with a difference that stays in the box.
          for (let i = 0; i < n; i++) {
            const choice = boxSchemeFor(x[i]!, box.lower[i]!, box.upper[i]!, scheme, h);
            if (choice === null) g[i] = 0;
            else {
              arm();
              numericalGradientInto(view(g).lo(i).hi(1), fCore, xv.lo(i).hi(1), choice);
            }
          }
        }
      } catch (error) {
        // f is not finite at a perturbed point next to x: no usable gradient here (a solver treats it as a rejected trial).
        if (!(error instanceof NonFiniteValueError)) throw error;
        g.fill(NaN);
      } finally {
        reusePending = false;
      }
    },
    refine(): boolean {
      if (!adaptive || scheme === 'central') return false;
      scheme = 'central';
      source.description = 'central differences (refined from forward)';
      return true;
    },
  };
  return source;
}
