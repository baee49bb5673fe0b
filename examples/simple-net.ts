/**
 * Example 4 — the gradient of a network's loss (book section 4.4.1).
 *
 * SimpleNet: scores = x·W with a 2×3 W, loss = cross-entropy of softmax.
 * With the book's W, x = [0.6, 0.9] and t = [0, 0, 1] the loss is
 * 0.9280682857864075 and the numerical ∂L/∂W is
 * [[0.2192, 0.1436, −0.3628], [0.3289, 0.2153, −0.5442]]: moving w₁₃ and w₂₃ up
 * lowers the loss (they feed the true class), moving the others up raises it.
 *
 *   node_modules/.bin/tsx examples/simple-net.ts
 */
import ndarray from 'ndarray';
import { numericalGradient } from '@descent/core';
import { isMain } from './lib/main.js';
import { SimpleNet } from './lib/simple-net.js';

/** The weights printed in the book (np.random.randn draws). */
export const BOOK_WEIGHTS = [
  [0.47355232, 0.9977393, 0.84668094],
  [0.85557411, 0.03563661, 0.69422093],
];
export const BOOK_INPUT = [0.6, 0.9];
export const BOOK_TARGET = [0, 0, 1];
/** The book's step for numerical_gradient. */
export const BOOK_H = 1e-4;

/** Options of `run`. */
export interface SimpleNetExampleOptions {
  /** 2×3 weights. @default the book's */
  weights?: number[][];
  /** One input sample. @default [0.6, 0.9] */
  input?: number[];
  /** One-hot target. @default [0, 0, 1] */
  target?: number[];
}

/** What the example found. */
export interface SimpleNetResult {
  scores: number[];
  predictedClass: number;
  loss: number;
  /** ∂loss/∂W (central differences, h = 1e-4), 2 rows of 3. */
  dW: number[][];
}

/** Compute the loss and its numerical gradient with respect to W. */
export function run(options: SimpleNetExampleOptions = {}): SimpleNetResult {
  const net = new SimpleNet({ weights: options.weights ?? BOOK_WEIGHTS });
  const x = ndarray(Float64Array.from(options.input ?? BOOK_INPUT));
  const t = ndarray(Float64Array.from(options.target ?? BOOK_TARGET));
  const scores = Array.from(net.predict(x).data as Float64Array);
  const loss = net.loss(x, t);
  const g = numericalGradient(() => net.loss(x, t), net.W, { h: BOOK_H, quotient: 'nominal' });
  const dW = [0, 1].map((i) => [0, 1, 2].map((j) => g.get(i, j)));
  return { scores, predictedClass: scores.indexOf(Math.max(...scores)), loss, dW };
}

/** The lines the example prints. */
export function summarize(r: SimpleNetResult): string[] {
  const row = (v: number[]): string => `[${v.map((e) => e.toFixed(8)).join(', ')}]`;
  return [
    `scores x·W = ${row(r.scores)} → predicted class ${r.predictedClass}`,
    `loss = ${r.loss}`,
    `∂loss/∂W =`,
    ...r.dW.map((v) => `  ${row(v)}`),
  ];
}

if (isMain(import.meta.url)) {
  for (const line of summarize(run())) console.log(line);
}
