/// <reference types="node" />
/**
 * @descent/core/pool (Node only): a pool of worker threads that evaluates a
 * module's exported loss, for numerical gradients whose f is CPU-bound.
 *
 * One gradient call puts x into a SharedArrayBuffer once and sends each
 * worker one task (with `context`, structured-cloned once per worker); each
 * worker copies x into its own arrays and takes coordinates from a shared
 * counter in chunks, perturbing its copy in place, with the kernel of
 * numericalGradient (the results are its bits) writing into a shared output.
 * Threads come from piscina; a thread that dies is replaced.
 *
 * @module
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { type NdArray } from 'ndarray';
import { Piscina } from 'piscina';
import { resolveAsyncOptions, type AbortSignalLike } from '../async/async-options.js';
import { contiguousCopy, listen } from '../async/copies.js';
import { describe } from '../errors/describe.js';
import { ArgumentRangeError, InvalidArgumentError, PoolClosedError, WorkerDiedError } from '../errors/error-classes.js';
import { checkGradientCall, type NumericalGradientOptions } from '../gradient/numerical-gradient.js';
import { addEvaluations } from '../options/options.js';
import { STOP, reviveError, type GradientTask, type TaskResult } from './pool-protocol.js';
import { PoolRun } from './pool-run.js';

/** How to create a gradient pool. */
export interface GradientPoolOptions {
  /** The loss module: a file URL (`new URL('./loss.js', import.meta.url)`), a path, or a data: URL. TypeScript works when the caller runs under tsx (the workers inherit its loader). */
  module: URL | string;
  /**
   * The export to call as loss(x, context): x an ndarray (a contiguous
   * Float64Array or Float32Array copy of the point, x's shape), context what
   * the call passed; returns a number (or a Promise of one).
   * @default 'default'
   */
  export?: string;
  /** Worker threads. @default os.availableParallelism() */
  workers?: number;
  /** Limits of each worker thread (maxOldGenerationSizeMb, …); a worker that exceeds them dies (WorkerDiedError) and is replaced. @default undefined (Node's defaults) */
  resourceLimits?: ResourceLimits;
  /** Node options of the workers. @default the caller's process.execArgv (so a loader such as tsx's is inherited) */
  execArgv?: string[];
}

/** Options of GradientPool.gradient: numericalGradient's, plus these. */
export interface PoolGradientOptions<C = unknown> extends NumericalGradientOptions {
  /** Passed to every call of the loss as its second argument (a mini-batch, say); structured-cloned once per worker per call: typed arrays and plain data (an ndarray arrives as a plain { data, shape, stride, offset }). @default undefined */
  context?: C;
  /** Cancels the call: the workers take no further coordinate and the promise rejects with signal.reason once their evaluations in flight have settled. @default undefined */
  signal?: AbortSignalLike;
  /** Evaluations in flight per worker, for a loss that returns a Promise (a synchronous loss needs 1). @default 1 */
  concurrency?: number;
}

