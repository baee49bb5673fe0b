/**
 * The line-search options the quasi-Newton methods share (bfgs, lbfgs), their
 * defaults and their validation.
 */
import { checkChoice, checkNumber } from '../../checks/options.js';
import type { GradientSource } from '../gradient/gradient-source.js';
import type { LineSearchSettings } from './stepper.js';

/** Which line search: strong Wolfe by Moré–Thuente or by Nocedal–Wright's zoom, Armijo backtracking, or 'auto'. */
export type LineSearchKind = 'auto' | 'wolfe' | 'moreThuente' | 'armijo';

/** Line-search options of the quasi-Newton methods. */
export interface LineSearchOptions {
  /**
   * 'moreThuente' (strong Wolfe, Moré–Thuente: f and ∇f at every trial — the search
   * of MINPACK-2, L-BFGS-B and scipy), 'wolfe' (strong Wolfe, Nocedal–Wright bracketing
   * and zoom, evaluating the gradient only at trials that decrease f enough — a
   * rejected trial costs 1 call of f instead of 1 + N with a numerical gradient),
   * 'armijo' (backtracking without a curvature test), or 'auto': 'moreThuente' for
   * an analytic gradient, 'wolfe' for a numerical one.
   * @default 'auto'
   */
  lineSearch?: LineSearchKind;
  /** Sufficient-decrease constant c1, in (0, 1) and below c2. @default 1e-4 */
  c1?: number;
  /** Curvature constant c2 of the Wolfe searches, in (c1, 1). @default 0.9 */
  c2?: number;
  /** Calls of f per line search, an integer ≥ 1 (scipy's maxls). @default 20 */
  maxLineSearchTrials?: number;
  /** How the 'armijo' search shrinks a rejected step: a factor in (0, 1), or 'interpolate' (safeguarded quadratic). @default 'interpolate' */
  shrink?: number | 'interpolate';
  /** A step/gradient-change pair is used only when sᵀy > curvatureEps·‖s‖₂‖y‖₂, a value in [0, 1). @default 1e-10 */
  curvatureEps?: number;
}

/** The validated line-search options ('auto' resolved per run). */
export interface ResolvedLineSearchOptions {
  readonly lineSearch: LineSearchKind;
  readonly c1: number;
  readonly c2: number;
  readonly maxLineSearchTrials: number;
  readonly shrink: number | 'interpolate';
  readonly curvatureEps: number;
}

export const LINE_SEARCH_KEYS = ['lineSearch', 'c1', 'c2', 'maxLineSearchTrials', 'shrink', 'curvatureEps'] as const;

/**
 * Validate the line-search options of `where` and fill in the defaults.
 * @throws InvalidArgumentError or ArgumentRangeError naming the option
 * @example
 * resolveLineSearchOptions('lbfgs', {}).c2; // → 0.9
 */
export function resolveLineSearchOptions(where: string, o: LineSearchOptions): ResolvedLineSearchOptions {
  const c1 = checkNumber(where, 'c1', o.c1 ?? 1e-4, { min: 0, max: 1, minOpen: true, maxOpen: true }, 'the default is 1e-4');
  const c2 = checkNumber(where, 'c2', o.c2 ?? 0.9, { min: c1, max: 1, minOpen: true, maxOpen: true }, 'the default is 0.9 (c2 must exceed c1)');
  const shrink = o.shrink ?? 'interpolate';
  if (shrink !== 'interpolate') checkNumber(where, 'shrink', shrink, { min: 0, max: 1, minOpen: true, maxOpen: true }, "or 'interpolate', the default");
  return {
    lineSearch: checkChoice(where, 'lineSearch', o.lineSearch ?? 'auto', ['auto', 'wolfe', 'moreThuente', 'armijo'] as const, "the default is 'auto'"),
    c1,
    c2,
    maxLineSearchTrials: checkNumber(where, 'maxLineSearchTrials', o.maxLineSearchTrials ?? 20, { min: 1, integer: true }, 'the default is 20'),
    shrink,
    curvatureEps: checkNumber(where, 'curvatureEps', o.curvatureEps ?? 1e-10, { min: 0, max: 1, maxOpen: true }, 'the default is 1e-10'),
  };
}

/** The settings of one run: 'auto' becomes 'moreThuente' (analytic gradient) or 'wolfe' (numerical). */
export function lineSearchSettings(o: ResolvedLineSearchOptions, source: GradientSource): LineSearchSettings {
  const kind = o.lineSearch === 'auto' ? (source.numerical ? 'wolfe' : 'moreThuente') : o.lineSearch;
  return { kind, c1: o.c1, c2: o.c2, maxTrials: o.maxLineSearchTrials, shrink: o.shrink };
}
