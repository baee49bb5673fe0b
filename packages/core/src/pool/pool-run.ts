/**
 * One gradient call of the pool, on the caller's side: x and the output in
 * SharedArrayBuffers, the shared control counters (next coordinate, stop,
 * done, evaluations), the chunk size and the number of worker tasks, the
 * progress reports read from the counters, and the results copied into the
 * caller's destinations. Internal module.
 */
/// <reference types="node" />
import type { NdArray } from 'ndarray';
import type { ArrayBounds } from '../kernel/bounds.js';
import { contiguousCopy, positionOf } from '../async/copies.js';
import type { GradientCall } from '../gradient/numerical-gradient.js';
import type { Progress } from '../options/options.js';
import { CONTROL_SLOTS, DONE, EVALUATIONS, STOP } from './pool-protocol.js';
import type { FloatStorage } from '../memory/strided.js';

/** Chunks per worker: small enough to balance uneven costs, large enough that the shared counter is rarely touched. */
const CHUNKS_PER_WORKER = 16;

/** The shared state of one gradient call. */
export class PoolRun {
  readonly x: SharedArrayBuffer;
  readonly out: SharedArrayBuffer;
  readonly error: SharedArrayBuffer | undefined;
  readonly control: SharedArrayBuffer;
  readonly flags: Int32Array;
  readonly chunk: number;
  /** Worker tasks to send (no more than there are chunks). */
  readonly tasks: number;
  /** What onProgress threw (the call then stops and rejects with it). */
  progressError: unknown = undefined;
  private readonly started = performance.now();

  constructor(
    x: NdArray,
    private readonly call: GradientCall,
    private readonly size: number,
    workers: number,
  ) {
    const float32 = x.data instanceof Float32Array;
    this.x = new SharedArrayBuffer(Math.max(1, size) * (float32 ? 4 : 8));
    (float32 ? new Float32Array(this.x) : new Float64Array(this.x)).set(contiguousCopy(x) as ArrayLike<number>);
    this.out = new SharedArrayBuffer(Math.max(1, size) * 8);
    this.error = call.error === undefined ? undefined : new SharedArrayBuffer(Math.max(1, size) * 8);
    this.control = new SharedArrayBuffer(CONTROL_SLOTS * 4);
    this.flags = new Int32Array(this.control);
    this.chunk = Math.max(1, Math.min(4096, Math.ceil(size / (workers * CHUNKS_PER_WORKER))));
    this.tasks = Math.max(1, Math.min(workers, Math.ceil(size / this.chunk)));
  }

  /** The box for the workers: numbers as they are, ndarrays as contiguous Float64 elements in shared memory. */
  bounds(box: ArrayBounds | undefined): { lower: number | SharedArrayBuffer; upper: number | SharedArrayBuffer } | undefined {
    if (box === undefined) return undefined;
    const side = (b: number | NdArray): number | SharedArrayBuffer => {
      if (typeof b === 'number') return b;
      const buffer = new SharedArrayBuffer(Math.max(1, this.size) * 8);
      new Float64Array(buffer).set(contiguousCopy(b) as ArrayLike<number>);
      return buffer;
    };
    return { lower: side(box.lower), upper: side(box.upper) };
  }

  /** Report progress from the shared counters every `interval` ms while the call runs; returns the function that stops it. */
  report(onProgress: ((p: Progress) => void) | undefined, interval: number, extra: number): () => void {
    if (onProgress === undefined) return () => undefined;
    const timer = setInterval(() => {
      const done = Atomics.load(this.flags, DONE);
      if (done >= this.size) return;
      try {
        onProgress(this.progress(done, extra + Atomics.load(this.flags, EVALUATIONS)));
      } catch (error) {
        this.progressError ??= error;
        Atomics.store(this.flags, STOP, 1);
        clearInterval(timer);
      }
    }, Math.max(interval, 10));
    return () => clearInterval(timer);
  }

  /** Copy the results into the caller's destinations; the final progress report. */
  finish(onProgress: ((p: Progress) => void) | undefined, evaluations: number): void {
    const out = new Float64Array(this.out);
    const destination = this.call.destination;
    const target = destination.data as FloatStorage;
    for (let p = 0; p < this.size; p++) target[positionOf(destination, p)] = out[p]!;
    const error = this.call.error;
    if (error !== undefined && this.error !== undefined) {
      const estimates = new Float64Array(this.error);
      const errorTarget = error.data as FloatStorage;
      for (let p = 0; p < this.size; p++) errorTarget[positionOf(error, p)] = estimates[p]!;
    }
    onProgress?.(this.progress(this.size, evaluations));
  }

  private progress(done: number, evaluations: number): Progress {
    return { done, total: this.size, evaluations, elapsedMs: performance.now() - this.started, array: 'x' };
  }
}
