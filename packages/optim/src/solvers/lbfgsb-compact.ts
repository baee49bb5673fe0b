/**
 * The compact limited-memory BFGS matrix of L-BFGS-B (Byrd, Nocedal & Schnabel
 * 1994; Byrd, Lu, Nocedal & Zhu 1995, §3):
 *
 *   B = θI − W·M·Wᵀ,  W = [Y, θS] (n × 2k),  M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹ (2k × 2k)
 *
 * with the last k ≤ m pairs as the columns of S and Y (oldest first),
 * D = diag(sᵢᵀyᵢ), L the strictly lower triangle of SᵀY (Lᵢⱼ = sᵢᵀyⱼ, i > j),
 * θ = yᵀy/sᵀy of the newest pair. SᵀY, SᵀS, YᵀY are updated one row and column
 * per pair (O(n·k)); M is re-inverted per pair (O(k³)).
 */
import { solveInPlace } from './dense-solve.js';

/**
 * S, Y and the products B needs. Nothing is allocated after construction.
 * @example
 * const B = new CompactLbfgs(10, 2);
 * B.tryPush(new Float64Array([1, 0]), new Float64Array(2), new Float64Array([2, 0]), new Float64Array(2), 1e-10); // true
 * B.theta; // yᵀy/sᵀy = 4/2 = 2
 */
export class CompactLbfgs {
  /** Pairs stored, oldest first at ring position `start`. */
  k = 0;
  theta = 1;
  /** M, 2k × 2k, leading dimension 2m. */
  readonly M: Float64Array;
  private start = 0;
  private readonly s: Float64Array[];
  private readonly y: Float64Array[];
  /** SᵀY, SᵀS, YᵀY in chronological order, k × k, leading dimension m. */
  private readonly SY: Float64Array;
  private readonly SS: Float64Array;
  private readonly YY: Float64Array;
  private readonly K: Float64Array;

  constructor(
    readonly m: number,
    readonly n: number,
  ) {
    this.s = Array.from({ length: m }, () => new Float64Array(n));
    this.y = Array.from({ length: m }, () => new Float64Array(n));
    this.SY = new Float64Array(m * m);
    this.SS = new Float64Array(m * m);
    this.YY = new Float64Array(m * m);
    this.M = new Float64Array(4 * m * m);
    this.K = new Float64Array(4 * m * m);
  }

  /** Leading dimension of M and of the 2k-square scratch matrices. */
  get ld(): number {
    return 2 * this.m;
  }

  /** The i-th stored pair, 0 = oldest. */
  sAt(i: number): Float64Array {
    return this.s[(this.start + i) % this.m]!;
  }

  yAt(i: number): Float64Array {
    return this.y[(this.start + i) % this.m]!;
  }

  reset(): void {
    this.k = 0;
    this.start = 0;
    this.theta = 1;
  }

