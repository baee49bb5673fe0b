/**
 * A GradientTransformation (sgd, adam, a chain…) as minimize's stepper: fixed
 * steps u ← update(∇f(x), { value: f(x) }), x₊ = x + u, with no line search
 * (the value reaches transforms that watch the loss, such as reduceOnPlateau).
 */
import type { Loop } from '../../drive/run-sync.js';
import type { GradientTransformation, Json } from '../../transforms/transform.js';
import type { Evaluation } from '../evaluation.js';
import { maxNorm, type MinimizeRun } from '../run.js';
import { fmt } from '../stop-message.js';
import { MOVED, type StepOutcome, type Stepper } from './stepper.js';

/** A transformation's steps as a Stepper; its state lives here for the run. */
export class TransformationStepper implements Stepper {
  readonly transformation = true;
  private state: Json;
  private readonly updates: MinimizeRun['g'];

  constructor(
    private readonly t: GradientTransformation<Json>,
    run: MinimizeRun,
  ) {
    this.state = t.init(run.x);
    this.updates = run.scratch();
  }

  gradNorm(run: MinimizeRun): number {
    return maxNorm(run.g.data);
  }

  *step(run: MinimizeRun): Loop<Evaluation, StepOutcome> {
    const { updates } = this;
    const x = run.x.data;
    const xt = run.xt.data;
    const u = updates.data;
    u.set(run.g.data);
    this.state = this.t.update(updates, this.state, run.x, { value: run.fx }); // f at the current point: reduceOnPlateau watches it, as in train
    let finite = true;
    for (let k = 0; k < x.length; k++) {
      xt[k] = x[k]! + u[k]!;
      if (xt[k]! - xt[k]! !== 0) finite = false;
    }
    const step = run.iterations + 1;
    // The candidate point is checked before f is called there: f need not accept NaN or ±Infinity.
    if (!finite) return { kind: 'stop', reason: 'diverged', detail: `step ${step} produced a non-finite parameter` };
    const ft = yield* run.valueAtTrial('point');
    if (!Number.isFinite(ft)) return { kind: 'stop', reason: 'diverged', detail: `f returned ${fmt(ft)} at step ${step}` };
    yield* run.gradientAtTrial();
    return MOVED;
  }
}
