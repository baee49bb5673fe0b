/**
 * The overhead of `train` over a hand-written mini-batch SGD loop on the same
 * problem in the same process: linear regression y ≈ X·w + b, N samples of D
 * features, batches of B, EPOCHS epochs, the same analytic gradient kernel and
 * the same seeded shuffle. `train` adds batch gathering through strides, zeroing
 * the gradients, the finite checks, the last-finite backup copy, the optimizer
 * chain and applyUpdates: a fixed cost per step plus a few passes over the
 * parameters. Two shapes: few parameters (D = 20, where the fixed cost shows)
 * and many (D = 2000, where the gradient dominates). Prints the median ms per
 * run of ROUNDS rounds and the ratio.
 * Run: `node_modules/.bin/tsx packages/optim/bench/train.bench.ts`.
 */
import ndarray, { type NdArray } from 'ndarray';
import { Bench } from 'tinybench';
import { Random, identityOrder, sgd, shuffleInPlace, train, type Batch } from '@descent/optim';
import { median } from '../../../scripts/bench-stats.js';

const EPOCHS = 5;
const SEED = 1;
const ROUNDS = 3;

/** The two tasks for one problem shape; lr 0.1/D keeps SGD stable (|x_ij| ≤ 1, so λ_max(Hessian) ≤ 2D). */
function tasks(N: number, D: number, B: number): { handWritten: () => number; withTrain: () => number } {
  const LR = 0.1 / D;

  const X = Float64Array.from({ length: N * D }, (_, k) => Math.sin(k));
  const Y = Float64Array.from({ length: N }, (_, i) => {
    let y = 0.5;
    for (let j = 0; j < D; j++) y += (j + 1) * X[i * D + j]!;
    return y;
  });

  /** Mean squared error of X·w + b on `size` contiguous rows and its gradient into gw, gb[0]; returns the loss. */
  function kernel(x: Float64Array, y: Float64Array, size: number, w: Float64Array, b: number, gw: Float64Array, gb: Float64Array): number {
    let loss = 0;
    let sb = 0;
    gw.fill(0);
    for (let i = 0; i < size; i++) {
      let r = b - y[i]!;
      for (let j = 0; j < D; j++) r += w[j]! * x[i * D + j]!;
      loss += r * r;
      sb += 2 * r;
      for (let j = 0; j < D; j++) gw[j] = gw[j]! + 2 * r * x[i * D + j]!;
    }
    for (let j = 0; j < D; j++) gw[j] = gw[j]! / size;
    gb[0] = sb / size;
    return loss / size;
  }

  function handWritten(): number {
    const w = new Float64Array(D);
    let b = 0;
    const gw = new Float64Array(D);
    const gb = new Float64Array(1);
    const xb = new Float64Array(B * D);
    const yb = new Float64Array(B);
    const order = identityOrder(N);
    const random = Random.fromSeed(SEED);
    let last = 0;
    for (let epoch = 0; epoch < EPOCHS; epoch++) {
      shuffleInPlace(order, random);
      for (let start = 0; start < N; start += B) {
        const size = Math.min(B, N - start);
        for (let r = 0; r < size; r++) {
          const s = order[start + r]!;
          for (let j = 0; j < D; j++) xb[r * D + j] = X[s * D + j]!;
          yb[r] = Y[s]!;
        }
        last = kernel(xb, yb, size, w, b, gw, gb);
        for (let j = 0; j < D; j++) w[j] = w[j]! - LR * gw[j]!;
        b -= LR * gb[0]!;
      }
    }
    return last;
  }

  function withTrain(): number {
    const params: Record<string, NdArray> = { w: ndarray(new Float64Array(D)), b: ndarray(new Float64Array(1)) };
    const result = train({
      params,
      loss: () => 0,
      gradient: (p, batch: Batch, grads) =>
        kernel(
          batch.inputs.data as Float64Array,
          batch.targets.data as Float64Array,
          batch.size,
          p['w']!.data as Float64Array,
          p['b']!.get(0),
          grads['w']!.data as Float64Array,
          grads['b']!.data as Float64Array,
        ),
      data: { inputs: ndarray(X, [N, D]), targets: ndarray(Y, [N]) },
      batchSize: B,
      epochs: EPOCHS,
      optimizer: sgd({ lr: LR }),
      seed: SEED,
      progress: false,
    });
    if (result.stopped.reason !== 'completed') throw new Error(`train did not complete: ${result.stopped.message}`);
    return result.history.at(-1)!.loss;
  }
  return { handWritten, withTrain };
}


const TASKS = ['train (analytic gradient, sgd)', 'hand-written loop'] as const;
const SHAPES = [
  { N: 2000, D: 20, B: 32 },
  { N: 500, D: 2000, B: 50 },
];
const rows: { shape: string; task: string; 'ms per run (median)': number }[] = [];
const ratios: string[] = [];
for (const { N, D, B } of SHAPES) {
  const { withTrain, handWritten } = tasks(N, D, B);
  const samples: number[][] = [[], []];
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: 500, warmup: true });
    bench.add(TASKS[0], withTrain).add(TASKS[1], handWritten);
    await bench.run();
    bench.tasks.forEach((task, i) => {
      if (task.result.state !== 'completed') throw new Error(`benchmark task ${task.name} did not complete: ${task.result.state}`);
      samples[i]!.push(task.result.latency.mean);
    });
  }
  const [trainMs, handMs] = samples.map(median) as [number, number];
  const shape = `N=${N} D=${D} B=${B}`;
  TASKS.forEach((task, i) => rows.push({ shape, task, 'ms per run (median)': Number(median(samples[i]!).toPrecision(4)) }));
  ratios.push(`${shape}, ${EPOCHS} epochs: train / hand-written = ${(trainMs / handMs).toFixed(2)}`);
}
console.table(rows);
for (const line of ratios) console.log(line);
