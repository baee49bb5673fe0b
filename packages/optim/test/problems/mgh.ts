/**
 * The 35 unconstrained test problems of Moré, Garbow & Hillstrom, "Testing
 * unconstrained optimization software", ACM TOMS 7(1), 1981 — each a sum of
 * squares f(x) = Σᵢ rᵢ(x)², given as data: its residuals r (length m), its
 * Jacobian J (m × n, row-major) and the standard starting point. f and the
 * analytic gradient ∇f = 2·Jᵀr follow generically (`objectiveOf`).
 *
 * Sizes of the variable-dimension problems, as the literature runs them:
 * Gulf m = 99, Box 3-D m = 10, Watson n = 6, extended Rosenbrock n = 10,
 * extended Powell n = 12, Penalty I/II, Variably dimensioned, Trigonometric,
 * Brown almost-linear, Discrete boundary value / integral equation, Broyden
 * tridiagonal / banded n = 10, the three linear functions n = 10, m = 20,
 * Chebyquad n = m = 8. Helical valley uses the paper's θ: arctan(x₂/x₁)/2π for
 * x₁ > 0, plus ½ for x₁ < 0.
 *
 * One file on purpose (≈ 300 lines): the 35 definitions are one table, read side
 * by side with the paper; `scipy_problems.py` mirrors it term by term, and the
 * recorded values f(x₀), ∇f(x₀) of both are compared in a test.
 */

/** One problem: residuals and Jacobian as data, f = Σ rᵢ², ∇f = 2Jᵀr. */
export interface MghProblem {
  /** Number in the paper, 1–35. */
  readonly id: number;
  readonly name: string;
  readonly n: number;
  readonly m: number;
  /** Standard starting point. */
  readonly x0: readonly number[];
  /** Write r(x) (length m). */
  residualsInto(r: Float64Array, x: Float64Array): void;
  /** Write the nonzero entries of J(x) (m × n, row-major, zeroed by the caller): J[i·n + j] = ∂rᵢ/∂xⱼ. */
  jacobianInto(J: Float64Array, x: Float64Array): void;
}

/** f and its analytic gradient, with preallocated buffers (nothing allocated per call). */
export interface Objective {
  f(x: Float64Array): number;
  gradientInto(g: Float64Array, x: Float64Array): void;
}

/** f = Σ rᵢ², ∇f = 2·Jᵀr for one problem. */
export function objectiveOf(p: MghProblem): Objective {
  const r = new Float64Array(p.m);
  const J = new Float64Array(p.m * p.n);
  return {
    f(x) {
      p.residualsInto(r, x);
      let sum = 0;
      for (let i = 0; i < p.m; i++) sum += r[i]! * r[i]!;
      return sum;
    },
    gradientInto(g, x) {
      p.residualsInto(r, x);
      J.fill(0);
      p.jacobianInto(J, x);
      g.fill(0);
      for (let i = 0; i < p.m; i++) {
        const ri = 2 * r[i]!;
        for (let j = 0; j < p.n; j++) g[j] = g[j]! + ri * J[i * p.n + j]!;
      }
    },
  };
}

/** A second check point: each coordinate of x₀ moved by 4–10 % of |x₀ⱼ| + 0.1, the sign alternating (off every singular set of the 35). */
export function shiftedStart(p: MghProblem): Float64Array {
  return Float64Array.from(p.x0, (v, j) => v + (j % 2 === 0 ? 1 : -1) * (0.04 + (0.06 * ((j * 7) % 5)) / 4) * (Math.abs(v) + 0.1));
}

const range = (n: number, f: (i: number) => number): number[] => Array.from({ length: n }, (_, i) => f(i));
const TWO_PI = 2 * Math.PI;

