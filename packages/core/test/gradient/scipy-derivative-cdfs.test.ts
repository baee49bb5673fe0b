/**
 * scipy.differentiate's TestDerivative.test_accuracy and test_basic against
 * derivative(): the derivative of a distribution's CDF is its PDF. scipy runs
 * every continuous distribution of scipy.stats at median + 0.1 to atol 1e-10;
 * here the distributions with elementary closed forms (several with a kink or
 * an end of the support within the first step 0.5, where the large steps
 * straddle a feature). test_basic's second check — the reported error bounds
 * the actual one — is asserted for every case.
 */
import { describe, expect, it } from 'vitest';
import { derivative } from '@descent/core';

interface Distribution {
  name: string;
  cdf: (x: number) => number;
  pdf: (x: number) => number;
  median: number;
}

const DISTRIBUTIONS: Distribution[] = [
  // F = ½ + atan(x)/π, F′ = 1/(π(1 + x²))
  { name: 'cauchy', cdf: (x) => 0.5 + Math.atan(x) / Math.PI, pdf: (x) => 1 / (Math.PI * (1 + x * x)), median: 0 },
  // F = 1/(1 + e^(−x)), F′ = e^(−x)/(1 + e^(−x))²
  { name: 'logistic', cdf: (x) => 1 / (1 + Math.exp(-x)), pdf: (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2, median: 0 },
  // F = 1 − e^(−x) on x ≥ 0 (0 below: a kink at 0, 0.79 from the point), F′ = e^(−x)
  { name: 'expon', cdf: (x) => (x < 0 ? 0 : 1 - Math.exp(-x)), pdf: (x) => Math.exp(-x), median: Math.LN2 },
  // F = ½eˣ (x < 0), 1 − ½e^(−x): a kink of F′ at 0, 0.1 from the point; F′ = ½e^(−|x|)
  { name: 'laplace', cdf: (x) => (x < 0 ? 0.5 * Math.exp(x) : 1 - 0.5 * Math.exp(-x)), pdf: (x) => 0.5 * Math.exp(-Math.abs(x)), median: 0 },
  // F = exp(−e^(−x)), F′ = exp(−x − e^(−x)); median −ln ln 2
  { name: 'gumbel_r', cdf: (x) => Math.exp(-Math.exp(-x)), pdf: (x) => Math.exp(-x - Math.exp(-x)), median: -Math.log(Math.LN2) },
  // Weibull k = 2: F = 1 − e^(−x²) on x ≥ 0, F′ = 2x e^(−x²); median √ln 2
  { name: 'weibull_min(2)', cdf: (x) => (x < 0 ? 0 : 1 - Math.exp(-x * x)), pdf: (x) => 2 * x * Math.exp(-x * x), median: Math.sqrt(Math.LN2) },
  // Pareto b = 3: F = 1 − x⁻³ on x ≥ 1 (0 below: a jump of F′ at 1, 0.36 from the point), F′ = 3x⁻⁴; median 2^(1/3)
  { name: 'pareto(3)', cdf: (x) => (x < 1 ? 0 : 1 - x ** -3), pdf: (x) => 3 * x ** -4, median: Math.cbrt(2) },
  // uniform on [0, 1]: F = x clipped (kinks at 0 and 1, 0.4 from 0.6), F′ = 1
  { name: 'uniform', cdf: (x) => Math.min(1, Math.max(0, x)), pdf: () => 1, median: 0.5 },
  // arcsine: F = (2/π) asin √x on [0, 1] — NaN outside, within the first step; F′ = 1/(π√(x(1 − x)))
  { name: 'arcsine', cdf: (x) => (2 / Math.PI) * Math.asin(Math.sqrt(x)), pdf: (x) => 1 / (Math.PI * Math.sqrt(x * (1 - x))), median: 0.5 },
];

describe('derivative of a CDF at median + 0.1 is the PDF (scipy test_accuracy: atol 1e-10)', () => {
  for (const { name, cdf, pdf, median } of DISTRIBUTIONS) {
    it(name, () => {
      const x = median + 0.1;
      const r = derivative(cdf, x);
      const actual = Math.abs(r.value - pdf(x));
      expect(actual).toBeLessThan(1e-10);
      expect(r.status).toBe('converged');
      expect(r.error).toBeGreaterThanOrEqual(actual);
    });
  }
});

describe('scipy test_basic: the Cauchy CDF at 0.6 and on linspace(−0.05, 1.05, 10)', () => {
  const { cdf, pdf } = DISTRIBUTIONS[0]!;
  it('agrees to 1e-13 relative, and the reported error bounds the actual error', () => {
    for (const x of [0.6, ...Array.from({ length: 10 }, (_, i) => -0.05 + (1.1 * i) / 9)]) {
      const r = derivative(cdf, x);
      const actual = Math.abs(r.value - pdf(x));
      expect(actual / pdf(x), `x=${x}`).toBeLessThan(1e-13);
      expect(r.error, `x=${x}`).toBeGreaterThanOrEqual(actual);
    }
  });
});
