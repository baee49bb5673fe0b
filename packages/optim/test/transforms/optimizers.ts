/** Every ready-made optimizer, by name, with non-default settings where they matter (shared by tests; not a test file). */
import {
  adagrad,
  adam,
  adamw,
  chain,
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
  'chain(clipByGlobalNorm, adam with warmup-cosine lr)': () =>
    chain(clipByGlobalNorm(1), adam({ lr: warmupCosineDecaySchedule({ peak: 0.05, warmupSteps: 3, decaySteps: 20 }) })),
};
