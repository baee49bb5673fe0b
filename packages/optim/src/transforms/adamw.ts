/**
 * adamw: Adam with decoupled weight decay, as a chain of scaleByAdam,
 * addDecayedWeights (optionally masked) and scaleByLearningRate.
 */
import { addDecayedWeights } from './add-decayed-weights.js';
import { DEFAULT_ADAM_LR, type AdamOptions } from './adam.js';
import { namedChain } from './chain.js';
import { checkOptionKeys } from '../checks/options.js';
import { checkHyperparameter, checkLearningRate } from './hyperparameters.js';
import { resolveAdamOptions, scaleByAdam, type ScaleByAdamState } from './scale-by-adam.js';
import { scaleByLearningRate, type ScaleByLearningRateState } from './scale-by-learning-rate.js';
import type { CheckedTransformation } from './transform.js';
import { masked, type Mask, type MaskedState } from './wrappers/masked.js';

/** AdamW's weight decay (PyTorch's default; optax's is 1e-4, the default with form 'optax'). */
export const DEFAULT_WEIGHT_DECAY = 0.01;
/** optax `adamw`'s weight decay, the default with form 'optax'. */
export const OPTAX_WEIGHT_DECAY = 1e-4;

/** Options of `adamw`. */
export interface AdamwOptions extends AdamOptions {
  /** Decoupled weight decay λ, ≥ 0. @default 0.01 (1e-4 with form 'optax', optax's default) */
  weightDecay?: number;
  /**
   * Which arrays decay (optax's `mask`): `{ w: true, b: false }` or
   * `(key, array) => boolean`; needs record params. @default undefined (all arrays decay)
   */
  mask?: Mask;
}

/** State of `adamw`: `[scaleByAdam state, null (or the masked state with a mask), scaleByLearningRate state]`. */
export type AdamwState = [ScaleByAdamState, null | MaskedState<null>, ScaleByLearningRateState];

/**
 * AdamW: the book's Adam with decoupled weight decay (Loshchilov & Hutter). At
 * step t with gradient g:
 *
 *   m ← m + (1−β1)(g − m),  v ← v + (1−β2)(g² − v)
 *   θ ← θ − lr·( √(1−β2^t)/(1−β1^t) · m/(√v + ε) + λ·θ )
 *
 * Built as `chain(scaleByAdam({ beta1, beta2, eps, form, epsRoot, nesterov }),
 * addDecayedWeights(λ), scaleByLearningRate(lr))`, with the decay wrapped in
 * `masked(…, mask)` when a mask is given. The decay is not part of the
 * gradient (so it is not rescaled by √v, unlike L2 regularization) and it is
 * multiplied by lr, as in optax `adamw` and PyTorch `AdamW` (the paper
 * multiplies it by the schedule multiplier only). ε placement as in `adam`;
 * `form: 'optax'` gives optax's `adamw(lr)` exactly (m̂/(√(v̂ + ε_root) + ε),
 * ε = 1e-8, λ = 1e-4 by default). Differences from optax by default: ε placement
 * and 1e-7 (see `adam`), λ = 0.01 (PyTorch's). Not fused; one pass per transform.
 * @param options lr, beta1, beta2, eps, form, epsRoot, nesterov, weightDecay (λ), mask
 * @throws ArgumentRangeError when a hyperparameter is out of range or non-finite; InvalidArgumentError for a bad mask
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
export function adamw(options: AdamwOptions = {}): CheckedTransformation<AdamwState, unknown[]> {
  checkOptionKeys('adamw', options, ['lr', 'beta1', 'beta2', 'eps', 'form', 'epsRoot', 'nesterov', 'weightDecay', 'mask'], '{ lr: 0.001, weightDecay: 0.01 }');
  const lr = checkLearningRate('adamw', options.lr ?? DEFAULT_ADAM_LR, 'the default is 0.001');
  const adamOptions = resolveAdamOptions('adamw', options);
  const defaultDecay = adamOptions.form === 'optax' ? OPTAX_WEIGHT_DECAY : DEFAULT_WEIGHT_DECAY;
  const weightDecay = checkHyperparameter('adamw', 'weightDecay', options.weightDecay ?? defaultDecay, 'nonNegative', `the default is ${defaultDecay}`);
  const decay = options.mask === undefined ? addDecayedWeights(weightDecay) : masked(addDecayedWeights(weightDecay), options.mask);
  return namedChain('adamw', [scaleByAdam({ beta1: adamOptions.beta1, beta2: adamOptions.beta2, eps: adamOptions.eps, form: adamOptions.form, epsRoot: adamOptions.epsRoot, nesterov: adamOptions.nesterov }), decay, scaleByLearningRate(lr)]) as unknown as CheckedTransformation<AdamwState, unknown[]>;
}
