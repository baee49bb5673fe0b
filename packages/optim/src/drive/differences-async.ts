/**
 * Finite differences of an asynchronous function, computed by @descent/core's
 * own synchronous kernels so that the result is bit-identical to the
 * synchronous run: "record, evaluate, replay".
 *
 * 1. Record: core's numericalGradientInto (or numericalGradientsInto) runs with a
 *    stand-in f that notes the point core asks for (as changes from the
 *    unperturbed point) and answers with the values already known, or a
 *    placeholder 0 for a new point.
 * 2. Evaluate: the new points are evaluated by the caller's async function,
 *    up to `concurrency` at a time, each on its own copy of the arrays.
 * 3. Repeat until a pass asks for no new point (one pass for every fixed
 *    stencil; an adaptive scheme such as 'richardson' may take a few, and a
 *    point that turns out not to be needed is evaluated but not counted). Then
 *    a final pass runs core with the caller's real options (its counter,
 *    onProgress) on the recorded answers: core's arithmetic, core's checks
 *    (NotANumberError, NonFiniteValueError, FunctionThrewError with the
 *    coordinate) and core's counts, as in a synchronous run.
 *
 * TODO(core-async): when @descent/core exports `numericalGradientAsync`, the
 * single call site of `differencesAsync` (serveAsync in minimize/serve-async.ts
 * and serveTrainAsync in train/serve-async.ts) can switch to it; this module
 * then goes.
 */
import ndarray, { type NdArray } from 'ndarray';
import ops from 'ndarray-ops';
import { EvaluationAborted, isThenable } from './run-async.js';

/** One element that differs from the unperturbed point. */
interface Change {
  readonly leaf: number;
  /** Row-major position in the leaf. */
  readonly index: number;
  readonly value: number;
}

type Outcome = { readonly value: unknown } | { readonly error: unknown };

/** How the new points of a pass are evaluated. */
export interface DifferencesAsyncOptions {
  /** Evaluations in flight at once, an integer ≥ 1. */
  readonly concurrency: number;
  /** Checked before each evaluation starts: once aborted, EvaluationAborted is thrown. */
  readonly signal: AbortSignal | undefined;
  /**
   * The function has answered synchronously so far: first run core directly on
   * the live arrays, as the synchronous driver does (no copies, no replay); if
   * an answer turns out to be a Promise after all, that pass is undone (its
   * calls uncounted, the Promise's rejection ignored) and record-and-replay runs.
   * @default false
   */
  readonly trySync?: boolean;
  /** The counter core increments in the final pass (restored when a direct pass is undone). */
  readonly counter?: { evaluations: number };
}

/**
 * Run `compute` — a synchronous core kernel that perturbs `leaves` in place and
 * calls `f()` — with the values of the asynchronous `evaluate`.
 * @param leaves the arrays core perturbs (their values are restored by core after every call)
 * @param compute runs core once with the given stand-in f; `final` is true for the pass whose counts and outputs are kept
 * @param evaluate the caller's function at a point, given copies of the leaves (contiguous, same shapes)
 * @example
 * import ndarray from 'ndarray';
 * import { numericalGradientInto } from '@descent/core';
 * const x = ndarray(new Float64Array([3]));
 * const g = ndarray(new Float64Array(1));
 * const square = async ([y]: NdArray[]) => y!.get(0) ** 2;
 * await differencesAsync([x], (f) => numericalGradientInto(g, f, x, { h: 0.5 }), square, { concurrency: 2, signal: undefined });
 * g.get(0); // → 6
 */
