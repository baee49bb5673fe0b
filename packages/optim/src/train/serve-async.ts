/**
 * The asynchronous answers to train's requests (the counterpart of
 * `serveTrainSync`): the loss, the gradient function and the metrics may
 * return promises; a numerical gradient is @descent/core's
 * `numericalGradientsAsync` with the request's options forwarded whole plus
 * `concurrency` and `signal` (the loss called with a private copy of the
 * params per evaluation in flight), so the numbers are those of the
 * synchronous run. While the loss answers synchronously, core's synchronous
 * kernel runs first (drive/sync-first.ts).
 */
import type { NdArray } from 'ndarray';
import { numericalGradientsAsync, numericalGradientsInto } from '@descent/core';
import { abortedAsStop, isThenable } from '../drive/run-async.js';
import { syncFirst } from '../drive/sync-first.js';
import type { GradientPoolLike } from '../drive/gradient-pool.js';
import { poolGradientsInto } from './pool-gradient.js';
import type { Batch } from './batches.js';
import { serveTrainSync, type TrainEvaluation, type TrainFunctions } from './loss.js';
import type { TrainParams } from './options.js';

/** The functions and buffers an asynchronous driver evaluates train's requests with. */
export interface TrainFunctionsAsync<P extends TrainParams> {
  readonly params: P;
  readonly grads: Record<string, NdArray>;
  readonly loss: (params: P, batch: Batch) => unknown;
  readonly gradient: ((params: P, batch: Batch, grads: never) => unknown) | undefined;
  readonly metrics: Readonly<Record<string, (params: P, data: Batch) => unknown>>;
  /** A worker pool that estimates the numerical gradients (its loss gets the params as one vector), and the context its loss receives. */
  readonly pool?: { readonly pool: GradientPoolLike; readonly context: unknown } | undefined;
}

/**
 * The asynchronous serve of train's loop.
 * @param concurrency calls of the loss in flight at once while a numerical gradient is estimated
 * @param signal stops a numerical gradient's evaluations (the loop then ends as 'aborted')
 * @example
 * import ndarray from 'ndarray';
 * const params = { w: ndarray(new Float64Array([2])) };
 * const batch = { inputs: ndarray(new Float64Array([1]), [1, 1]), targets: ndarray(new Float64Array([0])), size: 1 };
 * const serve = serveTrainAsync({ params, grads: {}, loss: async (p) => p.w.get(0) ** 2, gradient: undefined, metrics: {} }, 2, undefined);
 * await serve({ kind: 'loss', batch }); // → 4
 */
export function serveTrainAsync<P extends TrainParams>(fns: TrainFunctionsAsync<P>, concurrency: number, signal: AbortSignal | undefined): (request: TrainEvaluation) => unknown {
  const { params, grads, loss } = fns;
  // The loss, the gradient function and the metrics are called as serveTrainSync calls them; the driver awaits their promises.
  const direct = serveTrainSync(fns as unknown as TrainFunctions<P>);
  let lossIsSync = false; // the loss answered the last 'loss' request without a Promise
  return (request) => {
    if (request.kind !== 'differences') {
      const answer = direct(request);
      if (request.kind === 'loss') lossIsSync = !isThenable(answer);
      return answer;
    }
    const batch = request.batch;
    const pool = fns.pool;
    if (pool !== undefined) return abortedAsStop(poolGradientsInto(pool.pool, params, grads, batch, request.options, pool.context, signal, 'trainAsync'), signal);
    if (lossIsSync) {
      const sync = (answer: (value: unknown) => unknown): void => {
        numericalGradientsInto(grads, () => answer(loss(params, batch)) as number, params, request.options);
      };
      if (syncFirst(sync, request.options.counter)) return undefined;
    }
    const done = numericalGradientsAsync((copy: P) => loss(copy, batch) as number | Promise<number>, params, { ...request.options, out: grads, concurrency, signal });
    return abortedAsStop(done, signal);
  };
}
