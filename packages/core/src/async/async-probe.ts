/**
 * The evaluate site of the asynchronous gradients: a Probe whose evaluate and
 * evaluateCenter answer from a memo of f's settled values, so that the very
 * routines of the synchronous kernel (stencilSlope, boundedSlope,
 * richardsonSlope) place the nodes and take the quotient — the same code, the
 * same bits — while f runs asynchronously on private copies of x.
 *
 * How: the engine (async-engine.ts) runs a coordinate's routine to the end
 * each time something changed for it (a replay). The k-th call of evaluate in
 * a replay looks up the coordinate's k-th evaluation: settled, it answers as
 * Probe.evaluate would have (the value, or the same BadValue, or f's error
 * with `inF` set); missing, it is launched on a free lane (a synchronous f
 * answers at once, so a synchronous f runs the routine straight through);
 * still in flight, the probe is `blocked` and returns a stand-in 0 so that the
 * routine goes on to launch the nodes that do not depend on it (speculation:
 * a stencil's nodes, a Richardson level's pair), and the replay's result is
 * dropped. At `settle()` (a step that depends on the values) a blocked probe
 * stops the routine. A node that differs from the memo's (the routine branched
 * elsewhere on a real value) drops the memo from there. Internal module.
 */
import { BadValue, Probe } from '../kernel/probe.js';

/** One call of f: where, and (once settled) its result, error, and what the perturbed element held afterwards. */
export interface Evaluation {
  /** The value written into the perturbed element (NaN for f at the unperturbed point). */
  readonly node: number;
  settled: boolean;
  /** f threw or its thenable rejected: `value` is the error. */
  threw: boolean;
  value: unknown;
  /** The perturbed element after f settled (f must leave it alone). */
  found: unknown;
}

/** Thrown through a routine: its coordinate must wait for evaluations in flight (or for f(x)). */
export const PENDING = Object.freeze({ marker: 'pending' });
/** Thrown through a routine: no lane is free for a new evaluation. */
export const NEED_LANE = Object.freeze({ marker: 'need-lane' });
/** Thrown through a routine: the call is stopping (aborted or failed); nothing new is launched. */
export const STOPPED = Object.freeze({ marker: 'stopped' });

/** What the probe needs from the engine. */
export interface Launcher {
  /** Launch f at `node` for the current coordinate; throws NEED_LANE or STOPPED. */
  launch(node: number): Evaluation;
  /** f at the unperturbed point (shared by every coordinate of the call); throws NEED_LANE or STOPPED. */
  center(): Evaluation;
}

/** The probe of one asynchronous call, pointed at one coordinate's memo per replay. */
export class AsyncProbe extends Probe {
  /** Evaluations in flight (or not reached in order) were met in this replay: its result is not final. */
  blocked = false;
  private memo: Evaluation[] = [];
  private calls = 0;

  constructor(private readonly launcher: Launcher) {
    super();
  }

  /** Start a replay of the coordinate whose memo is `memo` (`i`: its index along the last axis, for messages). */
  begin(memo: Evaluation[], i: number): void {
    this.memo = memo;
    this.calls = 0;
    this.blocked = false;
    this.dirty = false;
    this.inF = false;
    this.i = i;
  }

  override evaluate(node: number, finite: boolean): number {
    const memo = this.memo;
    const k = this.calls++;
    let e = memo[k];
    if (e === undefined || !Object.is(e.node, node)) {
      if (e !== undefined) memo.length = k; // the routine went elsewhere: the speculation from here on is void
      e = this.launcher.launch(node);
      memo.push(e);
    }
    if (this.blocked || !e.settled) {
      this.blocked = true; // an earlier value is unknown: answer nothing yet, in order
      return 0;
    }
    this.perturbed = node;
    this.dirty = true;
    if (e.threw) {
      this.inF = true;
      throw e.value;
    }
    const value = e.value;
    if (typeof value !== 'number' || (finite && value - value !== 0) || e.found !== node) throw new BadValue(value, e.found, node);
    return value;
  }

  override evaluateCenter(): number {
    const e = this.launcher.center();
    if (this.blocked || !e.settled) throw PENDING;
    if (e.threw) {
      this.inF = true;
      throw e.value;
    }
    const value = e.value;
    if (typeof value !== 'number' || value - value !== 0) throw new BadValue(value, undefined, NaN);
    return value;
  }

  override settle(): void {
    if (this.blocked) throw PENDING;
  }

  /** Nothing to put back: the engine restores the lanes; the snapshot is never written. */
  override restore(): void {
    this.dirty = false;
  }

  override enter(): void {
    throw new Error('AsyncProbe: a vector-valued f is not supported');
  }
}