const BEALE_Y = [1.5, 2.25, 2.625];
const BARD_Y = [0.14, 0.18, 0.22, 0.25, 0.29, 0.32, 0.35, 0.39, 0.37, 0.58, 0.73, 0.96, 1.34, 2.1, 4.39];
const GAUSS_Y = [0.0009, 0.0044, 0.0175, 0.054, 0.1295, 0.242, 0.3521, 0.3989, 0.3521, 0.242, 0.1295, 0.054, 0.0175, 0.0044, 0.0009];
const MEYER_Y = [34780, 28610, 23650, 19630, 16370, 13720, 11540, 9744, 8261, 7030, 6005, 5147, 4427, 3820, 3307, 2872];
const KOWALIK_Y = [0.1957, 0.1947, 0.1735, 0.16, 0.0844, 0.0627, 0.0456, 0.0342, 0.0323, 0.0235, 0.0246];
const KOWALIK_U = [4, 2, 1, 0.5, 0.25, 0.167, 0.125, 0.1, 0.0833, 0.0714, 0.0625];
const OSBORNE1_Y = [
  0.844, 0.908, 0.932, 0.936, 0.925, 0.908, 0.881, 0.85, 0.818, 0.784, 0.751, 0.718, 0.685, 0.658, 0.628, 0.603, 0.58, 0.558, 0.538, 0.522,
  0.506, 0.49, 0.478, 0.467, 0.457, 0.448, 0.438, 0.431, 0.424, 0.42, 0.414, 0.411, 0.406,
];
const OSBORNE2_Y = [
  1.366, 1.191, 1.112, 1.013, 0.991, 0.885, 0.831, 0.847, 0.786, 0.725, 0.746, 0.679, 0.608, 0.655, 0.616, 0.606, 0.602, 0.626, 0.651, 0.724,
  0.649, 0.649, 0.694, 0.644, 0.624, 0.661, 0.612, 0.558, 0.533, 0.495, 0.5, 0.423, 0.395, 0.375, 0.372, 0.391, 0.396, 0.405, 0.428, 0.429,
  0.523, 0.562, 0.607, 0.653, 0.672, 0.708, 0.633, 0.668, 0.645, 0.632, 0.591, 0.559, 0.597, 0.625, 0.739, 0.71, 0.729, 0.72, 0.636, 0.581,
  0.428, 0.292, 0.162, 0.098, 0.054,
];
const GULF_M = 99;
const GULF_Y = range(GULF_M, (i) => 25 + (-50 * Math.log((i + 1) / 100)) ** (2 / 3));
const SQRT_PENALTY = Math.sqrt(1e-5);

/** Helical valley's θ(x₁, x₂): arctan(x₂/x₁)/2π, plus ½ when x₁ < 0 (the paper's definition). */
function helicalTheta(x1: number, x2: number): number {
  return Math.atan(x2 / x1) / TWO_PI + (x1 < 0 ? 0.5 : 0);
}

/** Powell singular residuals of the block at x[k..k+3] into r[k..k+3], and its Jacobian block. */
function powellBlock(r: Float64Array | null, J: Float64Array | null, x: Float64Array, k: number, n: number): void {
  const [a, b, c, d] = [x[k]!, x[k + 1]!, x[k + 2]!, x[k + 3]!];
  if (r) {
    r[k] = a + 10 * b;
    r[k + 1] = Math.sqrt(5) * (c - d);
    r[k + 2] = (b - 2 * c) ** 2;
    r[k + 3] = Math.sqrt(10) * (a - d) ** 2;
  }
  if (J) {
    // Nonzeros of the 4 × 4 block as (row, column, value).
    const entries: [number, number, number][] = [
      [0, 0, 1],
      [0, 1, 10],
      [1, 2, Math.sqrt(5)],
      [1, 3, -Math.sqrt(5)],
      [2, 1, 2 * (b - 2 * c)],
      [2, 2, -4 * (b - 2 * c)],
      [3, 0, 2 * Math.sqrt(10) * (a - d)],
      [3, 3, -2 * Math.sqrt(10) * (a - d)],
    ];
    for (const [i, j, v] of entries) J[(k + i) * n + k + j] = v;
  }
}

/** Shifted Chebyshev polynomial Tᵢ(y) and Tᵢ'(y), i ≥ 1, by the three-term recurrence. */
function chebyshev(i: number, y: number): [number, number] {
  let [t0, t1, d0, d1] = [1, y, 0, 1];
  for (let k = 1; k < i; k++) {
    [t0, t1, d0, d1] = [t1, 2 * y * t1 - t0, d1, 2 * t1 + 2 * y * d1 - d0];
  }
  return [t1, d1];
}

