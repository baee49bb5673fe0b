/**
 * Numerical-gradient arrows on a grid (@descent/core's numericalGradient),
 * the picture of the book's section 4.4 on any catalogue function.
 */
import ndarray from 'ndarray';
import { numericalGradient } from '@descent/core';
import type { PlaygroundFunction, Point } from './functions.js';
import { cellCentre } from './plane.js';
import type { GradientSettings } from './runner.js';

/** ∇f at one grid point. */
export interface Arrow {
  readonly at: Point;
  readonly gradient: Point;
}

/**
 * ∇f at the centres of an nx × ny grid over the function's box, estimated
 * by core's numericalGradient with `settings` (so the arrows use the same
 * gradient as the runs).
 * @throws core's errors where the gradient is undefined (every catalogue function is finite everywhere)
 * @example
 * gradientField(functionById('sphere'), 3, 3, {})[4]; // { at: [0, 0], gradient: [0, 0] }
 */
export function gradientField(fn: PlaygroundFunction, nx: number, ny: number, settings: GradientSettings): Arrow[] {
  const x = ndarray(new Float64Array(2), [2]);
  const arrows: Arrow[] = [];
  const options = { ...settings };
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const at = cellCentre(fn.box, nx, ny, i, j);
      x.set(0, at[0]);
      x.set(1, at[1]);
      const g = numericalGradient(fn.f, x, options);
      arrows.push({ at, gradient: [g.get(0), g.get(1)] });
    }
  }
  return arrows;
}
