/**
 * Mini-batch gathering: copy the rows (first-axis slices) of a data set named by
 * an ordering of sample indices into contiguous, row-major Float64Array-backed
 * batch buffers that are allocated once and reused for every batch.
 */
import ndarray, { type NdArray } from 'ndarray';
import { identityOrder } from './shuffle.js';
import { isRowMajorContiguous, storageOf, type Storage } from './strided.js';

/** A mini-batch: contiguous arrays whose first axis has `size` rows. */
export interface Batch {
  /** Row-major contiguous inputs, shape [size, …the data's input row shape], offset 0, Float64Array storage. */
  readonly inputs: NdArray;
  /** Row-major contiguous targets, shape [size, …the data's target row shape], offset 0, Float64Array storage. */
  readonly targets: NdArray;
  /** Number of samples in the batch (the first dimension of inputs and targets). */
  readonly size: number;
}

/** A data set: inputs and targets whose first axis indexes the samples (any ndarray views). */
export interface Dataset {
  /** Inputs, first axis = samples, e.g. [n, features]. */
  readonly inputs: NdArray;
  /** Targets, first axis = samples: 1-D labels [n] or 2-D one-hot [n, classes]. */
  readonly targets: NdArray;
}

/**
 * Copies rows of one source view into a contiguous buffer. Built once per source;
 * `gather` allocates nothing.
 */
export class RowGatherer {
  /** Elements per row: the product of the source's shape without its first axis. */
  readonly rowSize: number;
  /** The shape of one row (the source's shape without its first axis). */
  readonly rowShape: readonly number[];
  private readonly data: Storage;
  private readonly offset: number;
  private readonly sampleStride: number;
  private readonly shape: readonly number[];
  private readonly stride: readonly number[];
  private readonly index: Int32Array;

  /**
   * @param source the data, first axis = samples; any view (transposed, strided, offset)
   * @param name the source's name in error messages, e.g. 'data.inputs'
   * @throws TypeError when the source has no axes or its storage cannot be indexed
   */
  constructor(source: NdArray, name: string) {
    if (source.shape.length === 0) {
      throw new TypeError(`${name} must have at least one axis (the samples), got a 0-d array; reshape it to [n] or [n, features].`);
    }
    this.data = storageOf(source, name);
    this.offset = source.offset;
    this.sampleStride = source.stride[0]!;
    this.shape = source.shape.slice(1);
    this.stride = source.stride.slice(1);
    this.rowShape = this.shape;
    this.rowSize = this.shape.reduce((a, b) => a * b, 1);
    this.index = new Int32Array(Math.max(1, this.shape.length));
  }

  /**
   * Write rows `order[start]`, …, `order[start + count − 1]` of the source, each in
   * row-major order, one after another into `out` from index 0.
   * Element (s, j1, …, jm) is read at offset + s·stride0 + Σ j_k·stride_k.
   * @param out destination with room for count·rowSize numbers
   * @param order sample indices (each in [0, n))
   * @param start position in `order` of the first row to copy
   * @param count number of rows
   */
  gather(out: Float64Array, order: ArrayLike<number>, start: number, count: number): void {
    const data = this.data;
    const offset = this.offset;
    const sampleStride = this.sampleStride;
    const dims = this.shape.length;
    let k = 0;
    if (dims === 0) {
      for (let r = 0; r < count; r++) out[k++] = data[offset + order[start + r]! * sampleStride]!;
      return;
    }
    const inner = dims - 1;
    const innerLength = this.shape[inner]!;
    const innerStride = this.stride[inner]!;
    if (inner === 0) {
      // One axis per row (the [n, features] case): each row is one strided run.
      for (let r = 0; r < count; r++) {
        const position = offset + order[start + r]! * sampleStride;
        for (let i = 0; i < innerLength; i++) out[k++] = data[position + i * innerStride]!;
      }
      return;
    }
    const rowsPerSample = innerLength === 0 ? 0 : this.rowSize / innerLength;
    const shape = this.shape;
    const stride = this.stride;
    const index = this.index;
    for (let r = 0; r < count; r++) {
      let position = offset + order[start + r]! * sampleStride;
      for (let row = 0; row < rowsPerSample; row++) {
        for (let i = 0; i < innerLength; i++) out[k++] = data[position + i * innerStride]!;
        // Advance the multi-index of the outer row axes like an odometer; after the
        // sample's last row it has wrapped back to all zeros for the next sample.
        for (let axis = inner - 1; axis >= 0; axis--) {
          index[axis]!++;
          position += stride[axis]!;
          if (index[axis]! < shape[axis]!) break;
          position -= stride[axis]! * shape[axis]!;
          index[axis] = 0;
        }
      }
    }
  }
}

/** A reusable pair of batch buffers of one batch size. */
interface BatchBuffers {
  readonly batch: Batch;
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
}

