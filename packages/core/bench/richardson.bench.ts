/**
 * scheme 'richardson' beside scipy.differentiate.derivative on the two n = 10
 * functions of test/accuracy.test.ts (Rosenbrock at [1.3, 0.7, 0.8, 1.9, 1.2]×2
 * and Σ eˣ·sin x): max relative error, calls of f per element, whether the
 * reported error bounds the true one in every coordinate, and the worst
 * overestimate reported / max(true, eps·|f′|). scipy runs in a python3
 * subprocess when python3 with scipy is on PATH (figures marked 'measured');
 * otherwise the figures recorded on the development machine (scipy 1.17.1)
 * are shown, marked 'recorded'. Never part of the test suite.
 *
 * Run: pnpm --filter @descent/core bench (or node_modules/.bin/tsx packages/core/bench/richardson.bench.ts)
 */
import { spawnSync } from 'node:child_process';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { numericalGradient } from '@descent/core';
import { expSin, expSinGradient, POINT, rosenbrock, rosenbrockGradient } from '../test/functions.js';

interface Figures {
  maxRelative: number;
  perElement: number;
  bounded: string;
  worstRatio: number;
}

function ours(f: (v: NdArray) => number, gradient: (x: number[]) => number[]): Figures {
  const x = ndarray(Float64Array.from(POINT), [POINT.length]);
  const error = ndarray(new Float64Array(POINT.length), [POINT.length]);
  const counter = { evaluations: 0 };
  const g = numericalGradient(f, x, { scheme: 'richardson', error, counter });
  const exact = gradient(POINT);
  const trueErrors = exact.map((e, i) => Math.abs(g.get(i) - e));
  return {
    maxRelative: Math.max(...trueErrors.map((t, i) => t / Math.abs(exact[i]!))),
    perElement: counter.evaluations / POINT.length,
    bounded: `${trueErrors.filter((t, i) => t <= error.get(i)).length}/10`,
    worstRatio: Math.max(...trueErrors.map((t, i) => error.get(i) / Math.max(t, 2 ** -52 * Math.abs(exact[i]!)))),
  };
}

const SCIPY = String.raw`
import json, numpy as np
from scipy.differentiate import derivative
x0 = np.array([1.3, 0.7, 0.8, 1.9, 1.2] * 2)
def rosen(x): return np.sum(100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2, axis=0)
def rosen_grad(x):
    g = np.zeros_like(x); g[:-1] += -400 * x[:-1] * (x[1:] - x[:-1] ** 2) - 2 * (1 - x[:-1]); g[1:] += 200 * (x[1:] - x[:-1] ** 2); return g
def expsin(x): return np.sum(np.exp(x) * np.sin(x), axis=0)
def expsin_grad(x): return np.exp(x) * (np.sin(x) + np.cos(x))
out = {}
for name, f, g in [('rosenbrock', rosen, rosen_grad), ('expsin', expsin, expsin_grad)]:
    vals, errs, nfev = [], [], []
    for i in range(10):
        def fi(t, i=i):
            t = np.asarray(t); X = np.empty((10,) + t.shape)
            for k in range(10): X[k] = x0[k]
            X[i] = t; return f(X)
        r = derivative(fi, x0[i]); vals.append(float(r.df)); errs.append(float(r.error)); nfev.append(int(r.nfev))
    true = g(x0); te = np.abs(np.array(vals) - true)
    out[name] = dict(maxRelative=float(np.max(te / np.abs(true))), perElement=float(np.mean(nfev)),
        bounded='%d/10' % int(np.sum(te <= np.array(errs))), worstRatio=float(np.max(np.array(errs) / np.maximum(te, 2.0 ** -52 * np.abs(true)))))
import scipy; out['version'] = scipy.__version__
print(json.dumps(out))
`;

/** Recorded on the development machine (scipy 1.17.1, python 3.11), for machines without scipy. */
const RECORDED: Record<string, Figures> = {
  rosenbrock: { maxRelative: 2.07e-14, perElement: 11, bounded: '7/10', worstRatio: 2.5 },
  expsin: { maxRelative: 1.95e-13, perElement: 11, bounded: '10/10', worstRatio: 391.6 },
};

function scipy(): { figures: Record<string, Figures>; source: string } {
  const run = spawnSync('python3', ['-c', SCIPY], { encoding: 'utf8', timeout: 60_000 });
  if (run.status === 0) {
    try {
      const parsed = JSON.parse(run.stdout) as Record<string, Figures> & { version: string };
      return { figures: parsed, source: `measured, scipy ${parsed.version}` };
    } catch {
      // fall through to the recorded figures
    }
  }
  return { figures: RECORDED, source: 'recorded (scipy 1.17.1; python3 with scipy not available here)' };
}

const theirs = scipy();
const rows = [];
for (const [name, f, gradient, target] of [
  ['rosenbrock', rosenbrock, rosenbrockGradient, 3e-14],
  ['expsin', expSin, expSinGradient, 2e-13],
] as const) {
  const a = ours(f, gradient);
  const b = theirs.figures[name]!;
  rows.push({
    function: name === 'expsin' ? 'Σ eˣ·sin x' : 'Rosenbrock',
    'descent max rel err': a.maxRelative.toExponential(2),
    'scipy max rel err': b.maxRelative.toExponential(2),
    target: `≤ ${target.toExponential(0)}`,
    'descent calls/elem': a.perElement.toFixed(1),
    'scipy calls/elem': b.perElement.toFixed(1),
    'descent bounded': a.bounded,
    'scipy bounded': b.bounded,
    'descent worst over': a.worstRatio.toFixed(1),
    'scipy worst over': b.worstRatio.toFixed(1),
  });
}
console.log(`scheme 'richardson' vs scipy.differentiate.derivative (scipy: ${theirs.source}); 'over' = reported / max(true, eps·|f′|)`);
console.table(rows);
