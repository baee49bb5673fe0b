import { chain, type ChainState } from './chain.js';
import { checkLearningRate } from './hyperparameters.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import type { GradientTransformation, LearningRate } from './transform.js';

/** SGD's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_SGD_LR = 0.01;

/** Options of `sgd`. */
export interface SgdOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
}

/** State of `sgd`: `[scaleByLearningRate state]`. */
export type SgdState = ChainState<[ReturnType<typeof scaleByLearningRate>]>;

/**
 * Stochastic gradient descent: θ ← θ − lr·g.
 *
 * Built as `chain(scaleByLearningRate(lr))`; the same rule as the book's `SGD`,
 * optax `sgd` (without momentum) and PyTorch `SGD` (momentum 0).
 * @param options lr
 * @throws RangeError when lr is negative or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { sgd, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([-3, 4]));
 * const g = ndarray(new Float64Array(2));
 * const opt = sgd({ lr: 0.1 });
 * let state = opt.init(x);
 * for (let i = 0; i < 100; i++) {
 *   g.set(0, 2 * x.get(0)); g.set(1, 2 * x.get(1)); // ∇(x0² + x1²)
 *   state = opt.update(g, state, x);
 *   applyUpdates(x, g);
 * }
 * x; // ≈ [−6.11e-10, 8.15e-10] — each step multiplies x by 1 − 2·0.1 = 0.8
 */
export function sgd(options: SgdOptions = {}): GradientTransformation<SgdState> {
  const lr = checkLearningRate('sgd', options.lr ?? DEFAULT_SGD_LR, 'the default is 0.01');
  return chain(scaleByLearningRate(lr));
}
