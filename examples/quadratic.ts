/**
 * Example 3 — gradient descent on f(x0, x1) = x0² + x1² from (−3, 4)
 * (book section 4.4.1).
 *
 * Each step is x ← x − lr·∇f(x) = (1 − 2·lr)·x, so after 100 steps
 * x = (1 − 2·lr)^100·(−3, 4):
 *   lr 0.1   → 0.8^100 ≈ 2.04e-10: converges to the minimum at the origin;
 *   lr 10    → (−19)^100 ≈ 7.5e127 in exact arithmetic: diverges. With the
 *              book's h = 1e-4 the run stalls at the book's very numbers
 *              (−2.58983747e13, −1.29524862e12): once |xᵢ| ≥ 2^40 ≈ 1.1e12,
 *              xᵢ ± 1e-4 rounds to xᵢ, so the numerical gradient is garbage and
 *              then 0 (the distance plot says so on the plot);
 *   lr 1e-10 → (1 − 2e-10)^100: barely moves from the start.
 * `gradientDescent` runs the book's loop as is; `minimize` runs the same steps
 * (sgd) with a divergence guard and says why it stopped — for lr 10 it reports
 * 'diverged' and returns the best point it saw. The lr 0.1 path is drawn over
 * contour lines of f.
 *
 *   node_modules/.bin/tsx examples/quadratic.ts
 */
import ndarray, { type NdArray } from 'ndarray';
import { gradientDescent, minimize, sgd, type MinimizeReason } from '@descent/optim';
import { isMain } from './lib/main.js';
import { renderPlot, type PlotFiles } from './lib/plot.js';

/** The book's function 2. */
export const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;

export const START: [number, number] = [-3, 4];
/** The book's settings. */
export const DEFAULT_LEARNING_RATES = [0.1, 10, 1e-10];
export const DEFAULT_STEP_NUM = 100;
export const BOOK_H = 1e-4;
/**
 * From this |xᵢ| on, xᵢ ± BOOK_H rounds to xᵢ: a float64 in [2^e, 2^(e+1)) has
 * spacing 2^(e−52), and x + h rounds to x when h ≤ half that spacing, 2^(e−53),
 * i.e. from 2^e ≥ h·2^53 ≈ 9.0e11 — the first such power is 2^40 ≈ 1.1e12.
 */
export const BOOK_H_VANISHES_AT = 2 ** Math.ceil(Math.log2(BOOK_H * 2 ** 53));

/** Options of `run`. */
export interface QuadraticOptions {
  /** Learning rates to compare. @default [0.1, 10, 1e-10] */
  learningRates?: number[];
  /** Steps of each run (gradientDescent's stepNum, minimize's maxIterations). @default 100 */
  stepNum?: number;
  /** Output folder of the plots. @default examples/out/ */
  outDir?: string;
}

/** One learning rate's outcome. */
export interface QuadraticRun {
  lr: number;
  /** gradientDescent's end point after stepNum steps. */
  x: [number, number];
  /** The closed form (1 − 2·lr)^stepNum·(−3, 4) it should match. */
  expected: [number, number];
  /** f at the end point. */
  fun: number;
  /** minimize (sgd with this lr, at most stepNum steps): why it stopped, where, and f there. */
  minimize: { reason: MinimizeReason; converged: boolean; iterations: number; x: [number, number]; fun: number; message: string };
}

/** What the example found. */
export interface QuadraticResult {
  runs: QuadraticRun[];
  plots: PlotFiles[];
}

function pair(x: NdArray): [number, number] {
  return [x.get(0), x.get(1)];
}

