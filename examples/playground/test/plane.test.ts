import { describe, expect, it } from 'vitest';
import { cellCentre, sampleGrid, toPixel, toPoint, type Plane } from '../src/plane.js';

const plane: Plane = { box: { x0: [-2, 2], x1: [-1, 2] }, width: 400, height: 300 };

describe('plane', () => {
  it('maps corners and the origin to pixels, x1 upward', () => {
    expect(toPixel(plane, [-2, 2])).toEqual([0, 0]); // top left
    expect(toPixel(plane, [2, -1])).toEqual([400, 300]); // bottom right
    expect(toPixel(plane, [0, 0])).toEqual([200, 200]); // 2/3 of the way down
  });

  it('maps a pixel back to a point rounded to the given decimals', () => {
    expect(toPoint(plane, [100, 50])).toEqual([-1, 1.5]);
    // pixel (123, 77): x0 = −2 + 123/100 = −0.77, x1 = 2 − 0.77 = 1.23
    expect(toPoint(plane, [123, 77])).toEqual([-0.77, 1.23]);
    expect(toPoint(plane, [123.4, 77.4], 3)).toEqual([-0.766, 1.226]);
    expect(Object.is(toPoint(plane, [200.1, 200.1])[0], 0)).toBe(true); // −0.001 rounds to 0, not −0
  });

  it('samples cell centres with row 0 at the top', () => {
    expect(cellCentre({ x0: [0, 4], x1: [0, 3] }, 4, 3, 0, 0)).toEqual([0.5, 2.5]);
    expect(cellCentre({ x0: [0, 4], x1: [0, 3] }, 4, 3, 3, 2)).toEqual([3.5, 0.5]);
    const grid = sampleGrid({ x0: [0, 2], x1: [0, 2] }, 2, 2, ([a, b]) => a + 10 * b);
    expect(Array.from(grid.values)).toEqual([15.5, 16.5, 5.5, 6.5]);
  });
});
