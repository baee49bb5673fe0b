import { chain } from './chain.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { DEFAULT_MOMENTUM_LR, type MomentumOptions, type MomentumState } from './momentum.js';
import { scaleByLearningRate } from './scale-by-learning-rate.js';
import type { GradientTransformation } from './transform.js';
import { DEFAULT_MOMENTUM, trace } from './trace.js';

/**
 * Nesterov's accelerated gradient in the form of "Deep Learning from Scratch"
 * (common/optimizer.py, after arXiv:1212.0901):
 *
 *   v ← μ·v − lr·g,   θ ← θ + μ²·v − (1+μ)·lr·g     (v already updated)
 *
 * Built as `chain(trace({ decay: μ, nesterov: true }), scaleByLearningRate(lr))`
 * with t = −v/lr: u = (1+μ)·g + μ²·t, θ ← θ − lr·u. optax `sgd(nesterov=True)` and
 * PyTorch `SGD(nesterov=True)` use μ²·v_old instead of μ²·v_new (u = g + μ·t), so
 * the book's step carries one more factor μ on the velocity; see `trace`.
 * @param options lr, momentum (μ)
 * @throws RangeError when lr is negative or momentum is outside [0, 1), or either is non-finite
 * @example
 * import ndarray from 'ndarray';
 * import { nesterov, applyUpdates } from '@descent/optim';
 * const x = ndarray(new Float64Array([1, 2]));
 * const g = ndarray(new Float64Array([2, 4])); // ∇(x0² + x1²) at x
 * const opt = nesterov({ lr: 0.1 });
 * let state = opt.init(x);
 * state = opt.update(g, state, x); // g now holds the step: 0.81·v − 1.9·0.1·g with v = −0.1·g
 * applyUpdates(x, g);              // x ≈ [0.458, 0.916]
 */
export function nesterov(options: MomentumOptions = {}): GradientTransformation<MomentumState> {
  const lr = checkLearningRate('nesterov', options.lr ?? DEFAULT_MOMENTUM_LR, 'the default is 0.01');
  const mu = checkHyperparameter('nesterov', 'momentum', options.momentum ?? DEFAULT_MOMENTUM, 'unitInterval', 'the default is 0.9');
  return chain(trace({ decay: mu, nesterov: true }), scaleByLearningRate(lr));
}