/** The 35 problems, in the paper's order. */
export const MGH_PROBLEMS: readonly MghProblem[] = [
  { id: 1, name: 'Rosenbrock', n: 2, m: 2, x0: [-1.2, 1],
    residualsInto: (r, x) => { r[0] = 10 * (x[1]! - x[0]! ** 2); r[1] = 1 - x[0]!; },
    jacobianInto: (J, x) => { J[0] = -20 * x[0]!; J[1] = 10; J[2] = -1; } },
  { id: 2, name: 'Freudenstein-Roth', n: 2, m: 2, x0: [0.5, -2],
    residualsInto: (r, x) => { const b = x[1]!; r[0] = -13 + x[0]! + ((5 - b) * b - 2) * b; r[1] = -29 + x[0]! + ((b + 1) * b - 14) * b; },
    jacobianInto: (J, x) => { const b = x[1]!; J[0] = 1; J[1] = 10 * b - 3 * b * b - 2; J[2] = 1; J[3] = 3 * b * b + 2 * b - 14; } },
  { id: 3, name: 'Powell badly scaled', n: 2, m: 2, x0: [0, 1],
    residualsInto: (r, x) => { r[0] = 1e4 * x[0]! * x[1]! - 1; r[1] = Math.exp(-x[0]!) + Math.exp(-x[1]!) - 1.0001; },
    jacobianInto: (J, x) => { J[0] = 1e4 * x[1]!; J[1] = 1e4 * x[0]!; J[2] = -Math.exp(-x[0]!); J[3] = -Math.exp(-x[1]!); } },
  { id: 4, name: 'Brown badly scaled', n: 2, m: 3, x0: [1, 1],
    residualsInto: (r, x) => { r[0] = x[0]! - 1e6; r[1] = x[1]! - 2e-6; r[2] = x[0]! * x[1]! - 2; },
    jacobianInto: (J, x) => { J[0] = 1; J[3] = 1; J[4] = x[1]!; J[5] = x[0]!; } },
  { id: 5, name: 'Beale', n: 2, m: 3, x0: [1, 1],
    residualsInto: (r, x) => { for (let i = 0; i < 3; i++) r[i] = BEALE_Y[i]! - x[0]! * (1 - x[1]! ** (i + 1)); },
    jacobianInto: (J, x) => { for (let i = 0; i < 3; i++) { J[2 * i] = x[1]! ** (i + 1) - 1; J[2 * i + 1] = x[0]! * (i + 1) * x[1]! ** i; } } },
  { id: 6, name: 'Jennrich-Sampson', n: 2, m: 10, x0: [0.3, 0.4],
    residualsInto: (r, x) => { for (let i = 1; i <= 10; i++) r[i - 1] = 2 + 2 * i - Math.exp(i * x[0]!) - Math.exp(i * x[1]!); },
    jacobianInto: (J, x) => { for (let i = 1; i <= 10; i++) { J[2 * i - 2] = -i * Math.exp(i * x[0]!); J[2 * i - 1] = -i * Math.exp(i * x[1]!); } } },
  { id: 7, name: 'Helical valley', n: 3, m: 3, x0: [-1, 0, 0],
    residualsInto: (r, x) => { r[0] = 10 * (x[2]! - 10 * helicalTheta(x[0]!, x[1]!)); r[1] = 10 * (Math.hypot(x[0]!, x[1]!) - 1); r[2] = x[2]!; },
    jacobianInto: (J, x) => {
      const [a, b] = [x[0]!, x[1]!];
      const rr = a * a + b * b;
      const rho = Math.sqrt(rr);
      J[0] = (100 * b) / (TWO_PI * rr); J[1] = (-100 * a) / (TWO_PI * rr); J[2] = 10;
      J[3] = (10 * a) / rho; J[4] = (10 * b) / rho; J[8] = 1;
    } },
  { id: 8, name: 'Bard', n: 3, m: 15, x0: [1, 1, 1],
    residualsInto: (r, x) => { for (let u = 1; u <= 15; u++) { const v = 16 - u; r[u - 1] = BARD_Y[u - 1]! - (x[0]! + u / (v * x[1]! + Math.min(u, v) * x[2]!)); } },
    jacobianInto: (J, x) => {
      for (let u = 1; u <= 15; u++) {
        const v = 16 - u;
        const w = Math.min(u, v);
        const d2 = (v * x[1]! + w * x[2]!) ** 2;
        J[3 * u - 3] = -1; J[3 * u - 2] = (u * v) / d2; J[3 * u - 1] = (u * w) / d2;
      }
    } },
  { id: 9, name: 'Gaussian', n: 3, m: 15, x0: [0.4, 1, 0],
    residualsInto: (r, x) => { for (let i = 0; i < 15; i++) { const t = (7 - i) / 2; r[i] = x[0]! * Math.exp((-x[1]! * (t - x[2]!) ** 2) / 2) - GAUSS_Y[i]!; } },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 15; i++) {
        const d = (7 - i) / 2 - x[2]!;
        const e = Math.exp((-x[1]! * d * d) / 2);
        J[3 * i] = e; J[3 * i + 1] = (-x[0]! * e * d * d) / 2; J[3 * i + 2] = x[0]! * e * x[1]! * d;
      }
    } },
  { id: 10, name: 'Meyer', n: 3, m: 16, x0: [0.02, 4000, 250],
    residualsInto: (r, x) => { for (let i = 1; i <= 16; i++) r[i - 1] = x[0]! * Math.exp(x[1]! / (45 + 5 * i + x[2]!)) - MEYER_Y[i - 1]!; },
    jacobianInto: (J, x) => {
      for (let i = 1; i <= 16; i++) {
        const d = 45 + 5 * i + x[2]!;
        const e = Math.exp(x[1]! / d);
        J[3 * i - 3] = e; J[3 * i - 2] = (x[0]! * e) / d; J[3 * i - 1] = (-x[0]! * e * x[1]!) / (d * d);
      }
    } },
  { id: 11, name: 'Gulf research and development', n: 3, m: GULF_M, x0: [5, 2.5, 0.15],
    residualsInto: (r, x) => { for (let i = 0; i < GULF_M; i++) r[i] = Math.exp(-(Math.abs(GULF_Y[i]! - x[1]!) ** x[2]!) / x[0]!) - (i + 1) / 100; },
    jacobianInto: (J, x) => {
      for (let i = 0; i < GULF_M; i++) {
        const diff = GULF_Y[i]! - x[1]!;
        const a = Math.abs(diff);
        const p = a ** x[2]!;
        const e = Math.exp(-p / x[0]!);
        J[3 * i] = (e * p) / (x[0]! * x[0]!);
        J[3 * i + 1] = (e * x[2]! * a ** (x[2]! - 1) * Math.sign(diff)) / x[0]!;
        J[3 * i + 2] = (-e * p * Math.log(a)) / x[0]!;
      }
    } },
  { id: 12, name: 'Box three-dimensional', n: 3, m: 10, x0: [0, 10, 20],
    residualsInto: (r, x) => { for (let i = 1; i <= 10; i++) { const t = i / 10; r[i - 1] = Math.exp(-t * x[0]!) - Math.exp(-t * x[1]!) - x[2]! * (Math.exp(-t) - Math.exp(-10 * t)); } },
    jacobianInto: (J, x) => {
      for (let i = 1; i <= 10; i++) {
        const t = i / 10;
        J[3 * i - 3] = -t * Math.exp(-t * x[0]!); J[3 * i - 2] = t * Math.exp(-t * x[1]!); J[3 * i - 1] = -(Math.exp(-t) - Math.exp(-10 * t));
      }
    } },
  { id: 13, name: 'Powell singular', n: 4, m: 4, x0: [3, -1, 0, 1],
    residualsInto: (r, x) => powellBlock(r, null, x, 0, 4), jacobianInto: (J, x) => powellBlock(null, J, x, 0, 4) },
  { id: 14, name: 'Wood', n: 4, m: 6, x0: [-3, -1, -3, -1],
    residualsInto: (r, x) => {
      const [a, b, c, d] = [x[0]!, x[1]!, x[2]!, x[3]!];
      r[0] = 10 * (b - a * a); r[1] = 1 - a; r[2] = Math.sqrt(90) * (d - c * c); r[3] = 1 - c;
      r[4] = Math.sqrt(10) * (b + d - 2); r[5] = (b - d) / Math.sqrt(10);
    },
    jacobianInto: (J, x) => {
      J[0] = -20 * x[0]!; J[1] = 10; J[4] = -1;
      J[10] = -2 * Math.sqrt(90) * x[2]!; J[11] = Math.sqrt(90); J[14] = -1;
      J[17] = Math.sqrt(10); J[19] = Math.sqrt(10); J[21] = 1 / Math.sqrt(10); J[23] = -1 / Math.sqrt(10);
    } },
  { id: 15, name: 'Kowalik-Osborne', n: 4, m: 11, x0: [0.25, 0.39, 0.415, 0.39],
    residualsInto: (r, x) => {
      for (let i = 0; i < 11; i++) { const u = KOWALIK_U[i]!; r[i] = KOWALIK_Y[i]! - (x[0]! * (u * u + u * x[1]!)) / (u * u + u * x[2]! + x[3]!); }
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 11; i++) {
        const u = KOWALIK_U[i]!;
        const num = u * u + u * x[1]!;
        const den = u * u + u * x[2]! + x[3]!;
        J[4 * i] = -num / den; J[4 * i + 1] = (-x[0]! * u) / den;
        J[4 * i + 2] = (x[0]! * num * u) / (den * den); J[4 * i + 3] = (x[0]! * num) / (den * den);
      }
    } },
  { id: 16, name: 'Brown-Dennis', n: 4, m: 20, x0: [25, 5, -5, -1],
    residualsInto: (r, x) => {
      for (let i = 1; i <= 20; i++) {
        const t = i / 5;
        r[i - 1] = (x[0]! + t * x[1]! - Math.exp(t)) ** 2 + (x[2]! + x[3]! * Math.sin(t) - Math.cos(t)) ** 2;
      }
    },
    jacobianInto: (J, x) => {
      for (let i = 1; i <= 20; i++) {
        const t = i / 5;
        const a = x[0]! + t * x[1]! - Math.exp(t);
        const b = x[2]! + x[3]! * Math.sin(t) - Math.cos(t);
        J[4 * i - 4] = 2 * a; J[4 * i - 3] = 2 * a * t; J[4 * i - 2] = 2 * b; J[4 * i - 1] = 2 * b * Math.sin(t);
      }
    } },
  { id: 17, name: 'Osborne 1', n: 5, m: 33, x0: [0.5, 1.5, -1, 0.01, 0.02],
    residualsInto: (r, x) => {
      for (let i = 0; i < 33; i++) { const t = 10 * i; r[i] = OSBORNE1_Y[i]! - (x[0]! + x[1]! * Math.exp(-t * x[3]!) + x[2]! * Math.exp(-t * x[4]!)); }
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 33; i++) {
        const t = 10 * i;
        const a = Math.exp(-t * x[3]!);
        const b = Math.exp(-t * x[4]!);
        J[5 * i] = -1; J[5 * i + 1] = -a; J[5 * i + 2] = -b; J[5 * i + 3] = x[1]! * t * a; J[5 * i + 4] = x[2]! * t * b;
      }
    } },
  { id: 18, name: 'Biggs EXP6', n: 6, m: 13, x0: [1, 2, 1, 1, 1, 1],
    residualsInto: (r, x) => {
      for (let i = 1; i <= 13; i++) {
        const t = i / 10;
        const y = Math.exp(-t) - 5 * Math.exp(-10 * t) + 3 * Math.exp(-4 * t);
        r[i - 1] = x[2]! * Math.exp(-t * x[0]!) - x[3]! * Math.exp(-t * x[1]!) + x[5]! * Math.exp(-t * x[4]!) - y;
      }
    },
    jacobianInto: (J, x) => {
      for (let i = 1; i <= 13; i++) {
        const t = i / 10;
        const [e1, e2, e5] = [Math.exp(-t * x[0]!), Math.exp(-t * x[1]!), Math.exp(-t * x[4]!)];
        const k = 6 * (i - 1);
        J[k] = -t * x[2]! * e1; J[k + 1] = t * x[3]! * e2; J[k + 2] = e1; J[k + 3] = -e2; J[k + 4] = -t * x[5]! * e5; J[k + 5] = e5;
      }
    } },
  { id: 19, name: 'Osborne 2', n: 11, m: 65, x0: [1.3, 0.65, 0.65, 0.7, 0.6, 3, 5, 7, 2, 4.5, 5.5],
    residualsInto: (r, x) => {
      for (let i = 0; i < 65; i++) {
        const t = i / 10;
        let model = x[0]! * Math.exp(-t * x[4]!);
        for (let k = 1; k <= 3; k++) model += x[k]! * Math.exp(-((t - x[7 + k]!) ** 2) * x[4 + k]!);
        r[i] = OSBORNE2_Y[i]! - model;
      }
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 65; i++) {
        const t = i / 10;
        const row = 11 * i;
        const e = Math.exp(-t * x[4]!);
        J[row] = -e; J[row + 4] = x[0]! * t * e;
        for (let k = 1; k <= 3; k++) {
          const d = t - x[7 + k]!;
          const ek = Math.exp(-d * d * x[4 + k]!);
          J[row + k] = -ek; J[row + 4 + k] = x[k]! * d * d * ek; J[row + 7 + k] = -2 * x[k]! * x[4 + k]! * d * ek;
        }
      }
    } },
  { id: 20, name: 'Watson', n: 6, m: 31, x0: range(6, () => 0),
    residualsInto: (r, x) => {
      for (let i = 1; i <= 29; i++) {
        const t = i / 29;
        let [s1, s2, p] = [0, x[0]!, 1];
        for (let j = 1; j < 6; j++) { s1 += j * x[j]! * p; p *= t; s2 += x[j]! * p; }
        r[i - 1] = s1 - s2 * s2 - 1;
      }
      r[29] = x[0]!; r[30] = x[1]! - x[0]! ** 2 - 1;
    },
    jacobianInto: (J, x) => {
      for (let i = 1; i <= 29; i++) {
        const t = i / 29;
        let [s2, p] = [0, 1];
        for (let j = 0; j < 6; j++, p *= t) s2 += x[j]! * p;
        p = 1;
        for (let j = 0; j < 6; j++, p *= t) J[6 * (i - 1) + j] = (j > 0 ? (j * p) / t : 0) - 2 * s2 * p;
      }
      J[6 * 29] = 1; J[6 * 30] = -2 * x[0]!; J[6 * 30 + 1] = 1;
    } },
  { id: 21, name: 'Extended Rosenbrock', n: 10, m: 10, x0: range(10, (j) => (j % 2 === 0 ? -1.2 : 1)),
    residualsInto: (r, x) => { for (let k = 0; k < 10; k += 2) { r[k] = 10 * (x[k + 1]! - x[k]! ** 2); r[k + 1] = 1 - x[k]!; } },
    jacobianInto: (J, x) => { for (let k = 0; k < 10; k += 2) { J[k * 10 + k] = -20 * x[k]!; J[k * 10 + k + 1] = 10; J[(k + 1) * 10 + k] = -1; } } },
  { id: 22, name: 'Extended Powell singular', n: 12, m: 12, x0: range(12, (j) => [3, -1, 0, 1][j % 4]!),
    residualsInto: (r, x) => { for (let k = 0; k < 12; k += 4) powellBlock(r, null, x, k, 12); },
    jacobianInto: (J, x) => { for (let k = 0; k < 12; k += 4) powellBlock(null, J, x, k, 12); } },
  { id: 23, name: 'Penalty I', n: 10, m: 11, x0: range(10, (j) => j + 1),
    residualsInto: (r, x) => {
      let s = -0.25;
      for (let j = 0; j < 10; j++) { r[j] = SQRT_PENALTY * (x[j]! - 1); s += x[j]! ** 2; }
      r[10] = s;
    },
    jacobianInto: (J, x) => { for (let j = 0; j < 10; j++) { J[11 * j] = SQRT_PENALTY; J[100 + j] = 2 * x[j]!; } } },
  { id: 24, name: 'Penalty II', n: 10, m: 20, x0: range(10, () => 0.5),
    residualsInto: (r, x) => {
      r[0] = x[0]! - 0.2;
      let s = -1;
      for (let j = 0; j < 10; j++) s += (10 - j) * x[j]! ** 2;
      for (let i = 1; i < 10; i++) {
        r[i] = SQRT_PENALTY * (Math.exp(x[i]! / 10) + Math.exp(x[i - 1]! / 10) - (Math.exp((i + 1) / 10) + Math.exp(i / 10)));
        r[9 + i] = SQRT_PENALTY * (Math.exp(x[i]! / 10) - Math.exp(-1 / 10));
      }
      r[19] = s;
    },
    jacobianInto: (J, x) => {
      J[0] = 1;
      for (let i = 1; i < 10; i++) {
        J[10 * i + i] = (SQRT_PENALTY * Math.exp(x[i]! / 10)) / 10;
        J[10 * i + i - 1] = (SQRT_PENALTY * Math.exp(x[i - 1]! / 10)) / 10;
        J[10 * (9 + i) + i] = (SQRT_PENALTY * Math.exp(x[i]! / 10)) / 10;
      }
      for (let j = 0; j < 10; j++) J[190 + j] = 2 * (10 - j) * x[j]!;
    } },
  { id: 25, name: 'Variably dimensioned', n: 10, m: 12, x0: range(10, (j) => 1 - (j + 1) / 10),
    residualsInto: (r, x) => {
      let s = 0;
      for (let j = 0; j < 10; j++) { r[j] = x[j]! - 1; s += (j + 1) * (x[j]! - 1); }
      r[10] = s; r[11] = s * s;
    },
    jacobianInto: (J, x) => {
      let s = 0;
      for (let j = 0; j < 10; j++) s += (j + 1) * (x[j]! - 1);
      for (let j = 0; j < 10; j++) { J[11 * j] = 1; J[100 + j] = j + 1; J[110 + j] = 2 * s * (j + 1); }
    } },
  { id: 26, name: 'Trigonometric', n: 10, m: 10, x0: range(10, () => 1 / 10),
    residualsInto: (r, x) => {
      let c = 0;
      for (let j = 0; j < 10; j++) c += Math.cos(x[j]!);
      for (let i = 0; i < 10; i++) r[i] = 10 - c + (i + 1) * (1 - Math.cos(x[i]!)) - Math.sin(x[i]!);
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 10; i++) {
        for (let j = 0; j < 10; j++) J[10 * i + j] = Math.sin(x[j]!);
        J[11 * i] = J[11 * i]! + (i + 1) * Math.sin(x[i]!) - Math.cos(x[i]!);
      }
    } },
  { id: 27, name: 'Brown almost-linear', n: 10, m: 10, x0: range(10, () => 0.5),
    residualsInto: (r, x) => {
      let [s, p] = [0, 1];
      for (let j = 0; j < 10; j++) { s += x[j]!; p *= x[j]!; }
      for (let i = 0; i < 9; i++) r[i] = x[i]! + s - 11;
      r[9] = p - 1;
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 9; i++) for (let j = 0; j < 10; j++) J[10 * i + j] = i === j ? 2 : 1;
      for (let j = 0; j < 10; j++) { let p = 1; for (let k = 0; k < 10; k++) if (k !== j) p *= x[k]!; J[90 + j] = p; }
    } },
  { id: 28, name: 'Discrete boundary value', n: 10, m: 10, x0: range(10, (j) => ((j + 1) / 11) * ((j + 1) / 11 - 1)),
    residualsInto: (r, x) => {
      const h = 1 / 11;
      for (let i = 0; i < 10; i++) {
        const left = i > 0 ? x[i - 1]! : 0;
        const right = i < 9 ? x[i + 1]! : 0;
        r[i] = 2 * x[i]! - left - right + (h * h * (x[i]! + (i + 1) * h + 1) ** 3) / 2;
      }
    },
    jacobianInto: (J, x) => {
      const h = 1 / 11;
      for (let i = 0; i < 10; i++) {
        J[11 * i] = 2 + 1.5 * h * h * (x[i]! + (i + 1) * h + 1) ** 2;
        if (i > 0) J[11 * i - 1] = -1;
        if (i < 9) J[11 * i + 1] = -1;
      }
    } },
  { id: 29, name: 'Discrete integral equation', n: 10, m: 10, x0: range(10, (j) => ((j + 1) / 11) * ((j + 1) / 11 - 1)),
    residualsInto: (r, x) => {
      const h = 1 / 11;
      for (let i = 0; i < 10; i++) {
        const ti = (i + 1) * h;
        let [below, above] = [0, 0];
        for (let j = 0; j < 10; j++) {
          const tj = (j + 1) * h;
          const cube = (x[j]! + tj + 1) ** 3;
          if (j <= i) below += tj * cube;
          else above += (1 - tj) * cube;
        }
        r[i] = x[i]! + (h * ((1 - ti) * below + ti * above)) / 2;
      }
    },
    jacobianInto: (J, x) => {
      const h = 1 / 11;
      for (let i = 0; i < 10; i++) {
        const ti = (i + 1) * h;
        for (let j = 0; j < 10; j++) {
          const tj = (j + 1) * h;
          const sq = 3 * (x[j]! + tj + 1) ** 2;
          J[10 * i + j] = (h * (j <= i ? (1 - ti) * tj : ti * (1 - tj)) * sq) / 2 + (i === j ? 1 : 0);
        }
      }
    } },
  { id: 30, name: 'Broyden tridiagonal', n: 10, m: 10, x0: range(10, () => -1),
    residualsInto: (r, x) => {
      for (let i = 0; i < 10; i++) r[i] = (3 - 2 * x[i]!) * x[i]! - (i > 0 ? x[i - 1]! : 0) - 2 * (i < 9 ? x[i + 1]! : 0) + 1;
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 10; i++) { J[11 * i] = 3 - 4 * x[i]!; if (i > 0) J[11 * i - 1] = -1; if (i < 9) J[11 * i + 1] = -2; }
    } },
  { id: 31, name: 'Broyden banded', n: 10, m: 10, x0: range(10, () => -1),
    residualsInto: (r, x) => {
      for (let i = 0; i < 10; i++) {
        let s = 0;
        for (let j = Math.max(0, i - 5); j <= Math.min(9, i + 1); j++) if (j !== i) s += x[j]! * (1 + x[j]!);
        r[i] = x[i]! * (2 + 5 * x[i]! ** 2) + 1 - s;
      }
    },
    jacobianInto: (J, x) => {
      for (let i = 0; i < 10; i++) {
        for (let j = Math.max(0, i - 5); j <= Math.min(9, i + 1); j++) J[10 * i + j] = j === i ? 2 + 15 * x[i]! ** 2 : -(1 + 2 * x[j]!);
      }
    } },
  { id: 32, name: 'Linear function - full rank', n: 10, m: 20, x0: range(10, () => 1),
    residualsInto: (r, x) => {
      let s = 0;
      for (let j = 0; j < 10; j++) s += x[j]!;
      for (let i = 0; i < 20; i++) r[i] = (i < 10 ? x[i]! : 0) - (2 * s) / 20 - 1;
    },
    jacobianInto: (J) => { for (let i = 0; i < 20; i++) for (let j = 0; j < 10; j++) J[10 * i + j] = (i === j ? 1 : 0) - 2 / 20; } },
  { id: 33, name: 'Linear function - rank 1', n: 10, m: 20, x0: range(10, () => 1),
    residualsInto: (r, x) => {
      let s = 0;
      for (let j = 0; j < 10; j++) s += (j + 1) * x[j]!;
      for (let i = 0; i < 20; i++) r[i] = (i + 1) * s - 1;
    },
    jacobianInto: (J) => { for (let i = 0; i < 20; i++) for (let j = 0; j < 10; j++) J[10 * i + j] = (i + 1) * (j + 1); } },
  { id: 34, name: 'Linear function - rank 1 with zero columns and rows', n: 10, m: 20, x0: range(10, () => 1),
    residualsInto: (r, x) => {
      let s = 0;
      for (let j = 1; j < 9; j++) s += (j + 1) * x[j]!;
      r[0] = -1; r[19] = -1;
      for (let i = 1; i < 19; i++) r[i] = i * s - 1;
    },
    jacobianInto: (J) => { for (let i = 1; i < 19; i++) for (let j = 1; j < 9; j++) J[10 * i + j] = i * (j + 1); } },
  { id: 35, name: 'Chebyquad', n: 8, m: 8, x0: range(8, (j) => (j + 1) / 9),
    residualsInto: (r, x) => {
      for (let i = 1; i <= 8; i++) {
        let s = 0;
        for (let j = 0; j < 8; j++) s += chebyshev(i, 2 * x[j]! - 1)[0];
        r[i - 1] = s / 8 + (i % 2 === 0 ? 1 / (i * i - 1) : 0);
      }
    },
    jacobianInto: (J, x) => { for (let i = 1; i <= 8; i++) for (let j = 0; j < 8; j++) J[8 * (i - 1) + j] = (2 * chebyshev(i, 2 * x[j]! - 1)[1]) / 8; } },
];
