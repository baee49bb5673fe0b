/**
 * The nonzeros of a row-major matrix, row by row (compressed sparse rows):
 * row i's entries are `value[q]` at column `column[q]` for q in
 * rowStart[i] … rowStart[i+1] − 1, columns ascending. −0 counts as zero.
 * @example
 * const rows = new SparseRows(new Float64Array([0, 2, 0, 3, 0, 4]), 2, 3);
 * rows.dot(1, new Float64Array([1, 10, 100])); // 3·1 + 4·100 = 403
 */
export class SparseRows {
  readonly rows: number;
  readonly cols: number;
  readonly rowStart: Int32Array;
  readonly column: Int32Array;
  readonly value: Float64Array;

  /**
   * @param data the matrix, row-major, at least rows·cols elements (read once, not kept)
   */
  constructor(data: Float64Array, rows: number, cols: number) {
    this.rows = rows;
    this.cols = cols;
    let nonzeros = 0;
    for (let k = 0; k < rows * cols; k++) if (data[k] !== 0) nonzeros++;
    this.rowStart = new Int32Array(rows + 1);
    this.column = new Int32Array(nonzeros);
    this.value = new Float64Array(nonzeros);
    for (let i = 0, q = 0; i < rows; i++) {
      for (let p = 0; p < cols; p++) {
        const v = data[i * cols + p]!;
        if (v !== 0) {
          this.column[q] = p;
          this.value[q++] = v;
        }
      }
      this.rowStart[i + 1] = q;
    }
  }

  /**
   * s = 0, then s += a[i,p]·w[p] over row i's nonzeros, p ascending: the naive
   * row·w sum bit for bit when w is finite (a skipped term is ±0, and s + ±0 = s
   * for every s a sum started at +0 can hold); with ±∞ or NaN in w it may miss
   * a 0·∞ = NaN.
   */
  dot(i: number, w: Float64Array): number {
    const { column, value } = this;
    const end = this.rowStart[i + 1]!;
    let s = 0;
    for (let q = this.rowStart[i]!; q < end; q++) s += value[q]! * w[column[q]!]!;
    return s;
  }
}
