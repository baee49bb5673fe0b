/**
 * Options of the gradient kernel that some functions of this package do not
 * honour: progress reports (onProgress, progressInterval — only the gradient
 * loops report), and scheme 'richardson' with its tolerances (numericalDiff,
 * derivative, numericalGradient(s), gradCheck's full mode, jacobian and
 * hessian given a gradient have it). They are refused with a clear error rather than silently ignored.
 */
import { ArgumentRangeError } from '../errors/error-classes.js';

/** What a function refuses: progress reports always; Richardson unless it has it. */
export interface Refused {
  /** Refuse scheme 'richardson' and the richardson option. */
  richardson: boolean;
}

/**
 * Throw when `options` sets an option the calling function does not honour.
 * @param options - the caller's raw options (anything; only an object's keys are read)
 * @throws ArgumentRangeError naming the option and what to use instead
 */
export function refuseKernelOnlyOptions(options: unknown, where: string, refused: Refused = { richardson: true }): void {
  if (typeof options !== 'object' || options === null) return;
  const record = options as Record<string, unknown>;
  for (const key of ['onProgress', 'progressInterval']) {
    if (record[key] !== undefined) {
      throw new ArgumentRangeError(`${where}: the option ${key} is not available here (numericalGradient(s) and gradCheck's full mode report progress); leave it out.`);
    }
  }
  if (!refused.richardson) return;
  if (record.richardson !== undefined) {
    throw new ArgumentRangeError(`${where}: the option richardson is not available here (numericalDiff, derivative, numericalGradient(s), jacobian and gradCheck's full mode take it); leave it out.`);
  }
  if (record.scheme === 'richardson') {
    throw new ArgumentRangeError(`${where}: scheme 'richardson' is not available here; use 'central' (default), 'forward', 'backward' or 'five-point'.`);
  }
}
