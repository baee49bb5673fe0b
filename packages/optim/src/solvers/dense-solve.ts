/**
 * Small dense linear algebra for L-BFGS-B's 2m × 2m middle matrices: Gaussian
 * elimination with partial pivoting, in place, on row-major Float64Arrays.
 */

/**
 * Solve A·X = B in place for a k × k matrix A (row-major, leading dimension lda)
 * and r right-hand sides B (k × r, row-major, leading dimension ldb): on return
 * B holds X and A is destroyed.
 * @returns false (A and B then undefined) when a pivot is 0 or the solution is
 *   not finite — A is singular to working precision
 * @example
 * const A = new Float64Array([2, 1, 1, 3]); // [[2, 1], [1, 3]]
 * const b = new Float64Array([3, 5]);
 * solveInPlace(A, 2, 2, b, 1, 1); // true; b = [0.8, 1.4]
 */
export function solveInPlace(A: Float64Array, k: number, lda: number, B: Float64Array, r: number, ldb: number): boolean {
  for (let col = 0; col < k; col++) {
    let pivot = col;
    for (let i = col + 1; i < k; i++) if (Math.abs(A[i * lda + col]!) > Math.abs(A[pivot * lda + col]!)) pivot = i;
    const p = A[pivot * lda + col]!;
    if (!(Math.abs(p) > 0)) return false;
    if (pivot !== col) {
      for (let j = 0; j < k; j++) [A[col * lda + j], A[pivot * lda + j]] = [A[pivot * lda + j]!, A[col * lda + j]!];
      for (let j = 0; j < r; j++) [B[col * ldb + j], B[pivot * ldb + j]] = [B[pivot * ldb + j]!, B[col * ldb + j]!];
    }
    for (let i = col + 1; i < k; i++) {
      const factor = A[i * lda + col]! / p;
      if (factor === 0) continue;
      for (let j = col; j < k; j++) A[i * lda + j] = A[i * lda + j]! - factor * A[col * lda + j]!;
      for (let j = 0; j < r; j++) B[i * ldb + j] = B[i * ldb + j]! - factor * B[col * ldb + j]!;
    }
  }
  for (let col = k - 1; col >= 0; col--) {
    const p = A[col * lda + col]!;
    for (let j = 0; j < r; j++) {
      let v = B[col * ldb + j]!;
      for (let t = col + 1; t < k; t++) v -= A[col * lda + t]! * B[t * ldb + j]!;
      B[col * ldb + j] = v / p;
      if (!Number.isFinite(B[col * ldb + j]!)) return false;
    }
  }
  return true;
}
