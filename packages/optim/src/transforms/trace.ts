import type { NdArray } from 'ndarray';
import { defineTransform } from './define-transform.js';
import { checkBoolean, checkChoice, checkOptionKeys } from '../checks/options.js';
import { checkHyperparameter } from './hyperparameters.js';
import { stateRecord } from './state.js';
import { forEachRow, isRowMajorContiguous, storageOf, type Storage } from '../tree/strided.js';
import type { CheckedTransformation, Params } from './transform.js';
import { assertBuffersMatch, isNdArray, zeroBuffers, type Tree } from '../tree/tree.js';
import { assertUpdatesTree } from '../tree/memory.js';

/** Momentum coefficient of "Deep Learning from Scratch" (Momentum and Nesterov). */
export const DEFAULT_MOMENTUM = 0.9;

/** Options of `trace`. */
export interface TraceOptions {
  /** Momentum coefficient μ: the trace keeps μ of its previous value, in [0, 1). @default 0.9 */
  decay?: number;
  /** Return a Nesterov look-ahead instead of the trace t itself (its formula depends on `form`). @default false */
  nesterov?: boolean;
  /**
   * Which Nesterov formula: 'book' (u = (1+μ)·g + μ²·t, "Deep Learning from
   * Scratch") or 'optax' (u = g + μ·t, optax `trace` and PyTorch SGD). The
   * plain trace (nesterov false) is the same in both. @default 'book'
   */
  form?: 'book' | 'optax';
}

/** State of `trace`: the accumulated trace t (row-major, one buffer per array). */
export interface TraceState {
  /** What made the state (see `stateRecord`); momentum and nesterov share it. */
  kind: 'trace';
  trace: Tree<number[]>;
}

/** What `trace` returns: the trace, the book's Nesterov or optax's Nesterov. */
const enum TraceOutput {
  Trace = 0,
  BookNesterov = 1,
  OptaxNesterov = 2,
}

/** t ← μ·t + g, then u ← t, u ← (1+μ)·g + μ²·t (book) or u ← g + μ·t (optax), over one row. */
function traceRow(
  data: Storage,
  start: number,
  stride: number,
  trace: number[],
  k: number,
  length: number,
  decay: number,
  output: TraceOutput,
): void {
  const onePlusDecay = 1 + decay;
  const decaySquared = decay * decay;
  for (let i = 0; i < length; i++) {
    const p = start + i * stride;
    const j = k + i;
    const g = data[p]!;
    const t = decay * trace[j]! + g;
    trace[j] = t;
    data[p] = output === TraceOutput.Trace ? t : output === TraceOutput.BookNesterov ? onePlusDecay * g + decaySquared * t : g + decay * t;
  }
}

/** `traceRow` over every element of one array `u` (any view) with its buffer. */
function traceInto(u: NdArray, buffer: number[], decay: number, nesterov: TraceOutput, where: string): void {
  const data = storageOf(u, where);
  if (isRowMajorContiguous(u)) {
    // One row over every element, without forEachRow's closure.
    traceRow(data, u.offset, 1, buffer, 0, u.size, decay, nesterov);
    return;
  }
  forEachRow(u, u, (start, stride, _bStart, _bStride, length, k) => {
    traceRow(data, start, stride, buffer, k, length, decay, nesterov);
  });
}

/**
 * Momentum as an accumulated trace of the updates. With coefficient μ and input g:
 *
 *   t ← μ·t + g
 *   u = t                       (momentum)
 *   u = (1+μ)·g + μ²·t          (nesterov: true, the book's form)
 *
 * Followed by `scaleByLearningRate(lr)`: with v = −lr·t this is the book's
 * Momentum v ← μ·v − lr·g, θ ← θ + v, and its Nesterov
 * θ ← θ + μ²·v − (1+μ)·lr·g with the velocity v already updated. (With a
 * constant lr; a scheduled lr scales the whole trace here, while the book's v
 * keeps the old rates inside — optax and PyTorch behave like this file.)
 * optax `trace(nesterov=True)` and PyTorch SGD(nesterov=True) use u = g + μ·t
 * instead, i.e. θ ← θ − lr·((1+μ)·g + μ²·t_old): the book applies one more factor μ
 * to the new trace (its Nesterov step equals μ²·v_new − (1+μ)·lr·g, theirs
 * μ²·v_old − (1+μ)·lr·g). `form: 'optax'` gives theirs (`sgd({ momentum, nesterov: true })` uses it).
 * @param options decay (μ), nesterov, form
 * @throws ArgumentRangeError when decay is outside [0, 1) or non-finite; InvalidArgumentError when nesterov is not a boolean
 * @example
 * import { chain, trace, scaleByLearningRate } from '@descent/optim';
 * const momentum = chain(trace({ decay: 0.9 }), scaleByLearningRate(0.01));
 */
export function trace(options: TraceOptions = {}): CheckedTransformation<TraceState, void> {
  const where = 'trace';
  checkOptionKeys(where, options, ['decay', 'nesterov', 'form'], '{ decay: 0.9 }');
  const decay = checkHyperparameter(where, 'decay', options.decay ?? DEFAULT_MOMENTUM, 'unitInterval', 'the default is 0.9');
  const nesterov = checkBoolean(where, 'nesterov', options.nesterov ?? false, 'the default is false');
  const form = checkChoice(where, 'form', options.form ?? 'book', ['book', 'optax'] as const, "the default is 'book'");
  const output = !nesterov ? TraceOutput.Trace : form === 'book' ? TraceOutput.BookNesterov : TraceOutput.OptaxNesterov;
  return defineTransform<TraceState, void>({
    name: where,
    init(params: Params) {
      return { kind: 'trace', trace: zeroBuffers(params, where) };
    },
    check(updates: Params, state: TraceState, _params: Params): void {
      assertUpdatesTree(updates, where, true);
      assertBuffersMatch(stateRecord(state, where, 'trace', ['trace'])['trace'], updates, where, 'trace');
    },
    apply(updates: Params, state: TraceState, _params: Params): TraceState {
      if (isNdArray(updates)) {
        traceInto(updates, state.trace as number[], decay, output, where);
        return state;
      }
      const buffers = state.trace as Record<string, number[]>;
      for (const key of Object.keys(updates)) traceInto(updates[key]!, buffers[key]!, decay, output, where);
      return state;
    },
  });
}
