export type { GradientTransformation, Params, Json, Schedule, LearningRate } from './transform.js';
export { applyUpdates } from './apply-updates.js';
export { chain, type ChainState, type StateOf } from './chain.js';
export { scaleByLearningRate, type ScaleByLearningRateState } from './scale-by-learning-rate.js';
export { scaleByAdam, type ScaleByAdamOptions, type ScaleByAdamState } from './scale-by-adam.js';
export { sgd, type SgdOptions, type SgdState } from './sgd.js';
export { adam, type AdamOptions, type AdamState } from './adam.js';
export { treeSize, treeZerosLike, globalNorm, assertSameStructure, type Tree } from './tree.js';
export { scale } from './scale.js';
export { trace, type TraceOptions, type TraceState } from './trace.js';
export { scaleByRss, type ScaleByRssOptions, type ScaleByRssState } from './scale-by-rss.js';
export { scaleByRms, type ScaleByRmsOptions, type ScaleByRmsState } from './scale-by-rms.js';
export { addDecayedWeights } from './add-decayed-weights.js';
export { clipByGlobalNorm } from './clip-by-global-norm.js';
export { clip } from './clip.js';
export { momentum, type MomentumOptions, type MomentumState } from './momentum.js';
export { nesterov } from './nesterov.js';
export { adagrad, type AdagradOptions, type AdagradState } from './adagrad.js';
export { rmsprop, type RmspropOptions, type RmspropState } from './rmsprop.js';
export { adamw, type AdamwOptions, type AdamwState } from './adamw.js';
export {
  constantSchedule,
  stepDecaySchedule,
  exponentialDecaySchedule,
  warmupCosineDecaySchedule,
  type StepDecayScheduleOptions,
  type ExponentialDecayScheduleOptions,
  type WarmupCosineDecayScheduleOptions,
} from './schedules.js';
export { gradientDescent, type GradientDescentOptions, type GradientDescentResult } from './gradient-descent.js';
export { backtracking, type BacktrackingOptions, type BacktrackingLineSearch } from './line-search.js';
export {
  minimize,
  type MinimizeOptions,
  type MinimizeResult,
  type MinimizeReason,
  type MinimizeHistoryEntry,
  type MinimizeIterationInfo,
  type AnalyticGradient,
} from './minimize.js';
export { train, type TrainResult } from './train.js';
export {
  DEFAULT_SHUFFLE,
  DEFAULT_DROP_LAST,
  DEFAULT_GRADIENT,
  type TrainOptions,
  type TrainParams,
  type LossFunction,
  type GradientFunction,
  type GradientsOf,
  type MetricFunction,
  type EpochRecord,
  type EpochInfo,
  type StopReason,
} from './train-options.js';
export { Batcher, RowGatherer, wholeBatch, type Batch, type Dataset } from './batches.js';
export { Random, checkSeed, MAX_SEED } from './random.js';
export { shuffleInPlace, identityOrder, type IndexArray } from './shuffle.js';
export {
  EarlyStopping,
  DEFAULT_MIN_DELTA,
  DEFAULT_RESTORE_BEST,
  type EarlyStoppingOptions,
  type EarlyStoppingVerdict,
  type MetricMode,
} from './early-stopping.js';
export {
  createProgressReporter,
  formatEpochLine,
  DEFAULT_PROGRESS,
  PROGRESS_DIGITS,
  type ProgressOption,
  type ProgressReporter,
  type ProgressPlan,
  type EpochSummary,
} from './progress.js';
export { lbfgs, LbfgsMemory, DEFAULT_LBFGS_MEMORY, DEFAULT_CURVATURE_EPS, type LbfgsOptions, type LbfgsLineSearch } from './lbfgs.js';
export { isRowMajorContiguous } from './strided.js';
