import { addDecayedWeights } from './add-decayed-weights.js';
import { DEFAULT_ADAM_LR, type AdamOptions } from './adam.js';
import { chain, type ChainState } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { resolveAdamOptions, scaleByAdam } from './scale-by-adam.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import type { GradientTransformation } from './transform.js';

/** AdamW's weight decay (PyTorch's default; optax's is 1e-4). */
export const DEFAULT_WEIGHT_DECAY = 0.01;

/** Options of `adamw`. */
export interface AdamwOptions extends AdamOptions {
  /** Decoupled weight decay λ, ≥ 0. @default 0.01 */
  weightDecay?: number;
}

/** State of `adamw`: `[scaleByAdam state, null, scaleByLearningRate state]`. */
export type AdamwState = ChainState<
  [ReturnType<typeof scaleByAdam>, ReturnType<typeof addDecayedWeights>, ReturnType<typeof scaleByLearningRate>]
>;

/**
 * AdamW: the book's Adam with decoupled weight decay (Loshchilov & Hutter). At
 * step t with gradient g:
 *
 *   m ← m + (1−β1)(g − m),  v ← v + (1−β2)(g² − v)
 *   θ ← θ − lr·( √(1−β2^t)/(1−β1^t) · m/(√v + ε) + λ·θ )
 *
 * Built as `chain(scaleByAdam({ beta1, beta2, eps }), addDecayedWeights(λ),
 * scaleByLearningRate(lr))`. The decay is not part of the gradient (so it is
 * not rescaled by √v, unlike L2 regularization) and it is multiplied by lr, as
 * in optax `adamw` and PyTorch `AdamW` (the paper multiplies it by the schedule
 * multiplier only). ε placement as in `adam` (optax/PyTorch: m̂/(√v̂ + ε), 1e-8).
 * Not fused (only `adam` is benchmarked); one pass per transform.
 * @param options lr, beta1, beta2, eps, weightDecay (λ)
 * @throws RangeError when a hyperparameter is out of range or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { adamw, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = adamw({ lr: 0.1, weightDecay: 0.01 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step −0.1·(1 + 0.01·x) per element
 * applyUpdates(x, g);              // x ≈ [0.899, 1.898]
 */
export function adamw(options: AdamwOptions = {}): GradientTransformation<AdamwState> {
  const lr = checkLearningRate('adamw', options.lr ?? DEFAULT_ADAM_LR, 'the default is 0.001');
  const adamOptions = resolveAdamOptions('adamw', options);
  const weightDecay = checkHyperparameter('adamw', 'weightDecay', options.weightDecay ?? DEFAULT_WEIGHT_DECAY, 'nonNegative', 'the default is 0.01');
  return chain(scaleByAdam(adamOptions), addDecayedWeights(weightDecay), scaleByLearningRate(lr));
}
