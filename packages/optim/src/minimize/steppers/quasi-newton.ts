/**
 * The quasi-Newton stepper shared by BFGS and L-BFGS: d = −H·∇f from a
 * curvature memory (the dense matrix, or the last m pairs), a line search
 * along d whose accepted trial brings its gradient along, the memory updated
 * with the step, and the recovery of a failed search.
 */
import type { Loop } from '../../drive/run-sync.js';
import type { Evaluation } from '../evaluation.js';
import { maxNorm, type MinimizeRun } from '../run.js';
import { afterFailedSearch, MOVED, searchAlong, type LineSearchSettings, type StepOutcome, type Stepper } from './stepper.js';

/** What a quasi-Newton method remembers of f's curvature. */
export interface CurvatureMemory {
  /** Pairs (or updates) held; 0 when H = I. */
  readonly size: number;
  /** Forget everything (H = I). */
  reset(): void;
  /** Write d = −H·g; return the slope gᵀd. */
  directionInto(d: Float64Array, g: Float64Array): number;
  /** Learn from the step x → xNew (gradients g → gNew) when sᵀy > curvatureEps·‖s‖‖y‖; whether it did. */
  tryUpdate(xNew: Float64Array, x: Float64Array, gNew: Float64Array, g: Float64Array, curvatureEps: number): boolean;
}

/** How the first trial of each search is chosen. */
export type InitialStepRule = 'unit' | 'previousDecrease';

/** A quasi-Newton method as a Stepper (see the module comment). */
export class QuasiNewtonStepper implements Stepper {
  readonly transformation = false;
  private retried = false;
  /** f at the previous iterate (the 'previousDecrease' rule). */
  private fPrevious: number | undefined;

  /**
   * @param memory the curvature memory
   * @param ls the line search
   * @param curvatureEps the update test's threshold
   * @param resetOnRefusal empty the memory when a pair fails the curvature test
   * @param initialStep 'unit': α₀ = 1 (length 1 while the memory is empty);
   *   'previousDecrease': scipy's BFGS rule min(1, 1.01·2·(f − f₋)/∇fᵀd)
   */
  constructor(
    private readonly memory: CurvatureMemory,
    private readonly ls: LineSearchSettings,
    private readonly gradTol: number,
    private readonly curvatureEps: number,
    private readonly resetOnRefusal: boolean,
    private readonly initialStep: InitialStepRule,
  ) {}

  gradNorm(run: MinimizeRun): number {
    return maxNorm(run.g.data);
  }

  /** The search direction: −H·g, or −g (memory emptied) when that is not a descent direction. */
  private direction(run: MinimizeRun): number {
    const g = run.g.data;
    if (this.memory.size > 0) {
      const slope = this.memory.directionInto(run.d, g);
      if (slope < 0 && Number.isFinite(slope)) return slope;
      this.memory.reset();
    }
    let slope = 0;
    for (let k = 0; k < g.length; k++) {
      run.d[k] = -g[k]!;
      slope -= g[k]! * g[k]!;
    }
    return slope;
  }

  /** α₀ of the next search. */
  private firstTrial(run: MinimizeRun, slope0: number): number {
    const unit = this.memory.size === 0 ? 1 / Math.sqrt(-slope0) : 1;
    if (this.initialStep === 'unit') return unit;
    let gg = 0;
    for (const v of run.g.data) gg += v * v;
    const previous = this.fPrevious ?? run.fx + Math.sqrt(gg) / 2;
    this.fPrevious = run.fx;
    const alpha = Math.min(1, (1.01 * 2 * (run.fx - previous)) / slope0);
    return alpha > 0 ? alpha : 1;
  }

  *step(run: MinimizeRun): Loop<Evaluation, StepOutcome> {
    const slope0 = this.direction(run);
    const out = yield* searchAlong(run, slope0, this.firstTrial(run, slope0), Infinity, this.ls);
    if (out.status !== 'wolfe' && out.status !== 'armijo') {
      const next = yield* afterFailedSearch(run, out, this.gradTol, this.memory, this.retried);
      if (next.emptied === true) this.retried = true;
      return next;
    }
    this.retried = false;
    const learned = this.memory.tryUpdate(run.xt.data, run.x.data, run.gt.data, run.g.data, this.curvatureEps);
    if (!learned && this.resetOnRefusal) this.memory.reset();
    return MOVED;
  }
}
