/**
 * Drawing the descent plot on canvases: the background (filled contour bands,
 * contour lines, axis ticks, −∇f arrows, the minimisers) once per function,
 * and the paths on an overlay every animation frame.
 */
import type { Band } from '../contours.js';
import type { PlaygroundFunction, Point } from '../functions.js';
import type { Arrow } from '../gradient-field.js';
import { toPixel, type Grid, type Plane } from '../plane.js';
import type { Trace } from '../runner.js';

const LOW: [number, number, number] = [252, 252, 253];
const HIGH: [number, number, number] = [150, 172, 201];
/** Pixel coordinates are clamped to ±this, so a run far off the plot still draws (as a line leaving it). */
const PIXEL_LIMIT = 1e4;

/** A canvas sized for the device: `width` × `height` CSS pixels, drawn at devicePixelRatio. */
export function sizeCanvas(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (ctx === null) throw new Error('playground: this browser gives no 2D canvas context');
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}

function pixel(plane: Plane, p: Point): [number, number] {
  const [x, y] = toPixel(plane, p);
  return [Math.min(Math.max(x, -PIXEL_LIMIT), PIXEL_LIMIT), Math.min(Math.max(y, -PIXEL_LIMIT), PIXEL_LIMIT)];
}

function bandColor(k: number, count: number): string {
  const t = count <= 1 ? 0 : k / (count - 1);
  const c = LOW.map((lo, i) => Math.round(lo + t * (HIGH[i]! - lo)));
  return `rgb(${c.join(',')})`;
}

