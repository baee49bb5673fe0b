/**
 * Options of the gradient kernel that the functions of this module do not
 * honour (yet): a box (`bounds`), progress callbacks, the Richardson scheme.
 * They are refused with a clear error rather than silently ignored.
 */
import { ArgumentRangeError } from './error-classes.js';

/** The kernel's options that directional derivatives, SPSA, Jacobians and Hessians refuse. */
const KERNEL_ONLY = ['bounds', 'onProgress', 'progressInterval', 'richardson'] as const;

/**
 * Throw when `options` sets a kernel-only option or scheme 'richardson'.
 * @param options - the caller's raw options (anything; only an object's keys are read)
 * @throws ArgumentRangeError naming the option and what to use instead
 */
export function refuseKernelOnlyOptions(options: unknown, where: string): void {
  if (typeof options !== 'object' || options === null) return;
  const record = options as Record<string, unknown>;
  for (const key of KERNEL_ONLY) {
    if (record[key] !== undefined) {
      throw new ArgumentRangeError(`${where}: the option ${key} is not available here (numericalGradient and gradCheck's full mode take it); leave it out.`);
    }
  }
  if (record.scheme === 'richardson') {
    throw new ArgumentRangeError(`${where}: scheme 'richardson' is not available here; use 'central' (default), 'forward', 'backward' or 'five-point'.`);
  }
}
