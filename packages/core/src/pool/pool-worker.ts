/**
 * The task handler of a gradient pool's worker threads (loaded by piscina):
 * it imports the loss module once, and for each gradient task copies x from
 * the shared buffer into this thread's private arrays and differentiates the
 * coordinates it takes from the shared counter, in chunks, with the engine
 * of numericalGradientAsync (a synchronous loss runs the synchronous kernel
 * itself), writing the results into the shared output. Errors come back as
 * data (pool-protocol.ts); a task never rejects. Internal module.
 */
/// <reference types="node" />
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import ndarray, { type NdArray } from 'ndarray';
import { Engine } from '../async/async-engine.js';
import type { AbortSignalLike } from '../async/async-options.js';
import type { ArrayBounds } from '../kernel/bounds.js';
import { planOf } from '../kernel/coordinate.js';
import { isThenable } from '../async/copies.js';
import { InvalidArgumentError } from '../errors/error-classes.js';
import { badResultError, fThrewError } from '../kernel/errors.js';
import { startRun } from '../kernel/finite-difference.js';
import { resolveOptions } from '../options/options.js';
import { DONE, errorData, EVALUATIONS, NEXT, STOP, type EvaluateTask, type GradientTask, type LossRef, type TaskResult } from './pool-protocol.js';
import type { FloatStorage } from '../memory/strided.js';

type Loss = (x: NdArray, context: unknown) => unknown;
/** The loss modules' namespaces, imported once per thread (a failed import stays failed, as ESM's own cache does). */
const modules = new Map<string, Promise<Record<string, unknown>>>();

/**
 * Import the module; a TypeScript file that import() cannot load (Node 20
 * runs no ESM loader hooks in worker threads) through require, which a
 * loader inherited from the caller (tsx's) does hook.
 */
async function load(module: string): Promise<Record<string, unknown>> {
  try {
    return (await import(module)) as Record<string, unknown>;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ERR_UNKNOWN_FILE_EXTENSION' || !module.startsWith('file:')) throw error;
    return createRequire(import.meta.url)(fileURLToPath(module)) as Record<string, unknown>;
  }
}

/** The loss export of a module; its errors name `where`, the public call that asked for it (not the first one that did). */
async function lossOf(ref: LossRef, where: string): Promise<Loss> {
  let namespace = modules.get(ref.module);
  if (namespace === undefined) {
    namespace = load(ref.module);
    namespace.catch(() => undefined); // awaited below; a later task awaits it again
    modules.set(ref.module, namespace);
  }
  let exports: Record<string, unknown>;
  try {
    exports = await namespace;
  } catch (cause) {
    throw new InvalidArgumentError(`${where}: the worker could not import ${ref.module}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const f = exports[ref.export];
  if (typeof f !== 'function') {
    const names = Object.keys(exports).join(', ') || 'none';
    throw new InvalidArgumentError(`${where}: the module ${ref.module} has no function export ${JSON.stringify(ref.export)} (its exports: ${names}); pass export: '<name>'.`);
  }
  return f as Loss;
}

/** Run one task of the pool. */
export default async function runTask(task: GradientTask | EvaluateTask): Promise<TaskResult> {
  const where = task.kind === 'gradient' ? 'GradientPool.gradient' : task.where;
  let loss: Loss;
  try {
    loss = await lossOf(task, where);
  } catch (error) {
    return { ok: false, evaluations: 0, error: errorData(error), ordinal: -1 };
  }
  return task.kind === 'gradient' ? gradient(task, loss) : evaluate(task, loss);
}

async function evaluate(task: EvaluateTask, loss: Loss): Promise<TaskResult> {
  const x = ndarray(task.x, task.shape);
  let value: unknown;
  try {
    value = loss(x, task.context);
    if (isThenable(value)) value = await value;
  } catch (error) {
    return { ok: false, evaluations: 1, error: errorData(fThrewError(task.where, 'at x', error, 'x was not modified')), ordinal: -1 };
  }
  if (typeof value !== 'number') return { ok: false, evaluations: 1, error: errorData(badResultError(task.where, 'at x', value, 'x was not modified')), ordinal: -1 };
  return { ok: true, evaluations: 1, value };
}

async function gradient(task: GradientTask, loss: Loss): Promise<TaskResult> {
  const where = 'GradientPool.gradient';
  const shape = task.shape;
  const control = new Int32Array(task.control);
  const snapshot = task.float32 ? new Float32Array(task.x) : new Float64Array(task.x);
  const size = snapshot.length;
  const resolved = resolveOptions(task.options, where, []);
  const run = startRun(resolved, size);
  const precision = task.float32 ? 'float32' : 'float64';
  const context = task.context;
  const signal = stopSignal(control);
  let published = 0;
  const engine: Engine = new Engine({
    f: (v: NdArray) => loss(v, context),
    arrays: [{ name: 'x', precision, plan: planOf(resolved, precision, run), shape, size, snapshot, out: ndarray(new Float64Array(task.out), shape), error: task.error === undefined ? undefined : ndarray(new Float64Array(task.error), shape), bounds: boundsOf(task, shape) }],
    argument: (datas: FloatStorage[]) => ndarray(datas[0] as Float64Array, shape.slice()),
    concurrency: task.concurrency,
    where,
    options: resolved,
    run,
    signal,
    nextRange: () => {
      if (Atomics.load(control, STOP) !== 0) return undefined;
      const start = Atomics.add(control, NEXT, task.chunk);
      return start < size ? [start, Math.min(size, start + task.chunk)] : undefined;
    },
    onDone: (count) => {
      Atomics.add(control, DONE, count);
      Atomics.add(control, EVALUATIONS, engine.evaluations - published);
      published = engine.evaluations;
    },
  });
  try {
    await engine.run();
    return { ok: true, evaluations: engine.evaluations, value: 0 };
  } catch (error) {
    if (engine.failedAt === Infinity) return { ok: true, evaluations: engine.evaluations, value: 0 }; // stopped by the flag: the caller knows why
    Atomics.store(control, STOP, 1); // the other workers stop taking coordinates
    return { ok: false, evaluations: engine.evaluations, error: errorData(error), ordinal: engine.failedAt };
  } finally {
    signal.dispose();
  }
}

function boundsOf(task: GradientTask, shape: number[]): ArrayBounds | undefined {
  const b = task.bounds;
  if (b === undefined) return undefined;
  const side = (s: number | SharedArrayBuffer): number | NdArray => (typeof s === 'number' ? s : ndarray(new Float64Array(s), shape));
  return { lower: side(b.lower), upper: side(b.upper) };
}

/** An AbortSignal-like view of the shared stop flag: `aborted` reads it; listeners are polled every 5 ms (for an asynchronous loss). */
function stopSignal(control: Int32Array): AbortSignalLike & { dispose(): void } {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setInterval> | undefined;
  const signal = {
    get aborted(): boolean {
      return Atomics.load(control, STOP) !== 0;
    },
    reason: undefined,
    addEventListener(_type: 'abort', listener: () => void): void {
      listeners.add(listener);
      timer ??= setInterval(() => {
        if (!signal.aborted) return;
        clearInterval(timer);
        for (const l of listeners) l();
      }, 5);
    },
    removeEventListener(_type: 'abort', listener: () => void): void {
      listeners.delete(listener);
    },
    dispose(): void {
      clearInterval(timer);
    },
  };
  return signal;
}
