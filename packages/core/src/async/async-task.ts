/**
 * The bookkeeping of the asynchronous scheduler (async-engine.ts): a
 * coordinate in progress with the memo of its evaluations, and the lanes —
 * private copies of every array, one per evaluation in flight. Internal module.
 */
import type { EngineArray } from './async-engine.js';
import type { Evaluation } from './async-probe.js';
import { positionOf } from './copies.js';
import type { FloatStorage } from '../memory/strided.js';

/** A coordinate being differentiated. */
export class Task {
  /** Its place over every array of the call, in order. */
  ordinal = 0;
  /** Which array, and its element in row-major order. */
  k = 0;
  p = 0;
  /** The element's value (from the snapshot). */
  old = 0;
  /** Its index along the last axis (for messages). */
  i = 0;
  /** Its box (±Infinity when unbounded). */
  lo = -Infinity;
  hi = Infinity;
  /** Its evaluations, in the order the routine asks for them. */
  readonly memo: Evaluation[] = [];
  /** Something changed for it (an evaluation settled, f(x) came in, it waits for a lane). */
  wake = false;
  /** It stopped for want of a free lane. */
  laneWait = false;

  /** Point the task at element p of array k. */
  reset(ordinal: number, k: number, p: number, a: EngineArray): void {
    this.ordinal = ordinal;
    this.k = k;
    this.p = p;
    this.old = a.snapshot[p]!;
    const rank = a.shape.length;
    this.i = rank === 0 ? 0 : p % a.shape[rank - 1]!;
    const box = a.bounds;
    this.lo = box === undefined ? -Infinity : typeof box.lower === 'number' ? box.lower : (box.lower.data as FloatStorage)[positionOf(box.lower, p)]!;
    this.hi = box === undefined ? Infinity : typeof box.upper === 'number' ? box.upper : (box.upper.data as FloatStorage)[positionOf(box.upper, p)]!;
    this.memo.length = 0;
    this.wake = false;
    this.laneWait = false;
  }
}

/** A private copy of every array (`datas`, one per array) and what f receives for it. */
export interface Lane {
  readonly datas: FloatStorage[];
  readonly arg: unknown;
}

/** Up to `limit` lanes, made when first needed; a lane is taken for each evaluation and given back when it settles. */
export class Lanes {
  private readonly free: Lane[] = [];
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly make: () => Lane,
  ) {}

  /** A lane could be taken now. */
  available(): boolean {
    return this.free.length > 0 || this.count < this.limit;
  }

  /** A free lane (made if fewer than `limit` exist), or undefined. */
  take(): Lane | undefined {
    const lane = this.free.pop();
    if (lane !== undefined) return lane;
    if (this.count >= this.limit) return undefined;
    this.count++;
    return this.make();
  }

  /** Hand a lane back (its arrays restored). */
  give(lane: Lane): void {
    this.free.push(lane);
  }
}
