export type { GradientTransformation, CheckedTransformation, Params, Json, Schedule, LearningRate } from './transforms/transform.js';
export { defineTransform, stateless, type TransformDefinition, type StatelessDefinition } from './transforms/define-transform.js';
export { applyUpdates } from './transforms/apply-updates.js';
export { stateToJSON, stateFromJSON } from './transforms/state-json.js';
export { chain, type ChainState, type StateOf } from './transforms/chain.js';
export { scaleByLearningRate, type ScaleByLearningRateOptions, type ScaleByLearningRateState } from './transforms/scale-by-learning-rate.js';
export { scaleByAdam, type ScaleByAdamOptions, type ScaleByAdamState } from './transforms/scale-by-adam.js';
export { sgd, type SgdOptions, type SgdState } from './transforms/aliases.js';
export { adam, type AdamOptions, type AdamState } from './transforms/adam.js';
export { treeSize, treeZerosLike, assertSameStructure, type Tree } from './tree/tree.js';
export { globalNorm } from './tree/global-norm.js';
export { scale } from './transforms/scale.js';
export { trace, type TraceOptions, type TraceState } from './transforms/trace.js';
export { scaleByRss, type ScaleByRssOptions, type ScaleByRssState } from './transforms/scale-by-rss.js';
export { scaleByRms, type ScaleByRmsOptions, type ScaleByRmsState } from './transforms/scale-by-rms.js';
export { addDecayedWeights } from './transforms/add-decayed-weights.js';
export { clipByGlobalNorm } from './transforms/clip-by-global-norm.js';
export { clip } from './transforms/clip.js';
export { momentum, type MomentumOptions, type MomentumState } from './transforms/aliases.js';
export { nesterov } from './transforms/aliases.js';
export { adagrad, type AdagradOptions, type AdagradState } from './transforms/aliases.js';
export { rmsprop, type RmspropOptions, type RmspropState } from './transforms/aliases.js';
export { adamw, type AdamwOptions, type AdamwState } from './transforms/adamw.js';
export {
  constantSchedule,
  stepDecaySchedule,
  exponentialDecaySchedule,
  warmupCosineDecaySchedule,
  type StepDecayScheduleOptions,
  type ExponentialDecayScheduleOptions,
  type WarmupCosineDecayScheduleOptions,
} from './transforms/schedules.js';
export { polynomialSchedule, linearSchedule, type PolynomialScheduleOptions, type LinearScheduleOptions } from './transforms/schedules/polynomial.js';
export { cosineDecaySchedule, type CosineDecayScheduleOptions } from './transforms/schedules/cosine-decay.js';
export {
  piecewiseConstantSchedule,
  piecewiseInterpolateSchedule,
  type BoundariesAndScales,
  type PiecewiseConstantScheduleOptions,
  type PiecewiseInterpolateScheduleOptions,
} from './transforms/schedules/piecewise.js';
export { linearOnecycleSchedule, cosineOnecycleSchedule, type OnecycleScheduleOptions } from './transforms/schedules/onecycle.js';
export {
  joinSchedules,
  warmupExponentialDecaySchedule,
  warmupConstantSchedule,
  sgdrSchedule,
  type WarmupExponentialDecayScheduleOptions,
} from './transforms/schedules/join.js';
export { gradientDescent, type GradientDescentOptions, type GradientDescentResult } from './minimize/gradient-descent.js';
export { backtracking, type BacktrackingOptions, type BacktrackingMethod } from './minimize/steppers/backtracking.js';
export { bfgs, type BfgsOptions, type BfgsMethod } from './minimize/steppers/bfgs.js';
export { lbfgs, DEFAULT_LBFGS_MEMORY, type LbfgsOptions, type LbfgsMethod } from './minimize/steppers/lbfgs.js';
export type { LineSearchOptions, LineSearchKind } from './minimize/steppers/line-search-options.js';
export type { MinimizeBounds } from './minimize/bounds.js';
export type { NumericalGradientOptions } from './checks/gradient-option.js';
export {
  minimize,
  type MinimizeOptions,
  type MinimizeResult,
  type MinimizeReason,
  type MinimizeHistoryEntry,
  type MinimizeIterationInfo,
  type AnalyticGradient,
} from './minimize/minimize.js';
export {
  minimizeAsync,
  DEFAULT_CONCURRENCY,
  type MinimizeAsyncOptions,
  type AsyncAnalyticGradient,
  type GradientSourceObject,
  type GradientContext,
  type PoolGradientSource,
} from './minimize/minimize-async.js';
export type { GradientPoolLike } from './drive/gradient-pool.js';
export { train, type TrainResult } from './train/train.js';
export { trainAsync, type TrainAsyncOptions } from './train/train-async.js';
export { poolCallArguments, type TrainPoolContext } from './train/pool-gradient.js';
export {
  DEFAULT_SHUFFLE,
  DEFAULT_DROP_LAST,
  type TrainOptions,
  type TrainParams,
  type LossFunction,
  type GradientFunction,
  type GradientsOf,
  type MetricFunction,
  type EpochRecord,
  type EpochInfo,
  type StopReason,
} from './train/options.js';
export { wholeBatch, type Batch, type Dataset } from './train/batches.js';
export { Random, MAX_SEED } from './train/random.js';
export { shuffleInPlace, identityOrder, type IndexArray } from './train/shuffle.js';
export {
  EarlyStopping,
  DEFAULT_MIN_DELTA,
  DEFAULT_RESTORE_BEST,
  type EarlyStoppingOptions,
  type EarlyStoppingVerdict,
  type MetricMode,
} from './train/early-stopping.js';
export {
  formatEpochLine,
  DEFAULT_PROGRESS,
  PROGRESS_DIGITS,
  type ProgressOption,
  type ProgressReporter,
  type ProgressPlan,
  type EpochSummary,
} from './train/progress.js';
export { isRowMajorContiguous } from './tree/strided.js';
// Transforms optax users reach for (issue 11 §4), projectToBox (§3) and SPSA (§5).
export type { UpdateExtras } from './transforms/transform.js';
export { applyIfFinite, type ApplyIfFiniteOptions, type ApplyIfFiniteState } from './transforms/wrappers/apply-if-finite.js';
export { masked, type Mask, type MaskedState } from './transforms/wrappers/masked.js';
export type { LabelSpec } from './transforms/wrappers/partition.js';
export { multiTransform, type Labels, type MultiTransformState } from './transforms/wrappers/multi-transform.js';
export { multiSteps, multiStepsHasUpdated, type MultiStepsOptions, type MultiStepsState } from './transforms/wrappers/multi-steps.js';
export { injectHyperparams, type InjectHyperparamsState } from './transforms/wrappers/inject-hyperparams.js';
export { reduceOnPlateau, type ReduceOnPlateauOptions, type ReduceOnPlateauState } from './transforms/reduce-on-plateau.js';
export { projectToBox } from './transforms/project-to-box.js';
export { warmupCosineDecay } from './transforms/schedules.js';
export { lookahead, lookaheadSlowInto, type LookaheadOptions, type LookaheadState } from './transforms/wrappers/lookahead.js';
export { spsa } from './minimize/spsa.js';
export type { SpsaMinimizeOptions, SpsaIterationInfo, SpsaReason, SpsaResult } from './minimize/spsa-options.js';
