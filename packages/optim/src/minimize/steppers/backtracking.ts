/**
 * Gradient descent with a backtracking Armijo line search: the steepest-descent
 * direction and the package's one Armijo search with a fixed shrink factor.
 */
import { checkNumber, checkOptionKeys } from '../../checks/options.js';
import type { Loop } from '../../drive/run-sync.js';
import type { Evaluation } from '../evaluation.js';
import { maxNorm, type MinimizeRun } from '../run.js';
import { afterFailedSearch, MOVED, searchAlong, type LineSearchSettings, type StepOutcome, type Stepper } from './stepper.js';

/** Options of `backtracking`. */
export interface BacktrackingOptions {
  /** Sufficient-decrease constant c1 in (0, 1). @default 1e-4 */
  c1?: number;
  /** Shrink factor after a rejected trial, in (0, 1). @default 0.5 */
  shrink?: number;
  /** Growth factor ≥ 1 of the next initial step after a step accepted without backtracking. @default 2 */
  growth?: number;
  /** First trial step α of the first iteration, > 0 (α multiplies −∇f: the trial moves by α·‖∇f‖). @default 1 */
  initialStep?: number;
}

/** A configured backtracking gradient descent (plain data; pass it as minimize's `optimizer`). */
export interface BacktrackingMethod {
  readonly kind: 'backtracking';
  readonly c1: number;
  readonly shrink: number;
  readonly growth: number;
  readonly initialStep: number;
}

const KEYS: readonly string[] = ['kind', 'c1', 'shrink', 'growth', 'initialStep'];

/**
 * Configure gradient descent with a backtracking Armijo line search.
 *
 * Each iteration tries x − α·g with g = ∇f(x) and accepts the first α of
 * α0, shrink·α0, shrink²·α0, … that satisfies the Armijo condition with a strict decrease
 *
 *   f(x − α·g) ≤ f(x) − c1·α·‖g‖₂²  and  f(x − α·g) < f(x)
 *
 * (a non-finite f at a trial point counts as a rejection). The next iteration
 * starts from the accepted α, times `growth` when that α was accepted at its
 * first trial: the step so tracks the local curvature yet can grow again when
 * the function becomes flatter. The search gives up when the decrease the slope
 * predicts falls below the rounding of f ('precisionLoss' or 'lineSearchFailed').
 * minimize's default is the stronger quasi-Newton method; this one is the
 * textbook baseline.
 * @param options c1, shrink, growth, initialStep
 * @throws InvalidArgumentError or ArgumentRangeError naming the option when a value is outside its range
 * @example
 * import ndarray from 'ndarray';
 * import { backtracking, minimize } from '@descent/optim';
 * const result = minimize((x) => x.get(0) ** 2 + x.get(1) ** 2, ndarray(new Float64Array([-3, 4])), {
 *   optimizer: backtracking({ initialStep: 0.5 }),
 * });
 * result.reason; // → 'gradTol'
 * result.x; // ≈ [0.0000, 0.0000]
 */
export function backtracking(options: BacktrackingOptions = {}): BacktrackingMethod {
  const o = checkOptionKeys('backtracking', options, KEYS, '{ initialStep: 0.5 }') as BacktrackingOptions;
  return {
    kind: 'backtracking',
    c1: checkNumber('backtracking', 'c1', o.c1 ?? 1e-4, { min: 0, max: 1, minOpen: true, maxOpen: true }, 'the default is 1e-4'),
    shrink: checkNumber('backtracking', 'shrink', o.shrink ?? 0.5, { min: 0, max: 1, minOpen: true, maxOpen: true }, 'the default is 0.5'),
    growth: checkNumber('backtracking', 'growth', o.growth ?? 2, { min: 1 }, 'the default is 2'),
    initialStep: checkNumber('backtracking', 'initialStep', o.initialStep ?? 1, { min: 0, minOpen: true }, 'the default is 1'),
  };
}

/** Backtracking gradient descent as a Stepper. */
export class BacktrackingStepper implements Stepper {
  readonly transformation = false;
  private alpha: number;
  private readonly ls: LineSearchSettings;

  constructor(
    private readonly method: BacktrackingMethod,
    private readonly gradTol: number,
  ) {
    this.alpha = method.initialStep;
    this.ls = { kind: 'armijo', c1: method.c1, c2: 0.9, maxTrials: Infinity, shrink: method.shrink };
  }

  gradNorm(run: MinimizeRun): number {
    return maxNorm(run.g.data);
  }

  *step(run: MinimizeRun): Loop<Evaluation, StepOutcome> {
    const g = run.g.data;
    let slope0 = 0;
    for (let k = 0; k < g.length; k++) {
      run.d[k] = -g[k]!;
      slope0 -= g[k]! * g[k]!;
    }
    const out = yield* searchAlong(run, slope0, this.alpha, Infinity, this.ls);
    if (out.status !== 'armijo') return yield* afterFailedSearch(run, out, this.gradTol, undefined, true);
    this.alpha = out.values === 1 ? out.alpha * this.method.growth : out.alpha;
    return MOVED;
  }
}
