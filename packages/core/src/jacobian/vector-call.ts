/**
 * The one place where a vector-valued f (jacobian, the gradient of a Hessian
 * or a Hessian-vector product) is called: f(x, out) writes its m outputs into
 * `out`, a contiguous Float64 ndarray reused from call to call (no allocation
 * per call), or returns them (an ndarray or an array of m numbers, copied
 * out). Every output is checked to be a finite number; x is checked by the caller.
 */
import ndarray, { type NdArray } from 'ndarray';
import { describe } from '../errors/describe.js';
import { InvalidArgumentError, NonFiniteValueError, NotANumberError } from '../errors/error-classes.js';
import { fThrewError } from '../kernel/errors.js';
import { gather } from '../memory/strided.js';
import { isNdArray, nextRow, rowStart, sizeOf } from '../memory/strided.js';

/**
 * A vector-valued function of an ndarray: write the m outputs into `out`
 * (length m, contiguous Float64) and return nothing, or return them as an
 * ndarray (any shape with m elements, read in row-major order) or an array-like of m numbers.
 */
export type VectorFunction<A extends NdArray = NdArray> = (x: A, out: NdArray) => void | NdArray | ArrayLike<number>;

/** A run of calls of a vector function. */
export interface VectorCalls {
  readonly f: VectorFunction;
  readonly x: NdArray;
  /** x's name in messages. */
  readonly name: string;
  /** The public function, for messages. */
  readonly where: string;
  /** What f is called (`f`, `gradient`), in messages. */
  readonly fName: string;
  /** Number of outputs; −1 until known. */
  m: number;
  /**
   * Where x stands at call (tag, k), for messages — `at` like `at the
   * unperturbed x` or `when x[3] was perturbed to 1.0001`, and the perturbed
   * element for the error's field; called only when an error is raised.
   */
  locate: (tag: number, k: number) => { at: string; coordinate?: string };
  /** Calls so far (a call that throws counts). */
  evaluations: number;
}

/** A new run of calls; m is −1 when not yet known. */
export function vectorCalls(f: VectorFunction, x: NdArray, name: string, where: string, fName: string, m: number): VectorCalls {
  return { f, x, name, where, fName, m, evaluations: 0, locate: () => ({ at: `at the unperturbed ${name}` }) };
}

/** A Float64 buffer of m outputs and the ndarray over it that f writes into. */
export interface OutputBuffer {
  readonly values: Float64Array;
  readonly view: NdArray;
}

/** A buffer for m outputs. */
export function outputBuffer(m: number): OutputBuffer {
  const values = new Float64Array(m);
  return { values, view: ndarray(values, [m]) };
}

/**
 * f at the current x into `buffer` (m known), or — with m unknown — into a new
 * buffer of the length f returns (which sets calls.m).
 * @param tag - what calls.locate(tag, k) turns into the place of messages (−1: the unperturbed x)
 * @param k - the node
 * @param finite - check that every output is finite (false: the caller checks; Richardson steps back from them)
 * @returns the buffer holding f's m outputs (finite unless `finite` is false)
 * @throws FunctionThrewError (f's error as cause), NotANumberError (a wrong result), NonFiniteValueError (an output NaN/±Infinity),
 *   InvalidArgumentError (f wrote into out with m unknown, or returned the wrong number of outputs)
 */
