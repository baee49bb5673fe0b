import type { NdArray } from 'ndarray';
import { isRowMajorContiguous } from '@descent/optim';

/**
 * Reads ndarrays of any layout as row-major Float64Arrays for the matrix
 * kernels. A C-contiguous Float64 view is read in place (no copy; the
 * subarray is cached while the same memory is passed again); any other view
 * (transposed, strided, offset, other element type) is packed element by
 * element — addressed through offset + Σ idx·stride — into a scratch buffer
 * that is reused from call to call.
 * @example
 * import ndarray from 'ndarray';
 * const reader = new RowMajorReader();
 * const a = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]);
 * reader.read(a.transpose(1, 0)); // Float64Array [1, 3, 2, 4]
 */
export class RowMajorReader {
  private viewSource: unknown = null;
  private viewOffset = -1;
  private view: Float64Array = new Float64Array(0);
  private scratch: Float64Array = new Float64Array(0);
  private index: number[] = [];

  /** The elements of `x` in row-major order (valid until the next `read`). */
  read(x: NdArray): Float64Array {
    const size = x.size;
    if (x.data instanceof Float64Array && isRowMajorContiguous(x)) {
      if (this.viewSource !== x.data || this.viewOffset !== x.offset || this.view.length !== size) {
        this.view = (x.data as Float64Array).subarray(x.offset, x.offset + size);
        this.viewSource = x.data;
        this.viewOffset = x.offset;
      }
      return this.view;
    }
    if (this.scratch.length !== size) this.scratch = new Float64Array(size);
    const dims = x.shape.length;
    if (this.index.length !== dims) this.index = new Array<number>(dims).fill(0);
    const idx = this.index;
    idx.fill(0);
    const data = x.data as ArrayLike<number>;
    for (let k = 0; k < size; k++) {
      let at = x.offset;
      for (let d = 0; d < dims; d++) at += idx[d]! * x.stride[d]!;
      this.scratch[k] = data[at]!;
      for (let d = dims - 1; d >= 0; d--) {
        if (++idx[d]! < x.shape[d]!) break;
        idx[d] = 0;
      }
    }
    return this.scratch;
  }
}

/**
 * The number of samples in a batch `x` of `features`-long rows: 1 for a single
 * sample of shape [features], n for shape [n, features].
 * @throws RangeError naming the function and the shape when x fits neither form
 * @example
 * import ndarray from 'ndarray';
 * batchRows('predict', ndarray(new Float64Array(6), [3, 2]), 2); // 3
 */
export function batchRows(fn: string, x: NdArray, features: number): number {
  if (x.shape.length === 1 && x.shape[0] === features) return 1;
  if (x.shape.length === 2 && x.shape[1] === features) return x.shape[0]!;
  throw new RangeError(
    `${fn}: x has shape [${x.shape.join(', ')}]; pass one sample of shape [${features}] or a batch of shape [n, ${features}]`,
  );
}
