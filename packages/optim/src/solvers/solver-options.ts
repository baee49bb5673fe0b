/**
 * The options L-BFGS and L-BFGS-B share, their defaults, and their validation.
 */
import { InvalidArgumentError, type EvaluationCounter } from '@descent/core';
import { checkOption } from './check-option.js';
import type { GradientSource } from './gradient-source.js';

/** Options shared by `lbfgsMinimize` and `lbfgsbMinimize`. */
export interface SolverOptions {
  /**
   * Pairs (s, y) kept, an integer ≥ 1; memory is 2·m·n numbers. Measured on the 35
   * Moré–Garbow–Hillstrom problems and Rosenbrock 10-D: m = 10 took 3–7 % more calls
   * on the 35 and 22–25 % more on Rosenbrock 10-D than 30; m = 20 1–3 % and 6 %
   * more; m = 50 1–2 % fewer on the 35 and the same on Rosenbrock, for 5/3 the memory.
   * @default 30
   */
  memory?: number;
  /** Stop ('gradTol', converged) when ‖∇f‖∞ (projected onto the box, with bounds) ≤ gradTol (≥ 0). @default 1e-5 */
  gradTol?: number;
  /** Stop ('fTol') when an iteration decreases f by ≤ fTol·max(|f|, |f₊|, 1) (≥ 0; 0 never stops on f alone). @default 0 */
  fTol?: number;
  /** Iterations before 'maxIterations', an integer ≥ 0 or Infinity. @default 10000 */
  maxIterations?: number;
  /** Calls of f (numerical gradients included) before 'maxEvaluations', checked between iterations (≥ 1 or Infinity). @default Infinity */
  maxEvaluations?: number;
  /**
   * 'moreThuente' (strong Wolfe, Moré–Thuente: φ and φ' at every trial, the search of
   * MINPACK-2, L-BFGS-B and scipy), 'wolfe' (strong Wolfe, Nocedal–Wright bracketing
   * and zoom evaluating the gradient only at trials that decrease f enough — a
   * rejected trial costs 1 call of f instead of 1 + N with a numerical gradient),
   * 'armijo' (backtracking, no curvature test), or 'auto': 'moreThuente' for an
   * analytic gradient, 'wolfe' for a numerical one. On the 35 problems with analytic
   * gradients 'moreThuente' and 'wolfe' with slopes at every trial took the same
   * calls within 1 %; 'moreThuente' reproduces scipy's L-BFGS-B path step for step.
   * @default 'auto'
   */
  lineSearch?: 'auto' | 'wolfe' | 'moreThuente' | 'armijo';
  /** Sufficient-decrease constant, in (0, c2). @default 1e-4 */
  c1?: number;
  /** Curvature constant of the Wolfe search, in (c1, 1). @default 0.9 */
  c2?: number;
  /** Calls of f per line search, an integer ≥ 1 (scipy's maxls). @default 20 */
  maxLineSearchTrials?: number;
  /** A pair is stored only when sᵀy > curvatureEps·‖s‖₂‖y‖₂, in [0, 1). @default 1e-10 */
  curvatureEps?: number;
  /**
   * With a coarse gradient (adaptive numerical differences: forward), refine it once
   * when ‖∇f‖∞ first falls to refineFactor·gradTol (≥ 1), and at every point that
   * claims gradTol. Forward differences are off by ≈ (h/2)·|∂²f/∂xᵢ²| with
   * h ≈ 1.5e-8·max(1, |xᵢ|) — 7.5e-6 at Rosenbrock's minimum, the size of gradTol —
   * and the refinement measures that error so later forward gradients subtract it.
   * 30 measured best (1: iterations stall on the forward error first; 1000: the
   * refinement comes before the error is the limit).
   * @default 30
   */
  refineFactor?: number;
  /**
   * Incremented by every call of f the run makes, numerical-gradient calls included,
   * as they happen (pass one object to several runs to accumulate, as with core's counter).
   * @default undefined (the result's `evaluations` still counts them)
   */
  counter?: EvaluationCounter;
}

