/**
 * Derivatives at x of the polynomial through given points: the cubic through
 * four stored nodes (five-point on rounded nodes), the Lagrange slope through
 * any number (stored-node quotients, Richardson's tableau), and Fornberg's
 * weights behind them. Internal module.
 */

/** Weights scratch of lagrangeSlope (no callbacks run while in use). */
const WEIGHTS = new Float64Array(64);

/**
 * Derivative at 0 of the cubic through (a, fa), (b, fb), (c, fc), (d, fd): the
 * five-point formula on the nodes the storage actually holds. Node j gets the
 * weight L_j'(0) = e₂(other nodes) / Π_{k≠j}(t_j − t_k), e₂ being the sum of
 * pairwise products; on nodes −2h, −h, h, 2h it is (f₋₂ − 8f₋₁ + 8f₁ − f₂)/12h.
 * The weights sum to 0, so subtracting a constant from every f leaves the
 * slope unchanged; pass differences (f − f at one node) when the values are
 * large compared to their changes.
 */
export function cubicSlopeAtZero(a: number, fa: number, b: number, fb: number, c: number, fc: number, d: number, fd: number): number {
  return (
    (fa * (b * c + b * d + c * d)) / ((a - b) * (a - c) * (a - d)) +
    (fb * (a * c + a * d + c * d)) / ((b - a) * (b - c) * (b - d)) +
    (fc * (a * b + a * d + b * d)) / ((c - a) * (c - b) * (c - d)) +
    (fd * (a * b + a * c + b * c)) / ((d - a) * (d - b) * (d - c))
  );
}

/**
 * The cubic through four stored nodes: f's values shifted by f at the third
 * node (the weights sum to 0: no cancellation of large values), the nodes
 * divided by r = |fourth node − x| (the slope scales as 1/r: no overflow of
 * (a−b)(a−c)(a−d) at h ≈ 1e305, no underflow at h ≈ 1e-200).
 */
export function cubicSlope(nodes: ArrayLike<number>, values: ArrayLike<number>, x: number): number {
  const a = nodes[0]! - x;
  const b = nodes[1]! - x;
  const c = nodes[2]! - x;
  const d = nodes[3]! - x;
  const f2 = values[2]!;
  const r = d < 0 ? -d : d;
  return cubicSlopeAtZero(a / r, values[0]! - f2, b / r, values[1]! - f2, c / r, 0, d / r, values[3]! - f2) / r;
}

/**
 * The weights of lagrangeSlope, for applying to several sets of values at the
 * same points (Richardson on a vector-valued f): the points divided by the
 * largest |point| r (overwritten), Fornberg's weights of the scaled points
 * into `weights`, and the index of the point nearest 0 into `lagrangeNearest`
 * (the shift that keeps large values from cancelling).
 *
 * @returns r — the slope is Σⱼ weights[j]·(fⱼ − f_nearest) / r
 */
export function lagrangeWeights(weights: Float64Array, points: Float64Array, m: number): number {
  let r = 0;
  let nearest = 0;
  for (let j = 0; j < m; j++) {
    const a = Math.abs(points[j]!);
    if (a > r) r = a;
    if (a < Math.abs(points[nearest]!)) nearest = j;
  }
  for (let j = 0; j < m; j++) points[j] = points[j]! / r;
  derivativeWeights(weights, points, m);
  lagrangeNearest = nearest;
  return r;
}

/** The index of the point nearest 0 of the last lagrangeWeights call. */
export let lagrangeNearest = 0;

/**
 * Σⱼ wⱼ·fⱼ with wⱼ the derivative at 0 of the Lagrange basis of `points`
 * (distinct, relative to x): scaled by the largest |point| and shifted by the
 * value nearest 0, like the cubic. Also sets `lagrangeRounding` to
 * √Σⱼ (wⱼ·fⱼ)², the scale of the rounding error the values carry into the
 * slope (independent errors of about eps·|fⱼ| each add in quadrature).
 *
 * @param points - the nodes minus x (overwritten: divided by the largest |point|)
 * @param values - f at the nodes
 * @param m - how many
 */
