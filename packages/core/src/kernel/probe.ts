/**
 * The one evaluate/check site of every finite difference in @descent/core:
 * write a node into the perturbed element, call f with the same array, check
 * that f returned a finite number and left the element alone, and restore
 * the element (also after a throw). Every scheme and every routine (fixed
 * stencils, bounds, Richardson, numericalDiff, jacobian) calls f only here.
 *
 * Internal module. Usage:
 *   const probe = Probe.acquire(f, x, data);       // per call (pooled by nesting depth)
 *   probe.at(p);                                   // per coordinate: saves data[p]
 *   const v = probe.evaluate(node, true);          // f with data[p] = node, checked
 *   // (a vector-valued f: probe.enter(node); f(x, out); probe.leave(node); check out yourself)
 *   probe.settle();                                // before a step that depends on the values (async: wait)
 *   probe.restore();                               // data[p] = saved value
 *   Probe.release(probe);                          // in finally
 * A failed check throws a BadValue (never escapes: the caller turns it into a
 * typed error naming the coordinate); anything f throws propagates with
 * `probe.inF` still set, so the caller can wrap it as FunctionThrewError.
 */
import type { Stencil } from './stencil.js';
import type { FloatStorage } from '../memory/strided.js';

/** What a failed check found: f's result, and what the perturbed element held afterwards. */
export class BadValue {
  constructor(
    readonly value: unknown,
    readonly found: unknown,
    readonly node: number,
  ) {}
}

/** An unusable placement found at a coordinate (placeNodes status); the driver turns it into placementError with the coordinate's name. */
export class BadPlacement {
  constructor(
    readonly status: number,
    readonly h: number,
    readonly value: number,
    readonly stencil: Stencil,
  ) {}
}

/** The state of one differentiation in progress: which element is perturbed, to what, and whether f is running. */
export class Probe {
  /** The function, called as f(arg). */
  f: (arg: never) => unknown = NOTHING;
  /** What f is called with (the ndarray, or a box for a scalar). */
  arg: unknown = undefined;
  /** The storage of the perturbed element. */
  data: FloatStorage = EMPTY;
  /** Index in `data` of the element being perturbed. */
  p = 0;
  /** Its index along the last axis of the view (for messages). */
  i = 0;
  /** Its saved value. */
  old = 0;
  /** data[p] differs from old. */
  dirty = false;
  /** f is running (a throw came from f). */
  inF = false;
  /** The value f last saw at data[p]. */
  perturbed = 0;
  /** Calls of f so far, counted before each call (a call that throws counts). */
  evaluations = 0;
  /** Scratch for a stencil's nodes (as stored) and f's values there. */
  readonly nodes = new Float64Array(64);
  readonly values = new Float64Array(64);

  /** Select element p: save its value (checked finite by the caller). */
  at(p: number): number {
    this.p = p;
    const old = this.data[p]!;
    this.old = old;
    return old;
  }

  /**
   * f with the perturbed element set to `node`. With `finite` the result must
   * be a finite number, else a non-finite number is returned as it is (for
   * Richardson, which steps back from it); a non-number, or an element
   * changed by f, is always a BadValue.
   */
  evaluate(node: number, finite: boolean): number {
    this.enter(node);
    const value = (this.f as (arg: unknown) => unknown)(this.arg);
    this.inF = false;
    // a bad result is reported before a write to x (the result is what the caller asked for)
    if (typeof value !== 'number' || (finite && value - value !== 0) || this.data[this.p] !== node) throw new BadValue(value, this.data[this.p], node);
    return value;
  }

  /**
   * The first half of evaluate, for a caller whose f is not scalar (a
   * Jacobian's f writes m outputs): write `node` into the perturbed element,
   * count the call, mark f as running. Call f, then leave(node).
   */
  enter(node: number): void {
    this.data[this.p] = node;
    this.perturbed = node;
    this.dirty = true;
    this.evaluations++;
    this.inF = true;
  }

  /** The second half: f returned; the perturbed element must still hold `node` (else a BadValue: f wrote to x). */
  leave(node: number): void {
    this.inF = false;
    const found = this.data[this.p];
    if (found !== node) throw new BadValue(0, found, node);
  }

  /** f at the unperturbed point (every element holds its saved value). */
  evaluateCenter(): number {
    this.evaluations++;
    this.inF = true;
    const value = (this.f as (arg: unknown) => unknown)(this.arg);
    this.inF = false;
    if (typeof value !== 'number' || value - value !== 0) throw new BadValue(value, undefined, NaN);
    return value;
  }

  /**
   * A point where the routine's next step depends on f's values so far (a
   * Richardson level about to be judged). Nothing to do here, where every
   * value is known when evaluate returns; the asynchronous probe
   * (async-probe.ts) stops the routine there until its evaluations have settled.
   */
  settle(): void {}

  /** Put the saved value back (idempotent). */
  restore(): void {
    if (this.dirty) {
      this.data[this.p] = this.old;
      this.dirty = false;
    }
  }

  /** A probe for f on `data` (one per nesting depth: f may differentiate something itself). */
  static acquire(f: (arg: never) => unknown, arg: unknown, data: FloatStorage): Probe {
    const probe = (POOL[depth] ??= new Probe());
    depth++;
    probe.f = f;
    probe.arg = arg;
    probe.data = data;
    probe.dirty = false;
    probe.inF = false;
    probe.evaluations = 0;
    probe.i = 0;
    return probe;
  }

  /** The innermost probe in use (the one whose f is being called), or undefined. */
  static current(): Probe | undefined {
    return depth > 0 ? POOL[depth - 1] : undefined;
  }

  /** Hand the probe back, dropping the references to f and the array. */
  static release(probe: Probe): void {
    probe.f = NOTHING;
    probe.arg = undefined;
    probe.data = EMPTY;
    depth--;
  }
}

const NOTHING = (): unknown => undefined;
const EMPTY: FloatStorage = new Float64Array(0);
const POOL: Probe[] = [];
let depth = 0;
