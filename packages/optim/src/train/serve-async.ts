/**
 * The asynchronous answers to train's requests (the counterpart of
 * `serveTrainSync`): the loss, the gradient function and the metrics may
 * return promises; a numerical gradient is core's synchronous
 * `numericalGradientsInto` over the values of the async loss, evaluated up to
 * `concurrency` at a time on copies of the params
 * (drive/differences-async.ts), so the numbers are those of the synchronous run.
 */
import type { NdArray } from 'ndarray';
import { numericalGradientsInto } from '@descent/core';
import { differencesAsync } from '../drive/differences-async.js';
import { isThenable } from '../drive/run-async.js';
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
}

/**
 * The asynchronous serve of train's loop.
 * @param concurrency calls of the loss in flight at once while a numerical gradient is estimated
 * @param signal checked before each of those calls starts
 * @example
 * import ndarray from 'ndarray';
 * const params = { w: ndarray(new Float64Array([2])) };
 * const batch = { inputs: ndarray(new Float64Array([1]), [1, 1]), targets: ndarray(new Float64Array([0])), size: 1 };
 * const serve = serveTrainAsync({ params, grads: {}, loss: async (p) => p.w.get(0) ** 2, gradient: undefined, metrics: {} }, 2, undefined);
 * await serve({ kind: 'loss', batch }); // → 4
 */
export function serveTrainAsync<P extends TrainParams>(fns: TrainFunctionsAsync<P>, concurrency: number, signal: AbortSignal | undefined): (request: TrainEvaluation) => unknown {
  const { params, grads, loss } = fns;
  const keys = Object.keys(params);
  const leaves = keys.map((key) => params[key]!);
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
    const { counter: _counter, onProgress: _onProgress, ...uncounted } = request.options;
    const copyOf = (arrays: NdArray[]): P => Object.fromEntries(keys.map((key, i) => [key, arrays[i]!])) as P;
    // TODO(core-async): switch to core's async numerical gradient here once @descent/core exports it.
    return differencesAsync(
      leaves,
      (fn, final) => numericalGradientsInto(grads, fn, params, final ? request.options : uncounted),
      (arrays) => loss(copyOf(arrays), batch),
      { concurrency, signal, trySync: lossIsSync, counter: request.options.counter },
    );
  };
}
