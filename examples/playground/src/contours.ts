/**
 * Contour levels and polygons of a sampled function (d3-contour's marching
 * squares), in grid coordinates; contour-canvas.ts draws them.
 */
import { contours, type ContourMultiPolygon } from 'd3-contour';
import type { Grid } from './plane.js';

/** The filled region f ≥ level of a contour plot. */
export interface Band {
  readonly level: number;
  /** Polygons (each an outer ring and its holes) in grid coordinates [gx, gy], see plane.ts's cellCentre. */
  readonly rings: ContourMultiPolygon['coordinates'];
}

/**
 * `count` contour levels for the sampled values. With a known minimum f*,
 * levels are spaced evenly in log(f − f*) between the smallest positive gap on
 * the grid and the largest (valleys like Rosenbrock's span ten decades, so even
 * spacing in f would draw them all in one line); without one (f unbounded
 * below), evenly in f between the grid's extremes. Levels are increasing.
 * @example
 * contourLevels({ nx: 2, ny: 1, values: new Float64Array([1, 100]) }, 0, 3); // ≈ [1, 10, 100]
 */
export function contourLevels(grid: Grid, minimum: number | undefined, count: number): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of grid.values) {
    if (!Number.isFinite(v)) continue;
    const gap = minimum === undefined ? v : v - minimum;
    if (gap > hi) hi = gap;
    if ((minimum === undefined || gap > 0) && gap < lo) lo = gap;
  }
  if (!(lo < hi)) return Number.isFinite(lo) ? [minimum === undefined ? lo : lo + minimum] : [];
  const levels: number[] = [];
  for (let k = 0; k < count; k++) {
    const t = count === 1 ? 0.5 : k / (count - 1);
    levels.push(minimum === undefined ? lo + t * (hi - lo) : minimum + lo * (hi / lo) ** t);
  }
  return levels;
}

/**
 * The regions f ≥ level for each level (d3-contour), lowest level first.
 * @example
 * const grid = sampleGrid(box, 120, 90, ([a, b]) => a * a + b * b);
 * contourBands(grid, contourLevels(grid, 0, 12)).length; // 12
 */
export function contourBands(grid: Grid, levels: readonly number[]): Band[] {
  const generator = contours().size([grid.nx, grid.ny]).thresholds(levels as number[]);
  return generator(Array.from(grid.values)).map((c) => ({ level: c.value, rings: c.coordinates }));
}
