/** The transforms of issue 11 §4 (and projectToBox), by name, ready to run on params { w, b } (shared by tests; not a test file). */
import {
  adam,
  adamw,
  applyIfFinite,
  chain,
  injectHyperparams,
  lookahead,
  masked,
  momentum,
  multiSteps,
  multiTransform,
  projectToBox,
  reduceOnPlateau,
  scaleByAdam,
  sgd,
  type GradientTransformation,
} from '@descent/optim';

export const NEW_TRANSFORMS: Record<string, () => GradientTransformation<any>> = {
  'applyIfFinite(adam)': () => applyIfFinite(adam({ lr: 0.05 }), { maxConsecutiveErrors: 2 }),
  'chain(masked(scaleByAdam, all but b), sgd)': () => chain(masked(scaleByAdam(), (key) => key !== 'b'), sgd({ lr: 0.05 })),
  'multiTransform(adam for b, momentum for the rest)': () => multiTransform({ fast: adam({ lr: 0.05 }), heavy: momentum({ lr: 0.05 }) }, (key) => (key === 'b' ? 'fast' : 'heavy')),
  'multiSteps(adam, 2)': () => multiSteps(adam({ lr: 0.05 }), { everyK: 2 }),
  'injectHyperparams(adamw)': () => injectHyperparams(adamw)({ lr: 0.05, weightDecay: 0.1 }),
  'chain(sgd, reduceOnPlateau)': () => chain(sgd({ lr: 0.05 }), reduceOnPlateau({ factor: 0.5, patience: 2 })),
  'lookahead(momentum, 3, 0.5)': () => lookahead(momentum({ lr: 0.05 }), { syncPeriod: 3, slowStepSize: 0.5 }),
  'chain(sgd, projectToBox(−1, 1))': () => chain(sgd({ lr: 0.3 }), projectToBox(-1, 1)),
};
