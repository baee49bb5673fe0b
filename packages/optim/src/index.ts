export type { GradientTransformation, Params, Json, Schedule, LearningRate } from './transform.js';
export { applyUpdates } from './apply-updates.js';
export { chain, type ChainState, type StateOf } from './chain.js';
export { scaleByLearningRate, type ScaleByLearningRateState } from './scale-by-learning-rate.js';
export { scaleByAdam, type ScaleByAdamOptions, type ScaleByAdamState } from './scale-by-adam.js';
export { sgd, type SgdOptions, type SgdState } from './sgd.js';
export { adam, type AdamOptions, type AdamState } from './adam.js';
export { treeSize, treeZerosLike, globalNorm, assertSameStructure, type Tree } from './tree.js';
