/**
 * The dense inverse-Hessian approximation of BFGS (Nocedal & Wright, §6.1),
 * n × n in one preallocated row-major buffer: for small problems it keeps every
 * curvature pair, where L-BFGS keeps the last m.
 */

/**
 * H ≈ ∇²f⁻¹, updated by the BFGS formula
 *
 *   H₊ = (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ,  ρ = 1/sᵀy,
 *
 * computed as H − ρ(s(Hy)ᵀ + (Hy)sᵀ) + (ρ²·yᵀHy + ρ)ssᵀ (H is symmetric). Before
 * the first update H = I is rescaled to γI, γ = sᵀy/yᵀy (N&W eq. 6.20), so the
 * first quasi-Newton step has the curvature's length scale.
 * @example
 * const H = new BfgsMatrix(2);
 * // f = x₁² + 5x₂² (∇f = (2x₁, 10x₂)), step from (1, 1) to (0, 0.5):
 * H.tryUpdate(new Float64Array([0, 0.5]), new Float64Array([1, 1]), new Float64Array([0, 5]), new Float64Array([2, 10]), 1e-10); // → true
 */
export class BfgsMatrix {
  /** H, row-major n × n. */
  readonly h: Float64Array;
  private readonly hy: Float64Array;
  private readonly s: Float64Array;
  private readonly y: Float64Array;
  /** Updates made since the last reset. */
  updates = 0;

  constructor(
    readonly n: number,
    private readonly scaleFirst = true,
  ) {
    this.h = new Float64Array(n * n);
    this.hy = new Float64Array(n);
    this.s = new Float64Array(n);
    this.y = new Float64Array(n);
    this.reset();
  }

  /** Updates since the last reset (the "memory" emptied on a failed search). */
  get size(): number {
    return this.updates;
  }

  /** H = I. */
  reset(): void {
    const { h, n } = this;
    h.fill(0);
    for (let i = 0; i < n; i++) h[i * n + i] = 1;
    this.updates = 0;
  }

  /**
   * Update with s = xNew − xOld, y = gNew − gOld when sᵀy > curvatureEps·‖s‖₂‖y‖₂.
   * @returns whether H was updated
   */
  tryUpdate(xNew: Float64Array, xOld: Float64Array, gNew: Float64Array, gOld: Float64Array, curvatureEps: number): boolean {
    const { h, hy, s, y, n } = this;
    let sy = 0;
    let ss = 0;
    let yy = 0;
    for (let k = 0; k < n; k++) {
      s[k] = xNew[k]! - xOld[k]!;
      y[k] = gNew[k]! - gOld[k]!;
      sy += s[k]! * y[k]!;
      ss += s[k]! * s[k]!;
      yy += y[k]! * y[k]!;
    }
    if (!(sy > curvatureEps * Math.sqrt(ss) * Math.sqrt(yy)) || !Number.isFinite(sy)) return false;
    if (this.updates === 0 && this.scaleFirst) {
      const gamma = sy / yy;
      for (let i = 0; i < n; i++) h[i * n + i] = gamma;
    }
    const rho = 1 / sy;
    let yhy = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += h[i * n + j]! * y[j]!;
      hy[i] = v;
      yhy += y[i]! * v;
    }
    const c = rho * rho * yhy + rho;
    for (let i = 0; i < n; i++) {
      const si = s[i]!;
      const hyi = hy[i]!;
      for (let j = 0; j < n; j++) h[i * n + j] = h[i * n + j]! - rho * (si * hy[j]! + hyi * s[j]!) + c * si * s[j]!;
    }
    this.updates++;
    return true;
  }

  /**
   * Write d = −H·g.
   * @returns the slope gᵀd (negative for a descent direction)
   */
  directionInto(d: Float64Array, g: Float64Array): number {
    const { h, n } = this;
    let slope = 0;
    for (let i = 0; i < n; i++) {
      let v = 0;
      for (let j = 0; j < n; j++) v += h[i * n + j]! * g[j]!;
      d[i] = -v;
      slope -= g[i]! * v;
    }
    return slope;
  }
}
