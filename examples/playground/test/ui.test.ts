import { describe, expect, it } from 'vitest';
import { exactNumber, formatNumber, formatPoint } from '../src/ui/format.js';
import { parseHyperparameter, positionOf, SLIDER_STEPS, valueAt } from '../src/ui/slider-scale.js';
import type { HyperparameterSpec } from '../src/optimizers.js';

const lr: HyperparameterSpec = { key: 'lr', label: 'lr', min: 1e-5, max: 10, scale: 'log', default: 0.01 };
const beta: HyperparameterSpec = { key: 'beta1', label: 'β1', min: 0, max: 0.999, scale: 'linear', default: 0.9 };
const memory: HyperparameterSpec = { key: 'memory', label: 'm', min: 1, max: 20, scale: 'integer', default: 10 };

describe('number formatting', () => {
  it('shows 4 significant digits, exponents outside [1e-3, 1e6), and never NaN as a number', () => {
    expect(formatNumber(0.000012346)).toBe('1.235e-5');
    expect(formatNumber(-0.000012346)).toBe('−1.235e-5'); // a minus sign in front, the exponent's hyphen kept
    expect(formatNumber(1234567)).toBe('1.235e6');
    expect(formatNumber(-2.5)).toBe('−2.5');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(1e-5)).toBe('1e-5');
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('−∞');
    expect(formatNumber(Number.NaN)).toBe('not a number');
    expect(formatPoint([1, -0.5])).toBe('(1, −0.5)');
  });

  it('writes data attributes that parse back to the same double', () => {
    for (const x of [0.1 + 0.2, -1.2345678901234567e-300, 1 / 3]) expect(Number(exactNumber(x))).toBe(x);
    expect(Object.is(Number(exactNumber(-0)), -0)).toBe(true);
  });
});

describe('slider scales', () => {
  it('maps log sliders by decades: 6 decades over 1000 positions', () => {
    expect(valueAt(lr, 0)).toBe(1e-5);
    expect(valueAt(lr, 500)).toBe(0.01);
    expect(valueAt(lr, SLIDER_STEPS)).toBe(10);
    expect(valueAt(lr, 600)).toBe(0.0398); // 10^(−5 + 6·0.6) = 10^−1.4 = 0.03981…, 3 digits
  });

  it('maps linear and integer sliders, and back', () => {
    expect(valueAt(beta, 900)).toBe(0.8991); // 0.999·0.9
    expect(positionOf(beta, 0.9)).toBe(901); // 0.9/0.999·1000 = 900.9
    expect(valueAt(memory, 500)).toBe(11); // 1 + 19·0.5 = 10.5 → 11 (round half up)
    expect(positionOf(memory, 10)).toBe(474); // (10 − 1)/19·1000 = 473.7
    expect(positionOf(lr, 100)).toBe(SLIDER_STEPS); // clamped
  });

  it('accepts typed values only inside the range (integers for integer sliders)', () => {
    expect(parseHyperparameter(lr, '0.3')).toBe(0.3);
    expect(parseHyperparameter(lr, '20')).toBeUndefined();
    expect(parseHyperparameter(lr, '')).toBeUndefined();
    expect(parseHyperparameter(lr, 'abc')).toBeUndefined();
    expect(parseHyperparameter(memory, '7.5')).toBeUndefined();
    expect(parseHyperparameter(memory, ' 7 ')).toBe(7);
  });
});
