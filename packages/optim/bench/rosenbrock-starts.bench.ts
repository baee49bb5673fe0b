/**
 * 2-D Rosenbrock from a grid of 225 starts around (−1.2, 1) — the
 * distribution behind the single count of issue 11's table. Counts of calls of
 * f (numerical-gradient calls included) to the TRUE ‖∇f‖∞ ≤ 1e-5, for
 * `minimize`'s default, `bfgs()` configured as scipy runs BFGS, and — when
 * python3 has scipy — scipy's BFGS and L-BFGS-B (to the same tolerance) from the
 * same starts, run live (bench/scipy_rosenbrock_starts.py); without it, scipy's
 * recorded figures (test/minimize/problems/scipy-rosenbrock-starts.json), and the
 * bench says which. Deterministic: no timing.
 *
 * Why: the count from (−1.2, 1) alone swings with small changes of the path
 * (e.g. the first step's length: 26 to 50 calls), so one start says little
 * about a method; quartiles over nearby starts do.
 *
 * Run: `node_modules/.bin/tsx packages/optim/bench/rosenbrock-starts.bench.ts`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bfgs, type MinimizeOptions } from '../src/index.js';
import { chainedRosenbrock, countMinimize, ROSENBROCK_CENTRE as CENTRE, ROSENBROCK_STARTS as STARTS, type GradientKind } from '../test/minimize/problems/harness.js';
import recorded from '../test/minimize/problems/scipy-rosenbrock-starts.json' with { type: 'json' };
import { median, quantile } from '../../../scripts/bench-stats.js';
/** The targets of issue 11's table for this problem. */
const TARGET: Record<GradientKind, number> = { analytic: 39, numerical: 100 };

/** [calls, solved] per start. */
type Runs = [number, boolean][];

function row(label: string, kind: GradientKind, runs: Runs): string[] {
  const calls = runs.map((r) => r[0]);
  const solved = runs.filter((r) => r[1]).length;
  const atTarget = runs.filter((r) => r[1] && r[0] <= TARGET[kind]).length;
  const [c, ok] = runs[CENTRE]!;
  return [label, kind, `${c}${ok ? '' : '*'}`, String(Math.min(...calls)), String(quantile(calls, 0.25)), String(median(calls)), String(quantile(calls, 0.75)), `${solved}/${runs.length}`, `${atTarget}`];
}

function ours(kind: GradientKind, options: MinimizeOptions): Runs {
  const rosenbrock = chainedRosenbrock();
  return STARTS.map((x0) => {
    const r = countMinimize(rosenbrock, x0, kind, options);
    return [r.calls, r.solved];
  });
}

type ScipyRecord = { scipy: string; runs: Record<string, Record<'analytic' | '2-point', Runs>> };

function liveScipy(): ScipyRecord | null {
  const script = fileURLToPath(new URL('./scipy_rosenbrock_starts.py', import.meta.url));
  const run = spawnSync('python3', [script], { input: JSON.stringify(STARTS), encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (run.status !== 0 || !run.stdout) return null;
  try {
    return JSON.parse(run.stdout);
  } catch {
    return null;
  }
}

const rows: string[][] = [['method', 'gradient', 'from (−1.2, 1)', 'min', 'q25', 'median', 'q75', 'solved', `≤ target (39 / 100)`]];
const scipyLike = { optimizer: bfgs({ scaleInitialMatrix: false, initialStep: 'previousDecrease' }) };
for (const kind of ['analytic', 'numerical'] as const) {
  rows.push(row('minimize (default: L-BFGS)', kind, ours(kind, {})));
  rows.push(row('minimize, bfgs() as scipy runs it', kind, ours(kind, scipyLike)));
}
const live = liveScipy();
const scipy = live ?? (recorded as unknown as ScipyRecord);
{
  for (const [name, byKind] of Object.entries(scipy.runs)) {
    rows.push(row(`scipy ${scipy.scipy} ${name}`, 'analytic', byKind.analytic));
    rows.push(row(`scipy ${scipy.scipy} ${name}`, 'numerical', byKind['2-point']));
  }
}
console.log(`2-D Rosenbrock from ${STARTS.length} starts on [−1.4, −1.0] × [0.8, 1.2] (calls of f to the true ‖∇f‖∞ ≤ 1e-5; * = not solved)`);
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
for (const r of rows) console.log('  ' + r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
console.log(`  scipy: ${live ? 'run live' : 'recorded figures (python3 with scipy not available)'}`);
