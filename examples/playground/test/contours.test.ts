import { describe, expect, it } from 'vitest';
import { contourBands, contourLevels } from '../src/contours.js';
import { sampleGrid } from '../src/plane.js';

describe('contours', () => {
  it('spaces levels evenly in log(f − f*) when the minimum is known', () => {
    const grid = { nx: 3, ny: 1, values: new Float64Array([2, 11, 1001]) };
    const levels = contourLevels(grid, 1, 4); // gaps 1 … 1000: 1, 10, 100, 1000 above f* = 1
    [2, 11, 101, 1001].forEach((v, k) => expect(levels[k]).toBeCloseTo(v, 9));
  });

  it('spaces levels evenly in f when f is unbounded below', () => {
    expect(contourLevels({ nx: 2, ny: 1, values: new Float64Array([-4, 4]) }, undefined, 5)).toEqual([-4, -2, 0, 2, 4]);
  });

  it('ignores exact minima (gap 0) and non-finite samples when choosing the range', () => {
    const levels = contourLevels({ nx: 4, ny: 1, values: new Float64Array([0, 0.01, 1, Infinity]) }, 0, 3);
    [0.01, 0.1, 1].forEach((v, k) => expect(levels[k]).toBeCloseTo(v, 12));
  });

  it('draws circles of radius √level for x0² + x1²', () => {
    const box = { x0: [-4, 4] as const, x1: [-3, 3] as const };
    const nx = 160;
    const ny = 120;
    const grid = sampleGrid(box, nx, ny, ([a, b]) => a * a + b * b);
    const bands = contourBands(grid, [1, 4]);
    expect(bands.map((b) => b.level)).toEqual([1, 4]);
    const cell = 8 / nx; // 0.05 per grid unit, both axes
    for (const band of bands) {
      const r = Math.sqrt(band.level);
      let worst = 0;
      for (const polygon of band.rings) {
        for (const ring of polygon) {
          for (const [gx, gy] of ring) {
            const a = box.x0[0] + gx! * cell;
            const b = box.x1[1] - gy! * cell;
            // the box edge is part of the region f ≥ level too: only points inside the box interior count
            if (gx! > 0 && gx! < nx && gy! > 0 && gy! < ny) worst = Math.max(worst, Math.abs(Math.hypot(a, b) - r));
          }
        }
      }
      expect(worst).toBeLessThan(cell / 4); // linear interpolation on a 0.05 grid: error ≪ a cell
    }
  });
});