export function vectorAt(calls: VectorCalls, buffer: OutputBuffer | undefined, tag: number, k: number, finite = true): OutputBuffer {
  const { where, fName } = calls;
  const out = buffer ?? outputBuffer(0);
  let result: unknown;
  calls.evaluations++;
  try {
    result = calls.f(calls.x, out.view);
  } catch (error) {
    const { at, coordinate } = calls.locate(tag, k);
    throw fThrewError(where, at, error, `${calls.name} has been restored`, coordinate);
  }
  let target = out;
  if (result !== undefined && result !== out.view) {
    const { at, coordinate } = calls.locate(tag, k);
    const values = valuesOf(result, calls, at, coordinate);
    if (calls.m < 0) calls.m = values.length;
    if (values.length !== calls.m) {
      throw new InvalidArgumentError(`${where}: ${fName} returned ${values.length} outputs ${at} but ${calls.m} were expected (from an earlier call, options.outputs or the destination); the number of outputs must not change.`);
    }
    if (buffer === undefined) target = { values, view: ndarray(values, [values.length]) };
    else out.values.set(values);
  } else if (calls.m < 0) {
    throw new InvalidArgumentError(
      `${where}: ${fName} returned nothing and the number of outputs is not known; pass options.outputs (m) when ${fName} writes into its second argument, or return the outputs.`,
    );
  }
  const values = target.values;
  for (let i = 0; finite && i < values.length; i++) {
    const v = values[i]!;
    if (v - v !== 0) {
      const { at, coordinate } = calls.locate(tag, k);
      throw new NonFiniteValueError(
        coordinate,
        v,
        `${where}: ${fName} returned ${v} in output ${i} ${at}; a finite difference needs finite outputs near ${calls.name} (try a smaller h, or check ${fName}'s domain) — ${calls.name} has been restored.`,
      );
    }
  }
  return target;
}

/** The outputs f returned, as a new Float64Array (checked to be numbers; non-finite ones are found by the caller). */
function valuesOf(result: unknown, calls: VectorCalls, at: string, coordinate: string | undefined): Float64Array {
  const { where, fName, name } = calls;
  if (isNdArray(result)) {
    if (ArrayBuffer.isView(result.data)) return gather(result); // typed storage holds numbers (bigint storage gathers as NaN: refused as non-finite)
    return numbersOf(rawElements(result), calls, at, coordinate);
  }
  if (Array.isArray(result) || (ArrayBuffer.isView(result) && !(result instanceof DataView))) {
    return numbersOf(result as ArrayLike<unknown>, calls, at, coordinate);
  }
  const thenable = (typeof result === 'object' || typeof result === 'function') && result !== null && typeof (result as { then?: unknown }).then === 'function';
  if (thenable) {
    try {
      (result as PromiseLike<unknown>).then(undefined, () => undefined);
    } catch {
      // a then that throws: nothing to silence
    }
    throw new NotANumberError(coordinate, result, `${where}: ${fName} returned a Promise (an async function?) ${at}; ${where} needs a synchronous ${fName} — ${name} has been restored.`);
  }
  throw notANumber(result, `it returned ${describe(result)}`, calls, at, coordinate);
}

/** The elements of a list as a Float64Array, each checked to be a number (no coercion of '3' or null). */
function numbersOf(list: ArrayLike<unknown>, calls: VectorCalls, at: string, coordinate: string | undefined): Float64Array {
  const values = new Float64Array(list.length);
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
    if (typeof v !== 'number') throw notANumber(v, `output ${i} is ${describe(v)}`, calls, at, coordinate);
    values[i] = v;
  }
  return values;
}

/** The elements of a view in row-major order, uncoerced. */
function rawElements(a: NdArray): unknown[] {
  const out: unknown[] = [];
  const size = sizeOf(a.shape);
  if (size === 0) return out;
  const data = a.data as ArrayLike<unknown>;
  const rank = a.shape.length;
  const rowLength = rank === 0 ? 1 : a.shape[rank - 1]!;
  const step = rank === 0 ? 0 : a.stride[rank - 1]!;
  const index = new Int32Array(rank);
  do {
    let p = rowStart(index, a.stride, a.offset);
    for (let i = 0; i < rowLength; i++, p += step) out.push(data[p]);
  } while (rank > 1 && nextRow(index, a.shape));
  return out;
}

function notANumber(value: unknown, what: string, calls: VectorCalls, at: string, coordinate: string | undefined): NotANumberError {
  return new NotANumberError(
    coordinate,
    value,
    `${calls.where}: ${calls.fName} must write its outputs into out (or return an ndarray or an array of numbers), but ${what} ${at} — ${calls.name} has been restored.`,
  );
}
