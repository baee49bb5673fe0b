import { chain, type ChainState } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import type { GradientTransformation, LearningRate } from './transform.js';
import { DEFAULT_MOMENTUM, trace } from './trace.js';

/** Momentum's learning rate in "Deep Learning from Scratch" (Momentum and Nesterov). */
export const DEFAULT_MOMENTUM_LR = 0.01;

/** Options of `momentum` and `nesterov`. */
export interface MomentumOptions {
  /** Learning rate: a finite number ≥ 0 or a schedule of the 0-based step. @default 0.01 */
  lr?: LearningRate;
  /** Momentum coefficient μ, in [0, 1). @default 0.9 */
  momentum?: number;
}

/** State of `momentum` and `nesterov`: `[trace state, scaleByLearningRate state]`. */
export type MomentumState = ChainState<[ReturnType<typeof trace>, ReturnType<typeof scaleByLearningRate>]>;

/**
 * SGD with momentum, as in "Deep Learning from Scratch":
 *
 *   v ← μ·v − lr·g,   θ ← θ + v
 *
 * Built as `chain(trace({ decay: μ }), scaleByLearningRate(lr))`, which keeps
 * t = −v/lr (t ← μ·t + g, θ ← θ − lr·t): the same steps for a constant lr, up to
 * rounding. With a schedule the whole trace is scaled by the current lr (as in
 * optax `sgd(momentum=μ)` and PyTorch `SGD(momentum=μ)`, whose rule this is);
 * the book has no schedules.
 * @param options lr, momentum (μ)
 * @throws RangeError when lr is negative or momentum is outside [0, 1), or either is non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { momentum, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = momentum({ lr: 0.1 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step v = −0.1·g; g → [−0.2, −0.4]
 * applyUpdates(x, g);              // x → [0.8, 1.6]
 */
export function momentum(options: MomentumOptions = {}): GradientTransformation<MomentumState> {
  const lr = checkLearningRate('momentum', options.lr ?? DEFAULT_MOMENTUM_LR, 'the default is 0.01');
  const mu = checkHyperparameter('momentum', 'momentum', options.momentum ?? DEFAULT_MOMENTUM, 'unitInterval', 'the default is 0.9');
  return chain(trace({ decay: mu }), scaleByLearningRate(lr));
}
