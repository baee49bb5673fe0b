/**
 * The catalogue of two-variable functions the descent playground draws:
 * each with its plotting box, a default start, its known minimisers and
 * minimum, and suggested hyperparameters (the book's, where the book has them).
 */
import type { NdArray } from 'ndarray';
import { ArgumentRangeError } from '@descent/core';
import type { OptimizerId } from './optimizers.js';

/** Identifier of a catalogue function. */
export type FunctionId = 'sphere' | 'elongated' | 'rosenbrock' | 'himmelblau' | 'beale' | 'saddle';

/** A point of the plane, [x0, x1]. */
export type Point = readonly [number, number];

/** The plotted rectangle: x0 from x0[0] to x0[1], x1 from x1[0] to x1[1] (all 4:3, like the canvas). */
export interface Box {
  readonly x0: Point;
  readonly x1: Point;
}

/** One function of the catalogue. */
export interface PlaygroundFunction {
  readonly id: FunctionId;
  /** Short name for the menu. */
  readonly name: string;
  /** The formula, in plain text. */
  readonly formula: string;
  /** f(x) for x of shape [2] (read through x.get, so any view works). */
  readonly f: (x: NdArray) => number;
  readonly box: Box;
  /** Start point before the first click. */
  readonly start: Point;
  /** Known minimisers (marked on the plot); empty when f is unbounded below. */
  readonly minimizers: readonly Point[];
  /** The minimum value f*, or undefined when f is unbounded below (then the step panel shows f itself). */
  readonly minimum: number | undefined;
  /** What to look for, one sentence. */
  readonly lesson: string;
  /** Hyperparameters that suit this function (override the optimizers' defaults). */
  readonly suggested: Partial<Record<OptimizerId, Readonly<Record<string, number>>>>;
}

const at = (x: NdArray): [number, number] => [x.get(0), x.get(1)];

/** The catalogue, in menu order. */
export const FUNCTIONS: readonly PlaygroundFunction[] = [
  {
    id: 'sphere',
    name: 'Sphere',
    formula: 'x0² + x1²',
    f: (x) => x.get(0) ** 2 + x.get(1) ** 2,
    box: { x0: [-6, 6], x1: [-4.5, 4.5] },
    start: [-3, 4],
    minimizers: [[0, 0]],
    minimum: 0,
    lesson: "The book's function 2 from its start (−3, 4): every method heads straight for the origin.",
    suggested: { gd: { lr: 0.1 }, momentum: { lr: 0.1 }, nesterov: { lr: 0.1 }, adagrad: { lr: 1.5 }, rmsprop: { lr: 0.1 }, adam: { lr: 0.3 } },
  },
  {
    id: 'elongated',
    name: 'Elongated quadratic',
    formula: 'x0²/20 + x1²',
    f: (x) => x.get(0) ** 2 / 20 + x.get(1) ** 2,
    box: { x0: [-10, 10], x1: [-7.5, 7.5] },
    start: [-7, 2],
    minimizers: [[0, 0]],
    minimum: 0,
    lesson: "The book's chapter-6 race (its learning rates): plain descent zig-zags across the narrow valley, momentum rolls, AdaGrad and Adam rescale each coordinate.",
    suggested: { gd: { lr: 0.95 }, momentum: { lr: 0.1 }, nesterov: { lr: 0.1 }, adagrad: { lr: 1.5 }, rmsprop: { lr: 0.1 }, adam: { lr: 0.3 } },
  },
  {
    id: 'rosenbrock',
    name: 'Rosenbrock',
    formula: '(1 − x0)² + 100·(x1 − x0²)²',
    f: (x) => {
      const [a, b] = at(x);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    },
    box: { x0: [-2, 2], x1: [-1, 2] },
    start: [-1.2, 1],
    minimizers: [[1, 1]],
    minimum: 0,
    lesson: 'The banana valley: finding it is easy, following it to (1, 1) is slow for first-order methods; L-BFGS learns the curvature.',
    suggested: { gd: { lr: 0.001 }, momentum: { lr: 0.0002 }, nesterov: { lr: 0.0002 }, adagrad: { lr: 0.5 }, rmsprop: { lr: 0.01 }, adam: { lr: 0.05 } },
  },
  {
    id: 'himmelblau',
    name: 'Himmelblau',
    formula: '(x0² + x1 − 11)² + (x0 + x1² − 7)²',
    f: (x) => {
      const [a, b] = at(x);
      return (a * a + b - 11) ** 2 + (a + b * b - 7) ** 2;
    },
    box: { x0: [-6, 6], x1: [-4.5, 4.5] },
    start: [-0.5, -0.5],
    minimizers: [
      [3, 2],
      [-2.805118086952745, 3.131312518250573],
      [-3.779310253377747, -3.283185991286170],
      [3.584428340330492, -1.848126526964404],
    ],
    minimum: 0,
    lesson: 'Four minima of equal depth: which one a method reaches depends on the start and on the step, not on the method being "better".',
    suggested: { gd: { lr: 0.01 }, momentum: { lr: 0.002 }, nesterov: { lr: 0.002 }, adagrad: { lr: 1 }, rmsprop: { lr: 0.05 }, adam: { lr: 0.1 } },
  },
  {
    id: 'beale',
    name: 'Beale',
    formula: '(1.5 − x0 + x0·x1)² + (2.25 − x0 + x0·x1²)² + (2.625 − x0 + x0·x1³)²',
    f: (x) => {
      const [a, b] = at(x);
      return (1.5 - a + a * b) ** 2 + (2.25 - a + a * b * b) ** 2 + (2.625 - a + a * b ** 3) ** 2;
    },
    box: { x0: [-4.5, 4.5], x1: [-3.375, 3.375] },
    start: [1, 1.5],
    minimizers: [[3, 0.5]],
    minimum: 0,
    lesson: 'Flat plateaus next to walls that grow like x1⁶: a fixed learning rate small enough for the walls crawls on the plateau.',
    suggested: { gd: { lr: 0.001 }, momentum: { lr: 0.0005 }, nesterov: { lr: 0.0005 }, adagrad: { lr: 0.5 }, rmsprop: { lr: 0.01 }, adam: { lr: 0.05 } },
  },
  {
    id: 'saddle',
    name: 'Saddle',
    formula: 'x0² − x1²',
    f: (x) => x.get(0) ** 2 - x.get(1) ** 2,
    box: { x0: [-2, 2], x1: [-1.5, 1.5] },
    start: [-1.8, 0.05],
    minimizers: [],
    minimum: undefined,
    lesson: 'No minimum: f falls without bound along x1. Start on x1 = 0 and plain descent stops at the saddle (‖∇f‖ = 0 there); a hair off it and every method escapes.',
    suggested: { gd: { lr: 0.05 }, momentum: { lr: 0.01 }, nesterov: { lr: 0.01 }, adagrad: { lr: 0.3 }, rmsprop: { lr: 0.02 }, adam: { lr: 0.05 } },
  },
];

/**
 * The catalogue function with this id.
 * @throws ArgumentRangeError (code 'OUT_OF_RANGE') naming the valid ids when there is none
 */
export function functionById(id: string): PlaygroundFunction {
  const found = FUNCTIONS.find((fn) => fn.id === id);
  if (found === undefined) {
    throw new ArgumentRangeError(`functionById: no function '${id}'; use one of ${FUNCTIONS.map((fn) => `'${fn.id}'`).join(', ')}`);
  }
  return found;
}
