/**
 * L-BFGS for minimize: quasi-Newton directions from the last m step/gradient
 * pairs (two-loop recursion), a strong-Wolfe line search whose trial gradients
 * become the next iteration's, and honest failures.
 */
import { checkChoice, checkNumber, checkOptionKeys } from '../../checks/options.js';
import { LbfgsHistory } from '../quasi-newton/lbfgs-history.js';
import type { MinimizeRun } from '../run.js';
import { LINE_SEARCH_KEYS, lineSearchSettings, resolveLineSearchOptions, type LineSearchOptions, type ResolvedLineSearchOptions } from './line-search-options.js';
import { QuasiNewtonStepper } from './quasi-newton.js';
import type { Stepper } from './stepper.js';

/** Pairs (s, y) kept by default (see LbfgsOptions.memory). */
export const DEFAULT_LBFGS_MEMORY = 20;

/** Options of `lbfgs`. */
export interface LbfgsOptions extends LineSearchOptions {
  /**
   * Number m of (s, y) pairs kept, an integer ≥ 1; memory is 2·m·n numbers.
   * Measured on the 35 Moré–Garbow–Hillstrom problems and Rosenbrock 10-D: m = 10
   * took 3–7 % more calls on the 35 and 22–25 % more on Rosenbrock 10-D than 30;
   * m = 20 1–3 % and 6 % more (scipy's L-BFGS-B keeps 10).
   * @default 20
   */
  memory?: number;
  /**
   * A pair failing the curvature test sᵀy > curvatureEps·‖s‖‖y‖ is skipped ('skip',
   * the other pairs kept) or empties the memory ('reset'). With a Wolfe search
   * sᵀy ≥ (1 − c2)·|∇fᵀs| > 0, so only rounding fails it.
   * @default 'skip'
   */
  onCurvatureFailure?: 'skip' | 'reset';
}

/** A configured L-BFGS method (plain data; pass it as minimize's `optimizer`). */
export interface LbfgsMethod extends ResolvedLineSearchOptions {
  readonly kind: 'lbfgs';
  readonly memory: number;
  readonly onCurvatureFailure: 'skip' | 'reset';
}

const KEYS: readonly string[] = ['kind', 'memory', 'onCurvatureFailure', ...LINE_SEARCH_KEYS];

/**
 * Configure L-BFGS for `minimize`.
 *
 * Each iteration: d = −H·∇f by the two-loop recursion over the last m pairs
 * s = x₊ − x, y = ∇f(x₊) − ∇f(x) (H₀ = γI, γ = sᵀy/yᵀy of the newest pair;
 * d = −∇f while the memory is empty, its first trial step of length 1 as in
 * scipy), a line search from α = 1 (strong Wolfe, c1 = 1e-4, c2 = 0.9, by
 * default), and the pair stored when sᵀy > curvatureEps·‖s‖‖y‖. A failed search
 * is retried after refining a coarse numerical gradient, then once along −∇f
 * with the memory emptied; then the run stops with 'precisionLoss' (f no
 * longer changes at its rounding level) or 'lineSearchFailed'. With minimize's
 * `bounds` the same options configure L-BFGS-B.
 * @param options memory, onCurvatureFailure, lineSearch, c1, c2, maxLineSearchTrials, shrink, curvatureEps
 * @throws InvalidArgumentError or ArgumentRangeError naming the option when a value is outside its range
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { lbfgs, minimize } from '@descent/optim';
 * const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
 * const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { optimizer: lbfgs({ memory: 5 }) });
 * result.reason; // → 'gradTol'
 * result.x; // ≈ [1.000, 1.000]
 */
export function lbfgs(options: LbfgsOptions = {}): LbfgsMethod {
  const o = checkOptionKeys('lbfgs', options, KEYS, '{ memory: 10 }') as LbfgsOptions;
  return {
    kind: 'lbfgs',
    memory: checkNumber('lbfgs', 'memory', o.memory ?? DEFAULT_LBFGS_MEMORY, { min: 1, integer: true }, `the default is ${DEFAULT_LBFGS_MEMORY}`),
    onCurvatureFailure: checkChoice('lbfgs', 'onCurvatureFailure', o.onCurvatureFailure ?? 'skip', ['skip', 'reset'] as const, "the default is 'skip'"),
    ...resolveLineSearchOptions('lbfgs', o),
  };
}

/**
 * L-BFGS as a Stepper for a run.
 * @example
 * // minimize builds it from lbfgs(): new QuasiNewtonStepper(new LbfgsHistory(m, n), …)
 */
export function lbfgsStepper(method: LbfgsMethod, run: MinimizeRun, gradTol: number): Stepper {
  const memory = new LbfgsHistory(method.memory, run.n);
  return new QuasiNewtonStepper(memory, lineSearchSettings(method, run.source), gradTol, method.curvatureEps, method.onCurvatureFailure === 'reset', 'unit');
}
