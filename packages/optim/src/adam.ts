import { chain, type ChainState } from './chain.js';
import { checkLearningRate } from './hyperparameters.js';
import { scaleByAdam } from './scale-by-adam.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import type { GradientTransformation, LearningRate } from './transform.js';

/** Adam's learning rate in "Deep Learning from Scratch" (and optax/PyTorch). */
export const DEFAULT_ADAM_LR = 0.001;

/** Options of `adam`. */
export interface AdamOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.001 */
  lr?: LearningRate;
  /** Decay of the first-moment estimate, in [0, 1). @default 0.9 */
  beta1?: number;
  /** Decay of the second-moment estimate, in [0, 1). @default 0.999 */
  beta2?: number;
  /** Added to √v in the denominator, ≥ 0 (optax/PyTorch default to 1e-8). @default 1e-7 */
  eps?: number;
}

/** State of `adam`: `[scaleByAdam state, scaleByLearningRate state]`. */
export type AdamState = ChainState<[ReturnType<typeof scaleByAdam>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * Adam, with the update rule of "Deep Learning from Scratch" (common/optimizer.py).
 * At step t = 1, 2, … with gradient g:
 *
 *   m ← m + (1−β1)(g − m),  v ← v + (1−β2)(g² − v)
 *   θ ← θ − lr_t · m / (√v + ε),  lr_t = lr·√(1−β2^t)/(1−β1^t)
 *
 * Built as `chain(scaleByAdam({ beta1, beta2, eps }), scaleByLearningRate(lr))`.
 * Differs from optax `adam` / PyTorch `Adam` in where ε sits (they use
 * m̂/(√v̂ + ε) with bias-corrected moments, so ε is not scaled by √(1−β2^t)) and
 * in the default ε (1e-8 there).
 * @param options lr, beta1, beta2, eps
 * @throws RangeError when a hyperparameter is out of range or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { adam, applyUpdates } from '@descent/optim';
 * const params = { w: ndarray(new Float64Array([1, 2, 3])) };
 * const grads = { w: ndarray(new Float64Array(3)) };
 * const opt = adam({ lr: 0.01 });
 * let state = opt.init(params);
 * // each step: write ∇loss into grads.w, then
 * state = opt.update(grads, state, params);
 * applyUpdates(params, grads);
 */
export function adam(options: AdamOptions = {}): GradientTransformation<AdamState> {
  const lr = checkLearningRate('adam', options.lr ?? DEFAULT_ADAM_LR, 'the default is 0.001');
  return chain(scaleByAdam({ beta1: options.beta1, beta2: options.beta2, eps: options.eps }), scaleByLearningRate(lr));
}
