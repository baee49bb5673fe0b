/**
 * One Adam step (opt.update + applyUpdates) on 2 and on 10⁶ parameters, side by
 * side with a hand-written Float64Array loop doing the same update in the same
 * process. Prints ns per parameter and the ratio optimizer / hand loop (target
 * ≤ 1.5 at 10⁶). The chain-built Adam (same results, one more pass over the
 * arrays) is measured too: it is why `adam()` uses a fused kernel.
 *
 * Each size is measured in ROUNDS rounds and the median of each task is
 * reported, since the machine may be shared. At n = 2 each sample runs
 * REPEAT_SMALL steps so the timer's own cost does not dominate. The runs reach
 * millions of steps, far past the step (356 for β1 = 0.9, 37 412 for β2 = 0.999)
 * from which `adam()` no longer evaluates the bias-correction powers (their
 * factors are exactly 1 by then), while the hand loop evaluates them at every step.
 *
 * Then sgd and momentum at n = 2 (their fixed cost per step), against hand
 * loops; both sides write the same gradient into their buffer before each step.
 * Run: `pnpm --filter @descent/optim bench` (or
 * `node_modules/.bin/tsx packages/optim/bench/adam.bench.ts`).
 */
import ndarray from 'ndarray';
import { Bench } from 'tinybench';
import { adam, applyUpdates, chain, momentum, scaleByAdam, scaleByLearningRate, sgd } from '@descent/optim';
import { median } from '../../../scripts/bench-stats.js';

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

const SMALL_TASKS = ['sgd() update + applyUpdates', 'hand-written sgd loop', 'momentum() update + applyUpdates', 'hand-written momentum loop'];

/** Median ns per parameter of each task in SMALL_TASKS at n = 2. */
async function measureSmall(): Promise<number[]> {
  const n = 2;
  const gradient = filled(n, (i) => Math.cos(i));
  const sgdParams = ndarray(filled(n, (i) => Math.sin(i)));
  const sgdGrads = ndarray(new Float64Array(n));
  const sgdOpt = sgd({ lr: LR });
  let sgdState = sgdOpt.init(sgdParams);
  const momentumParams = ndarray(filled(n, (i) => Math.sin(i)));
  const momentumGrads = ndarray(new Float64Array(n));
  const momentumOpt = momentum({ lr: LR, momentum: BETA1 });
  let momentumState = momentumOpt.init(momentumParams);
  const theta = filled(n, (i) => Math.sin(i));
  const g = new Float64Array(n);
  const velocity = new Float64Array(n);
  const samples: number[][] = SMALL_TASKS.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: 300, warmup: true });
    bench
      .add(SMALL_TASKS[0]!, () => {
        for (let r = 0; r < REPEAT_SMALL; r++) {
          (sgdGrads.data as Float64Array).set(gradient);
          sgdState = sgdOpt.update(sgdGrads, sgdState, sgdParams);
          applyUpdates(sgdParams, sgdGrads);
        }
      })
      .add(SMALL_TASKS[1]!, () => {
        for (let r = 0; r < REPEAT_SMALL; r++) {
          g.set(gradient);
          for (let i = 0; i < n; i++) theta[i] = theta[i]! + g[i]! * -LR;
        }
      })
      .add(SMALL_TASKS[2]!, () => {
        for (let r = 0; r < REPEAT_SMALL; r++) {
          (momentumGrads.data as Float64Array).set(gradient);
          momentumState = momentumOpt.update(momentumGrads, momentumState, momentumParams);
          applyUpdates(momentumParams, momentumGrads);
        }
      })
      .add(SMALL_TASKS[3]!, () => {
        for (let r = 0; r < REPEAT_SMALL; r++) {
          g.set(gradient);
          // the trace form the optimizer uses: t ← μ·t + g, θ ← θ + t·(−lr)
          for (let i = 0; i < n; i++) {
            const t = BETA1 * velocity[i]! + g[i]!;
            velocity[i] = t;
            theta[i] = theta[i]! + t * -LR;
          }
        }
      });
    await bench.run();
    bench.tasks.forEach((task, i) => {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`benchmark task ${task.name} did not complete: ${result.state}`);
      samples[i]!.push((result.latency.mean * 1e6) / (REPEAT_SMALL * n));
    });
  }
  return samples.map(median);
}

const small = await measureSmall();
console.table(SMALL_TASKS.map((task, i) => ({ n: 2, task, 'ns/param (median)': Number(small[i]!.toPrecision(4)) })));
console.log(
  `n=2: ratio to the hand-written loop: sgd() ${(small[0]! / small[1]!).toFixed(2)}, momentum() ${(small[2]! / small[3]!).toFixed(2)}`,
);
