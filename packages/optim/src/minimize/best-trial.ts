/**
 * The lowest-f trial point of a minimize run: every point where the loop
 * evaluated f (line-search trials, a transformation's candidate points), not
 * only the iterates the History records. A run that stops without converging
 * returns the lower of this and the best iterate, so a trial the line search
 * evaluated — f = −1 before the next trial met −∞ — is never thrown away.
 *
 * A trial whose gradient was evaluated and is not finite is disqualified (f is
 * not differentiable there, or its gradient is broken): the previous best trial
 * comes back. Only the newest trial can be in that state — a search asks for
 * the slope only right after the value at the same point — so one spare buffer
 * suffices. Points where only core's finite differences evaluated f (x ± h)
 * are gradient probes, not candidates: they are not tracked.
 */

/** One candidate: the point, f there, ‖∇f‖∞ there (NaN until its gradient is evaluated), the step it belongs to. */
interface Slot {
  x: Float64Array;
  fun: number;
  gradNorm: number;
  step: number;
}

const emptySlot = (n: number): Slot => ({ x: new Float64Array(n), fun: Infinity, gradNorm: NaN, step: 0 });

/**
 * The best trial point seen so far (see the module comment).
 * @example
 * const best = new BestTrial(1);
 * best.offer(new Float64Array([-1]), -1, 1); // f = −1 at a trial of step 1
 * best.gradientAtLast(1); // its gradient, ‖∇f‖∞ = 1
 * best.offer(new Float64Array([-3]), -3, 1);
 * best.gradientAtLast(NaN); // not finite there: disqualified
 * best.current.fun; // → -1
 */
export class BestTrial {
  /** The best qualified trial (fun = Infinity while there is none). */
  current: Slot;
  private spare: Slot;
  /** The newest offer became `current` (its gradient, when evaluated, belongs to it). */
  private lastIsCurrent = false;

  constructor(n: number) {
    this.current = emptySlot(n);
    this.spare = emptySlot(n);
  }

  /** A trial point x with f = fun (any number) at step `step`: kept when finite and lower than the best. */
  offer(x: Float64Array, fun: number, step: number): void {
    this.lastIsCurrent = false;
    if (!(fun < this.current.fun) || fun === -Infinity) return;
    [this.current, this.spare] = [this.spare, this.current];
    const slot = this.current;
    slot.x.set(x);
    slot.fun = fun;
    slot.gradNorm = NaN;
    slot.step = step;
    this.lastIsCurrent = true;
  }

  /** The gradient's norm at the best trial, evaluated after the run (a non-finite one disqualifies it; the spare, older best, is lost). */
  gradientAtCurrent(gradNorm: number): void {
    if (Number.isFinite(gradNorm)) this.current.gradNorm = gradNorm;
    else this.current.fun = Infinity;
  }

  /** The gradient's norm at the newest offered trial: recorded when it is the best, which it stops being when the norm is not finite. */
  gradientAtLast(gradNorm: number): void {
    if (!this.lastIsCurrent) return;
    if (Number.isFinite(gradNorm)) {
      this.current.gradNorm = gradNorm;
      return;
    }
    [this.current, this.spare] = [this.spare, this.current];
    this.lastIsCurrent = false;
  }
}
