/**
 * What minimize remembers of a run: the last `historyLimit` entries (the
 * start and every step) and the best point seen, returned when a run diverges.
 */

/** One entry of `MinimizeResult.history`. */
export interface MinimizeHistoryEntry {
  /** 0 for the start, k after the k-th step. */
  iteration: number;
  /** f at the point. */
  fun: number;
  /** ‖∇f‖∞ at the point (of the projected gradient, with bounds). */
  gradNorm: number;
  /** ‖Δx‖∞ of the step that reached the point (0 for the start). */
  stepSize: number;
  /** The point, row-major (only with `historyPoints: true`). */
  x?: number[];
}

/**
 * The entries of a run, at most `limit` of the last ones kept (memory stays
 * bounded: the array is trimmed once it holds 2·limit), and the best point.
 * @example
 * const h = new History(2, false, 2);
 * h.record(0, 5, 1, 0, new Float64Array([1, 1]));
 * h.record(1, 3, 0.5, 1, new Float64Array([0, 1]));
 * h.record(2, 4, 0.7, 1, new Float64Array([0, 2]));
 * h.entries().map((e) => e.iteration); // → [1, 2]
 * h.best.fun; // → 3
 */
export class History {
  private readonly list: MinimizeHistoryEntry[] = [];
  /** The point with the lowest f among those recorded, with its step. */
  readonly best: { x: Float64Array; fun: number; gradNorm: number; iteration: number };

  /**
   * @param limit entries kept (the last ones), an integer ≥ 0 or Infinity
   * @param points whether each entry keeps its point
   * @param n the number of elements of a point
   */
  constructor(
    private readonly limit: number,
    private readonly points: boolean,
    n: number,
  ) {
    this.best = { x: new Float64Array(n), fun: Infinity, gradNorm: NaN, iteration: -1 };
  }

  /** Record the point reached at `iteration` (copied as needed); it becomes the best when its f is lower. */
  record(iteration: number, fun: number, gradNorm: number, stepSize: number, point: Float64Array): void {
    if (fun < this.best.fun || this.best.iteration < 0) {
      this.best.x.set(point);
      this.best.fun = fun;
      this.best.gradNorm = gradNorm;
      this.best.iteration = iteration;
    }
    if (this.limit === 0) return;
    const entry: MinimizeHistoryEntry = { iteration, fun, gradNorm, stepSize };
    if (this.points) entry.x = Array.from(point);
    this.list.push(entry);
    if (this.list.length >= 2 * this.limit) this.list.splice(0, this.list.length - this.limit);
  }

  /** Correct the ‖∇f‖∞ of the newest entry (after the gradient there was refined). */
  amendGradNorm(iteration: number, gradNorm: number): void {
    const last = this.list.at(-1);
    if (last !== undefined && last.iteration === iteration) last.gradNorm = gradNorm;
    if (this.best.iteration === iteration) this.best.gradNorm = gradNorm;
  }

  /** The kept entries, oldest first (at most `limit`). */
  entries(): MinimizeHistoryEntry[] {
    return this.list.length > this.limit ? this.list.slice(this.list.length - this.limit) : this.list;
  }
}