/** A pool of worker threads evaluating one loss. */
export interface GradientPool<C = unknown> {
  /** Worker threads. */
  readonly workers: number;
  /**
   * ∇loss(x, context) by finite differences, split across the workers:
   * bit for bit numericalGradient((v) => loss(v, context), x, options).
   * Rejects with the synchronous gradient's typed errors (naming the
   * coordinate), WorkerDiedError when a worker thread dies, PoolClosedError
   * when the pool is closed, signal.reason when aborted.
   */
  gradient(x: NdArray, options?: PoolGradientOptions<C>): Promise<NdArray>;
  /** loss(x, context) on one worker. */
  evaluate(x: NdArray, context?: C, options?: { signal?: AbortSignalLike }): Promise<number>;
  /** Stop every thread; calls in flight reject with PoolClosedError. Idempotent. */
  close(): Promise<void>;
  /** close(), for `await using pool = createGradientPool(…)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

const HERE = import.meta.url;
/** Running from the TypeScript sources (this repository's tests): the worker is a .ts file too. */
const SOURCE = HERE.endsWith('.ts');
const WORKER = fileURLToPath(new URL(SOURCE ? './pool-worker.ts' : './pool-worker.js', HERE));
const GRADIENT_KEYS = ['out', 'error', 'context', 'signal', 'concurrency'];

/**
 * A pool of `workers` threads that evaluate `options.module`'s export.
 *
 * The loss is called as loss(x, context) in a worker: x is a private
 * contiguous copy of the point (Float64Array, or Float32Array for Float32
 * storage; plain arrays arrive as Float64Array), perturbed in place during a
 * gradient. Close the pool when done (`await pool.close()`, or `await using`).
 *
 * @param options - module, export, workers, resourceLimits, execArgv
 * @returns the pool
 * @throws InvalidArgumentError for a missing module or a bad option; ArgumentRangeError for workers < 1
 * @example
 * import ndarray from 'ndarray';
 * // a loss module (here a data: URL; usually new URL('./loss.js', import.meta.url))
 * const module = 'data:text/javascript,export const loss = (x, c) => c.scale * (x.get(0) ** 2 + x.get(1) ** 2);';
 * const pool = createGradientPool({ module, export: 'loss', workers: 2 });
 * const g = await pool.gradient(ndarray(new Float64Array([3, 4]), [2]), { context: { scale: 1 }, h: 1e-4 });
 * g; // → [5.999999999991118, 8]
 * await pool.evaluate(ndarray(new Float64Array([3, 4]), [2]), { scale: 2 }); // → 50
 * await pool.close();
 */
export function createGradientPool<C = unknown>(options: GradientPoolOptions): GradientPool<C> {
  const where = 'createGradientPool';
  if (typeof options !== 'object' || options === null) throw new InvalidArgumentError(`${where}: options must be { module, export, workers } (got ${describe(options)}).`);
  const module = moduleUrl(options.module, where);
  const name = options.export ?? 'default';
  if (typeof name !== 'string') throw new InvalidArgumentError(`${where}: export must be the name of the loss export (got ${describe(name)}).`);
  const workers = options.workers ?? availableParallelism();
  if (!(typeof workers === 'number' && Number.isSafeInteger(workers) && workers >= 1)) {
    const message = `${where}: workers must be a whole number ≥ 1 (got ${describe(workers)}); the default is os.availableParallelism().`;
    throw typeof workers === 'number' ? new ArgumentRangeError(message) : new InvalidArgumentError(message);
  }
  const piscina = new Piscina({
    filename: WORKER,
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: Infinity,
    concurrentTasksPerWorker: 1,
    ...(options.resourceLimits === undefined ? {} : { resourceLimits: options.resourceLimits }),
    ...(workerExecArgv(options.execArgv) === undefined ? {} : { execArgv: workerExecArgv(options.execArgv)! }),
  });
  return new Pool<C>(piscina, workers, module, name);
}

function aborted(signal: AbortSignalLike | undefined): boolean {
  return signal?.aborted === true;
}

/** The loss module as a URL string a worker can import. */
function moduleUrl(module: unknown, where: string): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module === '') {
    throw new InvalidArgumentError(`${where}: module must be the loss module's URL or path, e.g. new URL('./loss.js', import.meta.url) (got ${describe(module)}).`);
  }
  if (/^(file|data):/.test(module)) return module;
  return pathToFileURL(isAbsolute(module) ? module : resolve(module)).href;
}

/** The workers' Node options: as given, else inherited — plus tsx's loader when running from this package's TypeScript sources without one. */
function workerExecArgv(given: string[] | undefined): string[] | undefined {
  if (given !== undefined) return given;
  if (!SOURCE || process.execArgv.some((a) => /[\\/]tsx[\\/]dist[\\/]/.test(a))) return undefined;
  const require = createRequire(HERE);
  // Node 20 runs no ESM loader hooks in worker threads: tsx's require hook (tsx/cjs) is what loads TypeScript there
  return [...process.execArgv, '--require', require.resolve('tsx/cjs'), '--import', pathToFileURL(require.resolve('tsx/esm')).href];
}

class Pool<C> implements GradientPool<C> {
  private closing: Promise<void> | undefined;
  private readonly running = new Set<Int32Array>();

  constructor(
    private readonly piscina: Piscina,
    readonly workers: number,
    private readonly module: string,
    private readonly name: string,
  ) {}

