/**
 * The scheduler of the asynchronous gradients. Coordinates come in ranges
 * (each array; a pool worker's chunks). While nothing is in flight, a range
 * goes to the synchronous kernel (sync-pass.ts): a synchronous f runs exactly
 * as in numericalGradient. From the first thenable on, coordinates start one
 * by one, each differentiated by the kernel's routine through an AsyncProbe
 * (async-probe.ts) and replayed whenever one of its evaluations settles;
 * evaluations run on lanes (async-launch.ts), at most `concurrency` in flight.
 *
 * On a failure or an abort nothing new is launched; the call settles once no
 * evaluation is in flight, with the failure of the lowest coordinate found
 * (coordinates before it whose values are in are still finished) or the
 * abort's reason. Internal module.
 */
import type { NdArray } from 'ndarray';
import { Launches } from './async-launch.js';
import { AsyncProbe, NEED_LANE, PENDING, STOPPED } from './async-probe.js';
import type { AbortSignalLike } from './async-options.js';
import { Task } from './async-task.js';
import type { ArrayBounds } from '../kernel/bounds.js';
import { boundedSlope, stencilSlope, type Plan } from '../kernel/coordinate.js';
import { listen, positionOf, unravel } from './copies.js';
import { InputModifiedError } from '../errors/error-classes.js';
import { changedSinceCheckError } from '../kernel/errors.js';
import { failure, type Run } from '../kernel/finite-difference.js';
import { addEvaluations, type ResolvedGradientOptions } from '../options/options.js';
import { richardsonSlope, type RichardsonReport } from '../richardson/richardson.js';
import type { Precision } from '../kernel/step.js';
import { formatIndex, type FloatStorage } from '../memory/strided.js';
import { syncPass, type PassSetup } from './sync-pass.js';

/** One array of the call. */
export interface EngineArray {
  /** Its name in messages (`x`, `W1`). */
  name: string;
  precision: Precision;
  plan: Plan;
  shape: readonly number[];
  size: number;
  /** Its elements, contiguous in row-major order; never written. */
  snapshot: FloatStorage;
  out: NdArray;
  error?: NdArray | undefined;
  bounds?: ArrayBounds | undefined;
}

/** Everything a run needs. */
export interface EngineSetup {
  f: (arg: never) => unknown;
  arrays: readonly EngineArray[];
  /** What f receives on a lane whose storages are `datas` (one per array). */
  argument: (datas: FloatStorage[]) => unknown;
  concurrency: number;
  where: string;
  /** The options, resolved (their counter is incremented when the call settles). */
  options: ResolvedGradientOptions;
  /** f(x) (shared by the arrays' plans), progress reporting. */
  run: Run;
  signal?: AbortSignalLike | undefined;
  /** The next range of coordinates [start, end) as ordinals over all arrays, within one array; undefined when none is left. @default each array in turn */
  nextRange?: () => [number, number] | undefined;
  /** Called with a count of coordinates just finished. */
  onDone?: (count: number) => void;
}

const REPORT: RichardsonReport = { error: 0, status: 'converged' };

/** One asynchronous gradient in progress. */
export class Engine extends Launches {
  /** Coordinates finished. */
  done = 0;
  private readonly probe = new AsyncProbe(this);
  private readonly offsets: number[] = [0];
  private readonly active: Task[] = [];
  private readonly spare: Task[] = [];
  private readonly pass: PassSetup;
  private next = 0;
  private end = 0;
  private arrayIndex = 0;
  private exhausted = false;
  private pumping = false;
  private finished = false;
  private failed = false;
  private failureOrdinal = Infinity;
  private failure: unknown;
  private aborted = false;
  private abortReason: unknown;
  private resolve: () => void = () => undefined;
  private reject: (reason: unknown) => void = () => undefined;
  private unlisten: () => void = () => undefined;

