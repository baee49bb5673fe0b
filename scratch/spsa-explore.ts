import ndarray, { type NdArray } from 'ndarray';
import { numericalGradientInto } from '@descent/core';
import { spsa } from '@descent/optim';

function mulberry32(seed: number) { let a = seed >>> 0; return () => { a = (a + 0x6d2b79f5) >>> 0; let t = a; t = Math.imul(t ^ (t >>> 15), t | 1); t ^= t + Math.imul(t ^ (t >>> 7), t | 61); return ((t ^ (t >>> 14)) >>> 0) / 4294967296; }; }
function gauss(rand: () => number) { let u = 0; while (u === 0) u = rand(); const v = rand(); return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v); }

const N = 20, sigma = 0.01;
const dSets: Record<string, number[]> = {
  lin1to10: Array.from({ length: N }, (_, i) => 1 + (9 * i) / (N - 1)),
  log1to10: Array.from({ length: N }, (_, i) => 10 ** (i / (N - 1))),
  log1to100: Array.from({ length: N }, (_, i) => 100 ** (i / (N - 1))),
  ones: Array.from({ length: N }, () => 1),
};
for (const [name, d] of Object.entries(dSets)) {
  const L = Math.max(...d), mu = Math.min(...d);
  const fTrue = (x: NdArray) => { let s = 1; for (let i = 0; i < N; i++) s += 0.5 * d[i]! * (x.get(i) - 1) ** 2; return s; };
  const target = 1.01;
  const results: string[] = [];
  for (const seed of [1, 2, 3]) {
    // SPSA
    const rand = mulberry32(seed);
    const f = (x: NdArray) => fTrue(x) + sigma * gauss(rand);
    let reached = -1;
    for (const opts of [{}, { c: 0.1 }, { targetStep: 0.5 }, { c: 0.1, targetStep: 0.5 }]) {
      reached = -1;
      const r2 = mulberry32(seed);
      const fn = (x: NdArray) => fTrue(x) + sigma * gauss(r2);
      spsa(fn, ndarray(new Float64Array(N)), { maxIterations: 5000, seed, ...opts, onIteration: (info) => { if (fTrue(info.x) <= target) { reached = info.evaluations; return false; } } });
      results.push(`spsa${JSON.stringify(opts)} s${seed}: ${reached}`);
    }
    // GD central differences: lr and h grid
    for (const lr of [1 / L, 2 / (L + mu)]) for (const h of [1e-3, 1e-2, 1e-1]) {
      const r3 = mulberry32(seed);
      const fn = (x: NdArray) => fTrue(x) + sigma * gauss(r3);
      const x = ndarray(new Float64Array(N)); const g = ndarray(new Float64Array(N)); const counter = { evaluations: 0 };
      let got = -1;
      for (let k = 0; k < 2000; k++) { numericalGradientInto(g, fn, x, { h, scheme: 'central', counter }); for (let i = 0; i < N; i++) x.data[i] -= lr * g.data[i]; if (fTrue(x) <= target) { got = counter.evaluations; break; } }
      results.push(`gd lr=${lr.toFixed(3)} h=${h} s${seed}: ${got}`);
    }
  }
  console.log(name, 'f0 gap', d.reduce((a, b) => a + b, 0) / 2); console.log(results.join('\n'));
}
