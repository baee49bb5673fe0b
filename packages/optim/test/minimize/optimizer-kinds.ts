/** Every kind of minimize's optimizer, small settings, for the property tests (not a test file). */
import { adam, backtracking, bfgs, lbfgs, momentum, sgd } from '@descent/optim';

/** Name → a fresh optimizer (default: minimize's own choice). */
export const OPTIMIZERS = {
  default: undefined,
  lbfgs: () => lbfgs({ memory: 3 }),
  bfgs: () => bfgs(),
  backtracking: () => backtracking(),
  sgd: () => sgd({ lr: 0.3 }),
  momentum: () => momentum({ lr: 0.3 }),
  adam: () => adam({ lr: 0.5 }),
} as const;
