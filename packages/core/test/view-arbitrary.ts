/**
 * fast-check arbitraries for adversarial ndarray views (shared by property
 * tests; not a test file): a base of rank 1–4 with axes of length 0–3 in
 * Float64Array, Float32Array or plain-Array storage, padded on both sides with
 * NaNs of a distinctive payload (which must survive untouched), holding
 * special values (−0, subnormals, ±MAX_VALUE, float32 limits), then a random
 * composition of transpose, hi, lo, step(±1) and pick.
 */
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';

export type StorageKind = 'float64' | 'float32' | 'array';

/** Values that stress restoring and stepping (each made representable in float32 storage by Math.fround). */
export const SPECIAL_VALUES = [
  -0, 0, 5e-324, -5e-324, 2.2250738585072014e-308, -1e-310, Number.MAX_VALUE, -Number.MAX_VALUE, 1, -1, 0.1, 1e300, -1e-300,
  3.4028234663852886e38, -3.4028234663852886e38, 1.401298464324817e-45, 1.1754943508222875e-38, 7.25, 65504,
];

/** A NaN whose payload is not the default one: a storage byte comparison shows whether it was rewritten. */
export function payloadNaN64(): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setUint32(0, 0x7ff8dead);
  view.setUint32(4, 0xbeef0001);
  return view.getFloat64(0);
}

/** One operation of a view composition, resolved against the current shape when applied. */
export type ViewOp = { op: 'transpose'; seed: number } | { op: 'hi' | 'lo' | 'step' | 'pick'; seeds: number[] };

export interface ViewCase {
  kind: StorageKind;
  shape: number[];
  pad: number;
  values: number[];
  ops: ViewOp[];
}

const opArb: fc.Arbitrary<ViewOp> = fc.oneof(
  fc.record({ op: fc.constant('transpose' as const), seed: fc.nat() }),
  fc.record({ op: fc.constantFrom('hi' as const, 'lo' as const, 'step' as const, 'pick' as const), seeds: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }) }),
);

/**
 * A view case; `specials` false keeps values in (−5, 5) (for f that must stay
 * finite), `allowEmpty` lets axes have length 0.
 */
export function viewCase(options: { specials?: boolean; allowEmpty?: boolean; maxRank?: number } = {}): fc.Arbitrary<ViewCase> {
  const value = options.specials === false ? fc.double({ min: -5, max: 5, noNaN: true }) : fc.oneof(fc.constantFrom(...SPECIAL_VALUES), fc.double({ min: -5, max: 5, noNaN: true }));
  return fc
    .record({
      kind: fc.constantFrom<StorageKind>('float64', 'float32', 'array'),
      shape: fc.array(fc.integer({ min: options.allowEmpty ? 0 : 1, max: 3 }), { minLength: 1, maxLength: options.maxRank ?? 4 }),
      pad: fc.integer({ min: 0, max: 2 }),
      ops: fc.array(opArb, { maxLength: 4 }),
    })
    .chain((c) => fc.array(value, { minLength: 81, maxLength: 81 }).map((values) => ({ ...c, values })));
}

/** The base array and the view of a case; the base's storage is what must come back bit-identical. */
export function buildView(c: ViewCase): { storage: Float64Array | Float32Array | number[]; view: NdArray; description: string } {
  const size = c.shape.reduce((p, n) => p * n, 1);
  const length = size + 2 * c.pad;
  const storage = c.kind === 'float64' ? new Float64Array(length) : c.kind === 'float32' ? new Float32Array(length) : new Array<number>(length).fill(0);
  for (let i = 0; i < length; i++) {
    const inside = i >= c.pad && i < c.pad + size;
    const v = inside ? c.values[i % c.values.length]! : payloadNaN64();
    storage[i] = c.kind === 'float32' ? Math.fround(v) : v;
  }
  let view = ndarray(storage as Float64Array, c.shape.slice(), undefined, c.pad);
  const steps = [`${c.kind}[${c.shape.join(',')}]+${c.pad}`];
  for (const o of c.ops) {
    const d = view.shape.length;
    if (o.op === 'transpose') {
      if (d < 2) continue;
      const perm = Array.from({ length: d }, (_, i) => i);
      let s = o.seed;
      for (let i = d - 1; i > 0; i--) {
        const j = s % (i + 1);
        s = Math.floor(s / (i + 1));
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      view = view.transpose(...perm);
      steps.push(`transpose(${perm.join(',')})`);
    } else if (o.op === 'hi') {
      const args = view.shape.map((n, i) => o.seeds[i]! % (n + 1));
      view = view.hi(...args);
      steps.push(`hi(${args.join(',')})`);
    } else if (o.op === 'lo') {
      const args = view.shape.map((n, i) => (n === 0 ? 0 : o.seeds[i]! % n));
      view = view.lo(...args);
      steps.push(`lo(${args.join(',')})`);
    } else if (o.op === 'step') {
      const args = view.shape.map((_, i) => (o.seeds[i]! % 2 === 0 ? 1 : -1));
      view = view.step(...args);
      steps.push(`step(${args.join(',')})`);
    } else {
      const axis = o.seeds[0]! % d;
      if (d < 2 || view.shape[axis] === 0) continue;
      const args = view.shape.map((n, i) => (i === axis ? o.seeds[1]! % n : null));
      view = view.pick(...(args as number[]));
      steps.push(`pick(${args.join(',')})`);
    }
  }
  return { storage, view, description: steps.join('.') };
}

/** The storage's bytes (typed arrays) or its values with −0 and NaN spelt out (plain arrays). */
export function storageBytes(data: Float64Array | Float32Array | number[]): string {
  if (Array.isArray(data)) return data.map((v) => (Object.is(v, -0) ? '-0' : String(v))).join(',');
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('hex');
}

/** A contiguous Float64 copy of a view's elements (row-major), with x's shape. */
export function contiguous(view: NdArray, kind: StorageKind): NdArray {
  const size = view.shape.reduce((p, n) => p * n, 1);
  const data = kind === 'float32' ? new Float32Array(size) : kind === 'array' ? new Array<number>(size).fill(0) : new Float64Array(size);
  const index = new Array<number>(view.shape.length).fill(0);
  for (let k = 0; k < size; k++) {
    data[k] = view.get(...index);
    for (let axis = view.shape.length - 1; axis >= 0; axis--) {
      if (++index[axis]! < view.shape[axis]!) break;
      index[axis] = 0;
    }
  }
  return ndarray(data as Float64Array, view.shape.slice());
}