export async function differencesAsync(
  leaves: readonly NdArray[],
  compute: (f: () => number, final: boolean) => void,
  evaluate: (point: NdArray[]) => unknown,
  options: DifferencesAsyncOptions,
): Promise<void> {
  if (options.trySync === true && directPass(leaves, compute, evaluate, options.counter)) return;
  const base = leaves.map((leaf) => contiguousCopy(leaf));
  const scratch = leaves.map((leaf) => ndarray(new Float64Array(leaf.size), leaf.shape.slice()));
  const points: Change[][] = [];
  const outcomes: Outcome[] = [];
  for (;;) {
    const fresh: Change[][] = [];
    let call = 0;
    const standIn = (): number => {
      const point = changesOf(leaves, base, scratch);
      const i = call++;
      if (i < points.length && samePoint(points[i]!, point)) return answer(outcomes[i]!);
      if (i < points.length) {
        points.length = i; // an adaptive scheme went elsewhere: what follows is stale
        outcomes.length = i;
      }
      fresh.push(point);
      return 0;
    };
    try {
      compute(standIn, false);
    } catch (error) {
      if (fresh.length === 0) break;
    }
    if (fresh.length === 0) break;
    const start = points.length;
    points.push(...fresh);
    outcomes.push(...(await evaluateAll(fresh, base, leaves, evaluate, options)));
    if (points.length !== start + fresh.length) throw new Error('differencesAsync: internal error (points changed while evaluating)');
  }
  let call = 0;
  compute(() => {
    const i = call++;
    if (i >= points.length || !samePoint(points[i]!, changesOf(leaves, base, scratch))) {
      throw new Error('differencesAsync: internal error (the final pass asked for a point that was not recorded)');
    }
    return answer(outcomes[i]!);
  }, true);
}

/** Core run once on the live arrays with a synchronous function; false (nothing kept) when it answered with a thenable. */
function directPass(
  leaves: readonly NdArray[],
  compute: (f: () => number, final: boolean) => void,
  evaluate: (point: NdArray[]) => unknown,
  counter: { evaluations: number } | undefined,
): boolean {
  const before = counter?.evaluations ?? 0;
  const live = leaves.slice();
  let pending = false;
  try {
    compute(() => {
      const value = evaluate(live);
      if (!isThenable(value)) return value as number;
      pending = true;
      Promise.resolve(value).then(undefined, () => undefined); // dropped: never an unhandled rejection
      throw new Error('differencesAsync: the function answered with a Promise');
    }, true);
  } catch (error) {
    if (!pending) throw error;
    if (counter !== undefined) counter.evaluations = before;
    return false;
  }
  return true;
}

function answer(outcome: Outcome): number {
  if ('error' in outcome) throw outcome.error;
  return outcome.value as number; // core checks the type, as with a synchronous f
}

function contiguousCopy(a: NdArray): Float64Array {
  const copy = ndarray(new Float64Array(a.size), a.shape.slice());
  ops.assign(copy, a);
  return copy.data;
}

/** The elements of `leaves` that differ (bitwise) from `base`. */
function changesOf(leaves: readonly NdArray[], base: readonly Float64Array[], scratch: readonly NdArray[]): Change[] {
  const changes: Change[] = [];
  for (let leaf = 0; leaf < leaves.length; leaf++) {
    const s = scratch[leaf]!;
    ops.assign(s, leaves[leaf]!);
    const now = s.data as Float64Array;
    const was = base[leaf]!;
    for (let index = 0; index < now.length; index++) {
      if (!Object.is(now[index], was[index])) changes.push({ leaf, index, value: now[index]! });
    }
  }
  return changes;
}

function samePoint(a: readonly Change[], b: readonly Change[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i]!;
    const q = b[i]!;
    if (p.leaf !== q.leaf || p.index !== q.index || !Object.is(p.value, q.value)) return false;
  }
  return true;
}

/** Evaluate `points`, at most `concurrency` at a time, each on fresh copies of the leaves. */
async function evaluateAll(
  points: readonly Change[][],
  base: readonly Float64Array[],
  leaves: readonly NdArray[],
  evaluate: (point: NdArray[]) => unknown,
  options: DifferencesAsyncOptions,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array<Outcome>(points.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < points.length) {
      if (options.signal?.aborted === true) throw new EvaluationAborted();
      const i = next++;
      const arrays = leaves.map((leaf, k) => ndarray(Float64Array.from(base[k]!), leaf.shape.slice()));
      for (const c of points[i]!) (arrays[c.leaf]!.data as Float64Array)[c.index] = c.value;
      try {
        const raw = evaluate(arrays);
        outcomes[i] = { value: isThenable(raw) ? await raw : raw };
      } catch (error) {
        outcomes[i] = { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, points.length) }, worker));
  return outcomes;
}
