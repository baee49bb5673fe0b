/**
 * Finite differences inside a box: which difference formula and step keep every
 * evaluation of f within [lower, upper] at one coordinate. The seam for core's
 * future `bounds` option — when core has it, the numerical gradient source
 * passes the box to core and this module goes.
 */
import { autoStepBase, FLOAT64_EPSILON, type DifferenceScheme } from '@descent/core';

/** Lower and upper bounds per variable (±Infinity for none). */
export interface Box {
  readonly lower: Float64Array;
  readonly upper: Float64Array;
}

/** A difference formula and step for one coordinate. */
export interface BoxDifference {
  scheme: DifferenceScheme;
  h: number | 'auto';
}

/** The step core applies at x for a scheme and h option: 'auto' is eps^(1/2) or eps^(1/3) times max(1, |x|), made representable. */
function stepAt(x: number, scheme: DifferenceScheme, h: number | 'auto'): number {
  if (h !== 'auto') return h;
  const h0 = autoStepBase(scheme, FLOAT64_EPSILON) * Math.max(1, Math.abs(x));
  return x + h0 - x;
}

/**
 * The difference at coordinate value x in [lo, hi] that never leaves the box:
 * the wanted scheme when its nodes x ± h fit; else forward when x + h fits,
 * backward when x − h fits (central falls back to one-sided: its error order
 * drops from h² to h at that coordinate only); else a one-sided step of half
 * the larger room; null when lo = hi (a fixed variable: its derivative is not
 * needed and is reported as 0).
 * @example
 * boxSchemeFor(0.5, -2, 0.5, 'central', 'auto'); // { scheme: 'backward', h: 'auto' } — x is on its upper bound
 */
export function boxSchemeFor(x: number, lo: number, hi: number, scheme: DifferenceScheme, h: number | 'auto'): BoxDifference | null {
  if (scheme === 'central') {
    const step = stepAt(x, 'central', h);
    if (x + step <= hi && x - step >= lo) return { scheme, h };
  } else if (scheme === 'five-point') {
    const step = stepAt(x, 'five-point', h);
    if (x + 2 * step <= hi && x - 2 * step >= lo) return { scheme, h };
  }
  const preferBackward = scheme === 'backward';
  const step = stepAt(x, 'forward', h);
  const forwardFits = x + step <= hi;
  const backwardFits = x - step >= lo;
  if (forwardFits && !(preferBackward && backwardFits)) return { scheme: 'forward', h };
  if (backwardFits) return { scheme: 'backward', h };
  const up = hi - x;
  const down = x - lo;
  if (!(Math.max(up, down) > 0)) return null;
  return up >= down ? { scheme: 'forward', h: up / 2 } : { scheme: 'backward', h: down / 2 };
}
