/**
 * The map between the plane of a function's box and the pixels of the plot
 * (x0 to the right, x1 up), and the grid on which the plot samples f.
 */
import type { Box, Point } from './functions.js';

/** A plot of `box` on a `width` × `height` pixel area. */
export interface Plane {
  readonly box: Box;
  readonly width: number;
  readonly height: number;
}

/**
 * The pixel of a point (x1 grows upward, pixel y downward).
 * @example
 * toPixel({ box: { x0: [-2, 2], x1: [-1, 2] }, width: 400, height: 300 }, [0, 0]); // → [200, 200]
 */
export function toPixel(plane: Plane, p: Point): [number, number] {
  const { box, width, height } = plane;
  return [((p[0] - box.x0[0]) / (box.x0[1] - box.x0[0])) * width, ((box.x1[1] - p[1]) / (box.x1[1] - box.x1[0])) * height];
}

/**
 * The point under a pixel, rounded to `decimals` decimals (a clicked start
 * point is a number a person can type back).
 * @example
 * toPoint({ box: { x0: [-2, 2], x1: [-1, 2] }, width: 400, height: 300 }, [100, 50], 2); // → [−1, 1.5]
 */
export function toPoint(plane: Plane, pixel: readonly [number, number], decimals = 2): Point {
  const { box, width, height } = plane;
  const scale = 10 ** decimals;
  const round = (v: number): number => Math.round(v * scale) / scale + 0; // + 0 turns −0 into 0
  return [round(box.x0[0] + (pixel[0] / width) * (box.x0[1] - box.x0[0])), round(box.x1[1] - (pixel[1] / height) * (box.x1[1] - box.x1[0]))];
}

/** f sampled on an nx × ny grid of cell centres, row 0 at the top (x1 = max), as d3-contour reads it. */
export interface Grid {
  readonly nx: number;
  readonly ny: number;
  /** values[j·nx + i] = f at the centre of column i, row j. */
  readonly values: Float64Array;
}

/**
 * The centre of grid cell (i, j): x0 = min + (i + ½)·Δ0, x1 = max − (j + ½)·Δ1,
 * so grid coordinate (gx, gy) of a contour lies at x0 = min + gx·Δ0, x1 = max − gy·Δ1.
 * @example
 * cellCentre({ x0: [0, 4], x1: [0, 3] }, 4, 3, 0, 0); // → [0.5, 2.5]
 */
export function cellCentre(box: Box, nx: number, ny: number, i: number, j: number): Point {
  return [box.x0[0] + ((i + 0.5) * (box.x0[1] - box.x0[0])) / nx, box.x1[1] - ((j + 0.5) * (box.x1[1] - box.x1[0])) / ny];
}

/**
 * Sample `value` at the centre of every cell of an nx × ny grid over `box`.
 * @example
 * sampleGrid({ x0: [0, 2], x1: [0, 1] }, 2, 1, ([a, b]) => a + 10 * b).values; // → Float64Array [5.5, 6.5]
 */
export function sampleGrid(box: Box, nx: number, ny: number, value: (p: Point) => number): Grid {
  const values = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) for (let i = 0; i < nx; i++) values[j * nx + i] = value(cellCentre(box, nx, ny, i, j));
  return { nx, ny, values };
}
