// PLACEHOLDER (skeleton): a minimal, correct central-difference gradient so that
// @descent/optim and the examples can be written against the public API while the
// real implementation (issue 2) is built. It will be replaced file by file.
import ndarray, { type NdArray } from 'ndarray';

export interface GradientOptions {
  h?: number | 'auto';
  scheme?: 'central' | 'forward' | 'backward' | 'five-point';
}

function forEachIndex(shape: readonly number[], cb: (idx: number[]) => void): void {
  const n = shape.reduce((a, b) => a * b, 1);
  if (n === 0) return;
  const idx = new Array<number>(shape.length).fill(0);
  for (let k = 0; k < n; k++) {
    cb(idx);
    for (let d = shape.length - 1; d >= 0; d--) {
      idx[d]!++;
      if (idx[d]! < shape[d]!) break;
      idx[d] = 0;
    }
  }
}

export function numericalGradient(f: (x: NdArray) => number, x: NdArray, options: GradientOptions = {}): NdArray {
  const out = ndarray(new Float64Array(x.size), x.shape.slice());
  let k = 0;
  forEachIndex(x.shape, (idx) => {
    const old = x.get(...idx);
    const h = options.h === undefined || options.h === 'auto' ? Math.cbrt(Number.EPSILON) * Math.max(1, Math.abs(old)) : options.h;
    try {
      x.set(...idx, old + h);
      const fp = f(x);
      x.set(...idx, old - h);
      const fm = f(x);
      (out.data as Float64Array)[k++] = (fp - fm) / (2 * h);
    } finally {
      x.set(...idx, old);
    }
  });
  return out;
}

export function numericalGradients(f: () => number, params: Record<string, NdArray>, options: GradientOptions = {}): Record<string, NdArray> {
  const result: Record<string, NdArray> = {};
  for (const [name, p] of Object.entries(params)) result[name] = numericalGradient(() => f(), p, options);
  return result;
}
