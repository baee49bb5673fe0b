/**
 * The synchronous pass of the asynchronous gradients: while nothing is in
 * flight, a range of coordinates is handed to the synchronous kernel itself
 * (differentiateInto, on a flat view of a lane's copy), with f wrapped so
 * that the first thenable it returns stops the pass. A synchronous f thus
 * runs the very loop numericalGradient runs (no replay, no bookkeeping per
 * call); an asynchronous f is detected at its first call, and the engine
 * takes over from that coordinate, adopting the thenable and the values the
 * coordinate already has (nothing is evaluated twice). Internal module.
 */
import ndarray, { type NdArray } from 'ndarray';
import type { EngineArray } from './async-engine.js';
import type { Evaluation } from './async-probe.js';
import type { Lane } from './async-task.js';
import type { AbortSignalLike } from './async-options.js';
import type { ArrayBounds } from '../kernel/bounds.js';
import { contiguousCopy, isThenable, positionOf } from './copies.js';
import { FunctionThrewError } from '../errors/error-classes.js';
import { differentiateInto, type Run } from '../kernel/finite-difference.js';
import type { ResolvedGradientOptions } from '../options/options.js';
import { Probe } from '../kernel/probe.js';
import type { FloatStorage } from '../memory/strided.js';

const SWITCH = Object.freeze({ marker: 'switch to the engine' });
const ABORTED = Object.freeze({ marker: 'aborted' });

/** How a pass ended. */
export interface PassOutcome {
  /** Coordinates of the range finished (written to the array's destinations), from its start. */
  finished: number;
  /** 'done': the whole range; 'thenable': f returned one (at `p`, or at f(x) when `atCenter`); 'failed': coordinate p failed; 'error': a failure tied to no coordinate; 'aborted'. */
  kind: 'done' | 'thenable' | 'failed' | 'error' | 'aborted';
  /** The element (row-major, within the array) where the pass stopped. */
  p: number;
  /** Its evaluations so far, settled, in the routine's order. */
  memo: Evaluation[];
  atCenter: boolean;
  node: number;
  thenable: PromiseLike<unknown> | undefined;
  /** The error of 'failed' and 'error' (its coordinate named after the flat view: the engine names it again). */
  error: unknown;
}

/** Where the pass runs: what f is called with, and the kernel's options without the counter (the engine counts). */
export interface PassSetup {
  f: (arg: unknown) => unknown;
  options: ResolvedGradientOptions;
  where: string;
  run: Run;
  signal: AbortSignalLike | undefined;
}

/**
 * Differentiate elements [from, to) of array `a` on `lane` with the
 * synchronous kernel, writing the results into a's destinations.
 */
