/**
 * What the gradient pool (pool.ts) and its workers (pool-worker.ts) send each
 * other: the tasks, their results, and errors as plain data — a worker's
 * typed error is rebuilt as the same class on the caller's side, its cause
 * structured-cloned (or described when it cannot be). Internal module.
 */
import {
  FunctionThrewError,
  InputModifiedError,
  InvalidArgumentError,
  NonFiniteValueError,
  NotANumberError,
  StepOverflowError,
  StepUnderflowError,
} from '../errors/error-classes.js';
import type { Quotient, RichardsonOptions, StepUnderflow } from '../options/options.js';
import type { Scheme } from '../kernel/step.js';

/** Slots of the control array (an Int32Array over a SharedArrayBuffer) shared by the workers of one gradient call. */
export const NEXT = 0;
export const STOP = 1;
export const DONE = 2;
export const EVALUATIONS = 3;
export const CONTROL_SLOTS = 4;

/** The loss to load: a module URL and the name of its export. */
export interface LossRef {
  module: string;
  export: string;
}

/** One worker's share of a gradient: coordinates taken in chunks from the shared counter. */
export interface GradientTask extends LossRef {
  kind: 'gradient';
  x: SharedArrayBuffer;
  float32: boolean;
  shape: number[];
  out: SharedArrayBuffer;
  error: SharedArrayBuffer | undefined;
  control: SharedArrayBuffer;
  chunk: number;
  concurrency: number;
  options: { h: number | 'auto'; scheme: Scheme; stepUnderflow: StepUnderflow; quotient: Quotient; f0: number | undefined; richardson: Required<RichardsonOptions> };
  /** Each side of the box: a number, or the bounds' elements contiguous (Float64) in a SharedArrayBuffer. */
  bounds: { lower: number | SharedArrayBuffer; upper: number | SharedArrayBuffer } | undefined;
  context: unknown;
}

/** f at x once. */
export interface EvaluateTask extends LossRef {
  kind: 'evaluate';
  x: Float64Array | Float32Array;
  shape: number[];
  context: unknown;
  where: string;
}

/** What a task returns (a worker never rejects a task: a rejection means the thread died). */
export type TaskResult =
  | { ok: true; evaluations: number; value: number }
  | { ok: false; evaluations: number; error: ErrorData; ordinal: number };

/** An error as plain data. */
export interface ErrorData {
  name: string;
  message: string;
  code: unknown;
  fields: Record<string, unknown>;
  cause: unknown;
}

const FIELDS = ['coordinate', 'value', 'found', 'expected', 'h', 'spacing', 'minimumH'];

/** What can cross to the caller's thread: the value itself when it clones, else an Error describing it. */
function cloneable(value: unknown): unknown {
  try {
    return structuredClone(value);
  } catch {
    return new Error(`(not transferable from the worker) ${String(value)}`);
  }
}

/** An error of the worker as plain data. */
export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error), code: undefined, fields: {}, cause: cloneable(error) };
  const fields: Record<string, unknown> = {};
  for (const key of FIELDS) if (key in error) fields[key] = cloneable((error as unknown as Record<string, unknown>)[key]);
  return { name: error.name, message: error.message, code: (error as { code?: unknown }).code, fields, cause: 'cause' in error ? cloneable(error.cause) : undefined };
}

/** The typed error again, on the caller's side (an untyped one as an Error with the same name and message). */
export function reviveError(data: ErrorData): Error {
  const f = data.fields;
  const c = f.coordinate as string | undefined;
  switch (data.code) {
    case 'FUNCTION_THREW':
      return new FunctionThrewError(c, data.cause, data.message);
    case 'NON_FINITE_VALUE':
      return new NonFiniteValueError(c, f.value as number, data.message);
    case 'NOT_A_NUMBER':
      return new NotANumberError(c, f.value, data.message);
    case 'INPUT_MODIFIED':
      return new InputModifiedError(c!, f.expected as number | undefined, f.found, data.message);
    case 'STEP_UNDERFLOW':
      return new StepUnderflowError(c!, f.h as number, f.value as number, f.spacing as number, data.message, f.minimumH as number);
    case 'STEP_OVERFLOW':
      return new StepOverflowError(c!, f.h as number, f.value as number, data.message);
    case 'INVALID_ARGUMENT':
      return new InvalidArgumentError(data.message, { cause: data.cause });
    default: {
      const error = new Error(data.message, data.cause === undefined ? undefined : { cause: data.cause });
      error.name = data.name;
      return error;
    }
  }
}
