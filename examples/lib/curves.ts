import { renderPlot, type PlotFiles, type PlotOptions } from './plot.js';

/** One value of a training curve. */
export interface CurvePoint {
  /** 1-based epoch. */
  epoch: number;
  /** The panel it is drawn in. */
  panel: 'loss' | 'accuracy';
  /** The line it belongs to, e.g. 'train' or 'test'. */
  series: string;
  value: number;
}

/**
 * Plot training curves side by side — loss per epoch on the left, accuracy
 * per epoch on the right, one colored line per series — to `<name>.svg/.png`.
 * @example
 * await plotTrainingCurves('demo', 'Training', [
 *   { epoch: 1, panel: 'loss', series: 'train', value: 1.1 },
 *   { epoch: 2, panel: 'loss', series: 'train', value: 0.4 },
 *   { epoch: 1, panel: 'accuracy', series: 'test', value: 0.6 },
 *   { epoch: 2, panel: 'accuracy', series: 'test', value: 0.9 },
 * ]);
 */
export async function plotTrainingCurves(name: string, title: string, points: CurvePoint[], options: PlotOptions = {}): Promise<PlotFiles> {
  const panel = (which: 'loss' | 'accuracy', yTitle: string, yScale: object) => ({
    width: 320,
    height: 240,
    transform: [{ filter: `datum.panel === '${which}'` }],
    mark: { type: 'line' as const },
    encoding: {
      x: { field: 'epoch', type: 'quantitative' as const, title: 'epoch', axis: { tickMinStep: 1 } },
      y: { field: 'value', type: 'quantitative' as const, title: yTitle, scale: yScale },
      color: { field: 'series', type: 'nominal' as const, title: null, legend: { labelLimit: 400 } },
    },
  });
  return renderPlot(
    name,
    {
      title,
      data: { values: points },
      hconcat: [panel('loss', 'cross-entropy loss (log scale)', { type: 'log', nice: false }), panel('accuracy', 'accuracy', { zero: false })],
    },
    options,
  );
}