  constructor(private readonly setup: EngineSetup) {
    super(setup.f as (arg: unknown) => unknown, setup.concurrency, setup.arrays, setup.argument);
    for (const a of setup.arrays) this.offsets.push(this.offsets[this.offsets.length - 1]! + a.size);
    this.pass = { f: this.f, options: { ...setup.options, counter: undefined }, where: setup.where, run: setup.run, signal: setup.signal };
  }

  /** The coordinate (ordinal over all arrays) of the failure reported; −1 for one tied to none; Infinity when none. */
  get failedAt(): number {
    return this.failureOrdinal;
  }

  /** Differentiate every coordinate; resolves when all are written, rejects with the failure or the abort's reason. */
  run(): Promise<void> {
    const promise = new Promise<void>((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    const signal = this.setup.signal;
    if (signal?.aborted === true) this.abort(signal.reason);
    else this.unlisten = listen(signal, (reason) => this.abort(reason));
    this.pump();
    return promise;
  }

  protected override woke(): void {
    this.pump();
  }

  protected override wakeAll(): void {
    for (const t of this.active) t.wake = true;
  }

  /** Replay woken coordinates, run a synchronous pass when idle, start new coordinates while a lane is free; then settle the call if it is over. */
  private pump(): void {
    if (this.pumping || this.finished) return;
    this.pumping = true;
    try {
      for (;;) {
        const task = this.woken();
        if (task !== undefined) {
          if (this.replay(task)) this.active.splice(this.active.indexOf(task), 1);
          continue;
        }
        if (this.stopping || (this.next === this.end && !this.advance())) break;
        if (this.active.length === 0 && this.inFlight === 0) {
          this.syncPass();
          continue;
        }
        if (!this.lanes.available() || (this.centerEvaluation !== undefined && !this.centerEvaluation.settled)) break;
        const started = this.start(this.next++);
        if (!this.replay(started)) this.active.push(started);
      }
    } finally {
      this.pumping = false;
    }
    this.maybeFinish();
  }

  /** Take the next range; false when none is left. */
  private advance(): boolean {
    const setup = this.setup;
    let range: [number, number] | undefined;
    if (setup.nextRange !== undefined) range = setup.nextRange();
    else {
      while (this.arrayIndex < setup.arrays.length && setup.arrays[this.arrayIndex]!.size === 0) this.arrayIndex++;
      if (this.arrayIndex < setup.arrays.length) range = [this.offsets[this.arrayIndex]!, this.offsets[++this.arrayIndex]!];
    }
    if (range === undefined) {
      this.exhausted = true;
      return false;
    }
    [this.next, this.end] = range;
    return true;
  }

  /** The rest of the current range through the synchronous kernel, until f returns a thenable or fails. */
  private syncPass(): void {
    const k = this.arrayOf(this.next);
    const a = this.setup.arrays[k]!;
    const base = this.offsets[k]!;
    const lane = this.lanes.take()!; // idle: every lane is free
    const run = this.setup.run;
    run.done = this.done;
    run.evaluations = this.evaluations;
    const outcome = syncPass(a, k, this.next - base, this.end - base, lane, this.pass);
    this.evaluations = run.evaluations;
    this.done += outcome.finished;
    if (outcome.finished > 0) this.setup.onDone?.(outcome.finished);
    this.next += outcome.finished;
    if (outcome.kind === 'done' || outcome.kind === 'aborted' || outcome.kind === 'error') {
      this.lanes.give(lane);
      if (outcome.kind === 'aborted') this.abort(this.setup.signal?.reason);
      if (outcome.kind === 'error') this.fail(this.next, outcome.error);
      return;
    }
    const task = this.start(this.next++);
    task.memo.push(...outcome.memo);
    if (outcome.kind === 'thenable') {
      this.adopt(outcome.thenable!, lane, outcome.atCenter ? undefined : task, outcome.node);
      this.active.push(task);
      return;
    }
    this.lanes.give(lane);
    const e = outcome.error;
    if (e instanceof InputModifiedError && e.expected === undefined) {
      // f wrote to its copy elsewhere (found at the next element): the replay reads the snapshot, so name it here
      this.fail(task.ordinal, changedSinceCheckError(this.setup.where, formatIndex(a.name, unravel(task.p, a.shape), task.i), a.name, e.found));
      return;
    }
    if (!this.replay(task)) this.active.push(task); // the replay names the coordinate as the synchronous gradient does
  }

  /** The first coordinate with news that may run now. */
  private woken(): Task | undefined {
    for (const t of this.active) {
      if (!t.wake || (t.laneWait && !this.lanes.available())) continue;
      if (this.stopping && !(this.failed && !this.aborted && t.ordinal < this.failureOrdinal)) continue;
      return t;
    }
    return undefined;
  }

  private arrayOf(ordinal: number): number {
    let k = 0;
    while (ordinal >= this.offsets[k + 1]!) k++;
    return k;
  }

  private start(ordinal: number): Task {
    const k = this.arrayOf(ordinal);
    const task = this.spare.pop() ?? new Task();
    task.reset(ordinal, k, ordinal - this.offsets[k]!, this.setup.arrays[k]!);
    return task;
  }

  /** Run the coordinate's routine once more; true when the coordinate is over (written, failed or abandoned). */
  private replay(task: Task): boolean {
    task.wake = false;
    task.laneWait = false;
    const a = this.setup.arrays[task.k]!;
    const probe = this.probe;
    probe.begin(task.memo, task.i);
    this.current = task;
    let slope: number;
    try {
      const plan = a.plan;
      if (plan.scheme === 'richardson') slope = richardsonSlope(probe, plan, task.old, task.lo, task.hi, REPORT);
      else slope = a.bounds === undefined ? stencilSlope(probe, plan, task.old) : boundedSlope(probe, plan, task.old, task.lo, task.hi);
    } catch (error) {
      if (error === STOPPED) return this.recycle(task);
      if (error === NEED_LANE) {
        task.laneWait = task.wake = true;
        return false;
      }
      if (probe.blocked || error === PENDING) return false;
      this.fail(task.ordinal, failure(error, probe, this.setup.where, a.name, a.precision, a.plan, unravel(task.p, a.shape), task.i));
      return this.recycle(task);
    } finally {
      this.current = undefined;
    }
    if (probe.blocked) return false;
    (a.out.data as FloatStorage)[positionOf(a.out, task.p)] = slope;
    if (a.error !== undefined) (a.error.data as FloatStorage)[positionOf(a.error, task.p)] = REPORT.error;
    this.done++;
    this.setup.onDone?.(1);
    const ticker = this.setup.run.ticker;
    if (--ticker.countdown === 0) {
      try {
        ticker.tick(this.done, this.evaluations, a.name);
      } catch (error) {
        this.fail(-1, error); // onProgress threw: that error, as the synchronous gradient throws it
      }
    }
    return this.recycle(task);
  }

  private recycle(task: Task): true {
    if (this.spare.length < 64) this.spare.push(task);
    return true;
  }

  private fail(ordinal: number, error: unknown): void {
    if (this.aborted || (this.failed && ordinal >= this.failureOrdinal)) return;
    this.failed = true;
    this.failureOrdinal = ordinal;
    this.failure = error;
    this.stopping = true;
  }

  private abort(reason: unknown): void {
    if (this.stopping) return;
    this.aborted = true;
    this.abortReason = reason;
    this.stopping = true;
    this.pump();
  }

  private maybeFinish(): void {
    if (this.finished || this.pumping || this.inFlight > 0) return;
    if (!this.stopping && !(this.exhausted && this.active.length === 0)) return;
    this.finished = true;
    this.unlisten();
    addEvaluations(this.setup.options.counter, this.evaluations);
    if (this.failed) this.reject(this.failure);
    else if (this.aborted) this.reject(this.abortReason);
    else {
      const arrays = this.setup.arrays;
      try {
        this.setup.run.ticker.finish(this.evaluations, arrays[arrays.length - 1]?.name ?? '');
      } catch (error) {
        this.reject(error); // the final onProgress threw
        return;
      }
      this.resolve();
    }
  }
}
