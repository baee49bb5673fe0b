/**
 * L-BFGS for `minimize`: quasi-Newton directions from the last m step/gradient
 * pairs (two-loop recursion), with a backtracking Armijo line search.
 */
import { checkHyperparameter } from './hyperparameters.js';
import { DEFAULT_ARMIJO_C1, DEFAULT_BACKTRACK_SHRINK } from './line-search.js';

/** Pairs (s, y) kept: Nocedal & Wright's usual 3–20, scipy's L-BFGS-B uses 10. */
export const DEFAULT_LBFGS_MEMORY = 10;
/** A pair is refused unless sᵀy > curvatureEps·‖s‖₂‖y‖₂ (the cosine of s and y exceeds it). */
export const DEFAULT_CURVATURE_EPS = 1e-8;

/** Options of `lbfgs`. */
export interface LbfgsOptions {
  /** Number m of (s, y) pairs kept, an integer ≥ 1. @default 10 */
  memory?: number;
  /** Armijo sufficient-decrease constant c1 in (0, 1). @default 1e-4 */
  c1?: number;
  /** Shrink factor of the step after a rejected trial, in (0, 1). @default 0.5 */
  shrink?: number;
  /** Refuse a pair (and drop the stored ones) unless sᵀy > curvatureEps·‖s‖₂‖y‖₂, a value in [0, 1). @default 1e-8 */
  curvatureEps?: number;
}

/** A configured L-BFGS method (plain data; pass it as `minimize`'s `optimizer`). */
export interface LbfgsLineSearch {
  readonly kind: 'lbfgs';
  readonly memory: number;
  readonly c1: number;
  readonly shrink: number;
  readonly curvatureEps: number;
}

/**
 * Configure L-BFGS with a backtracking Armijo line search for `minimize`.
 *
 * Each iteration computes d = −H·g by the two-loop recursion over the last m
 * accepted pairs s = x₊ − x, y = ∇f(x₊) − ∇f(x), with the initial Hessian
 * approximation H₀ = γ·I, γ = sᵀy / yᵀy of the newest pair (H = I while no pair
 * is stored, so the first direction is −g). When gᵀd is not negative (d is not
 * a descent direction) the pairs are dropped and d = −g. The step tries
 * α = 1, shrink, shrink², … until the Armijo condition
 *
 *   f(x + α·d) ≤ f(x) + c1·α·gᵀd
 *
 * holds (a non-finite f at a trial point counts as a rejection). A pair is
 * stored only when sᵀy > curvatureEps·‖s‖₂‖y‖₂, which keeps H positive definite
 * (the Armijo search alone, without a Wolfe curvature condition, does not
 * guarantee sᵀy > 0). A refused pair also drops the stored ones, so the next
 * direction is −g: where f has negative curvature along the path (Rosenbrock's
 * valley near (−1, 1)) the old pairs would otherwise keep a stiff H and the
 * unit steps stay tiny — on Rosenbrock 2-D merely skipping the pair took 672
 * steps, dropping the memory 39.
 * @param options memory, c1, shrink, curvatureEps
 * @throws TypeError or RangeError naming the option when a value is outside its range
 * @example
 * import ndarray, { type NdArray } from 'ndarray';
 * import { lbfgs, minimize } from '@descent/optim';
 * const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
 * const result = minimize(rosenbrock, ndarray(new Float64Array([-1.2, 1])), { optimizer: lbfgs() });
 * // result.reason → 'gradTol'; result.x ≈ [1.000, 1.000]; after a few dozen steps
 */
export function lbfgs(options: LbfgsOptions = {}): LbfgsLineSearch {
  const memory = options.memory ?? DEFAULT_LBFGS_MEMORY;
  if (typeof memory !== 'number' || !Number.isInteger(memory) || memory < 1) {
    throw new RangeError(`lbfgs: memory must be an integer ≥ 1, got ${String(memory)}; the default is 10.`);
  }
  const c1 = checkHyperparameter('lbfgs', 'c1', options.c1 ?? DEFAULT_ARMIJO_C1, 'positive', 'pass a value in (0, 1); the default is 1e-4');
  if (c1 >= 1) throw new RangeError(`lbfgs: c1 must be in (0, 1), got ${c1}; the default is 1e-4.`);
  const shrink = checkHyperparameter('lbfgs', 'shrink', options.shrink ?? DEFAULT_BACKTRACK_SHRINK, 'positive', 'pass a value in (0, 1); the default is 0.5');
  if (shrink >= 1) throw new RangeError(`lbfgs: shrink must be in (0, 1), got ${shrink}; the default is 0.5.`);
  const curvatureEps = checkHyperparameter(
    'lbfgs',
    'curvatureEps',
    options.curvatureEps ?? DEFAULT_CURVATURE_EPS,
    'unitInterval',
    'pass a value in [0, 1); the default is 1e-8',
  );
  return { kind: 'lbfgs', memory, c1, shrink, curvatureEps };
}

/**
 * The last m pairs (s, y) of one run, in a ring of preallocated rows, and the
 * two-loop recursion over them. Nothing is allocated after construction.
 * @example
 * import { LbfgsMemory } from '@descent/optim';
 * const memory = new LbfgsMemory(10, 2, 1e-8);
 * memory.push(new Float64Array([0.5, -1]), new Float64Array([1, 1]), new Float64Array([0.5, -4]), new Float64Array([1, 4]));
 * const slope = memory.descentDirection(new Float64Array([0.5, -4])); // memory.direction ≈ [0.0431, 0.9661]
 */
