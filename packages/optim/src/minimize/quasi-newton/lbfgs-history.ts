/**
 * The last m step/gradient-change pairs of an L-BFGS run and the two-loop
 * recursion over them (Nocedal & Wright, Algorithm 7.4), in preallocated rows.
 */

/**
 * A ring of the last m pairs sᵢ = x₊ − x, yᵢ = ∇f(x₊) − ∇f(x) with ρᵢ = 1/sᵢᵀyᵢ.
 * Nothing is allocated after construction.
 * @example
 * const h = new LbfgsHistory(5, 2);
 * // f = x₁² + 5x₂² (∇f = (2x₁, 10x₂)), step from (1, 1) to (0, 0.5):
 * h.tryUpdate(new Float64Array([0, 0.5]), new Float64Array([1, 1]), new Float64Array([0, 5]), new Float64Array([2, 10]), 1e-10); // true
 */
export class LbfgsHistory {
  private readonly s: Float64Array[];
  private readonly y: Float64Array[];
  private readonly rho: Float64Array;
  private readonly alpha: Float64Array;
  private newest = -1;
  private count = 0;
  /** γ = sᵀy / yᵀy of the newest pair: the scale of the initial inverse Hessian H₀ = γI. */
  gamma = 1;

  /**
   * @param memory m ≥ 1, the number of pairs kept
   * @param n the number of variables
   */
  constructor(memory: number, n: number) {
    this.s = Array.from({ length: memory }, () => new Float64Array(n));
    this.y = Array.from({ length: memory }, () => new Float64Array(n));
    this.rho = new Float64Array(memory);
    this.alpha = new Float64Array(memory);
  }

  /** Pairs stored (≤ m). */
  get size(): number {
    return this.count;
  }

  /** Forget every pair. */
  reset(): void {
    this.newest = -1;
    this.count = 0;
    this.gamma = 1;
  }

  /**
   * Store s = xNew − xOld, y = gNew − gOld when the curvature test
   * sᵀy > curvatureEps·‖s‖₂‖y‖₂ holds (the oldest pair makes room when m are
   * stored); otherwise store nothing and keep the other pairs.
   * @returns whether the pair was stored
   */
  tryUpdate(xNew: Float64Array, xOld: Float64Array, gNew: Float64Array, gOld: Float64Array, curvatureEps: number): boolean {
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
    if (!(sy > curvatureEps * Math.sqrt(ss) * Math.sqrt(yy)) || !Number.isFinite(sy)) return false;
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
   * Write d = −H·g (two-loop recursion with H₀ = γI; H = I while empty):
   *
   *   q ← g;  for i newest…oldest: αᵢ = ρᵢsᵢᵀq, q ← q − αᵢyᵢ
   *   r ← γq; for i oldest…newest: β = ρᵢyᵢᵀr, r ← r + (αᵢ − β)sᵢ;  d = −r
   * @returns the slope gᵀd (negative for a descent direction)
   */
  directionInto(d: Float64Array, g: Float64Array): number {
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
    let slope = 0;
    for (let k = 0; k < n; k++) {
      d[k] = -d[k]!;
      slope += g[k]! * d[k]!;
    }
    return slope;
  }
}