export function syncPass(a: EngineArray, k: number, from: number, to: number, lane: Lane, setup: PassSetup): PassOutcome {
  const data = lane.datas[k]!;
  const length = to - from;
  const x = ndarray(data as Float64Array, [length], [1], from);
  const out = ndarray(new Float64Array(length), [length]);
  const error = a.error === undefined ? undefined : ndarray(new Float64Array(length), [length]);
  const outcome: PassOutcome = { finished: length, kind: 'done', p: -1, memo: [], atCenter: false, node: NaN, thenable: undefined, error: undefined };
  const f = setup.f;
  const arg = lane.arg;
  const signal = setup.signal;
  // the current element's evaluations (parallel arrays, reused: no allocation per call)
  let at = -1;
  let count = 0;
  const nodes: number[] = [];
  const values: unknown[] = [];
  const found: unknown[] = [];
  const wrapped = (): unknown => {
    if (signal !== undefined && signal.aborted) throw ABORTED;
    const probe = Probe.current()!; // the kernel's, about to call f: which element holds which node
    const perturbed = probe.dirty;
    const p = probe.p;
    if (perturbed) {
      if (p !== at) {
        at = p;
        count = 0;
      }
      nodes[count] = probe.perturbed;
    }
    const result = f(arg); // no try here (it would slow f down): a throw reaches the kernel, which names the element
    if (isThenable(result)) {
      outcome.thenable = result;
      outcome.atCenter = !perturbed;
      outcome.node = probe.perturbed;
      outcome.p = p; // at(p) came first: also during f(x), p is the element about to be differentiated
      throw SWITCH;
    }
    if (perturbed) {
      found[count] = data[p];
      values[count++] = result;
    }
    return result;
  };
  try {
    differentiateInto(out, wrapped as (v: NdArray) => number, x, a.name, a.precision, setup.options, setup.where, setup.run, { bounds: flatBounds(a, from, length), error });
  } catch (thrown) {
    classify(thrown, outcome, a, from);
  }
  if (outcome.kind !== 'done') {
    outcome.finished = outcome.p < 0 ? 0 : outcome.p - from;
    if (at === outcome.p && !outcome.atCenter) {
      for (let j = 0; j < count; j++) outcome.memo.push({ node: nodes[j]!, settled: true, threw: false, value: values[j], found: found[j] });
      // f threw at the next node of this element (the kernel's FunctionThrewError keeps what it threw)
      if (outcome.kind === 'failed' && outcome.error instanceof FunctionThrewError && outcome.error.coordinate !== undefined) {
        outcome.memo.push({ node: nodes[count]!, settled: true, threw: true, value: outcome.error.cause, found: undefined });
      }
    }
  }
  copyBack(a, from, outcome.finished, out, error);
  return outcome;
}

/** Sort what stopped the kernel into the outcome. */
function classify(thrown: unknown, outcome: PassOutcome, a: EngineArray, from: number): void {
  const cause = thrown instanceof FunctionThrewError ? thrown.cause : undefined;
  if (cause === SWITCH) {
    outcome.kind = 'thenable';
    return;
  }
  if (cause === ABORTED) {
    outcome.kind = 'aborted';
    outcome.p = -1;
    return;
  }
  outcome.error = thrown;
  const coordinate = (thrown as { coordinate?: unknown } | null)?.coordinate;
  const prefix = `${a.name}[`;
  if (typeof coordinate === 'string' && coordinate.startsWith(prefix)) {
    outcome.kind = 'failed';
    outcome.p = from + Number(coordinate.slice(prefix.length, -1));
    return;
  }
  outcome.kind = 'error';
  outcome.p = -1;
}

/** The first `count` results of the pass into a's destinations. */
function copyBack(a: EngineArray, from: number, count: number, out: NdArray, error: NdArray | undefined): void {
  const o = out.data as Float64Array;
  const target = a.out.data as FloatStorage;
  for (let j = 0; j < count; j++) target[positionOf(a.out, from + j)] = o[j]!;
  if (error === undefined || a.error === undefined) return;
  const e = error.data as Float64Array;
  const errorTarget = a.error.data as FloatStorage;
  for (let j = 0; j < count; j++) errorTarget[positionOf(a.error, from + j)] = e[j]!;
}

const FLAT = new WeakMap<EngineArray, ArrayBounds>();

/** a's box as flat views of elements [from, from + length) (ndarray bounds copied once, contiguous). */
function flatBounds(a: EngineArray, from: number, length: number): ArrayBounds | undefined {
  const box = a.bounds;
  if (box === undefined) return undefined;
  let flat = FLAT.get(a);
  if (flat === undefined) {
    const side = (b: number | NdArray): number | NdArray => (typeof b === 'number' ? b : ndarray(contiguousCopy(b) as Float64Array, [a.size]));
    flat = { lower: side(box.lower), upper: side(box.upper) };
    FLAT.set(a, flat);
  }
  const view = (b: number | NdArray): number | NdArray => (typeof b === 'number' ? b : ndarray(b.data as Float64Array, [length], [1], from));
  return { lower: view(flat.lower), upper: view(flat.upper) };
}
