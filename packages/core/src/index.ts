export { numericalDiff } from './gradient/numerical-diff.js';
export { derivative, type DerivativeResult } from './gradient/derivative.js';
export type { RichardsonStatus } from './richardson/richardson.js';
export { STENCILS, ONE_SIDED, CENTER, type Stencil, type StencilTerm } from './kernel/stencil.js';
export { numericalGradient, numericalGradientInto, type NumericalGradientOptions, type NumericalGradientIntoOptions } from './gradient/numerical-gradient.js';
export { numericalGradients, numericalGradientsInto, type NumericalGradientsOptions, type NumericalGradientsIntoOptions } from './gradient/numerical-gradients.js';
export { numericalGradientAsync, type NumericalGradientAsyncOptions } from './async/numerical-gradient-async.js';
export { numericalGradientsAsync, type NumericalGradientsAsyncOptions } from './async/numerical-gradients-async.js';
export type { AsyncOptions, AbortSignalLike } from './async/async-options.js';
export { gradCheck, DEFAULT_RTOL, DEFAULT_ATOL, DEFAULT_DIRECTIONS, type DirectionCheck, type FailureLocation, type GradCheckOptions, type GradCheckReport } from './grad-check/grad-check.js';
export {
  DEFAULT_H,
  DEFAULT_PROGRESS_INTERVAL,
  DEFAULT_QUOTIENT,
  DEFAULT_RICHARDSON,
  DEFAULT_SCHEME,
  DEFAULT_STEP_UNDERFLOW,
  resolveGradientOptions,
  type BoundValue,
  type Bounds,
  type EvaluationCounter,
  type GradientOptions,
  type Progress,
  type Quotient,
  type RichardsonOptions,
  type ResolvedGradientOptions,
  type StepUnderflow,
} from './options/options.js';
export {
  DIFFERENCE_SCHEMES,
  SCHEMES,
  RICHARDSON_INITIAL_STEP,
  FLOAT32_EPSILON,
  FLOAT32_MAX,
  FLOAT64_EPSILON,
  autoStep,
  autoStepBase,
  representableStep,
  type DifferenceScheme,
  type FixedScheme,
  type Scheme,
  type Precision,
} from './kernel/step.js';
export {
  isDescentError,
  InvalidArgumentError,
  ArgumentRangeError,
  NonFiniteCoordinateError,
  NonFiniteValueError,
  NotANumberError,
  StepUnderflowError,
  StepOverflowError,
  FunctionThrewError,
  InputModifiedError,
  AliasedMemoryError,
  OverlappingMemoryError,
  InvalidStateError,
  WorkerDiedError,
  PoolClosedError,
  type DescentError,
  type DescentErrorCode,
} from './errors/error-classes.js';
export { findSelfOverlap, assertNoSelfOverlap, sharesMemory, assertNoOverlap, type SelfOverlap } from './memory/memory.js';
export { directionalDerivative, type DirectionalDerivativeOptions } from './directional/directional.js';
export { randomState, type RandomState } from './directional/random.js';
export { spsaGradient, spsaGradientInto, type SpsaOptions } from './directional/spsa.js';
export { jacobian, jacobianInto, type JacobianOptions, type VectorFunction } from './jacobian/jacobian.js';
export { sparsityPattern, type SparsityPattern, type SparsityInput } from './jacobian/column-groups.js';
export { hessian, hessianInto, type HessianOptions } from './hessian/hessian.js';
export { hessianVectorProduct, hessianVectorProductInto, type HessianVectorProductOptions } from './hessian/hessian-vector-product.js';
