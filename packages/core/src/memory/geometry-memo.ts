/**
 * What the argument checks remember: the geometry (data, its length, offset,
 * shape, strides) of the views that passed last, so that repeated calls on
 * the same arrays (an optimizer's loop) skip re-checking what cannot have
 * changed — bounds, self-overlap, overlap between arrays. Internal module.
 */
import type { NdArray } from 'ndarray';

/**
 * The geometry (data, its length, offset, shape, strides) of the view — and
 * of a second one — that passed the checks last; repeated calls on the same
 * arrays (an optimizer's loop) skip re-checking what cannot have changed.
 */
export class Geometry {
  private data: unknown = undefined;
  private other: unknown = undefined;
  private readonly numbers: number[] = [];

  private static push(into: number[], a: NdArray): void {
    into.push((a.data as ArrayLike<unknown>).length, a.offset, a.shape.length);
    for (let k = 0; k < a.shape.length; k++) into.push(a.shape[k]!, a.stride[k]!);
  }

  matches(a: NdArray, b: NdArray | undefined): boolean {
    if (a.data !== this.data || (b === undefined ? this.other !== undefined : b.data !== this.other)) return false;
    let j = this.match(a, 0);
    if (b !== undefined && j >= 0) j = this.match(b, j);
    return j === this.numbers.length;
  }

  /** Compare one view from position j of the remembered numbers; the next position, or −1. */
  private match(v: NdArray, j: number): number {
    const n = this.numbers;
    if (n[j++] !== (v.data as ArrayLike<unknown>).length || n[j++] !== v.offset || n[j++] !== v.shape.length) return -1;
    for (let k = 0; k < v.shape.length; k++) if (n[j++] !== v.shape[k] || n[j++] !== v.stride[k]) return -1;
    return j;
  }

  remember(a: NdArray, b: NdArray | undefined): void {
    this.data = a.data;
    this.other = b?.data;
    this.numbers.length = 0;
    Geometry.push(this.numbers, a);
    if (b !== undefined) Geometry.push(this.numbers, b);
  }
}


/** Geometry for a list of views (the named form's parameters, and parameters with their destinations). */
export class GeometryList {
  private data: unknown[] = [];
  private numbers: number[] = [];

  matches(views: readonly NdArray[]): boolean {
    if (views.length !== this.data.length) return false;
    let j = 0;
    const n = this.numbers;
    for (let v = 0; v < views.length; v++) {
      const a = views[v]!;
      if (a.data !== this.data[v] || n[j++] !== (a.data as ArrayLike<unknown>).length || n[j++] !== a.offset || n[j++] !== a.shape.length) return false;
      for (let k = 0; k < a.shape.length; k++) if (n[j++] !== a.shape[k] || n[j++] !== a.stride[k]) return false;
    }
    return j === n.length;
  }

  remember(views: readonly NdArray[]): void {
    this.data = views.map((a) => a.data);
    this.numbers = [];
    for (const a of views) {
      this.numbers.push((a.data as ArrayLike<unknown>).length, a.offset, a.shape.length);
      for (let k = 0; k < a.shape.length; k++) this.numbers.push(a.shape[k]!, a.stride[k]!);
    }
  }
}

