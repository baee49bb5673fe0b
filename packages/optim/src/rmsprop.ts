import { chain, type ChainState } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import { DEFAULT_RMS_DECAY, scaleByRms } from './scale-by-rms.js';
import { DEFAULT_ROOT_EPS } from './scale-by-rss.js';
import type { GradientTransformation, LearningRate } from './transform.js';

/** RMSProp's learning rate in "Deep Learning from Scratch". */
export const DEFAULT_RMSPROP_LR = 0.01;

/** Options of `rmsprop`. */
export interface RmspropOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Decay ρ of the running mean of squares, in [0, 1). @default 0.99 */
  decay?: number;
  /** Added to √h in the denominator, ≥ 0. @default 1e-7 */
  eps?: number;
}

/** State of `rmsprop`: `[scaleByRms state, scaleByLearningRate state]`. */
export type RmspropState = ChainState<[ReturnType<typeof scaleByRms>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * RMSProp, as in "Deep Learning from Scratch":
 *
 *   h ← ρ·h + (1−ρ)·g²,   θ ← θ − lr·g / (√h + ε)
 *
 * Built as `chain(scaleByRms({ decay, eps }), scaleByLearningRate(lr))`. optax
 * `rmsprop` defaults to ρ = 0.9, ε = 1e-8 inside the root; PyTorch `RMSprop` to
 * lr 0.01, ρ = 0.99, ε = 1e-8 outside the root.
 * @param options lr, decay (ρ), eps
 * @throws RangeError when a hyperparameter is out of range or non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { rmsprop, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = rmsprop({ lr: 0.01 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step: −0.01·g/(0.1·|g| + 1e-7)
 * applyUpdates(x, g);              // x ≈ [0.900, 1.900]
 */
export function rmsprop(options: RmspropOptions = {}): GradientTransformation<RmspropState> {
  const lr = checkLearningRate('rmsprop', options.lr ?? DEFAULT_RMSPROP_LR, 'the default is 0.01');
  const decay = checkHyperparameter('rmsprop', 'decay', options.decay ?? DEFAULT_RMS_DECAY, 'unitInterval', 'the default is 0.99');
  const eps = checkHyperparameter('rmsprop', 'eps', options.eps ?? DEFAULT_ROOT_EPS, 'nonNegative', 'the default is 1e-7');
  return chain(scaleByRms({ decay, eps }), scaleByLearningRate(lr));
}
