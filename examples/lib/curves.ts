/**
 * Training curves drawn to files (Node): the spec of plot-specs.ts rendered by
 * plot.ts. The loop that records them is train-with-curves.ts.
 */
import { renderPlot, type PlotFiles, type PlotOptions } from './plot.js';
import { trainingCurvesSpec } from './plot-specs.js';
import type { CurvePoint } from './train-with-curves.js';

export { trainWithCurves, type CurvePoint, type TrainWithCurvesOptions, type TrainWithCurvesResult } from './train-with-curves.js';

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
  return renderPlot(name, trainingCurvesSpec(title, points), options);
}