function allocateBatch(size: number, inputs: RowGatherer, targets: RowGatherer): BatchBuffers {
  const inputData = new Float64Array(size * inputs.rowSize);
  const targetData = new Float64Array(size * targets.rowSize);
  return {
    inputs: inputData,
    targets: targetData,
    batch: {
      inputs: ndarray(inputData, [size, ...inputs.rowShape]),
      targets: ndarray(targetData, [size, ...targets.rowShape]),
      size,
    },
  };
}

/**
 * Cuts an ordering of the samples into consecutive mini-batches. Full batches
 * share one pair of buffers; the last, smaller batch (when n is not a multiple of
 * the batch size and `dropLast` is false) has its own smaller pair. A returned
 * `Batch` is overwritten by the next call that uses the same buffers: copy
 * anything you need to keep.
 * @example
 * import ndarray from 'ndarray';
 * const data = { inputs: ndarray(new Float64Array([1, 2, 3, 4, 5, 6]), [3, 2]), targets: ndarray(new Float64Array([0, 1, 0])) };
 * const batcher = new Batcher(data, 2, false);
 * batcher.batchCount;                 // → 2 — one batch of 2 rows, one of 1
 * batcher.batch([2, 0, 1], 0).inputs; // → [[5, 6], [1, 2]] — rows 2 and 0
 */
export class Batcher {
  /** Number of batches per pass over the data. */
  readonly batchCount: number;
  /** Number of samples in the data. */
  readonly sampleCount: number;
  private readonly batchSize: number;
  private readonly inputs: RowGatherer;
  private readonly targets: RowGatherer;
  private readonly full: BatchBuffers;
  private readonly last: BatchBuffers | null;

  /**
   * @param data inputs and targets with the same number of samples (checked by the caller)
   * @param batchSize samples per batch, an integer ≥ 1 (a size above n gives one batch of n)
   * @param dropLast skip the last batch when it would be smaller than batchSize
   */
  constructor(data: Dataset, batchSize: number, dropLast: boolean) {
    this.sampleCount = data.inputs.shape[0]!;
    this.inputs = new RowGatherer(data.inputs, 'data.inputs');
    this.targets = new RowGatherer(data.targets, 'data.targets');
    const n = this.sampleCount;
    this.batchSize = Math.min(batchSize, n);
    const fullCount = Math.floor(n / this.batchSize);
    const remainder = n - fullCount * this.batchSize;
    this.full = allocateBatch(this.batchSize, this.inputs, this.targets);
    this.last = remainder > 0 && !dropLast ? allocateBatch(remainder, this.inputs, this.targets) : null;
    this.batchCount = fullCount + (this.last === null ? 0 : 1);
  }

  /**
   * Gather batch number `b` of the ordering: samples order[b·batchSize], … .
   * @param order a permutation of 0 … n − 1 (or any sample indices, length n)
   * @param b batch number in [0, batchCount)
   * @returns the batch, in reused buffers
   */
  batch(order: ArrayLike<number>, b: number): Batch {
    const start = b * this.batchSize;
    const buffers = start + this.batchSize <= this.sampleCount ? this.full : this.last!;
    const size = buffers.batch.size;
    this.inputs.gather(buffers.inputs, order, start, size);
    this.targets.gather(buffers.targets, order, start, size);
    return buffers.batch;
  }
}

function isPlainContiguous(a: NdArray): boolean {
  return a.data instanceof Float64Array && a.offset === 0 && isRowMajorContiguous(a);
}

/**
 * The whole data set as one batch. Arrays that are already row-major contiguous
 * Float64Array views at offset 0 are used as they are (no copy); any other view
 * is gathered once into a new contiguous array (memory: one copy of that array).
 * @param data inputs and targets with the same number of samples
 * @returns a batch of all n samples in their original order
 * @example
 * import ndarray from 'ndarray';
 * const x = ndarray(new Float64Array([1, 2, 3, 4]), [2, 2]).transpose(1, 0);
 * wholeBatch({ inputs: x, targets: ndarray(new Float64Array([0, 1])) }).inputs; // → [[1, 3], [2, 4]] — contiguous
 */
export function wholeBatch(data: Dataset): Batch {
  const n = data.inputs.shape[0]!;
  let identity: Uint32Array | null = null;
  const copy = (source: NdArray, name: string): NdArray => {
    if (isPlainContiguous(source)) return source;
    const rows = new RowGatherer(source, name);
    const out = new Float64Array(n * rows.rowSize);
    identity ??= identityOrder(n);
    rows.gather(out, identity, 0, n);
    return ndarray(out, [n, ...rows.rowShape]);
  };
  return { inputs: copy(data.inputs, 'inputs'), targets: copy(data.targets, 'targets'), size: n };
}
