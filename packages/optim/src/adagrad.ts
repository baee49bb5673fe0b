import { chain, type ChainState } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import { DEFAULT_ROOT_EPS, scaleByRss } from './scale-by-rss.js';
import type { GradientTransformation, LearningRate } from './transform.js';

/** AdaGrad's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_ADAGRAD_LR = 0.01;

/** Options of `adagrad`. */
export interface AdagradOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Added to √h in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `adagrad`: `[scaleByRss state, scaleByLearningRate state]`. */
export type AdagradState = ChainState<[ReturnType<typeof scaleByRss>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * AdaGrad, as in "Deep Learning from Scratch":
 *
 *   h ← h + g²,   θ ← θ − lr·g / (√h + ε)
 *
 * Built as `chain(scaleByRss({ eps }), scaleByLearningRate(lr))`. optax `adagrad`
 * starts h at 0.1 and uses g/√(h + ε); PyTorch `Adagrad` uses ε = 1e-10.
 * @param options lr, eps
 * @throws RangeError when lr or eps is negative or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { adagrad, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = adagrad({ lr: 0.1 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step: −0.1·g/(|g| + 1e-7)
 * applyUpdates(x, g);              // x ≈ [0.900, 1.900]
 */
export function adagrad(options: AdagradOptions = {}): GradientTransformation<AdagradState> {
  const lr = checkLearningRate('adagrad', options.lr ?? DEFAULT_ADAGRAD_LR, 'the default is 0.01');
  const eps = checkHyperparameter('adagrad', 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  return chain(scaleByRss({ eps }), scaleByLearningRate(lr));
}
