import { describe, expect, it } from 'vitest';
import { errorCurves, quotientAt, SCALAR_FUNCTIONS, stepsBetween } from '../src/derivative/lesson.js';

const [book, sin, exp] = SCALAR_FUNCTIONS as [typeof SCALAR_FUNCTIONS[0], typeof SCALAR_FUNCTIONS[0], typeof SCALAR_FUNCTIONS[0]];

describe('derivative lesson', () => {
  it("gives core's values for the book's function at x = 5, h = 1e-4 (README numbers)", () => {
    expect(quotientAt(book, 5, 1e-4, 'central', 'actual').value).toBe(0.19999999999955592);
    expect(quotientAt(book, 5, 1e-4, 'central', 'nominal').value).toBe(0.1999999999990898);
    // forward difference of 0.01x² + 0.1x: f′(x) + 0.01·h exactly, up to rounding
    expect(quotientAt(book, 5, 1e-4, 'forward', 'nominal').error).toBeCloseTo(1e-6, 9);
  });

  it('reports a step that vanishes next to x as refused, with the error code', () => {
    const r = quotientAt(book, 5, 1e-50, 'central', 'actual');
    expect(r.value).toBeUndefined();
    expect(r.error).toBeUndefined();
    expect(r.refused).toMatch(/^STEP_UNDERFLOW: /);
    expect(quotientAt(sin, 1, 'auto', 'five-point', 'actual').error).toBeLessThan(1e-12);
  });

  it('shows truncation error of order h, h² and h⁴ where rounding is negligible', () => {
    // Taylor: forward ≈ f″h/2, central ≈ f‴h²/6, five-point ≈ f⁽⁵⁾h⁴/30; for sin at 1: f″ = −sin 1, f‴ = −cos 1, f⁽⁵⁾ = cos 1
    const points = errorCurves(sin, 1, [1e-3, 1e-2]);
    const error = (scheme: string, h: number) => points.find((p) => p.scheme === scheme && p.h === h && p.quotient === 'actual')!.error;
    expect(error('forward', 1e-3) / ((Math.sin(1) * 1e-3) / 2)).toBeCloseTo(1, 2);
    expect(error('central', 1e-3) / ((Math.cos(1) * 1e-6) / 6)).toBeCloseTo(1, 2);
    expect(error('five-point', 1e-2) / ((Math.cos(1) * 1e-8) / 30)).toBeCloseTo(1, 2);
  });

  it('shows rounding error growing like ε/h for tiny h, and the flat shelf where x + h === x', () => {
    const points = errorCurves(exp, 1, [1e-12, 1e-20]);
    const central = (h: number) => points.find((p) => p.scheme === 'central' && p.h === h && p.quotient === 'actual')!.error;
    expect(central(1e-12)).toBeGreaterThan(1e-6); // ε·e/1e-12 ≈ 6e-4 in magnitude: rounding dominates
    expect(central(1e-20)).toBe(Math.E); // 1 ± 1e-20 === 1: the quotient is 0, its error |f′(1)| = e
  });

  it('leaves exact zeros out (a log axis cannot show them) and keeps the rest', () => {
    // f = 3x at x = 1 with h = 2⁻¹, 2⁻²: every node, f value and quotient is exact, so every error is 0
    const line = { ...book, f: (x: number) => 3 * x, df: () => 3 };
    expect(errorCurves(line, 1, [0.5, 0.25])).toEqual([]);
    // the book's quadratic at x = 4: forward keeps its truncation 0.01·h, central and five-point only rounding (< 1e-15)
    const points = errorCurves(book, 4, [0.5, 0.25]);
    expect(points).toHaveLength(12);
    for (const p of points) {
      if (p.scheme === 'forward') expect(p.error).toBeCloseTo(0.01 * p.h, 14);
      else expect(p.error).toBeLessThan(1e-15);
    }
  });

  it('builds log-spaced steps', () => {
    expect(stepsBetween(-2, 0, 1)).toEqual([0.01, 0.1, 1]);
    expect(stepsBetween(-16, 0, 4)).toHaveLength(65);
    expect(() => stepsBetween(0, -1, 1)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
  });
});