export function lagrangeSlope(points: Float64Array, values: Float64Array, m: number): number {
  const r = lagrangeWeights(WEIGHTS, points, m);
  const shift = values[lagrangeNearest]!;
  let sum = 0;
  let rounding = 0;
  for (let j = 0; j < m; j++) {
    sum += WEIGHTS[j]! * (values[j]! - shift);
    const term = WEIGHTS[j]! * values[j]!;
    rounding += term * term;
  }
  lagrangeRounding = Math.sqrt(rounding) / r;
  return sum / r;
}

/** √Σⱼ (wⱼ·fⱼ)² of the last lagrangeSlope call (see there). */
export let lagrangeRounding = 0;

/**
 * Weights wⱼ with f′(0) ≈ Σⱼ wⱼ·f(pⱼ), exact for polynomials of degree < m
 * (Fornberg 1988, "Generation of finite difference formulas on arbitrarily
 * spaced grids", first derivative only): O(m²), stable for any distinct nodes.
 *
 * @param weights - destination, length ≥ m
 * @param points - the nodes, distinct
 * @param m - how many
 * @example
 * const w = new Float64Array(2);
 * derivativeWeights(w, Float64Array.of(1, -1), 2); // w = [0.5, −0.5]
 */
export function derivativeWeights(weights: Float64Array, points: ArrayLike<number>, m: number): void {
  // c0[j]: weights of the interpolant's value at 0, c1[j]: of its derivative, updated node by node
  const c0 = FORNBERG0;
  const c1 = weights;
  c0[0] = 1;
  c1[0] = 0;
  let previous = 1;
  for (let i = 1; i < m; i++) {
    let product = 1;
    const pi = points[i]!;
    const last = points[i - 1]!;
    for (let j = 0; j < i; j++) {
      const difference = pi - points[j]!;
      product *= difference;
      if (j === i - 1) {
        c1[i] = (previous * (c0[i - 1]! - last * c1[i - 1]!)) / product;
        c0[i] = (-previous * last * c0[i - 1]!) / product;
      }
      c1[j] = (pi * c1[j]! - c0[j]!) / difference;
      c0[j] = (pi * c0[j]!) / difference;
    }
    previous = product;
  }
}

const FORNBERG0 = new Float64Array(64);

const C0 = new Float64Array(64);
const C1 = new Float64Array(64);

/**
 * Weights wⱼ with f″(0) ≈ Σⱼ wⱼ·f(pⱼ), exact for polynomials of degree < m
 * (Fornberg 1988, the recursion carried to the second derivative): for a
 * second difference on any distinct points — a one-sided Hessian diagonal
 * next to a bound, on the nodes as stored.
 *
 * @param weights - destination, length ≥ m
 * @param points - the nodes, distinct
 * @param m - how many (≥ 3)
 * @example
 * const w = new Float64Array(4);
 * secondDerivativeWeights(w, Float64Array.of(0, 1, 2, 3), 4); // w = [2, −5, 4, −1]
 */
export function secondDerivativeWeights(weights: Float64Array, points: ArrayLike<number>, m: number): void {
  // c0, c1, c2: weights of the interpolant's value, first and second derivative at 0, updated node by node
  const c0 = C0;
  const c1 = C1;
  const c2 = weights;
  c0[0] = 1;
  c1[0] = 0;
  c2[0] = 0;
  let previous = 1;
  let last = points[0]!;
  for (let i = 1; i < m; i++) {
    const pi = points[i]!;
    let product = 1;
    for (let j = 0; j < i; j++) {
      const difference = pi - points[j]!;
      product *= difference;
      if (j === i - 1) {
        c2[i] = (previous * (2 * c1[i - 1]! - last * c2[i - 1]!)) / product;
        c1[i] = (previous * (c0[i - 1]! - last * c1[i - 1]!)) / product;
        c0[i] = (-previous * last * c0[i - 1]!) / product;
      }
      c2[j] = (pi * c2[j]! - 2 * c1[j]!) / difference;
      c1[j] = (pi * c1[j]! - c0[j]!) / difference;
      c0[j] = (pi * c0[j]!) / difference;
    }
    previous = product;
    last = pi;
  }
}
