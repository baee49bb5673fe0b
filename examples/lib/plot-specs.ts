/**
 * The vega-lite specs of the examples' plots, as data: drawn to SVG/PNG in
 * Node by plot.ts and live in the browser by the playground. Browser-safe.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CurvePoint } from './train-with-curves.js';

/** One point of an error-vs-h curve. */
export interface ErrorVsHPoint {
  /** The step. */
  h: number;
  /** The curve it belongs to (e.g. the scheme). */
  scheme: string;
  /** |approximation − exact|, > 0 (a log axis cannot show 0). */
  error: number;
}

/** Options of `trainingCurvesSpec`. */
export interface TrainingCurvesSpecOptions {
  /** Name of the data set (a named set can be streamed into a live view). @default inline values only */
  dataName?: string;
  /** Width of each panel in pixels. @default 320 */
  width?: number;
  /** Height of each panel in pixels. @default 240 */
  height?: number;
}

/**
 * Training curves side by side — loss per epoch on the left (log scale),
 * accuracy per epoch on the right, one colored line per series.
 * @example
 * trainingCurvesSpec('Iris', [{ epoch: 1, panel: 'loss', series: 'train', value: 1.1 }]).hconcat.length; // 2
 */
export function trainingCurvesSpec(title: string, points: CurvePoint[], options: TrainingCurvesSpecOptions = {}) {
  const panel = (which: 'loss' | 'accuracy', yTitle: string, yScale: object) => ({
    width: options.width ?? 320,
    height: options.height ?? 240,
    transform: [{ filter: `datum.panel === '${which}'` }],
    mark: { type: 'line' as const },
    encoding: {
      x: { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative' as const, title: yTitle, scale: yScale },
      color: { field: 'series', type: 'nominal' as const, title: null, legend: { labelLimit: 400 } },
    },
  });
  return {
    title,
    data: options.dataName === undefined ? { values: points } : { name: options.dataName, values: points },
    hconcat: [panel('loss', 'cross-entropy loss (log scale)', { type: 'log', nice: false }), panel('accuracy', 'accuracy', { zero: false })],
  } satisfies TopLevelSpec;
}

/** Options of `errorVsHSpec` (without any, the static example's plot). */
export interface ErrorVsHSpecOptions {
  /** A field of the points whose values set each line's dash (e.g. the quotient), with its legend title; `values[0]` is drawn solid, `values[1]` dashed. */
  dash?: { field: string; title: string; values: [string, string] };
  /** A vertical rule at the h held by the vega signal `param`, starting at `value` (move it with view.signal). */
  marker?: { param: string; value: number };
  /** @default 420 */
  width?: number;
  /** @default 300 */
  height?: number;
}

/**
 * The error of a difference quotient against its step h, log-log, one line
 * (with points) per scheme.
 * @example
 * errorVsHSpec('Error at x = 5', [{ h: 1e-4, scheme: 'forward', error: 1e-6 }]).mark; // { type: 'line', point: true }
 */
export function errorVsHSpec(title: string, points: ErrorVsHPoint[]) {
  return {
    title,
    width: 420,
    height: 300,
    data: { values: points },
    ...errorLines(),
  } satisfies TopLevelSpec;
}

/**
 * `errorVsHSpec` with a dash per `options.dash` field and a movable rule at the
 * chosen h — the playground's live version.
 * @example
 * errorVsHLiveSpec('Error', [], { marker: { param: 'h', value: 1e-4 } }).layer.length; // 2
 */
export function errorVsHLiveSpec(title: string, points: object[], options: ErrorVsHSpecOptions) {
  const lines = errorLines();
  const dash = options.dash;
  const strokeDash =
    dash === undefined
      ? {}
      : {
          strokeDash: {
            field: dash.field,
            type: 'nominal' as const,
            title: dash.title,
            scale: { domain: dash.values, range: [[1, 0], [6, 3]] },
            legend: { orient: 'bottom' as const, labelLimit: 400 },
          },
        };
  const encoding = { ...lines.encoding, ...strokeDash };
  const marker = options.marker;
  const rule =
    marker === undefined
      ? []
      : [{ data: { values: [{}] }, mark: { type: 'rule' as const, color: '#888', strokeWidth: 1.5 }, encoding: { x: { datum: { expr: marker.param }, type: 'quantitative' as const } } }];
  // no points on the live curves: 8 steps per decade are dense enough, and the dash legend then shows dashes
  const layer = [{ mark: { type: 'line' as const, strokeWidth: 1.6 }, encoding }, ...rule];
  return {
    title,
    width: options.width ?? 420,
    height: options.height ?? 300,
    data: { values: points },
    params: marker === undefined ? [] : [{ name: marker.param, value: marker.value }],
    layer,
  } satisfies TopLevelSpec;
}

function errorLines() {
  return {
    mark: { type: 'line' as const, point: true },
    encoding: {
      x: { field: 'h', type: 'quantitative' as const, scale: { type: 'log' as const }, axis: { format: '.0e' } },
      y: { field: 'error', type: 'quantitative' as const, scale: { type: 'log' as const }, title: '|approximation − exact|', axis: { format: '.0e' } },
      color: { field: 'scheme', type: 'nominal' as const, title: null, legend: { orient: 'bottom' as const, labelLimit: 400 } },
    },
  };
}
