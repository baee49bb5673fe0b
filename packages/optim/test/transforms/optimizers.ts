/** Every ready-made optimizer, by name, with non-default settings where they matter (shared by tests; not a test file). */
import {
  adagrad,
  adam,
  adamw,
  applyIfFinite,
  chain,
  injectHyperparams,
  lookahead,
  multiSteps,
  projectToBox,
  clipByGlobalNorm,
  momentum,
  nesterov,
  rmsprop,
  sgd,
  warmupCosineDecaySchedule,
  type GradientTransformation,
} from '@descent/optim';

export const OPTIMIZERS: Record<string, () => GradientTransformation<any>> = {
  sgd: () => sgd({ lr: 0.05 }),
  momentum: () => momentum({ lr: 0.05 }),
  nesterov: () => nesterov({ lr: 0.05 }),
  adagrad: () => adagrad({ lr: 0.1 }),
  rmsprop: () => rmsprop({ lr: 0.01 }),
  adam: () => adam({ lr: 0.01 }),
  adamw: () => adamw({ lr: 0.01, weightDecay: 0.1 }),
  // optax's formulas (form 'optax', sgd's momentum/nesterov).
  'sgd(momentum, nesterov)': () => sgd({ lr: 0.05, momentum: 0.9, nesterov: true }),
  "adam(form 'optax', nesterov, epsRoot)": () => adam({ lr: 0.01, form: 'optax', nesterov: true, epsRoot: 1e-12 }),
  "adamw(form 'optax')": () => adamw({ lr: 0.01, form: 'optax', weightDecay: 0.1 }),
  // (not centered here: after the 1e200 gradient of checkpoint-resume, h − m² = ∞ − ∞ is NaN, as in optax)
  "rmsprop(form 'optax', momentum)": () => rmsprop({ lr: 0.01, form: 'optax', initialScale: 0.5, momentum: 0.5 }),
  "adagrad(form 'optax')": () => adagrad({ lr: 0.1, form: 'optax' }),
  'chain(clipByGlobalNorm, adam with warmup-cosine lr)': () =>
    chain(clipByGlobalNorm(1), adam({ lr: warmupCosineDecaySchedule({ peak: 0.05, warmupSteps: 3, decaySteps: 20 }) })),
  // Issue 11 §4 wrappers that run on any params and need no extras (masked, multiTransform and reduceOnPlateau have their own tests).
  'applyIfFinite(adam)': () => applyIfFinite(adam({ lr: 0.01 }), { maxConsecutiveErrors: 2 }),
  'multiSteps(adam, 2)': () => multiSteps(adam({ lr: 0.01 }), { everyK: 2 }),
  'injectHyperparams(adamw)': () => injectHyperparams(adamw)({ lr: 0.01, weightDecay: 0.1 }),
  'lookahead(momentum, 2, 0.5)': () => lookahead(momentum({ lr: 0.05 }), { syncPeriod: 2, slowStepSize: 0.5 }),
  'chain(adam, projectToBox(−10, 10))': () => chain(adam({ lr: 0.01 }), projectToBox(-10, 10)),
};