  /**
   * Store s = xNew − xOld, y = gNew − gOld if sᵀy > curvatureEps·‖s‖‖y‖ (dropping
   * the oldest pair when m are stored) and rebuild M.
   * @returns whether the pair was stored (false also when M turned out singular: the memory is then emptied)
   */
  tryPush(xNew: Float64Array, xOld: Float64Array, gNew: Float64Array, gOld: Float64Array, curvatureEps: number): boolean {
    const { m, n } = this;
    let sy = 0;
    let ss = 0;
    let yy = 0;
    for (let i = 0; i < n; i++) {
      const si = xNew[i]! - xOld[i]!;
      const yi = gNew[i]! - gOld[i]!;
      sy += si * yi;
      ss += si * si;
      yy += yi * yi;
    }
    if (!(sy > curvatureEps * Math.sqrt(ss * yy)) || !Number.isFinite(sy)) return false;
    if (this.k === m) {
      this.start = (this.start + 1) % m;
      this.k--;
      for (const A of [this.SY, this.SS, this.YY]) {
        for (let i = 0; i < this.k; i++) for (let j = 0; j < this.k; j++) A[i * m + j] = A[(i + 1) * m + j + 1]!;
      }
    }
    const slot = (this.start + this.k) % m;
    const s = this.s[slot]!;
    const y = this.y[slot]!;
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - xOld[i]!;
      y[i] = gNew[i]! - gOld[i]!;
    }
    const last = this.k;
    this.k++;
    for (let j = 0; j < this.k; j++) {
      const sj = this.sAt(j);
      const yj = this.yAt(j);
      let sYj = 0;
      let sjY = 0;
      let sSj = 0;
      let yYj = 0;
      for (let i = 0; i < n; i++) {
        sYj += s[i]! * yj[i]!;
        sjY += sj[i]! * y[i]!;
        sSj += s[i]! * sj[i]!;
        yYj += y[i]! * yj[i]!;
      }
      this.SY[last * m + j] = sYj;
      this.SY[j * m + last] = sjY;
      this.SS[last * m + j] = this.SS[j * m + last] = sSj;
      this.YY[last * m + j] = this.YY[j * m + last] = yYj;
    }
    this.theta = yy / sy;
    if (this.rebuildM()) return true;
    this.reset();
    return false;
  }

  /** M = [[−D, Lᵀ], [L, θSᵀS]]⁻¹, by solving K·M = I. */
  private rebuildM(): boolean {
    const { k, m, K, M, ld } = this;
    K.fill(0);
    M.fill(0);
    for (let i = 0; i < k; i++) {
      K[i * ld + i] = -this.SY[i * m + i]!;
      for (let j = 0; j < i; j++) {
        const lij = this.SY[i * m + j]!; // sᵢᵀyⱼ, i > j
        K[(k + i) * ld + j] = lij;
        K[j * ld + k + i] = lij;
      }
      for (let j = 0; j < k; j++) K[(k + i) * ld + k + j] = this.theta * this.SS[i * m + j]!;
    }
    for (let i = 0; i < 2 * k; i++) M[i * ld + i] = 1;
    return solveInPlace(K, 2 * k, ld, M, 2 * k, ld);
  }

  /**
   * d = −H·g for the inverse H = B⁻¹ of the same pairs, by the two-loop recursion
   * (H₀ = I/θ) — the stable way to the model's unconstrained minimizer x − H·g.
   * @param alpha scratch of length ≥ k
   */
  inverseTimesInto(d: Float64Array, g: Float64Array, alpha: Float64Array): void {
    const { k, m, n } = this;
    for (let i = 0; i < n; i++) d[i] = g[i]!;
    for (let j = k - 1; j >= 0; j--) {
      const s = this.sAt(j);
      const y = this.yAt(j);
      let sq = 0;
      for (let i = 0; i < n; i++) sq += s[i]! * d[i]!;
      const a = sq / this.SY[j * m + j]!;
      alpha[j] = a;
      for (let i = 0; i < n; i++) d[i] = d[i]! - a * y[i]!;
    }
    for (let i = 0; i < n; i++) d[i] = d[i]! / this.theta;
    for (let j = 0; j < k; j++) {
      const s = this.sAt(j);
      const y = this.yAt(j);
      let yr = 0;
      for (let i = 0; i < n; i++) yr += y[i]! * d[i]!;
      const b = alpha[j]! - yr / this.SY[j * m + j]!;
      for (let i = 0; i < n; i++) d[i] = d[i]! + b * s[i]!;
    }
    for (let i = 0; i < n; i++) d[i] = -d[i]!;
  }

  /** Row i of W: w = [y₁ᵢ … yₖᵢ, θs₁ᵢ … θsₖᵢ] (length 2k). */
  wRowInto(w: Float64Array, i: number): void {
    for (let j = 0; j < this.k; j++) {
      w[j] = this.yAt(j)[i]!;
      w[this.k + j] = this.theta * this.sAt(j)[i]!;
    }
  }

  /** out = M·v (2k). */
  mTimesInto(out: Float64Array, v: Float64Array): void {
    const k2 = 2 * this.k;
    const ld = this.ld;
    for (let i = 0; i < k2; i++) {
      let sum = 0;
      for (let j = 0; j < k2; j++) sum += this.M[i * ld + j]! * v[j]!;
      out[i] = sum;
    }
  }

  /** (WᵀW)ᵢⱼ for 0 ≤ i, j < 2k: [[YᵀY, θYᵀS], [θSᵀY, θ²SᵀS]]. */
  wtw(i: number, j: number): number {
    const { k, m, theta } = this;
    if (i < k && j < k) return this.YY[i * m + j]!;
    if (i < k) return theta * this.SY[(j - k) * m + i]!;
    if (j < k) return theta * this.SY[(i - k) * m + j]!;
    return theta * theta * this.SS[(i - k) * m + (j - k)]!;
  }
}
