/**
 * The evaluations of the asynchronous scheduler: f called on a lane (a
 * private copy of every array) with one element perturbed, the result kept in
 * an Evaluation record, a thenable followed until it settles (its lane busy
 * until then, its element restored then). The base class of Engine
 * (async-engine.ts). Internal module.
 */
import { NEED_LANE, STOPPED, type Evaluation, type Launcher } from './async-probe.js';
import { Lanes, type Lane, type Task } from './async-task.js';
import { cloneStorage, isThenable } from './copies.js';
import type { FloatStorage } from '../memory/strided.js';

/** Lanes and launches; the subclass schedules. */
export abstract class Launches implements Launcher {
  /** Calls of f so far. */
  evaluations = 0;
  protected readonly lanes: Lanes;
  /** The coordinate being replayed (launch evaluates for it). */
  protected current: Task | undefined;
  /** f at the unperturbed point, once launched. */
  protected centerEvaluation: Evaluation | undefined;
  /** Thenables not settled yet. */
  protected inFlight = 0;
  /** Aborted or failed: nothing new is launched. */
  protected stopping = false;

  constructor(
    protected readonly f: (arg: unknown) => unknown,
    concurrency: number,
    arrays: readonly { snapshot: FloatStorage }[],
    argument: (datas: FloatStorage[]) => unknown,
  ) {
    this.lanes = new Lanes(concurrency, () => {
      const datas = arrays.map((a) => cloneStorage(a.snapshot));
      return { datas, arg: argument(datas) };
    });
  }

  /** A thenable settled for `task` (undefined: f(x)); the subclass reschedules. */
  protected abstract woke(): void;
  /** f(x) settled: every coordinate waiting for it may go on. */
  protected abstract wakeAll(): void;

  launch(node: number): Evaluation {
    const task = this.current!;
    const lane = this.lane();
    const data = lane.datas[task.k]!;
    const p = task.p;
    const e: Evaluation = { node, settled: false, threw: false, value: undefined, found: undefined };
    data[p] = node;
    this.evaluations++;
    let result: unknown;
    try {
      const f = this.f;
      result = f(lane.arg); // called here, not in a helper: a shallow site where V8 inlines a synchronous f well
    } catch (error) {
      this.settle(e, lane, data, p, task.old, true, error);
      return e;
    }
    if (isThenable(result)) this.follow(e, result, lane, task, data, p, task.old);
    else this.settle(e, lane, data, p, task.old, false, result);
    return e;
  }

  center(): Evaluation {
    if (this.centerEvaluation !== undefined) return this.centerEvaluation;
    const lane = this.lane();
    const e: Evaluation = { node: NaN, settled: false, threw: false, value: undefined, found: undefined };
    this.centerEvaluation = e;
    this.evaluations++;
    let result: unknown;
    try {
      const f = this.f;
      result = f(lane.arg);
    } catch (error) {
      this.settle(e, lane, undefined, -1, 0, true, error);
      return e;
    }
    if (isThenable(result)) this.follow(e, result, lane, undefined, undefined, -1, 0);
    else this.settle(e, lane, undefined, -1, 0, false, result);
    return e;
  }

  /**
   * Take over a thenable that f returned in the synchronous pass on `lane`:
   * at `node` of `task` (its element is written again: the kernel restored it
   * when it stopped), or f(x) when task is undefined.
   */
  protected adopt(thenable: PromiseLike<unknown>, lane: Lane, task: Task | undefined, node: number): void {
    if (task === undefined) {
      this.centerEvaluation = { node: NaN, settled: false, threw: false, value: undefined, found: undefined };
      this.follow(this.centerEvaluation, thenable, lane, undefined, undefined, -1, 0);
      return;
    }
    const e: Evaluation = { node, settled: false, threw: false, value: undefined, found: undefined };
    task.memo.push(e);
    const data = lane.datas[task.k]!;
    data[task.p] = node;
    this.follow(e, thenable, lane, task, data, task.p, task.old);
  }

  private lane(): Lane {
    if (this.stopping) throw STOPPED;
    const lane = this.lanes.take();
    if (lane === undefined) throw NEED_LANE;
    return lane;
  }

  /** Wait for f's thenable (apart from launch: its closure would cost the synchronous path an allocation per call). */
  private follow(e: Evaluation, result: PromiseLike<unknown>, lane: Lane, task: Task | undefined, data: FloatStorage | undefined, p: number, old: number): void {
    this.inFlight++;
    let called = false;
    const settle = (threw: boolean, value: unknown): void => {
      if (called) return; // a thenable that calls back twice
      called = true;
      this.inFlight--;
      this.settle(e, lane, data, p, old, threw, value);
      if (task === undefined) this.wakeAll();
      else task.wake = true;
      this.woke();
    };
    try {
      result.then(
        (value) => settle(false, value),
        (error: unknown) => settle(true, error),
      );
    } catch (error) {
      settle(true, error); // a then that throws
    }
  }

  /** Record the result, put the element back (`old`; nothing for f(x)), free the lane. */
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
}
