/**
 * One Adam step (opt.update + applyUpdates) on 2 and on 10⁶ parameters, side by
 * side with a hand-written Float64Array loop doing the same update in the same
 * process. Prints ns per parameter and the ratio optimizer / hand loop (target
 * ≤ 1.5 at 10⁶). The chain-built Adam (same results, one more pass over the
 * arrays) is measured too: it is why `adam()` uses a fused kernel. Run: `pnpm --filter @descent/optim bench` (or
 * `node_modules/.bin/tsx packages/optim/bench/adam.bench.ts`).
 */
import ndarray from 'ndarray';
import { Bench } from 'tinybench';
import { adam, applyUpdates, chain, scaleByAdam, scaleByLearningRate } from '@descent/optim';

const LR = 1e-3;
const BETA1 = 0.9;
const BETA2 = 0.999;
const EPS = 1e-7;

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

interface Row {
  n: number;
  name: string;
  nsPerParam: number;
}

async function measure(n: number): Promise<Row[]> {
  // Optimizer: the gradient buffer is overwritten with the step at each update,
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

  const bench = new Bench({ time: n > 1000 ? 1500 : 500, warmup: true });
  bench
    .add(`adam() update + applyUpdates, n=${n}`, () => {
      state = opt.update(grads, state, params);
      applyUpdates(params, grads);
    })
    .add(`chain(scaleByAdam, scaleByLearningRate) + applyUpdates, n=${n}`, () => {
      chainedState = chained.update(chainedGrads, chainedState, chainedParams);
      applyUpdates(chainedParams, chainedGrads);
    })
    .add(`hand-written Float64Array loop, n=${n}`, () => {
      handWrittenAdamStep(theta, g, m, v, ++t);
    });
  await bench.run();
  return bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`benchmark task ${task.name} did not complete: ${result.state}`);
    return { n, name: task.name, nsPerParam: (result.latency.mean * 1e6) / n };
  });
}

const rows: Row[] = [];
for (const n of [2, 1_000_000]) rows.push(...(await measure(n)));
console.table(rows.map((r) => ({ task: r.name, 'ns/param': Number(r.nsPerParam.toPrecision(4)) })));
for (const n of [2, 1_000_000]) {
  const [fused, chained, hand] = rows.filter((r) => r.n === n);
  console.log(
    `n=${n}: ratio to the hand-written loop: adam() ${(fused!.nsPerParam / hand!.nsPerParam).toFixed(2)}, ` +
      `chain-built ${(chained!.nsPerParam / hand!.nsPerParam).toFixed(2)}`,
  );
}
