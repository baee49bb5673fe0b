// Every example runs with small settings and returns the numbers it is about;
// its plots are real PNG files.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as derivative from '../derivative.js';
import * as digits from '../digits.js';
import * as gradientField from '../gradient-field.js';
import * as iris from '../iris.js';
import * as quadratic from '../quadratic.js';
import * as simpleNet from '../simple-net.js';
import type { PlotFiles } from '../lib/plot.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const outDir = mkdtempSync(join(tmpdir(), 'descent-examples-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

function expectPlots(plots: PlotFiles[], count: number): void {
  expect(plots).toHaveLength(count);
  for (const p of plots) {
    expect(p.png.startsWith(outDir)).toBe(true);
    expect(Array.from(readFileSync(p.png).subarray(0, 8))).toEqual(PNG_SIGNATURE);
    expect(readFileSync(p.svg, 'utf8')).toMatch(/^<svg/);
  }
}

describe('examples (smoke)', () => {
  it('derivative: f′(5) ≈ 0.2 and f′(10) ≈ 0.3 to 1e-9; h = 1e-50 gives 0; forward error 0.01·h', async () => {
    const r = await derivative.run({ outDir });
    expect(r.derivatives.map((d) => d.x)).toEqual([5, 10]);
    expect(Math.abs(r.derivatives[0]!.numerical - 0.2)).toBeLessThan(1e-9);
    expect(Math.abs(r.derivatives[1]!.numerical - 0.3)).toBeLessThan(1e-9);
    expect(r.tinyStepForward).toBe(0);
    expect(r.tinyStepError).toMatch(/h=1e-50 is below the spacing/);
    // forward difference of 0.01x² + 0.1x: (f(x+h) − f(x))/h = f'(x) + 0.01·h exactly (up to rounding)
    expect(r.forwardErrorAtBookH).toBeCloseTo(1e-6, 9);
    expectPlots(r.plots, 2);
  });

  it('gradient-field: ∇f(3, 4) = (6, 8), ∇f(0, 2) = (0, 4), ∇f(3, 0) = (6, 0); a coarse grid of arrows', async () => {
    const r = await gradientField.run({ outDir, spacing: 1 });
    const expected = [
      [6, 8],
      [0, 4],
      [6, 0],
    ];
    r.gradients.forEach((g, i) => {
      expect(g.gradient[0]).toBeCloseTo(expected[i]![0]!, 8);
      expect(g.gradient[1]).toBeCloseTo(expected[i]![1]!, 8);
    });
    expect(r.arrows).toBe(25); // x0, x1 ∈ {−2, −1, 0, 1, 2}
    expect(r.maxNorm).toBeCloseTo(2 * Math.SQRT2 * 2, 8); // |∇f(2, 2)| = |(4, 4)|
    expectPlots(r.plots, 1);
  });

  it('quadratic: lr 0.1 ends at the book reference, lr 10 diverges (minimize says so), lr 1e-10 barely moves', async () => {
    const r = await quadratic.run({ outDir });
    const [converging, diverging, stalling] = r.runs;
    // the book's gradient_descent(function_2, [-3, 4], lr=0.1, step_num=100) = [-6.11110793e-10, 8.14814391e-10];
    // in exact arithmetic 0.8^100·(−3, 4) — the central difference is exact for a quadratic up to rounding
    expect(converging!.x[0]).toBeCloseTo(-6.11110793e-10, 17);
    expect(converging!.x[1]).toBeCloseTo(8.14814391e-10, 17);
    expect(converging!.minimize.reason).toBe('gradTol');
    expect(Math.hypot(...diverging!.x)).toBeGreaterThan(1e12);
    expect(diverging!.minimize.reason).toBe('diverged');
    expect(diverging!.minimize.x).toEqual([-3, 4]); // the best point seen is the start
    // (1 − 2e-10)^100 ≈ 1 − 2e-8: (−2.99999994, 3.99999992)
    expect(stalling!.x[0]).toBeCloseTo(-2.99999994, 8);
    expect(stalling!.x[1]).toBeCloseTo(3.99999992, 8);
    expect(stalling!.minimize.converged).toBe(false);
    expectPlots(r.plots, 2);
  });

  it('simple-net: the book loss 0.9280682857864075 and ∂L/∂w₁₃ ≈ −0.36281', () => {
    const r = simpleNet.run();
    expect(r.loss).toBeCloseTo(0.9280682857864075, 14);
    expect(r.dW[0]![2]).toBeCloseTo(-0.36281, 6);
    expect(r.predictedClass).toBe(2);
  });

  it('iris: after 5 epochs of numerical-gradient training the test accuracy is above chance (1/3) and gradCheck passes', async () => {
    const r = await iris.run({ outDir, epochs: 5 });
    expect(r.trainSize).toBe(120);
    expect(r.testSize).toBe(30);
    expect(r.parameterCount).toBe(4 * 10 + 10 + 10 * 3 + 3);
    expect(r.steps).toBe(5 * 4); // 120 flowers in batches of 30
    expect(r.testAccuracy).toBeGreaterThan(0.5);
    expect(r.gradCheck.passed).toBe(true);
    expectPlots(r.plots, 1);
  });

  it('digits: a small net on 30 digits per class learns above chance (1/10) with backprop; gradCheck passes; the pool gradient has chapter4Gradient\'s bits', async () => {
    const chapter4 = { workers: 2, numpy: false, checkRows: 3 };
    const r = await digits.run({ outDir, samplesPerClass: 30, hiddenSize: 8, epochs: 3, batchSize: 20, lr: 0.01, checkBatchSize: 1, chapter4 });
    expect(r.trainSize).toBe(240);
    expect(r.testSize).toBe(60);
    expect(r.parameterCount).toBe(784 * 8 + 8 + 8 * 10 + 10);
    expect(r.steps).toBe(3 * 12);
    expect(r.testAccuracy).toBeGreaterThan(0.3);
    expect(r.gradCheck.passed).toBe(true);
    expect(r.numericalGradientMs).toBeGreaterThan(r.backpropGradientMs);
    // fast mode: 4 directions over all four arrays at once × 2 losses, whatever the number of weights
    expect(r.fastGradCheck).toMatchObject({ evaluations: 8, passed: true });
    // chapter-4 step: every weight on a batch of 100 by the pool; W1's first 3 rows, b1, W2, b2 recomputed in process
    expect(r.chapter4).toMatchObject({ batchSize: 100, weights: 784 * 8 + 8 + 8 * 10 + 10, workers: 2, checked: 3 * 8 + 8 + 80 + 10, maxDifference: 0, identical: true, numpy: null, numpySkipped: 'not asked for' });
    expectPlots(r.plots, 1);
  });
});
