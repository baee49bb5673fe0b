/**
 * Runs every example with its default settings, prints each one's key numbers,
 * plot paths and wall time, and exits with code 1 when a target is missed or an
 * example fails.
 *
 *   pnpm examples          (from the repository root)
 *   node_modules/.bin/tsx examples/run-all.ts
 */
import * as derivative from './derivative.js';
import * as digits from './digits.js';
import * as gradientField from './gradient-field.js';
import * as iris from './iris.js';
import { isMain } from './lib/main.js';
import * as quadratic from './quadratic.js';
import * as simpleNet from './simple-net.js';

/** One example as run-all sees it. */
interface Entry<R> {
  name: string;
  run: () => R | Promise<R>;
  summarize: (result: R) => string[];
  /** The targets: a description and whether the result meets it. */
  targets: (result: R) => { target: string; met: boolean }[];
}

/** Type-erasing constructor so the list below can mix result types. */
function entry<R>(e: Entry<R>): Entry<unknown> {
  return e as Entry<unknown>;
}

const EXAMPLES: Entry<unknown>[] = [
  entry({
    name: 'derivative',
    run: () => derivative.run(),
    summarize: derivative.summarize,
    targets: (r) => [
      ...r.derivatives.map((d) => ({ target: `f'(${d.x}) within 1e-9 of ${Number(d.exact.toPrecision(12))}`, met: d.absError < 1e-9 })),
      { target: 'h = 1e-50 forward difference is 0 (the rounding lesson)', met: r.tinyStepForward === 0 },
    ],
  }),
  entry({
    name: 'gradient-field',
    run: () => gradientField.run(),
    summarize: gradientField.summarize,
    targets: (r) => [{ target: 'numerical ∇f within 1e-8 of (2x0, 2x1) on the whole grid', met: r.maxAbsError < 1e-8 }],
  }),
  entry({
    name: 'quadratic',
    run: () => quadratic.run(),
    summarize: quadratic.summarize,
    targets: (r) => {
      const at = (lr: number) => r.runs.find((q) => q.lr === lr)!;
      const [converging, diverging, stalling] = [at(0.1), at(10), at(1e-10)];
      return [
        {
          target: 'lr 0.1 converges: endpoint = 0.8^100·(−3, 4) within 1e-6 relative, minimize reports gradTol',
          met:
            converging.x.every((v, i) => Math.abs(v - converging.expected[i]!) <= 1e-6 * Math.abs(converging.expected[i]!)) &&
            converging.minimize.reason === 'gradTol',
        },
        {
          target: "lr 10 diverges: |x| > 1e6, minimize reports 'diverged' and returns the start (f = 25)",
          met: Math.hypot(...diverging.x) > 1e6 && diverging.minimize.reason === 'diverged' && diverging.minimize.fun === 25,
        },
        {
          target: 'lr 1e-10 barely moves: |x − (−3, 4)| < 1e-6 after 100 steps',
          met: Math.hypot(stalling.x[0] + 3, stalling.x[1] - 4) < 1e-6,
        },
      ];
    },
  }),
  entry({
    name: 'simple-net',
    run: () => simpleNet.run(),
    summarize: simpleNet.summarize,
    targets: (r) => [{ target: 'loss = 0.9280682857864075 (book reference)', met: Math.abs(r.loss - 0.9280682857864075) < 1e-12 }],
  }),
  entry({
    name: 'iris',
    run: () => iris.run(),
    summarize: iris.summarize,
    targets: (r) => [
      { target: `test accuracy ≥ 95% with numerical gradients (got ${(100 * r.testAccuracy).toFixed(1)}%)`, met: r.testAccuracy >= 0.95 },
      { target: 'gradCheck: backprop agrees with the numerical gradient', met: r.gradCheck.passed },
    ],
  }),
  entry({
    name: 'digits',
    run: () => digits.run({ onLine: (line) => console.log(line) }),
    summarize: digits.summarize,
    targets: (r) => [
      { target: `held-out accuracy ≥ 90% with backprop (got ${(100 * r.testAccuracy).toFixed(1)}%)`, met: r.testAccuracy >= 0.9 },
      { target: 'gradCheck: backprop agrees with the numerical gradient', met: r.gradCheck.passed },
    ],
  }),
];

/** Run every example in order; return the number of missed targets and failed examples. */
export async function runAll(): Promise<number> {
  let failures = 0;
  const started = performance.now();
  const table: string[] = [];
  for (const e of EXAMPLES) {
    console.log(`\n=== ${e.name} ===`);
    const t0 = performance.now();
    try {
      const result = await e.run();
      const seconds = (performance.now() - t0) / 1000;
      for (const line of e.summarize(result)) console.log(line);
      console.log(`(${e.name}: ${seconds.toFixed(2)} s)`);
      for (const t of e.targets(result)) {
        if (!t.met) failures++;
        table.push(`${t.met ? 'ok    ' : 'MISSED'} ${e.name}: ${t.target}`);
      }
    } catch (error) {
      failures++;
      console.error(error);
      table.push(`FAILED ${e.name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  console.log(`\n=== targets ===`);
  for (const line of table) console.log(line);
  console.log(`all examples: ${((performance.now() - started) / 1000).toFixed(1)} s, ${failures === 0 ? 'every target met' : `${failures} missed or failed`}`);
  return failures;
}

if (isMain(import.meta.url)) {
  process.exitCode = (await runAll()) === 0 ? 0 : 1;
}
