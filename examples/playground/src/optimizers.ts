/**
 * The catalogue of optimizers the descent playground races, each with the
 * specs of its hyperparameters (range, scale and default of its slider) and
 * how to build the `minimize` optimizer of @descent/optim from their values.
 */
import { adagrad, adam, DEFAULT_LBFGS_MEMORY, lbfgs, momentum, nesterov, rmsprop, sgd, type MinimizeOptions } from '@descent/optim';
import { ArgumentRangeError } from '@descent/core';

/** Identifier of a catalogue optimizer. */
export type OptimizerId = 'gd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'lbfgs';

/** How a slider's position maps to the value. */
export type SliderScale = 'log' | 'linear' | 'integer';

/** One hyperparameter's slider. */
export interface HyperparameterSpec {
  /** The option's name in @descent/optim (e.g. 'lr', 'beta1'). */
  readonly key: string;
  /** Label shown beside the slider. */
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly scale: SliderScale;
  /** The value before the user moves the slider (the package's default where it has one). */
  readonly default: number;
}

/** Values of an optimizer's hyperparameters, by key. */
export type HyperparameterValues = Readonly<Record<string, number>>;

/** One optimizer of the catalogue. */
export interface OptimizerSpec {
  readonly id: OptimizerId;
  readonly name: string;
  /** Its color in the plot and the panels. */
  readonly color: string;
  /** The update rule, in plain text. */
  readonly rule: string;
  readonly hyperparameters: readonly HyperparameterSpec[];
  /** The `optimizer` option of `minimize` for these values. */
  readonly build: (values: HyperparameterValues) => NonNullable<MinimizeOptions['optimizer']>;
}

const lr = (defaultValue: number): HyperparameterSpec => ({ key: 'lr', label: 'learning rate', min: 1e-5, max: 10, scale: 'log', default: defaultValue });
const eps: HyperparameterSpec = { key: 'eps', label: 'eps', min: 1e-10, max: 1e-2, scale: 'log', default: 1e-7 };
const mu: HyperparameterSpec = { key: 'momentum', label: 'momentum μ', min: 0, max: 0.99, scale: 'linear', default: 0.9 };
const v = (values: HyperparameterValues, key: string): number => {
  const value = values[key];
  if (typeof value !== 'number') throw new ArgumentRangeError(`optimizer: hyperparameter '${key}' is missing; pass every key of the optimizer's hyperparameters`);
  return value;
};

/** The catalogue, in the order of the page. */
export const OPTIMIZERS: readonly OptimizerSpec[] = [
  {
    id: 'gd',
    name: 'gradient descent',
    color: '#4e79a7',
    rule: 'x ← x − lr·∇f (the book’s gradient_descent, through minimize so a divergence stops with the best point)',
    hyperparameters: [lr(0.01)],
    build: (values) => sgd({ lr: v(values, 'lr') }),
  },
  {
    id: 'momentum',
    name: 'momentum',
    color: '#f28e2b',
    rule: 't ← μ·t + ∇f, x ← x − lr·t',
    hyperparameters: [lr(0.01), mu],
    build: (values) => momentum({ lr: v(values, 'lr'), momentum: v(values, 'momentum') }),
  },
  {
    id: 'nesterov',
    name: 'Nesterov',
    color: '#59a14f',
    rule: 't ← μ·t + ∇f, x ← x − lr·((1 + μ)·∇f + μ²·t) (the book’s form)',
    hyperparameters: [lr(0.01), mu],
    build: (values) => nesterov({ lr: v(values, 'lr'), momentum: v(values, 'momentum') }),
  },
  {
    id: 'adagrad',
    name: 'AdaGrad',
    color: '#b07aa1',
    rule: 's ← s + ∇f², x ← x − lr·∇f / (√s + eps)',
    hyperparameters: [lr(0.01), eps],
    build: (values) => adagrad({ lr: v(values, 'lr'), eps: v(values, 'eps') }),
  },
  {
    id: 'rmsprop',
    name: 'RMSprop',
    color: '#9c755f',
    rule: 's ← ρ·s + (1 − ρ)·∇f², x ← x − lr·∇f / (√s + eps)',
    hyperparameters: [lr(0.01), { key: 'decay', label: 'decay ρ', min: 0, max: 0.999, scale: 'linear', default: 0.99 }, eps],
    build: (values) => rmsprop({ lr: v(values, 'lr'), decay: v(values, 'decay'), eps: v(values, 'eps') }),
  },
  {
    id: 'adam',
    name: 'Adam',
    color: '#e15759',
    rule: 'm, v: moving means of ∇f and ∇f²; x ← x − lr·m̂ / (√v̂ + eps)',
    hyperparameters: [
      lr(0.001),
      { key: 'beta1', label: 'β1', min: 0, max: 0.999, scale: 'linear', default: 0.9 },
      { key: 'beta2', label: 'β2', min: 0.9, max: 0.9999, scale: 'linear', default: 0.999 },
      eps,
    ],
    build: (values) => adam({ lr: v(values, 'lr'), beta1: v(values, 'beta1'), beta2: v(values, 'beta2'), eps: v(values, 'eps') }),
  },
  {
    id: 'lbfgs',
    name: 'L-BFGS',
    color: '#222222',
    rule: 'd = −H·∇f from the last m steps and gradient changes, then a strong-Wolfe line search along d',
    hyperparameters: [
      { key: 'memory', label: 'memory m', min: 1, max: 30, scale: 'integer', default: DEFAULT_LBFGS_MEMORY },
      { key: 'c1', label: 'decrease c1', min: 1e-6, max: 0.5, scale: 'log', default: 1e-4 },
    ],
    build: (values) => lbfgs({ memory: v(values, 'memory'), c1: v(values, 'c1') }),
  },
];

/**
 * The catalogue optimizer with this id.
 * @throws ArgumentRangeError (code 'OUT_OF_RANGE') naming the valid ids when there is none
 */
export function optimizerById(id: string): OptimizerSpec {
  const found = OPTIMIZERS.find((o) => o.id === id);
  if (found === undefined) {
    throw new ArgumentRangeError(`optimizerById: no optimizer '${id}'; use one of ${OPTIMIZERS.map((o) => `'${o.id}'`).join(', ')}`);
  }
  return found;
}

/** The starting values of an optimizer's sliders: its defaults, overridden by `suggested` (e.g. a function's). */
export function initialValues(spec: OptimizerSpec, suggested: HyperparameterValues = {}): Record<string, number> {
  const values: Record<string, number> = {};
  for (const h of spec.hyperparameters) values[h.key] = suggested[h.key] ?? h.default;
  return values;
}
