/**
 * numericalGradient against a hand-written central-difference loop doing the
 * same 2N calls of the same f on the raw Float64Array, measured side by side
 * in one process with h = 1e-4 in both, both dividing by the step actually
 * stored, (x+h) − (x−h) (core's default quotient, scipy's rule):
 *   - contiguous x, N = 1000 (target ratio ≤ 1.10);
 *   - a transposed 40×25 view (strides [1, 40]), N = 1000, the hand loop being
 *     the natural strided loop over the view (target ratio ≤ 1.30).
 * f = Σ x² reads the elements itself (contiguous: data[i]; view: the strided
 * double loop), so both sides pay exactly the same per-call cost of f and the
 * ratio shows the overhead of the kernel. Each case runs ROUNDS rounds; the
 * table shows the median of the per-round mean times, the median of the
 * per-round ratios and every round's ratio (rounds differ when the machine is
 * shared; the ratio within a round compares two tasks measured back to back).
 *
 * Run: pnpm --filter @descent/core bench (or node_modules/.bin/tsx packages/core/bench/gradient.bench.ts)
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { Bench } from 'tinybench';
import { numericalGradientInto } from '@descent/core';

const H = 1e-4;
const ROUNDS = 9;
const TIME_MS = 300;

/** Σ x² over a contiguous 1-D array, reading the storage directly. */
function sumOfSquaresContiguous(v: NdArray): number {
  const d = v.data as Float64Array;
  let s = 0;
  for (let i = 0; i < d.length; i++) s += d[i]! * d[i]!;
  return s;
}

/** Σ x² over a 2-D view by its strides. */
function sumOfSquaresStrided(v: NdArray): number {
  const d = v.data as Float64Array;
  const [n0, n1] = v.shape as [number, number];
  const [s0, s1] = v.stride as [number, number];
  let s = 0;
  for (let i = 0; i < n0; i++) {
    let p = v.offset + i * s0;
    for (let j = 0; j < n1; j++, p += s1) s += d[p]! * d[p]!;
  }
  return s;
}

/** The hand-written central loop over a contiguous array. */
function handContiguous(g: Float64Array, f: (v: NdArray) => number, x: NdArray): void {
  const d = x.data as Float64Array;
  for (let i = 0; i < d.length; i++) {
    const old = d[i]!;
    const xUp = old + H;
    const xDown = old - H;
    d[i] = xUp;
    const up = f(x);
    d[i] = xDown;
    const down = f(x);
    d[i] = old;
    g[i] = (up - down) / (xUp - xDown);
  }
}

/** The hand-written central loop over a 2-D view, row-major over the view's index. */
function handStrided(g: Float64Array, f: (v: NdArray) => number, x: NdArray): void {
  const d = x.data as Float64Array;
  const [n0, n1] = x.shape as [number, number];
  const [s0, s1] = x.stride as [number, number];
  let q = 0;
  for (let i = 0; i < n0; i++) {
    let p = x.offset + i * s0;
    for (let j = 0; j < n1; j++, p += s1, q++) {
      const old = d[p]!;
      const xUp = old + H;
      const xDown = old - H;
      d[p] = xUp;
      const up = f(x);
      d[p] = xDown;
      const down = f(x);
      d[p] = old;
      g[q] = (up - down) / (xUp - xDown);
    }
  }
}

interface Case {
  name: string;
  target: number;
  x: NdArray;
  f: (v: NdArray) => number;
  hand: (g: Float64Array, f: (v: NdArray) => number, x: NdArray) => void;
}

const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 2);
const CASES: Case[] = [
  { name: 'contiguous N=1000', target: 1.1, x: ndarray(values.slice(), [1000]), f: sumOfSquaresContiguous, hand: handContiguous },
  {
    name: 'transposed 40×25 view',
    target: 1.3,
    x: ndarray(values.slice(), [25, 40]).transpose(1, 0),
    f: sumOfSquaresStrided,
    hand: handStrided,
  },
];

function median(xs: number[]): number {
  const s = xs.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Mean latency in ms of each task of one round, in the order [numericalGradient, hand loop]. */
async function round(c: Case): Promise<[number, number]> {
  const out = ndarray(new Float64Array(1000), c.x.shape.slice());
  const g = new Float64Array(1000);
  const options = { h: H };
  const bench = new Bench({ time: TIME_MS, warmup: true });
  bench.add('numericalGradient', () => {
    numericalGradientInto(out, c.f, c.x, options);
  });
  bench.add('hand loop', () => {
    c.hand(g, c.f, c.x);
  });
  await bench.run();
  const ms = bench.tasks.map((task) => {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`benchmark task ${task.name} did not complete: ${result.state}`);
    return result.latency.mean;
  });
  // the two must compute the same gradient (same f values, same quotient)
  const got = Array.from(out.data as Float64Array);
  if (!got.every((v, i) => v === g[i])) throw new Error(`${c.name}: numericalGradient and the hand loop disagree`);
  return [ms[0]!, ms[1]!];
}

const rows = [];
for (const c of CASES) {
  const kernel: number[] = [];
  const hand: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const [k, h] = await round(c);
    kernel.push(k);
    hand.push(h);
    ratios.push(k / h);
  }
  const ratio = median(ratios);
  rows.push({
    case: c.name,
    'numericalGradient ms': Number(median(kernel).toPrecision(4)),
    'hand loop ms': Number(median(hand).toPrecision(4)),
    'ratio (median of rounds)': Number(ratio.toFixed(3)),
    'ratio per round': ratios.map((q) => q.toFixed(2)).join(' '),
    target: `≤ ${c.target.toFixed(2)}`,
    met: ratio <= c.target ? 'yes' : 'NO',
  });
}
console.log(`numericalGradient vs a hand-written central loop (h = ${H}, 2N calls of f each, ${ROUNDS} rounds × ${TIME_MS} ms)`);
console.table(rows);
