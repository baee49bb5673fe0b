/**
 * The digits example's chapter-4 step: the book's full numerical gradient
 * (every weight of TwoLayerNet, a batch of 100 digits, central differences
 * with h = 1e-4 divided by 2h) computed by a worker pool, timed beside the
 * book's numpy numerical_gradient on the same batch and weights (run on a
 * fixed sample of the weights and extrapolated by weight count: every numpy
 * loss is the same full forward pass), and checked against chapter4Gradient
 * in this process on a few coordinates.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NdArray } from 'ndarray';
import { chapter4Gradient } from './chapter4-gradient.js';
import { createNetLossPool, poolChapter4Gradient, rowMajor, warmNetLossPool } from './chapter4-pool.js';
import { numpyVersion, runNumpy, writeInputs } from './numpy-side.js';
import type { TwoLayerNet } from './two-layer-net.js';

/** The book's step and quotient: (f(x+h) − f(x−h)) / (2·1e-4). */
const BOOK = { h: 1e-4, quotient: 'nominal' as const };

/** Options of the chapter-4 step. */
export interface Chapter4StepOptions {
  /** Digits in the batch (the first ones of the set). @default 100 */
  batchSize?: number;
  /** Worker threads of the pool. @default os.availableParallelism() */
  workers?: number;
  /** Run the book's numpy numerical_gradient when python3 with numpy is present. @default true */
  numpy?: boolean;
  /** numpy differentiates W1's first this-many rows and all of b1, W2, b2, and is extrapolated to every weight. @default 20 */
  numpySampleRows?: number;
  /** W1 rows (with all of b1, W2, b2) recomputed in process by chapter4Gradient to check the pool's bits. @default 2 */
  checkRows?: number;
  /** Milliseconds between two progress lines. @default 2000 */
  progressInterval?: number;
}

/** What the step measured. */
export interface Chapter4StepResult {
  batchSize: number;
  weights: number;
  workers: number;
  /** Wall time of the pool's full gradient (threads already started). */
  poolSeconds: number;
  /** Wall time to start the threads and load the loss module in each, before the timed gradient. */
  startSeconds: number;
  /** Load average (1 min) when the step started: the machine may be shared. */
  load: number;
  /** Coordinates recomputed in process, and the largest |pool − in process| over them (0: the same bits). */
  checked: number;
  maxDifference: number;
  /** Every checked coordinate has the same bits (Object.is) in both. */
  identical: boolean;
  /** numpy's extrapolated time, or null when skipped (with the reason). */
  numpy: { version: string; sampled: number; seconds: number } | null;
  numpySkipped: string | undefined;
}

/**
 * Run the step on the first `batchSize` digits of (x, t), at the network's
 * current weights (left unchanged), reporting progress through `onLine`.
 * The pool is closed before this returns (also on failure).
 */
export async function chapter4Step(net: TwoLayerNet, x: NdArray, t: NdArray, options: Chapter4StepOptions = {}, onLine?: (line: string) => void): Promise<Chapter4StepResult> {
  const batchSize = Math.min(options.batchSize ?? 100, x.shape[0]!);
  const workers = options.workers ?? availableParallelism();
  const xs = x.hi(batchSize, x.shape[1]!);
  const ts = t.hi(batchSize);
  const load = loadavg()[0]!;
  const pool = createNetLossPool(workers);
  let full;
  let startSeconds;
  try {
    startSeconds = (await warmNetLossPool(pool, net, xs, ts)) / 1000;
    full = await poolChapter4Gradient(pool, net, xs, ts, {
      ...BOOK,
      progressInterval: options.progressInterval ?? 2000,
      ...(onLine === undefined ? {} : { onProgress: (p) => onLine(`chapter 4: pool gradient ${p.done}/${p.total} weights, ${(p.elapsedMs / 1000).toFixed(1)} s`) }),
    });
  } finally {
    await pool.close();
  }

  // the same gradient in this process on a few coordinates: W1's first rows, b1, W2, b2
  const { W1, b1, W2, b2 } = net.params;
  const checkRows = Math.min(options.checkRows ?? 2, net.inputSize);
  const local = chapter4Gradient(net, xs, ts, { ...BOOK, params: { W1: W1.hi(checkRows, net.hiddenSize), b1, W2, b2 } }).gradient;
  let maxDifference = 0;
  let checked = 0;
  let identical = true;
  for (const [key, g] of Object.entries(local)) {
    const mine = rowMajor(g);
    const pooled = full.gradient[key as 'W1'].data as Float64Array;
    for (let k = 0; k < mine.length; k++, checked++) {
      identical &&= Object.is(mine[k], pooled[k]);
      maxDifference = Math.max(maxDifference, Math.abs(mine[k]! - pooled[k]!));
    }
  }

  let numpy: Chapter4StepResult['numpy'] = null;
  let numpySkipped: string | undefined;
  const version = options.numpy === false ? null : numpyVersion();
  if (options.numpy === false) numpySkipped = 'not asked for';
  else if (version === null) numpySkipped = 'no python3/numpy';
  else {
    onLine?.('chapter 4: numpy numerical_gradient on a sample of the weights…');
    const rows = Math.min(options.numpySampleRows ?? 20, net.inputSize);
    const folder = mkdtempSync(join(tmpdir(), 'descent-digits-numpy-'));
    try {
      writeInputs(folder, { x: rowMajor(xs), t: rowMajor(ts), W1: rowMajor(W1), b1: rowMajor(b1), W2: rowMajor(W2), b2: rowMajor(b2) });
      const r = runNumpy<{ ms: number; weights: number }>(folder, 'gradient', 0, rows, 1, [net.inputSize, net.hiddenSize, net.outputSize]);
      numpy = { version, sampled: r.weights, seconds: (r.ms / 1000) * (full.weights / r.weights) };
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
  return { batchSize, weights: full.weights, workers, poolSeconds: full.ms / 1000, startSeconds, load, checked, maxDifference, identical, numpy, numpySkipped };
}

/** The lines the step prints. */
export function summarizeChapter4(r: Chapter4StepResult): string[] {
  const count = (n: number): string => n.toLocaleString('en-US');
  const ours = `chapter-4 numerical gradient (batch ${r.batchSize}, all ${count(r.weights)} weights, ${count(2 * r.weights)} losses): ` +
    `pool of ${r.workers} workers ${r.poolSeconds.toFixed(1)} s (+ ${r.startSeconds.toFixed(1)} s to start the threads and load the loss module; load average ${r.load.toFixed(1)} at the start)`;
  const check = `  pool vs chapter4Gradient in process on ${count(r.checked)} weights: max |difference| ${r.maxDifference}${r.identical ? ' (bit for bit)' : ' (NOT bit-identical)'}`;
  if (r.numpy === null) return [ours, `  numpy: skipped (${r.numpySkipped})`, check];
  return [
    ours,
    `  numpy ${r.numpy.version} book numerical_gradient, 1 BLAS thread: ${r.numpy.seconds.toFixed(1)} s (extrapolated from ${count(r.numpy.sampled)} weights: W1's first rows, b1, W2, b2)`,
    `  time ratio ours / numpy: ${(r.poolSeconds / r.numpy.seconds).toFixed(2)}× (below 1: faster than numpy)`,
    check,
  ];
}
