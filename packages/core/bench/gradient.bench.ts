/**
 * numericalGradient against its FLOOR: the same 2N calls of the same f made
 * bare in a loop (`for k < 2N: sink += f(x)`), in the same process, with f a
 * plain closure as users write it (Σ x², reading the elements through get).
 * The ratio kernel / floor is what the kernel costs on top of f itself
 * (targets: ≤ 1.10 contiguous, ≤ 1.25 on a transposed view, N = 1000).
 * Also shown: the ratio to a hand-written central loop (f passed as a
 * parameter, perturbing in place; the old yardstick), and the fixed cost of a
 * call at N = 2 and N = 10 (and a 9-element named call), where f is cheap and
 * the validation of the arguments shows.
 *
 * Method: each round times floor, kernel and hand loop back to back, three
 * times interleaved, and keeps each one's fastest time (a preempted timing
 * only ever gets slower); the small cases time batches of calls. The ratio of
 * a round compares timings taken milliseconds apart; the table shows the
 * median over ROUNDS rounds and the quartiles (the machine is shared).
 *
 * Run: pnpm --filter @descent/core bench (or node_modules/.bin/tsx packages/core/bench/gradient.bench.ts)
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { numericalGradientInto, numericalGradientsInto } from '@descent/core';
import { median } from '../../../scripts/bench-stats.js';

const H = 1e-4;
const ROUNDS = Number(process.env.ROUNDS ?? 21);

/** Σ x² over a 1-D view, the way a user writes it. */
const sumOfSquares1 = (v: NdArray): number => {
  let s = 0;
  for (let i = 0; i < v.shape[0]!; i++) {
    const t = v.get(i);
    s += t * t;
  }
  return s;
};

/** Σ x² over a 2-D view. */
const sumOfSquares2 = (v: NdArray): number => {
  let s = 0;
  for (let i = 0; i < v.shape[0]!; i++) {
    for (let j = 0; j < v.shape[1]!; j++) {
      const t = v.get(i, j);
      s += t * t;
    }
  }
  return s;
};

/** The hand-written central loop over any 1-D or 2-D view, row-major over its index (f as a parameter). */
function handLoop(g: Float64Array, f: (v: NdArray) => number, x: NdArray): void {
  const d = x.data as Float64Array;
  const [n0, n1] = x.shape.length === 1 ? [1, x.shape[0]!] : (x.shape as [number, number]);
  const [s0, s1] = x.shape.length === 1 ? [0, x.stride[0]!] : (x.stride as [number, number]);
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

let sink = 0;

interface Case {
  name: string;
  target: number | undefined;
  /** Calls per timing (so that each timing spans milliseconds). */
  batch: number;
  floor: () => void;
  kernel: () => void;
  hand: (() => void) | undefined;
}


/** A case on one array: the floor is 2N bare calls of f at x. */
function arrayCase(name: string, target: number | undefined, x: NdArray, f: (v: NdArray) => number, batch: number): Case {
  const n = x.size;
  const out = ndarray(new Float64Array(n), x.shape.slice());
  const g = new Float64Array(n);
  const options = { h: H };
  const calls = 2 * n;
  return {
    name,
    target,
    batch,
    floor: () => {
      for (let b = 0; b < batch; b++) for (let k = 0; k < calls; k++) sink += f(x);
    },
    kernel: () => {
      for (let b = 0; b < batch; b++) numericalGradientInto(out, f, x, options);
    },
    hand: () => {
      for (let b = 0; b < batch; b++) handLoop(g, f, x);
    },
  };
}

/** A 9-element named call (W 2×3, b 3): the floor is 18 bare calls of the loss. */
function namedCase(batch: number): Case {
  const W = ndarray(Float64Array.from([0.1, -0.2, 0.3, 0.4, -0.5, 0.6]), [2, 3]);
  const b = ndarray(Float64Array.from([0.01, 0.02, -0.03]), [3]);
  const loss = (): number => {
    let s = 0;
    for (let i = 0; i < 2; i++) for (let j = 0; j < 3; j++) s += W.get(i, j) * W.get(i, j);
    for (let j = 0; j < 3; j++) s += b.get(j) * b.get(j);
    return s;
  };
  const out = { W: ndarray(new Float64Array(6), [2, 3]), b: ndarray(new Float64Array(3), [3]) };
  const params = { W, b };
  const options = { h: H };
  return {
    name: 'named W 2×3 + b 3 (N=9)',
    target: undefined,
    batch,
    floor: () => {
      for (let k = 0; k < batch; k++) for (let c = 0; c < 18; c++) sink += loss();
    },
    kernel: () => {
      for (let k = 0; k < batch; k++) numericalGradientsInto(out, loss, params, options);
    },
    hand: undefined,
  };
}

const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 2);
const CASES: Case[] = [
  arrayCase('contiguous N=1000', 1.1, ndarray(values.slice(), [1000]), sumOfSquares1, 1),
  arrayCase('transposed 40×25 view N=1000', 1.25, ndarray(values.slice(), [25, 40]).transpose(1, 0), sumOfSquares2, 1),
  arrayCase('contiguous N=2 (fixed cost)', undefined, ndarray(values.slice(0, 2), [2]), sumOfSquares1, 20_000),
  arrayCase('contiguous N=10 (fixed cost)', undefined, ndarray(values.slice(0, 10), [10]), sumOfSquares1, 5_000),
  namedCase(5_000),
];

function time(run: () => void): number {
  const t = performance.now();
  run();
  return performance.now() - t;
}

const rows = [];
for (const c of CASES) {
  for (let w = 0; w < 20; w++) {
    c.floor();
    c.kernel();
    c.hand?.();
  }
  const floor: number[] = [];
  const kernel: number[] = [];
  const toFloor: number[] = [];
  const toHand: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let a = Infinity;
    let k = Infinity;
    let h = c.hand === undefined ? NaN : Infinity;
    for (let rep = 0; rep < 3; rep++) {
      a = Math.min(a, time(c.floor));
      k = Math.min(k, time(c.kernel));
      if (c.hand !== undefined) h = Math.min(h, time(c.hand));
    }
    floor.push(a);
    kernel.push(k);
    toFloor.push(k / a);
    toHand.push(k / h);
  }
  const ratio = median(toFloor);
  const perCall = (ms: number): number => (ms / c.batch) * 1e6; // ns per gradient
  rows.push({
    case: c.name,
    'floor µs': Number((perCall(median(floor)) / 1000).toPrecision(4)),
    'kernel µs': Number((perCall(median(kernel)) / 1000).toPrecision(4)),
    'overhead ns/call': Math.round(perCall(median(kernel)) - perCall(median(floor))),
    'ratio to floor': Number(ratio.toFixed(3)),
    'ratio quartiles': `${quantile(toFloor, 0.25).toFixed(2)}–${quantile(toFloor, 0.75).toFixed(2)}`,
    'ratio to hand loop': c.hand === undefined ? '—' : median(toHand).toFixed(3),
    target: c.target === undefined ? '—' : `≤ ${c.target.toFixed(2)}`,
    met: c.target === undefined ? '—' : ratio <= c.target ? 'yes' : 'NO',
  });
}

function quantile(xs: number[], q: number): number {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
}

console.log(`numericalGradient vs its floor (2N bare calls of the same f), h = ${H}, central, ${ROUNDS} rounds; sink ${sink > 0 ? 'ok' : '?'}`);
console.table(rows);
