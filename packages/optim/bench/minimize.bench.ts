/**
 * Calls of f to the true ‖∇f‖∞ ≤ 1e-5 — the counts of issue 11 and the 35
 * Moré–Garbow–Hillstrom problems — for `minimize` (its default method and
 * gradient, and a few other choices) beside scipy's BFGS and L-BFGS-B. scipy runs live when `python3` has scipy
 * (bench/scipy_problems.py, ~15 s); otherwise the figures recorded in
 * test/minimize/problems/scipy-mgh.json are shown (scipy version printed either way).
 * Counts are deterministic: no timing here.
 *
 * Run: `pnpm --filter @descent/optim bench` (or `node_modules/.bin/tsx packages/optim/bench/minimize.bench.ts`).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ndarray from 'ndarray';
import { bfgs, lbfgs, type MinimizeOptions } from '../src/index.js';
import { chainedRosenbrock, countMinimize, MGH_PROBLEMS, SCIPY, SCIPY_METHODS, summarizeSet, type GradientKind, type ScipyMethod } from '../test/minimize/problems/harness.js';

type Record = typeof SCIPY;

function liveScipy(): Record | null {
  const script = fileURLToPath(new URL('./scipy_problems.py', import.meta.url));
  const run = spawnSync('python3', [script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0 || !run.stdout) return null;
  try {
    return JSON.parse(run.stdout) as Record;
  } catch {
    return null;
  }
}

const live = liveScipy();
const scipy = live ?? SCIPY;
console.log(`scipy ${scipy.scipy} (numpy ${scipy.numpy}) — ${live ? 'run live' : 'recorded figures (python3 with scipy not available)'}\n`);

const rosenbrock = chainedRosenbrock();
type ScipyRuns = { [method: string]: { [gradient: string]: { calls: number; gradNorm: number | null; solved: boolean } } };
const mark = (r: { calls: number; solved: boolean; gradNorm?: number | null }): string => `${r.calls}${r.solved ? '' : ` (stops at ${(r.gradNorm ?? NaN).toExponential(1)})`}`;

const BOUNDS = { bounds: { lower: -2, upper: ndarray(new Float64Array([0.5, 2])) } };

const rows: string[][] = [['problem', 'gradient', 'scipy BFGS', 'scipy L-BFGS-B', 'L-BFGS-B to 1e-5', 'minimize', 'issue target']];
const table: [string, keyof Record['cases'], number[] | null, string][] = [
  ['Rosenbrock 2-D from (−1.2, 1)', 'rosenbrock2', [-1.2, 1], '≤ 39 / ≤ 100'],
  ['Rosenbrock 10-D from [1.3, 0.7, 0.8, 1.9, 1.2]×2', 'rosenbrock10', [1.3, 0.7, 0.8, 1.9, 1.2, 1.3, 0.7, 0.8, 1.9, 1.2], '≤ 37 / ≤ 400'],
  ['bounded Rosenbrock (x₀ ≤ 0.5)', 'rosenbrockBounded', null, '≤ 30 / ≤ 90'],
];
for (const [name, key, x0, target] of table) {
  for (const [kind, g] of [['analytic', 'analytic'], ['numerical', '2-point']] as const) {
    const runs = scipy.cases[key].runs as unknown as ScipyRuns;
    // Bounded: converged means the PROJECTED gradient is within gradTol (∇f itself is (−1, 0) at the answer).
    const bounded = x0 === null ? countMinimize(rosenbrock, [-1.2, 1], kind, BOUNDS) : null;
    const ours = bounded === null ? countMinimize(rosenbrock, x0!, kind) : { calls: bounded.calls, solved: bounded.result.converged };
    const cell = (m: string): string => (runs[m] ? mark(runs[m][g]!) : '—');
    rows.push([name, kind === 'analytic' ? 'analytic' : 'numerical', cell('BFGS'), cell('L-BFGS-B'), cell('L-BFGS-B ftol=0'), mark(ours), target.split(' / ')[kind === 'analytic' ? 0 : 1]!]);
  }
}
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));

console.log('\n35 Moré–Garbow–Hillstrom problems (solved = true ‖∇f‖∞ ≤ 1e-5; ratio = our calls / scipy’s on the problems both solve)');
const choices: [string, MinimizeOptions, GradientKind, 'analytic' | '2-point' | '3-point'][] = [
  ['default, analytic', {}, 'analytic', 'analytic'],
  ['default, numerical (adaptive)', {}, 'numerical', '2-point'],
  ['default, numerical vs scipy 3-point', {}, 'numerical', '3-point'],
  ['forward differences', { gradient: { scheme: 'forward' } }, 'numerical', '2-point'],
  ['central differences', { gradient: { scheme: 'central' } }, 'numerical', '3-point'],
  ['lbfgs({ memory: 10 }), analytic', { optimizer: lbfgs({ memory: 10 }) }, 'analytic', 'analytic'],
  ['bfgs(), analytic', { optimizer: bfgs() }, 'analytic', 'analytic'],
  ['bfgs() as scipy runs it, analytic', { optimizer: bfgs({ scaleInitialMatrix: false, initialStep: 'previousDecrease' }) }, 'analytic', 'analytic'],
];
for (const [label, options, kind, against] of choices) {
  const s = summarizeSet(kind, options, against);
  const vs = SCIPY_METHODS.map((m: ScipyMethod) => {
    const solved = scipy.problems.filter((p) => (p.runs as unknown as ScipyRuns)[m]![against]!.solved).length;
    return `${m} ${solved} solved, ratio ${(s.versus[m].ours / s.versus[m].theirs).toFixed(2)} on ${s.versus[m].both}`;
  });
  console.log(`  ${label.padEnd(38)} minimize ${s.solved}/35 solved, false claims ${s.falseClaims.length} | ${vs.join(' | ')}`);
}

console.log('\nper problem (calls; * = not solved): minimize analytic, numerical | scipy BFGS analytic, 2-point | L-BFGS-B analytic, 2-point');
const analytic = summarizeSet('analytic').runs;
const adaptive = summarizeSet('numerical').runs;
for (const [i, p] of MGH_PROBLEMS.entries()) {
  const runs = scipy.problems[i]!.runs as unknown as ScipyRuns;
  const c = (r: { calls: number; solved: boolean }): string => `${r.calls}${r.solved ? '' : '*'}`;
  console.log(
    `  ${String(p.id).padStart(2)} ${p.name.slice(0, 34).padEnd(34)} ${c(analytic[i]!).padStart(6)} ${c(adaptive[i]!).padStart(6)} | ${c(runs.BFGS!.analytic!).padStart(6)} ${c(runs.BFGS!['2-point']!).padStart(6)} | ${c(runs['L-BFGS-B']!.analytic!).padStart(6)} ${c(runs['L-BFGS-B']!['2-point']!).padStart(6)}`,
  );
}
