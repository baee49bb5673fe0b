/**
 * Example 1 — the numerical derivative (book section 4.3).
 *
 * f(x) = 0.01x² + 0.1x, f'(x) = 0.02x + 0.1: the central difference at 5 and 10
 * (≈ 0.2 and 0.3), the rounding lesson (h = 1e-50 vanishes in x + h, so the
 * naive forward difference gives 0; the forward difference's error is O(h),
 * the central difference's O(h²) — zero for a quadratic — until rounding,
 * ≈ ε·|f|/h, takes over for tiny h), and
 * plots of f with its tangent lines and of the error against h.
 *
 *   node_modules/.bin/tsx examples/derivative.ts
 */
import { numericalDiff } from '@descent/core';
import { isMain } from './lib/main.js';
import { renderPlot, type PlotFiles } from './lib/plot.js';
import { errorVsHSpec, type ErrorVsHPoint } from './lib/plot-specs.js';

/** The book's function 1. */
export const f = (x: number): number => 0.01 * x * x + 0.1 * x;
/** Its exact derivative. */
export const fPrime = (x: number): number => 0.02 * x + 0.1;

/** Options of `run`. */
export interface DerivativeOptions {
  /** Points where the derivative is taken and a tangent drawn. @default [5, 10] */
  points?: number[];
  /** Output folder of the plots. @default examples/out/ */
  outDir?: string;
}

/** One derivative of f. */
export interface DerivativeAt {
  x: number;
  /** numericalDiff from @descent/core: central difference, step chosen by the library. */
  numerical: number;
  /** 0.02x + 0.1 */
  exact: number;
  absError: number;
}

/** What the example found. */
export interface DerivativeResult {
  derivatives: DerivativeAt[];
  /** The book's forward difference with h = 1e-50 (stepUnderflow 'zero'): 0, since 5 + 1e-50 === 5 in float64. */
  tinyStepForward: number;
  /** What numericalDiff says about h = 1e-50 by default (it refuses a step that vanishes). */
  tinyStepError: string;
  /** |forward − exact| and |central − exact| at x = 5 with the book's h = 1e-4. */
  forwardErrorAtBookH: number;
  centralErrorAtBookH: number;
  /** The h in 10^−1 … 10^−16 with the smallest forward-difference error at x = 5 (about √ε ≈ 1e-8). */
  bestForwardH: number;
  plots: PlotFiles[];
}

export const DEFAULT_POINTS = [5, 10];
/** The book's step for the fixed-h comparison. */
export const BOOK_H = 1e-4;

/** Compute the derivatives and the rounding lesson, and draw both plots. */
export async function run(options: DerivativeOptions = {}): Promise<DerivativeResult> {
  const points = options.points ?? DEFAULT_POINTS;
  const plotOptions = options.outDir === undefined ? {} : { outDir: options.outDir };

  const derivatives = points.map((at) => {
    const numerical = numericalDiff(f, at);
    const exact = fPrime(at);
    return { x: at, numerical, exact, absError: Math.abs(numerical - exact) };
  });

  // The book's fixed-step quotients (dividing by the nominal h, 2h); a step lost to rounding (x + h === x) gives 0 as in the book.
  const forward = (x: number, h: number): number => numericalDiff(f, x, { h, scheme: 'forward', stepUnderflow: 'zero', quotient: 'nominal' });
  const central = (x: number, h: number): number => numericalDiff(f, x, { h, scheme: 'central', stepUnderflow: 'zero', quotient: 'nominal' });
  let tinyStepError = '';
  try {
    numericalDiff(f, 5, { h: 1e-50 });
  } catch (error) {
    tinyStepError = error instanceof Error ? error.message : String(error);
  }

  const errors: ErrorVsHPoint[] = [];
  let bestForwardH = 1;
  let bestForwardError = Infinity;
  for (let k = 1; k <= 16; k++) {
    const h = 10 ** -k;
    const forwardError = Math.abs(forward(5, h) - fPrime(5));
    const centralError = Math.abs(central(5, h) - fPrime(5));
    if (forwardError < bestForwardError) {
      bestForwardError = forwardError;
      bestForwardH = h;
    }
    // a log axis cannot show an exact 0; such points are left out of the plot
    if (forwardError > 0) errors.push({ h, scheme: 'forward (f(x+h) − f(x)) / h', error: forwardError });
    if (centralError > 0) errors.push({ h, scheme: 'central (f(x+h) − f(x−h)) / 2h', error: centralError });
  }

  const curve: { x: number; y: number; series: string }[] = [];
  for (let i = 0; i <= 80; i++) curve.push({ x: i / 4, y: f(i / 4), series: 'f(x) = 0.01x² + 0.1x' });
  for (const d of derivatives) {
    for (const xs of [d.x - 5, d.x + 5]) {
      curve.push({ x: xs, y: f(d.x) + d.numerical * (xs - d.x), series: `tangent at x = ${d.x} (slope ${d.numerical.toFixed(4)})` });
    }
  }

  const plots = [
    await renderPlot(
      'derivative-tangents',
      {
        title: 'f and its tangent lines from the numerical derivative',
        width: 420,
        height: 300,
        data: { values: curve },
        mark: 'line',
        encoding: {
          x: { field: 'x', type: 'quantitative' },
          y: { field: 'y', type: 'quantitative', title: 'y' },
          color: { field: 'series', type: 'nominal', title: null, legend: { orient: 'top-left', labelLimit: 400 } },
        },
      },
      plotOptions,
    ),
    await renderPlot('derivative-error-vs-h', errorVsHSpec("Error of the difference quotient of f at x = 5 (exact f' = 0.2)", errors), plotOptions),
  ];

  return {
    derivatives,
    tinyStepForward: forward(5, 1e-50),
    tinyStepError,
    forwardErrorAtBookH: Math.abs(forward(5, BOOK_H) - fPrime(5)),
    centralErrorAtBookH: Math.abs(central(5, BOOK_H) - fPrime(5)),
    bestForwardH,
    plots,
  };
}

/** The lines the example prints. */
export function summarize(r: DerivativeResult): string[] {
  return [
    ...r.derivatives.map((d) => `f'(${d.x}) ≈ ${d.numerical} (exact ${Number(d.exact.toPrecision(15))}, error ${d.absError.toExponential(2)})`),
    `rounding: (f(5 + 1e-50) − f(5)) / 1e-50 = ${r.tinyStepForward} — 5 + 1e-50 rounds to 5`,
    `  numericalDiff refuses that step by default: ${r.tinyStepError}`,
    `h = 1e-4: forward error ${r.forwardErrorAtBookH.toExponential(2)} (truncation f''·h/2 = 0.01·h), ` +
      `central error ${r.centralErrorAtBookH.toExponential(2)} (its truncation term f'''·h²/6 is 0 for a quadratic: only rounding is left)`,
    `forward difference is best near h = ${r.bestForwardH.toExponential(0)} ≈ √ε: smaller h lets rounding error (≈ ε·|f|/h) win`,
    ...r.plots.map((p) => `plot: ${p.png}`),
  ];
}

if (isMain(import.meta.url)) {
  for (const line of summarize(await run())) console.log(line);
}