/** Shared options with defaults filled in. */
export interface ResolvedSolverOptions {
  memory: number;
  gradTol: number;
  fTol: number;
  maxIterations: number;
  maxEvaluations: number;
  lineSearch: 'wolfe' | 'moreThuente' | 'armijo';
  c1: number;
  c2: number;
  maxTrials: number;
  curvatureEps: number;
  refineFactor: number;
  counter: EvaluationCounter | undefined;
}

/**
 * Check one of a few string values; undefined gives the first (the default).
 * @throws InvalidArgumentError naming the option and the choices
 * @example
 * checkChoice('lbfgsMinimize', 'lineSearch', undefined, ['auto', 'wolfe'] as const); // 'auto'
 */
export function checkChoice<T extends string>(where: string, name: string, value: unknown, choices: readonly T[]): T {
  if (value === undefined) return choices[0]!;
  if (!choices.includes(value as T)) {
    throw new InvalidArgumentError(`${where}: ${name} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${String(value)}; the default is '${choices[0]}'.`);
  }
  return value as T;
}

function checkCounter(where: string, counter: unknown): EvaluationCounter | undefined {
  if (counter === undefined) return undefined;
  if (typeof counter !== 'object' || counter === null || typeof (counter as EvaluationCounter).evaluations !== 'number') {
    throw new InvalidArgumentError(`${where}: counter must be an object like { evaluations: 0 }.`);
  }
  return counter as EvaluationCounter;
}

/**
 * Validate the shared options and fill in the defaults.
 * @throws InvalidArgumentError (TypeError) or ArgumentRangeError (RangeError) naming the option
 * @example
 * resolveSolverOptions('lbfgsMinimize', {}, analyticGradient(() => {})).lineSearch; // 'moreThuente'
 */
export function resolveSolverOptions(where: string, o: SolverOptions, source: GradientSource): ResolvedSolverOptions {
  if (typeof o !== 'object' || o === null) throw new InvalidArgumentError(`${where}: options must be an object like { gradTol: 1e-5 }.`);
  const c1 = checkOption(where, 'c1', o.c1, 1e-4, { min: 0, max: 1, minOpen: true, maxOpen: true });
  const c2 = checkOption(where, 'c2', o.c2, 0.9, { min: c1, max: 1, minOpen: true, maxOpen: true });
  const lineSearch = checkChoice(where, 'lineSearch', o.lineSearch, ['auto', 'wolfe', 'moreThuente', 'armijo'] as const);
  return {
    memory: checkOption(where, 'memory', o.memory, 30, { min: 1, max: 1e4, integer: true }),
    gradTol: checkOption(where, 'gradTol', o.gradTol, 1e-5, { min: 0, max: Infinity, maxOpen: true }),
    fTol: checkOption(where, 'fTol', o.fTol, 0, { min: 0, max: Infinity, maxOpen: true }),
    maxIterations: checkOption(where, 'maxIterations', o.maxIterations, 10_000, { min: 0, integer: true }),
    maxEvaluations: checkOption(where, 'maxEvaluations', o.maxEvaluations, Infinity, { min: 1, integer: true }),
    lineSearch: lineSearch === 'auto' ? (source.numerical ? 'wolfe' : 'moreThuente') : lineSearch,
    c1,
    c2,
    maxTrials: checkOption(where, 'maxLineSearchTrials', o.maxLineSearchTrials, 20, { min: 1, max: 1e6, integer: true }),
    curvatureEps: checkOption(where, 'curvatureEps', o.curvatureEps, 1e-10, { min: 0, max: 1, maxOpen: true }),
    refineFactor: checkOption(where, 'refineFactor', o.refineFactor, 30, { min: 1 }),
    counter: checkCounter(where, o.counter),
  };
}