/** Run gradient descent and minimize for each learning rate, and draw the descent path. */
export async function run(options: QuadraticOptions = {}): Promise<QuadraticResult> {
  const learningRates = options.learningRates ?? DEFAULT_LEARNING_RATES;
  const stepNum = options.stepNum ?? DEFAULT_STEP_NUM;
  const plotOptions = options.outDir === undefined ? {} : { outDir: options.outDir };
  const x0 = ndarray(Float64Array.from(START));

  const paths: { lr: number; history: number[][] }[] = [];
  const runs = learningRates.map((lr): QuadraticRun => {
    const gd = gradientDescent(f, x0, { lr, stepNum, gradient: { h: BOOK_H } });
    paths.push({ lr, history: [...gd.history, Array.from(gd.x.data)] });
    const factor = (1 - 2 * lr) ** stepNum;
    const m = minimize(f, x0, { optimizer: sgd({ lr }), maxIterations: stepNum });
    return {
      lr,
      x: pair(gd.x),
      expected: [START[0] * factor, START[1] * factor],
      fun: f(gd.x),
      minimize: { reason: m.reason, converged: m.converged, iterations: m.iterations, x: pair(m.x), fun: m.fun, message: m.message },
    };
  });

  // Contour lines f = r² are circles of radius r.
  const contours: { x0: number; x1: number; level: number; order: number }[] = [];
  for (let r = 0.5; r <= 5; r += 0.5) {
    for (let k = 0; k <= 72; k++) {
      const angle = (2 * Math.PI * k) / 72;
      contours.push({ x0: r * Math.cos(angle), x1: r * Math.sin(angle), level: r * r, order: k });
    }
  }
  const path = paths
    .filter((p) => p.history.every((point) => point.every((v) => Math.abs(v) <= 5)))
    .flatMap((p) => p.history.map(([a, b], step) => ({ x0: a!, x1: b!, step, lr: `lr = ${p.lr}` })));
  const axis = { scale: { domain: [-5, 5] } };

  const distance = paths.flatMap((p) =>
    p.history.map(([a, b], step) => ({ step, distance: Math.hypot(a!, b!), lr: `lr = ${p.lr}` })),
  );

  const plots = [
    await renderPlot(
      'quadratic-path',
      {
        title: `Descent paths on x0² + x1² from (−3, 4), ${stepNum} steps (paths leaving the frame omitted)`,
        width: 380,
        height: 380,
        layer: [
          {
            data: { values: contours },
            mark: { type: 'line', strokeWidth: 0.8, color: '#bbb' },
            encoding: {
              x: { field: 'x0', type: 'quantitative', title: 'x0', ...axis },
              y: { field: 'x1', type: 'quantitative', title: 'x1', ...axis },
              detail: { field: 'level', type: 'quantitative' },
              order: { field: 'order', type: 'quantitative' },
            },
          },
          {
            data: { values: path },
            mark: { type: 'line', point: { size: 25 } },
            encoding: {
              x: { field: 'x0', type: 'quantitative' },
              y: { field: 'x1', type: 'quantitative' },
              order: { field: 'step', type: 'quantitative' },
              color: { field: 'lr', type: 'nominal', title: null, legend: { orient: 'bottom-right' } },
            },
          },
        ],
      },
      plotOptions,
    ),
    await renderPlot(
      'quadratic-distance',
      {
        title: 'Distance to the minimum |x| per step (log scale)',
        width: 520,
        height: 300,
        layer: [
          {
            data: { values: distance },
            mark: 'line',
            encoding: {
              x: { field: 'step', type: 'quantitative' },
              y: { field: 'distance', type: 'quantitative', scale: { type: 'log' }, axis: { format: '.0e' }, title: '|x|' },
              color: { field: 'lr', type: 'nominal', title: null, legend: { orient: 'right' } },
            },
          },
          {
            // where the book's step vanishes against the coordinates: the lr = 10 run cannot move past it
            data: { values: [{ y: BOOK_H_VANISHES_AT }] },
            mark: { type: 'rule', strokeDash: [4, 3], color: '#888' },
            encoding: { y: { field: 'y', type: 'quantitative' } },
          },
          {
            data: {
              values: [
                // (three short lines: vega sizes the chart by its estimate of 0.8·fontSize per character)
                { step: 13, y: BOOK_H_VANISHES_AT / 10, text: 'lr = 10 goes flat: once |xᵢ| ≥ 2⁴⁰ ≈ 1.1e12 (dashed),' },
                { step: 13, y: BOOK_H_VANISHES_AT / 100, text: "xᵢ ± h rounds to xᵢ for the book's h = 1e-4, so" },
                { step: 13, y: BOOK_H_VANISHES_AT / 1000, text: 'the numerical gradient is 0 and x stops moving' },
              ],
            },
            mark: { type: 'text', fontSize: 10.5, color: '#444', align: 'left' },
            encoding: { x: { field: 'step', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'text' } },
          },
        ],
      },
      plotOptions,
    ),
  ];
  return { runs, plots };
}

/** The lines the example prints. */
export function summarize(r: QuadraticResult): string[] {
  const p = (v: [number, number]): string => `(${v[0].toPrecision(9)}, ${v[1].toPrecision(9)})`;
  return [
    ...r.runs.flatMap((q) => [
      `lr ${q.lr}: gradientDescent ends at ${p(q.x)}, f = ${q.fun.toPrecision(4)} (closed form ${p(q.expected)})`,
      `  minimize: ${q.minimize.reason} after ${q.minimize.iterations} steps, x = ${p(q.minimize.x)}, f = ${q.minimize.fun.toPrecision(4)} — ${q.minimize.message}`,
    ]),
    ...r.plots.map((plot) => `plot: ${plot.png}`),
  ];
}

if (isMain(import.meta.url)) {
  for (const line of summarize(await run())) console.log(line);
}
