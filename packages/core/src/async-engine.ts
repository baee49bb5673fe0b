/**
 * The scheduler of the asynchronous gradients: coordinates started in order,
 * each differentiated by the synchronous kernel's routine through an
 * AsyncProbe (async-probe.ts), its evaluations of f run on lanes — private
 * copies of every array, one per evaluation in flight, at most `concurrency`
 * — and the routine replayed whenever one of its evaluations settles.
 *
 * A synchronous f settles inside launch, so the routine runs straight through
 * and no Promise is made per call. A thenable keeps its lane until it settles
 * (its element is restored then). On a failure or an abort nothing new is
 * launched; the call settles once no evaluation is in flight, with the
 * failure of the lowest coordinate found (coordinates before it whose values
 * are in are still finished) or the abort's reason. Internal module.
 */
import type { NdArray } from 'ndarray';
import { AsyncProbe, NEED_LANE, PENDING, STOPPED, type Evaluation, type Launcher } from './async-probe.js';
import type { AbortSignalLike } from './async-options.js';
import type { ArrayBounds } from './bounds.js';
import { boundedSlope, stencilSlope, type Plan } from './coordinate.js';
import { cloneStorage, isThenable, listen, positionOf, unravel } from './copies.js';
import { failure } from './finite-difference.js';
import { addEvaluations, type EvaluationCounter } from './options.js';
import type { Ticker } from './progress.js';
import { richardsonSlope, type RichardsonReport } from './richardson.js';
import type { Precision } from './step.js';
import type { FloatStorage } from './strided.js';
import { Lanes, Task, type Lane } from './async-task.js';

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
  ticker: Ticker;
  signal?: AbortSignalLike | undefined;
  /** The next coordinate to start (its ordinal over all arrays in order), or −1 when none is left. @default all, in order */
  next?: () => number;
  /** Called as each coordinate is finished. */
  onDone?: () => void;
  /** Incremented by the calls of f made, when the call settles. */
  counter?: EvaluationCounter | undefined;
}

const REPORT: RichardsonReport = { error: 0, status: 'converged' };

/** One asynchronous gradient in progress. */
export class Engine implements Launcher {
  /** Calls of f so far. */
  evaluations = 0;
  /** Coordinates finished. */
  done = 0;
  private readonly probe = new AsyncProbe(this);
  private readonly lanes: Lanes;
  private readonly offsets: number[] = [0];
  private readonly active: Task[] = [];
  private readonly spare: Task[] = [];
  private current: Task | undefined;
  private centerEvaluation: Evaluation | undefined;
  private inFlight = 0;
  private ordinal = 0;
  private exhausted = false;
  private pumping = false;
  private finished = false;
  private stopping = false;
  private failed = false;
  private failureOrdinal = Infinity;
  private failure: unknown;
  private aborted = false;
  private abortReason: unknown;
  private resolve: () => void = () => undefined;
  private reject: (reason: unknown) => void = () => undefined;
  private unlisten: () => void = () => undefined;

  constructor(private readonly setup: EngineSetup) {
    for (const a of setup.arrays) this.offsets.push(this.offsets[this.offsets.length - 1]! + a.size);
    this.lanes = new Lanes(setup.concurrency, () => {
      const datas = setup.arrays.map((a) => cloneStorage(a.snapshot));
      return { datas, arg: setup.argument(datas) };
    });
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

  launch(node: number): Evaluation {
    const task = this.current!;
    const lane = this.lane();
    const data = lane.datas[task.k]!;
    const p = task.p;
    const e: Evaluation = { node, settled: false, threw: false, value: undefined, found: undefined };
    data[p] = node;
    this.call(e, lane, task, data, p, task.old);
    return e;
  }

  center(): Evaluation {
    if (this.centerEvaluation !== undefined) return this.centerEvaluation;
    const e: Evaluation = { node: NaN, settled: false, threw: false, value: undefined, found: undefined };
    this.call(e, this.lane(), undefined, undefined, -1, 0);
    this.centerEvaluation = e;
    return e;
  }

  private lane(): Lane {
    if (this.stopping) throw STOPPED;
    const lane = this.lanes.take();
    if (lane === undefined) throw NEED_LANE;
    return lane;
  }

  /**
   * Call f on the lane (its element p already holds the node; `old` is what
   * goes back); a thenable keeps the lane until it settles. `task` undefined: f(x).
   */
  private call(e: Evaluation, lane: Lane, task: Task | undefined, data: FloatStorage | undefined, p: number, old: number): void {
    this.evaluations++;
    let result: unknown;
    try {
      result = (this.setup.f as (arg: unknown) => unknown)(lane.arg);
    } catch (error) {
      this.settle(e, lane, data, p, old, true, error);
      return;
    }
    if (!isThenable(result)) {
      this.settle(e, lane, data, p, old, false, result);
      return;
    }
    this.inFlight++;
    const settle = (threw: boolean, value: unknown): void => {
      if (e.settled) return; // a thenable that calls back twice
      this.inFlight--;
      this.settle(e, lane, data, p, old, threw, value);
      if (task === undefined) for (const t of this.active) t.wake = true; // f(x) is in: everyone waiting for it
      else task.wake = true;
      this.pump();
    };
    try {
      result.then(
        (value) => settle(false, value),
        (error: unknown) => settle(true, error),
      );
    } catch (error) {
      settle(true, error);
    }
  }

  private settle(e: Evaluation, lane: Lane, data: FloatStorage | undefined, p: number, old: number, threw: boolean, value: unknown): void {
    if (data !== undefined) {
      e.found = data[p];
      data[p] = old;
    }
    e.settled = true;
    e.threw = threw;
    e.value = value;
    this.lanes.give(lane);
  }

  /** Replay woken coordinates and start new ones while a lane is free; then settle the call if it is over. */
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
        if (this.stopping || this.exhausted || !this.lanes.available()) break;
        if (this.centerEvaluation !== undefined && !this.centerEvaluation.settled) break; // every coordinate may need f(x)
        const ordinal = this.setup.next === undefined ? (this.ordinal < this.offsets[this.offsets.length - 1]! ? this.ordinal++ : -1) : this.setup.next();
        if (ordinal < 0) {
          this.exhausted = true;
          break;
        }
        const started = this.start(ordinal);
        if (!this.replay(started)) this.active.push(started);
      }
    } finally {
      this.pumping = false;
    }
    this.maybeFinish();
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

  private start(ordinal: number): Task {
    let k = 0;
    while (ordinal >= this.offsets[k + 1]!) k++;
    const a = this.setup.arrays[k]!;
    const task = this.spare.pop() ?? new Task();
    task.reset(ordinal, k, ordinal - this.offsets[k]!, a);
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
    this.setup.onDone?.();
    const ticker = this.setup.ticker;
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
    addEvaluations(this.setup.counter, this.evaluations);
    if (this.failed) this.reject(this.failure);
    else if (this.aborted) this.reject(this.abortReason);
    else {
      const arrays = this.setup.arrays;
      try {
        this.setup.ticker.finish(this.evaluations, arrays[arrays.length - 1]?.name ?? '');
      } catch (error) {
        this.reject(error); // the final onProgress threw
        return;
      }
      this.resolve();
    }
  }
}