export class LbfgsMemory {
  private readonly s: Float64Array[];
  private readonly y: Float64Array[];
  /** 1 / sᵢᵀyᵢ per slot. */
  private readonly rho: Float64Array;
  /** αᵢ of the first loop, per slot. */
  private readonly alpha: Float64Array;
  /** Slot of the newest pair. */
  private newest = -1;
  /** Pairs stored (≤ m). */
  private count = 0;
  /** γ = sᵀy / yᵀy of the newest pair. */
  private gamma = 1;
  /** The search direction written by `descentDirection`. */
  readonly direction: Float64Array;

  /**
   * @param memory m, the number of pairs kept
   * @param n the number of parameters
   * @param curvatureEps pairs with sᵀy ≤ curvatureEps·‖s‖₂‖y‖₂ are skipped
   */
  constructor(
    memory: number,
    n: number,
    private readonly curvatureEps: number,
  ) {
    this.s = Array.from({ length: memory }, () => new Float64Array(n));
    this.y = Array.from({ length: memory }, () => new Float64Array(n));
    this.rho = new Float64Array(memory);
    this.alpha = new Float64Array(memory);
    this.direction = new Float64Array(n);
  }

  /**
   * Write the search direction into `direction`: the L-BFGS direction d = −H·g,
   * or, when gᵀd is not negative (d is no descent direction, or not finite),
   * d = −g after forgetting every pair.
   * @param g the gradient at the current point
   * @returns the slope gᵀd (< 0 unless g = 0)
   */
  descentDirection(g: Float64Array): number {
    const d = this.direction;
    this.directionInto(d, g);
    let slope = 0;
    for (let k = 0; k < g.length; k++) slope += g[k]! * d[k]!;
    if (slope < 0) return slope;
    this.reset();
    slope = 0;
    for (let k = 0; k < g.length; k++) {
      d[k] = -g[k]!;
      slope -= g[k]! * g[k]!;
    }
    return slope;
  }

  /** Pairs currently stored. */
  get size(): number {
    return this.count;
  }

  /** Forget every pair (the next direction is −g). */
  reset(): void {
    this.newest = -1;
    this.count = 0;
    this.gamma = 1;
  }

  /**
   * Store s = x₊ − x, y = g₊ − g if sᵀy > curvatureEps·‖s‖₂‖y‖₂ (the oldest pair
   * makes room when m are stored); otherwise forget every pair (see `lbfgs`).
   * @returns true when the pair was stored, false when it was refused
   */
  push(xNew: Float64Array, xOld: Float64Array, gNew: Float64Array, gOld: Float64Array): boolean {
    let sy = 0;
    let ss = 0;
    let yy = 0;
    for (let k = 0; k < xNew.length; k++) {
      const sk = xNew[k]! - xOld[k]!;
      const yk = gNew[k]! - gOld[k]!;
      sy += sk * yk;
      ss += sk * sk;
      yy += yk * yk;
    }
    if (!(sy > this.curvatureEps * Math.sqrt(ss) * Math.sqrt(yy))) {
      this.reset();
      return false;
    }
    const m = this.rho.length;
    const slot = (this.newest + 1) % m;
    const s = this.s[slot]!;
    const y = this.y[slot]!;
    for (let k = 0; k < s.length; k++) {
      s[k] = xNew[k]! - xOld[k]!;
      y[k] = gNew[k]! - gOld[k]!;
    }
    this.newest = slot;
    this.count = Math.min(this.count + 1, m);
    this.rho[slot] = 1 / sy;
    this.gamma = sy / yy;
    return true;
  }

  /**
   * Write the L-BFGS direction d = −H·g into `d` (two-loop recursion).
   *
   *   q ← g;  for i = newest … oldest: αᵢ = ρᵢ·sᵢᵀq,  q ← q − αᵢ·yᵢ
   *   r ← γ·q; for i = oldest … newest: β = ρᵢ·yᵢᵀr,  r ← r + (αᵢ − β)·sᵢ
   *   d = −r
   * @param d destination (length n)
   * @param g the gradient at the current point
   */
  directionInto(d: Float64Array, g: Float64Array): void {
    const m = this.rho.length;
    const n = g.length;
    for (let k = 0; k < n; k++) d[k] = g[k]!;
    for (let j = 0; j < this.count; j++) {
      const i = (this.newest - j + m) % m;
      const s = this.s[i]!;
      const y = this.y[i]!;
      let sq = 0;
      for (let k = 0; k < n; k++) sq += s[k]! * d[k]!;
      const a = this.rho[i]! * sq;
      this.alpha[i] = a;
      for (let k = 0; k < n; k++) d[k] = d[k]! - a * y[k]!;
    }
    const gamma = this.count > 0 ? this.gamma : 1;
    for (let k = 0; k < n; k++) d[k] = gamma * d[k]!;
    for (let j = this.count - 1; j >= 0; j--) {
      const i = (this.newest - j + m) % m;
      const s = this.s[i]!;
      const y = this.y[i]!;
      let yr = 0;
      for (let k = 0; k < n; k++) yr += y[k]! * d[k]!;
      const b = this.alpha[i]! - this.rho[i]! * yr;
      for (let k = 0; k < n; k++) d[k] = d[k]! + b * s[k]!;
    }
    for (let k = 0; k < n; k++) d[k] = -d[k]!;
  }
}
