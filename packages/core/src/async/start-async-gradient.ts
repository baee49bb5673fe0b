/**
 * The start shared by numericalGradientAsync and numericalGradientsAsync:
 * validate every argument synchronously (so an argument error is a rejected
 * Promise, never a throw), resolve concurrency and signal, assemble the
 * engine's arrays, run it, and resolve to the caller's destination.
 */
import { Engine, type EngineSetup } from './async-engine.js';
import { resolveAsyncOptions, type AsyncOptions } from './async-options.js';

/** What a public async gradient function assembles once its arguments are valid. */
export interface AssembledGradient<D> extends Omit<EngineSetup, 'concurrency' | 'signal' | 'where'> {
  /** What the returned Promise resolves to (the gradient's destination). */
  destination: D;
}

/**
 * Validate (`validate`), resolve the async options, assemble (`assemble`) and
 * run one asynchronous gradient.
 * @param where - the public function's name, for messages
 * @param options - the caller's options (concurrency and signal are read here)
 * @param validate - checks the arguments; throws a typed error when one is wrong
 * @param assemble - builds the engine's arrays from what validate returned
 * @returns a Promise of the destination; rejects with validation errors, f's failures and signal.reason
 * @example
 * // A wrong argument is a rejected Promise, never a throw (assemble is not reached):
 * let message = '';
 * await startAsyncGradient('demo', {}, () => { throw new TypeError('demo: x must be an ndarray'); }, () => { throw new Error('not reached'); })
 *   .catch((error: Error) => { message = error.message; });
 * message; // → 'demo: x must be an ndarray'
 */
export function startAsyncGradient<V, D>(
  where: string,
  options: AsyncOptions | undefined,
  validate: () => V,
  assemble: (validated: V) => AssembledGradient<D>,
): Promise<D> {
  let engine: Engine;
  let destination: D;
  try {
    const validated = validate();
    const { concurrency, signal } = resolveAsyncOptions(options, where);
    const { destination: d, ...setup } = assemble(validated);
    destination = d;
    engine = new Engine({ ...setup, concurrency, where, signal });
  } catch (error) {
    return Promise.reject(error);
  }
  return engine.run().then(() => destination);
}
