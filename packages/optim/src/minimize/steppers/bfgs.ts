/**
 * BFGS for minimize: the dense inverse-Hessian approximation (n² numbers), the
 * same strong-Wolfe line searches as L-BFGS. It forgets no curvature pair, but
 * on the 35 Moré–Garbow–Hillstrom problems it took more calls than L-BFGS with
 * 20 pairs (bench/minimize.bench.ts), so minimize's default is L-BFGS; with
 * `scaleInitialMatrix: false, initialStep: 'previousDecrease'` it runs as scipy's
 * BFGS does (same counts on 2-D Rosenbrock from 225 starts, bench/rosenbrock-starts.bench.ts).
 */
import { checkBoolean, checkChoice, checkNumber, checkOptionKeys } from '../../checks/options.js';
import { BfgsMatrix } from '../quasi-newton/bfgs-matrix.js';
import type { MinimizeRun } from '../run.js';
import { LINE_SEARCH_KEYS, lineSearchSettings, resolveLineSearchOptions, type LineSearchOptions, type ResolvedLineSearchOptions } from './line-search-options.js';
import { QuasiNewtonStepper } from './quasi-newton.js';
import type { Stepper } from './stepper.js';

/** Options of `bfgs`. */
export interface BfgsOptions extends LineSearchOptions {
  /**
   * Rescale H = I to γI, γ = sᵀy/yᵀy, before the first update (Nocedal & Wright
   * eq. 6.20); false keeps H₀ = I, as scipy's BFGS does.
   * @default true
   */
  scaleInitialMatrix?: boolean;
  /**
   * The first trial step of each line search: 'unit' (α = 1; length 1 at the first
   * iteration), or 'previousDecrease' — scipy's BFGS rule α₀ = min(1, 1.01·2·(f − f₋)/∇fᵀd)
   * from the last decrease of f (f₋ = f + ‖∇f‖₂/2 at the start).
   * @default 'unit'
   */
  initialStep?: 'unit' | 'previousDecrease';
  /**
   * Refuse to run above this many variables (the matrix holds n² numbers:
   * 8 MB at n = 1000); use lbfgs() for larger problems. An integer ≥ 1.
   * @default 2000
   */
  maxSize?: number;
}

/** A configured BFGS method (plain data; pass it as minimize's `optimizer`). */
export interface BfgsMethod extends ResolvedLineSearchOptions {
  readonly kind: 'bfgs';
  readonly maxSize: number;
  readonly scaleInitialMatrix: boolean;
  readonly initialStep: 'unit' | 'previousDecrease';
}

const KEYS: readonly string[] = ['kind', 'maxSize', 'scaleInitialMatrix', 'initialStep', ...LINE_SEARCH_KEYS];

/**
 * Configure BFGS for `minimize`.
 *
 * Each iteration: d = −H·∇f with the dense BFGS matrix H (H = I until the first
 * update, then rescaled once to γI, γ = sᵀy/yᵀy, and updated by every pair
 * with sᵀy > curvatureEps·‖s‖‖y‖); the first trial step has length 1, later
 * ones α = 1; the line search and its failures as in `lbfgs`.
 * @param options maxSize, lineSearch, c1, c2, maxLineSearchTrials, shrink, curvatureEps
 * @throws InvalidArgumentError or ArgumentRangeError naming the option when a value is outside its range
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { bfgs, minimize } from '@descent/optim';
 * const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
 * const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { optimizer: bfgs() });
 * result.reason; // → 'gradTol'
 * result.x; // ≈ [1.000, 1.000]
 */
export function bfgs(options: BfgsOptions = {}): BfgsMethod {
  const o = checkOptionKeys('bfgs', options, KEYS, "{ lineSearch: 'wolfe' }") as BfgsOptions;
  return {
    kind: 'bfgs',
    maxSize: checkNumber('bfgs', 'maxSize', o.maxSize ?? 2000, { min: 1, integer: true }, 'the default is 2000'),
    scaleInitialMatrix: checkBoolean('bfgs', 'scaleInitialMatrix', o.scaleInitialMatrix ?? true, 'the default is true'),
    initialStep: checkChoice('bfgs', 'initialStep', o.initialStep ?? 'unit', ['unit', 'previousDecrease'] as const, "the default is 'unit'"),
    ...resolveLineSearchOptions('bfgs', o),
  };
}

/**
 * BFGS as a Stepper for a run.
 * @example
 * // minimize builds it from bfgs(): new QuasiNewtonStepper(new BfgsMatrix(n), …)
 */
export function bfgsStepper(method: BfgsMethod, run: MinimizeRun, gradTol: number): Stepper {
  const memory = new BfgsMatrix(run.n, method.scaleInitialMatrix);
  return new QuasiNewtonStepper(memory, lineSearchSettings(method, run.source), gradTol, method.curvatureEps, false, method.initialStep);
}