/** A step of 1, 2 or 5 × 10^k giving about `target` ticks over `span`. */
function tickStep(span: number, target: number): number {
  const raw = span / target;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

function drawTicks(ctx: CanvasRenderingContext2D, plane: Plane): void {
  const { box, width, height } = plane;
  ctx.fillStyle = '#555';
  ctx.font = '11px sans-serif';
  const step = tickStep(box.x0[1] - box.x0[0], 8);
  for (let v = Math.ceil(box.x0[0] / step) * step; v < box.x0[1]; v += step) {
    const [x] = toPixel(plane, [v, box.x1[0]]);
    if (x < 12 || x > width - 12) continue;
    ctx.fillRect(x, height - 5, 1, 5);
    ctx.fillText(String(Number(v.toPrecision(6))), x + 2, height - 7);
  }
  for (let v = Math.ceil(box.x1[0] / step) * step; v < box.x1[1]; v += step) {
    const [, y] = toPixel(plane, [box.x0[0], v]);
    if (y < 12 || y > height - 18) continue;
    ctx.fillRect(0, y, 5, 1);
    ctx.fillText(String(Number(v.toPrecision(6))), 7, y + 4);
  }
  ctx.fillText('x0 →', width - 34, height - 7);
  ctx.fillText('x1 ↑', 7, 13);
}

function drawArrows(ctx: CanvasRenderingContext2D, plane: Plane, arrows: readonly Arrow[], length: number): void {
  let largest = 0;
  for (const a of arrows) largest = Math.max(largest, Math.hypot(a.gradient[0], a.gradient[1]));
  if (!(largest > 0)) return;
  ctx.strokeStyle = 'rgba(40, 40, 40, 0.55)';
  ctx.lineWidth = 1;
  for (const { at, gradient } of arrows) {
    const norm = Math.hypot(gradient[0], gradient[1]);
    if (!(norm > 0)) continue;
    // −∇f in pixels (x1 grows upward); length ∝ ‖∇f‖^0.35 so slopes of many decades stay visible
    const size = length * (norm / largest) ** 0.35;
    const dx = (-gradient[0] / norm) * size;
    const dy = (gradient[1] / norm) * size;
    const [x, y] = toPixel(plane, at);
    ctx.beginPath();
    ctx.moveTo(x, y);
    ctx.lineTo(x + dx, y + dy);
    const angle = Math.atan2(dy, dx);
    for (const turn of [2.6, -2.6]) {
      ctx.moveTo(x + dx, y + dy);
      ctx.lineTo(x + dx + 4 * Math.cos(angle + turn), y + dy + 4 * Math.sin(angle + turn));
    }
    ctx.stroke();
  }
}

function drawMarker(ctx: CanvasRenderingContext2D, [x, y]: [number, number], kind: 'minimum' | 'start' | 'best' | 'diverged', color = '#000'): void {
  ctx.beginPath();
  ctx.lineWidth = 2;
  ctx.strokeStyle = color;
  const segment = (x0: number, y0: number, x1: number, y1: number): void => {
    ctx.moveTo(x + x0, y + y0);
    ctx.lineTo(x + x1, y + y1);
  };
  if (kind === 'minimum') {
    segment(-5, 0, 5, 0);
    segment(0, -5, 0, 5);
  } else if (kind === 'diverged') {
    segment(-6, -6, 6, 6);
    segment(6, -6, -6, 6);
  } else {
    ctx.arc(x, y, kind === 'start' ? 6 : 9, 0, 2 * Math.PI);
    if (kind === 'start') {
      ctx.fillStyle = '#fff';
      ctx.fill();
    }
  }
  ctx.stroke();
}

/** Draw the background of `fn`: bands of `grid` at `bands`' levels, ticks, arrows (when given) and minimisers. */
export function drawBackground(ctx: CanvasRenderingContext2D, plane: Plane, grid: Grid, bands: readonly Band[], arrows: readonly Arrow[] | undefined, fn: PlaygroundFunction): void {
  const { width, height } = plane;
  const sx = width / grid.nx;
  const sy = height / grid.ny;
  ctx.fillStyle = `rgb(${LOW.join(',')})`;
  ctx.fillRect(0, 0, width, height);
  ctx.strokeStyle = 'rgba(60, 80, 110, 0.35)';
  ctx.lineWidth = 0.8;
  bands.forEach((band, k) => {
    ctx.beginPath();
    for (const polygon of band.rings) {
      for (const ring of polygon) {
        ring.forEach(([gx, gy], i) => (i === 0 ? ctx.moveTo(gx! * sx, gy! * sy) : ctx.lineTo(gx! * sx, gy! * sy)));
        ctx.closePath();
      }
    }
    ctx.fillStyle = bandColor(k, bands.length);
    ctx.fill('evenodd');
    ctx.stroke();
  });
  drawTicks(ctx, plane);
  if (arrows !== undefined) drawArrows(ctx, plane, arrows, 0.8 * Math.min(width / 17, height / 13));
  for (const m of fn.minimizers) drawMarker(ctx, pixel(plane, m), 'minimum');
}

/** What the overlay shows of one run: its path up to `step`, and its end markers once `done`. */
export interface ShownTrace {
  readonly trace: Trace;
  readonly step: number;
  readonly done: boolean;
}

/** Draw the paths up to their shown steps, the start point, and, for finished diverged runs, where they left (✕) and their best point (○). */
export function drawPaths(ctx: CanvasRenderingContext2D, plane: Plane, shown: readonly ShownTrace[], start: Point): void {
  ctx.clearRect(0, 0, plane.width, plane.height);
  for (const { trace, step, done } of shown) {
    const color = trace.optimizer.color;
    const points = trace.path.slice(0, step + 1).map((p) => pixel(plane, p));
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    points.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(x, y) : ctx.lineTo(x, y)));
    ctx.stroke();
    if (points.length <= 300) for (const [x, y] of points) ctx.fillRect(x - 1.5, y - 1.5, 3, 3);
    const head = points[points.length - 1]!;
    ctx.beginPath();
    ctx.arc(head[0], head[1], 4.5, 0, 2 * Math.PI);
    ctx.fill();
    if (done && trace.reason === 'diverged') {
      drawMarker(ctx, head, 'diverged', color);
      drawMarker(ctx, pixel(plane, trace.x), 'best', color);
    }
  }
  drawMarker(ctx, pixel(plane, start), 'start');
}
