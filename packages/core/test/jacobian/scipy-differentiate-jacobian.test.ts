/**
 * scipy.differentiate's TestJacobian.test_examples (Wikipedia's Jacobian
 * examples and rosen/rosen_der) against jacobian(…, { scheme: 'richardson' })
 * at scipy's atol 1e-10, with each entry's error estimate (options.error)
 * bounding its actual error. Points are fixed in (0, 1) as scipy's are drawn.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { describe, expect, it } from 'vitest';
import { jacobian, numericalGradient } from '@descent/core';
import { elements } from '../helpers.js';
import { maxAbsoluteError, storages } from '../scipy-functions.js';
import { rosenbrock as rosen, rosenbrockGradient as rosenGradient } from '../rosenbrock.js';

interface Example {
  name: string;
  m: number;
  f: (x: NdArray, out: NdArray) => void;
  J: (x: number[]) => number[][];
  x: number[];
}

const EXAMPLES: Example[] = [
  {
    name: 'f1 = (x²y, 5x + sin y)',
    m: 2,
    f: (z, o) => {
      o.set(0, z.get(0) ** 2 * z.get(1));
      o.set(1, 5 * z.get(0) + Math.sin(z.get(1)));
    },
    J: ([x, y]) => [[2 * x! * y!, x! ** 2], [5, Math.cos(y!)]],
    x: [0.37, 0.81],
  },
  {
    name: 'f2 = polar (r cos φ, r sin φ)',
    m: 2,
    f: (z, o) => {
      o.set(0, z.get(0) * Math.cos(z.get(1)));
      o.set(1, z.get(0) * Math.sin(z.get(1)));
    },
    J: ([r, p]) => [[Math.cos(p!), -r! * Math.sin(p!)], [Math.sin(p!), r! * Math.cos(p!)]],
    x: [0.62, 0.29],
  },
  {
    name: 'f3 = spherical (r sin φ cos θ, r sin φ sin θ, r cos φ)',
    m: 3,
    f: (z, o) => {
      const [r, p, t] = [z.get(0), z.get(1), z.get(2)];
      o.set(0, r * Math.sin(p) * Math.cos(t));
      o.set(1, r * Math.sin(p) * Math.sin(t));
      o.set(2, r * Math.cos(p));
    },
    J: ([r, p, t]) => [
      [Math.sin(p!) * Math.cos(t!), r! * Math.cos(p!) * Math.cos(t!), -r! * Math.sin(p!) * Math.sin(t!)],
      [Math.sin(p!) * Math.sin(t!), r! * Math.cos(p!) * Math.sin(t!), r! * Math.sin(p!) * Math.cos(t!)],
      [Math.cos(p!), -r! * Math.sin(p!), 0],
    ],
    x: [0.44, 0.93, 0.15],
  },
  {
    name: 'f4 = (x₁, 5x₃, 4x₂² − 2x₃, x₃ sin x₁)',
    m: 4,
    f: (z, o) => {
      const [a, b, c] = [z.get(0), z.get(1), z.get(2)];
      o.set(0, a);
      o.set(1, 5 * c);
      o.set(2, 4 * b * b - 2 * c);
      o.set(3, c * Math.sin(a));
    },
    J: ([a, b, c]) => [[1, 0, 0], [0, 0, 5], [0, 8 * b!, -2], [c! * Math.cos(a!), 0, Math.sin(a!)]],
    x: [0.71, 0.06, 0.52],
  },
  {
    name: 'f5 = (5x₂, 4x₁² − 2 sin(x₂x₃), x₂x₃)',
    m: 3,
    f: (z, o) => {
      const [a, b, c] = [z.get(0), z.get(1), z.get(2)];
      o.set(0, 5 * b);
      o.set(1, 4 * a * a - 2 * Math.sin(b * c));
      o.set(2, b * c);
    },
    J: ([a, b, c]) => [[0, 5, 0], [8 * a!, -2 * c! * Math.cos(b! * c!), -2 * b! * Math.cos(b! * c!)], [0, c!, b!]],
    x: [0.18, 0.97, 0.33],
  },
];

describe('scipy TestJacobian.test_examples with scheme richardson: atol 1e-10', () => {
  for (const { name, m, f, J, x } of EXAMPLES) {
    it(name, () => {
      const n = x.length;
      const error = ndarray(new Float64Array(m * n), [m, n]);
      const result = jacobian(f, ndarray(x.slice()), { outputs: m, scheme: 'richardson', error });
      const truth = J(x);
      expect(maxAbsoluteError(result, truth)).toBeLessThan(1e-10);
      for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) expect(error.get(i, j), `[${i},${j}]`).toBeGreaterThanOrEqual(Math.abs(result.get(i, j) - truth[i]![j]!));
    });
  }

  it('rosen (5 variables): the gradient rosen_der to 1e-10, on a step(-1) view and a plain Array as on Float64Array', () => {
    const x = [0.12, 0.55, 0.83, 0.27, 0.64];
    const truth = ndarray(new Float64Array(5), [5]);
    rosenGradient(ndarray(x.slice()), truth);
    const reference = elements(numericalGradient(rosen, ndarray(new Float64Array(x)), { scheme: 'richardson' }));
    reference.forEach((v, i) => expect(Math.abs(v - truth.get(i)), `∂/∂x${i}`).toBeLessThan(1e-10));
    for (const { name, x: stored } of storages(x)) {
      if (name === 'Float32Array') continue; // another point (x rounded to float32): covered by the storage tests of numericalGradient
      expect(elements(numericalGradient(rosen, stored, { scheme: 'richardson' })), name).toEqual(reference);
    }
  });
});