  async gradient(x: NdArray, options?: PoolGradientOptions<C>): Promise<NdArray> {
    const where = 'GradientPool.gradient';
    const out: unknown = typeof options === 'object' && options !== null ? options.out : undefined;
    const call = checkGradientCall(out, false, () => 0, x, options, where, 'options.out', GRADIENT_KEYS);
    const { concurrency, signal } = resolveAsyncOptions(options, where);
    this.assertOpen(where);
    if (signal?.aborted === true) throw signal.reason;
    const r = call.resolved;
    if (x.size === 0) return call.destination; // no coordinate: f is not called, not even at x (as numericalGradient)
    let f0 = r.f0;
    let extra = 0;
    if (f0 === undefined && r.scheme !== 'central' && r.scheme !== 'five-point') {
      f0 = await this.evaluateAt(x, options?.context, where, signal); // once here rather than once per worker
      extra = 1;
      if (!Number.isFinite(f0)) throw reviveError({ name: 'NonFiniteValueError', message: `${where}: f returned ${f0} at the unperturbed x; f must be finite at x itself — x was not modified.`, code: 'NON_FINITE_VALUE', fields: { value: f0 }, cause: undefined });
    }
    const size = x.size;
    const run = new PoolRun(x, call, size, this.workers);
    const task: GradientTask = {
      kind: 'gradient',
      module: this.module,
      export: this.name,
      x: run.x,
      float32: x.data instanceof Float32Array,
      shape: x.shape.slice(),
      out: run.out,
      error: run.error,
      control: run.control,
      chunk: run.chunk,
      concurrency,
      options: { h: r.h, scheme: r.scheme, stepUnderflow: r.stepUnderflow, quotient: r.quotient, f0, richardson: r.richardson },
      bounds: run.bounds(call.bounds),
      context: options?.context,
    };
    this.running.add(run.flags);
    const unlisten = listen(signal, () => Atomics.store(run.flags, STOP, 1));
    const stopProgress = run.report(r.onProgress, r.progressInterval, extra);
    const tasks = Array.from({ length: run.tasks }, () => this.piscina.run(task) as Promise<TaskResult>);
    const settled = await Promise.allSettled(tasks);
    unlisten();
    stopProgress();
    this.running.delete(run.flags);
    const evaluations = extra + settled.reduce((n, s) => n + (s.status === 'fulfilled' ? s.value.evaluations : 0), 0);
    addEvaluations(r.counter, evaluations);
    const died = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
    if (died !== undefined) throw this.threadError(died.reason, where);
    const failures = settled.flatMap((s) => (s.status === 'fulfilled' && !s.value.ok ? [s.value] : []));
    if (failures.length > 0) {
      const first = failures.reduce((a, b) => (b.ordinal < a.ordinal ? b : a));
      throw reviveError(first.error);
    }
    if (run.progressError !== undefined) throw run.progressError;
    if (aborted(signal)) throw signal!.reason;
    run.finish(r.onProgress, evaluations);
    return call.destination;
  }

  async evaluate(x: NdArray, context?: C, options?: { signal?: AbortSignalLike }): Promise<number> {
    const where = 'GradientPool.evaluate';
    checkGradientCall(undefined, false, () => 0, x, undefined, where, 'out', []);
    const { signal } = resolveAsyncOptions(options, where);
    this.assertOpen(where);
    return this.evaluateAt(x, context, where, signal);
  }

  private async evaluateAt(x: NdArray, context: C | undefined, where: string, signal: AbortSignalLike | undefined): Promise<number> {
    const copy = contiguousCopy(x);
    const data = copy instanceof Float32Array ? copy : Float64Array.from(copy as ArrayLike<number>);
    let result: TaskResult;
    try {
      const piscinaSignal = signal as unknown as AbortSignal | undefined;
      result = (await this.piscina.run({ kind: 'evaluate', module: this.module, export: this.name, x: data, shape: x.shape.slice(), context, where }, piscinaSignal === undefined ? {} : { signal: piscinaSignal })) as TaskResult;
    } catch (error) {
      if (aborted(signal)) throw signal!.reason;
      throw this.threadError(error, where);
    }
    if (!result.ok) throw reviveError(result.error);
    return result.value;
  }

  close(): Promise<void> {
    if (this.closing === undefined) {
      for (const flags of this.running) Atomics.store(flags, STOP, 1);
      this.closing = this.piscina.destroy();
    }
    return this.closing;
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  private assertOpen(where: string): void {
    if (this.closing !== undefined) throw new PoolClosedError(`${where}: the pool is closed; create another with createGradientPool.`);
  }

  /** A task rejected: its thread died (or the pool closed under it), or its context could not be sent to a thread. */
  private threadError(cause: unknown, where: string): Error {
    if (this.closing !== undefined) return new PoolClosedError(`${where}: the pool was closed while the call ran.`);
    if ((cause as { name?: unknown } | null)?.name === 'DataCloneError') {
      const what = cause instanceof Error ? cause.message : String(cause);
      return new InvalidArgumentError(
        `${where}: the context cannot be sent to the worker threads (${what}); pass plain data — numbers, strings, arrays, typed arrays, plain objects — without functions, symbols or class instances. No thread died; x was not modified.`,
        { cause },
      );
    }
    const what = cause instanceof Error ? cause.message : String(cause);
    const code = (cause as { code?: unknown } | null)?.code;
    const memory = code === 'ERR_WORKER_OUT_OF_MEMORY' ? ' (out of memory: raise resourceLimits or make the loss use less)' : '';
    return new WorkerDiedError(
      cause,
      `${where}: a worker thread died while evaluating the loss: ${what}${memory}. The pool has started a replacement, so the next call can run; the loss must not call process.exit.`,
    );
  }
}

/** Re-exported for users of the pool entry. */
export { WorkerDiedError, PoolClosedError } from '../errors/error-classes.js';
export type { AbortSignalLike } from '../async/async-options.js';
