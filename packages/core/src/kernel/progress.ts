/**
 * Progress reports for long differentiations (the onProgress option): a
 * countdown of coordinates between reads of the clock, so the hot loop pays
 * one decrement and compare per coordinate, and nothing at all when no
 * callback was given (the countdown is then Infinity).
 */
import type { Progress } from '../options/options.js';

/** Milliseconds from a monotonic clock where there is one (browsers, Node), else the wall clock. */
const clock = (globalThis as { performance?: { now?: () => number } }).performance;
const now: () => number = typeof clock?.now === 'function' ? () => clock.now!() : () => Date.now();

/**
 * The state of one call's reporting. `countdown` is decremented per
 * coordinate by the caller; at 0 it calls tick(). The clock is read every k
 * coordinates, k starting at 1 and doubling while reads come less than
 * interval/8 apart (so a cheap f is not slowed by the clock), halving when
 * they come more than interval/2 apart; onProgress is called once `interval`
 * ms have passed since the last call, and by finish() at the end.
 */
export class Ticker {
  countdown: number;
  private every = 1;
  private readonly started: number;
  private lastRead: number;
  private lastCall: number;

  constructor(
    private readonly onProgress: ((progress: Progress) => void) | undefined,
    private readonly interval: number,
    readonly total: number,
  ) {
    this.countdown = onProgress === undefined ? Infinity : 1;
    this.started = onProgress === undefined ? 0 : now();
    this.lastRead = this.started;
    this.lastCall = this.started;
  }

  /** The countdown reached 0: read the clock, maybe report, and restart the countdown. */
  tick(done: number, evaluations: number, array: string): void {
    const t = now();
    const gap = t - this.lastRead;
    this.lastRead = t;
    if (gap < this.interval / 8 && this.every < 1 << 20) this.every *= 2;
    else if (gap > this.interval / 2 && this.every > 1) this.every = Math.max(1, this.every >> 1);
    this.countdown = this.every;
    if (t - this.lastCall >= this.interval && done < this.total) {
      this.lastCall = t;
      this.report(done, evaluations, array, t);
    }
  }

  /** The final report, done = total (only when a callback was given and there was something to do). */
  finish(evaluations: number, array: string): void {
    if (this.onProgress !== undefined && this.total > 0) this.report(this.total, evaluations, array, now());
  }

  private report(done: number, evaluations: number, array: string, t: number): void {
    this.onProgress!({ done, total: this.total, evaluations, elapsedMs: t - this.started, array });
  }
}
