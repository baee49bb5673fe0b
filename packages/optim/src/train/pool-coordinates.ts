/**
 * The pool differentiates trainAsync's params as one vector `x`, so its typed
 * errors name a vector element (`x[3]`); here they are re-issued naming the
 * parameter element the caller knows (`b[0]`, `W1[1,2]`), as train's own
 * numerical gradient names it — same class, fields and message otherwise.
 */
import {
  FunctionThrewError,
  InputModifiedError,
  NonFiniteValueError,
  NotANumberError,
  StepOverflowError,
  StepUnderflowError,
} from '@descent/core';

/**
 * The name of the vector's element `k`: `key[i₀,…]`, the row-major multi-index in that key's shape.
 * @param keys the params' keys, in the vector's order
 * @param shapes their shapes, in the same order
 * @example
 * parameterElement(['w', 'b'], [[2, 2], [1]], 3); // → 'w[1,1]'
 */
export function parameterElement(keys: readonly string[], shapes: readonly (readonly number[])[], k: number): string | undefined {
  let rest = k;
  for (let p = 0; p < keys.length; p++) {
    const shape = shapes[p]!;
    const size = shape.reduce((a, b) => a * b, 1);
    if (rest < size) {
      const index = new Array<number>(shape.length);
      for (let axis = shape.length - 1; axis >= 0; axis--) {
        index[axis] = rest % shape[axis]!;
        rest = Math.floor(rest / shape[axis]!);
      }
      return `${keys[p]!}[${index.join(',')}]`;
    }
    rest -= size;
  }
  return undefined;
}

/**
 * `error` again, naming the parameter element instead of the pool's vector element (other errors unchanged).
 * @example
 * import { FunctionThrewError } from '@descent/core';
 * const e = withParameterNames(new FunctionThrewError('x[1]', 'c', 'f threw when x[1] was perturbed'), ['w', 'b'], [[1], [1]]);
 * (e as FunctionThrewError).coordinate; // → 'b[0]'
 */
export function withParameterNames(error: unknown, keys: readonly string[], shapes: readonly (readonly number[])[]): unknown {
  const coordinate = (error as { coordinate?: unknown } | null)?.coordinate;
  const match = typeof coordinate === 'string' ? /^x\[(\d+)\]$/.exec(coordinate) : null;
  if (match === null) return error;
  const name = parameterElement(keys, shapes, Number(match[1]));
  if (name === undefined) return error;
  const message = (error as Error).message.split(coordinate as string).join(name);
  if (error instanceof FunctionThrewError) return new FunctionThrewError(name, error.cause, message);
  if (error instanceof NonFiniteValueError) return new NonFiniteValueError(name, error.value, message);
  if (error instanceof NotANumberError) return new NotANumberError(name, error.value, message);
  if (error instanceof StepUnderflowError) return new StepUnderflowError(name, error.h, error.value, error.spacing, message, error.minimumH);
  if (error instanceof StepOverflowError) return new StepOverflowError(name, error.h, error.value, message);
  if (error instanceof InputModifiedError) return new InputModifiedError(name, error.expected, error.found, message);
  return error;
}
