/**
 * One Adam step (opt.update + applyUpdates) on 2 and on 10⁶ parameters, side by
 * side with a hand-written Float64Array loop doing the same update in the same
 * process. Prints ns per parameter and the ratio optimizer / hand loop (target
 * ≤ 1.5 at 10⁶). The chain-built Adam (same results, one more pass over the
 * arrays) is measured too: it is why `adam()` uses a fused kernel.
 *
 * Each size is measured in ROUNDS rounds and the median of each task is
 * reported, since the machine may be shared. At n = 2 each sample runs
 * REPEAT_SMALL steps so the timer's own cost does not dominate.
 * Run: `pnpm --filter @descent/optim bench` (or
 * `node_modules/.bin/tsx packages/optim/bench/adam.bench.ts`).
 */
import ndarray from 'ndarray';
import { Bench } from 'tinybench';
import { adam, applyUpdates, chain, scaleByAdam, scaleByLearningRate } from '@descent/optim';

const LR = 1e-3;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-7;
const ROUNDS = 3;
const REPEAT_SMALL = 1000;

/** The book's Adam step written directly on Float64Arrays: the baseline. */
function handWrittenAdamStep(theta: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, t: number): void {
  const lrT = (LR * Math.sqrt(1 - BETA2 ** t)) / (1 - BETA1 ** t);
  const n = theta.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i]!;
    const mi = m[i]! + (1 - BETA1) * (gi - m[i]!);
    const vi = v[i]! + (1 - BETA2) * (gi * gi - v[i]!);
    m[i] = mi;
    v[i] = vi;
    theta[i] = theta[i]! - (lrT * mi) / (Math.sqrt(vi) + EPS);
  }
}

function filled(n: number, f: (i: number) => number): Float64Array {
  const a = new Float64Array(n);
  for (let i = 0; i < n; i++) a[i] = f(i);
  return a;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const TASKS = ['adam() update + applyUpdates', 'chain(scaleByAdam, scaleByLearningRate) + applyUpdates', 'hand-written Float64Array loop'];

/** Median ns per parameter of each task in TASKS, for n parameters. */
async function measure(n: number): Promise<number[]> {
  const repeat = n < 1000 ? REPEAT_SMALL : 1;
  // The optimizers' gradient buffer is overwritten with the step at each update,
  // and that step (|u| ≈ lr) serves as the next gradient: the same work per step
  // as a fresh gradient, without a copy that the baseline does not pay.
  const params = ndarray(filled(n, (i) => Math.sin(i)));
  const grads = ndarray(filled(n, (i) => Math.cos(i)));
  const opt = adam({ lr: LR, beta1: BETA1, beta2: BETA2, eps: EPS });
  let state = opt.init(params);

  const chainedParams = ndarray(filled(n, (i) => Math.sin(i)));
  const chainedGrads = ndarray(filled(n, (i) => Math.cos(i)));
  const chained = chain(scaleByAdam({ beta1: BETA1, beta2: BETA2, eps: EPS }), scaleByLearningRate(LR));
  let chainedState = chained.init(chainedParams);

  const theta = filled(n, (i) => Math.sin(i));
  const g = filled(n, (i) => Math.cos(i));
  const m = new Float64Array(n);
  const v = new Float64Array(n);
  let t = 0;

  const samples: number[][] = TASKS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: n > 1000 ? 1000 : 300, warmup: true });
    bench
      .add(TASKS[0]!, () => {
        for (let r = 0; r < repeat; r++) {
          state = opt.update(grads, state, params);
          applyUpdates(params, grads);
        }
      })
      .add(TASKS[1]!, () => {
        for (let r = 0; r < repeat; r++) {
          chainedState = chained.update(chainedGrads, chainedState, chainedParams);
          applyUpdates(chainedParams, chainedGrads);
        }
      })
      .add(TASKS[2]!, () => {
        for (let r = 0; r < repeat; r++) handWrittenAdamStep(theta, g, m, v, ++t);
      });
    await bench.run();
    bench.tasks.forEach((task, i) => {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`benchmark task ${task.name} did not complete: ${result.state}`);
      samples[i]!.push((result.latency.mean * 1e6) / (repeat * n));
    });
  }
  return samples.map(median);
}

const sizes = [2, 1_000_000];
const results = new Map<number, number[]>();
for (const n of sizes) results.set(n, await measure(n));

console.table(
  sizes.flatMap((n) => TASKS.map((task, i) => ({ n, task, 'ns/param (median)': Number(results.get(n)![i]!.toPrecision(4)) }))),
);
for (const n of sizes) {
  const [fused, chainBuilt, hand] = results.get(n)!;
  console.log(
    `n=${n}: ratio to the hand-written loop: adam() ${(fused! / hand!).toFixed(2)}, chain-built ${(chainBuilt! / hand!).toFixed(2)}`,
  );
}
