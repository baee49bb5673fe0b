/**
 * The animation's clock: how many optimizer steps are on screen at a given
 * time, at a speed in steps per second, with pause, resume and skip.
 */
export class StepClock {
  /** Steps shown (fractional between frames). */
  private shown = 0;
  private last: number | undefined;
  private running = false;

  /** @param speed steps per second, > 0 */
  constructor(public speed: number) {}

  /** Start again from step 0 at time `now` (ms). */
  restart(now: number): void {
    this.shown = 0;
    this.last = now;
    this.running = true;
  }

  /** Whether the clock is advancing. */
  get playing(): boolean {
    return this.running;
  }

  /** Stop advancing; `advance` keeps returning the same step. */
  pause(): void {
    this.running = false;
  }

  /** Advance again from time `now`. */
  resume(now: number): void {
    this.last = now;
    this.running = true;
  }

  /** Jump to `step` and stop. */
  skipTo(step: number): void {
    this.shown = step;
    this.running = false;
  }

  /**
   * The whole steps shown at time `now`: ⌊speed·(playing time)⌋, the first frame after a
   * restart at step 0; at most `total`, where the clock stops by itself.
   * @example
   * const clock = new StepClock(10);
   * clock.restart(0);
   * clock.advance(250, 100); // → 2 (10 steps/s for 0.25 s)
   */
  advance(now: number, total: number): number {
    // a frame's timestamp can precede the restart that scheduled it: time never runs backward here
    if (this.running && this.last !== undefined && now > this.last) {
      this.shown += ((now - this.last) / 1000) * this.speed;
      this.last = now;
    }
    if (this.shown >= total) {
      this.shown = total;
      this.running = false;
    }
    return Math.floor(this.shown);
  }
}
