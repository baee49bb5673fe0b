/**
 * Example 2 — the gradient as a vector field (book section 4.4).
 *
 * f(x0, x1) = x0² + x1², ∇f = (2x0, 2x1). Numerical gradients at (3, 4),
 * (0, 2), (3, 0) — (6, 8), (0, 4), (6, 0) — and a quiver plot of −∇f on a grid:
 * every arrow points toward the minimum at the origin, longer where f is steeper.
 *
 *   node_modules/.bin/tsx examples/gradient-field.ts
 */
import ndarray, { type NdArray } from 'ndarray';
import { numericalGradient } from '@descent/core';
import { isMain } from './lib/main.js';
import { renderPlot, type PlotFiles } from './lib/plot.js';

/** The book's function 2: the sum of squares. */
export const f = (x: NdArray): number => x.get(0) ** 2 + x.get(1) ** 2;

/** Options of `run`. */
export interface GradientFieldOptions {
  /** Grid spacing; the grid covers [−2, 2]² like the book's np.arange(−2, 2.5, 0.25). @default 0.25 */
  spacing?: number;
  /** Output folder of the plot. @default examples/out/ */
  outDir?: string;
}

/** A numerical gradient at one point. */
export interface GradientAt {
  point: [number, number];
  gradient: [number, number];
}

/** What the example found. */
export interface GradientFieldResult {
  /** ∇f at (3, 4), (0, 2) and (3, 0). */
  gradients: GradientAt[];
  /** Number of arrows drawn. */
  arrows: number;
  /** Largest |∇f| on the grid (at the corners: 2·√8 ≈ 5.657). */
  maxNorm: number;
  /** Largest |numerical − exact| component on the grid. */
  maxAbsError: number;
  plots: PlotFiles[];
}

export const DEFAULT_SPACING = 0.25;
const GRID_LIMIT = 2;

function gradientAt(x: NdArray, x0: number, x1: number): [number, number] {
  x.set(0, x0);
  x.set(1, x1);
  const g = numericalGradient(f, x);
  return [g.get(0), g.get(1)];
}

/** Compute the gradients and draw the field. */
export async function run(options: GradientFieldOptions = {}): Promise<GradientFieldResult> {
  const spacing = options.spacing ?? DEFAULT_SPACING;
  if (!(spacing > 0 && spacing <= GRID_LIMIT)) {
    throw new RangeError(`gradient-field: spacing must be in (0, 2], got ${spacing}`);
  }
  const x = ndarray(new Float64Array(2));
  const gradients: GradientAt[] = (
    [
      [3, 4],
      [0, 2],
      [3, 0],
    ] as [number, number][]
  ).map((point) => ({ point, gradient: gradientAt(x, point[0], point[1]) }));

  const field: { x0: number; x1: number; d0: number; d1: number; norm: number }[] = [];
  let maxAbsError = 0;
  const steps = Math.round((2 * GRID_LIMIT) / spacing);
  for (let i = 0; i <= steps; i++) {
    for (let j = 0; j <= steps; j++) {
      const x0 = -GRID_LIMIT + i * spacing;
      const x1 = -GRID_LIMIT + j * spacing;
      const [g0, g1] = gradientAt(x, x0, x1);
      maxAbsError = Math.max(maxAbsError, Math.abs(g0 - 2 * x0), Math.abs(g1 - 2 * x1));
      field.push({ x0, x1, d0: -g0, d1: -g1, norm: Math.hypot(g0, g1) });
    }
  }
  const maxNorm = Math.max(...field.map((a) => a.norm));
  // the longest arrow spans 90% of a grid cell
  const scale = (0.9 * spacing) / maxNorm;
  const arrows = field.map((a) => ({
    x0: a.x0,
    x1: a.x1,
    tip0: a.x0 + scale * a.d0,
    tip1: a.x1 + scale * a.d1,
    // vega rotates symbols clockwise from "up"; x and y share one scale, so this is the arrow's heading
    angle: (Math.atan2(a.d0, a.d1) * 180) / Math.PI,
    norm: a.norm,
  }));

  const axis = { scale: { domain: [-GRID_LIMIT - spacing, GRID_LIMIT + spacing] } };
  const plots = [
    await renderPlot(
      'gradient-field',
      {
        title: '−∇f for f(x0, x1) = x0² + x1² (numerical gradients)',
        width: 400,
        height: 400,
        data: { values: arrows },
        encoding: { color: { field: 'norm', type: 'quantitative', title: '|∇f|', scale: { scheme: 'viridis' } } },
        layer: [
          {
            mark: { type: 'rule', strokeWidth: 1.5 },
            encoding: {
              x: { field: 'x0', type: 'quantitative', title: 'x0', ...axis },
              y: { field: 'x1', type: 'quantitative', title: 'x1', ...axis },
              x2: { field: 'tip0' },
              y2: { field: 'tip1' },
            },
          },
          {
            // arrow heads; the zero vector at the minimum has no direction and gets none
            transform: [{ filter: 'datum.norm > 0' }],
            mark: { type: 'point', shape: 'triangle-up', filled: true, size: 18, opacity: 1 },
            encoding: {
              x: { field: 'tip0', type: 'quantitative' },
              y: { field: 'tip1', type: 'quantitative' },
              angle: { field: 'angle', type: 'quantitative', scale: null },
            },
          },
        ],
      },
      options.outDir === undefined ? {} : { outDir: options.outDir },
    ),
  ];
  return { gradients, arrows: arrows.length, maxNorm, maxAbsError, plots };
}

/** The lines the example prints. */
export function summarize(r: GradientFieldResult): string[] {
  const fmt = (v: number): string => v.toFixed(6);
  return [
    ...r.gradients.map((g) => `∇f(${g.point.join(', ')}) ≈ (${fmt(g.gradient[0])}, ${fmt(g.gradient[1])})`),
    `${r.arrows} arrows of −∇f, |∇f| up to ${r.maxNorm.toFixed(4)}; largest error vs 2x: ${r.maxAbsError.toExponential(2)}`,
    ...r.plots.map((p) => `plot: ${p.png}`),
  ];
}

if (isMain(import.meta.url)) {
  for (const line of summarize(await run())) console.log(line);
}
