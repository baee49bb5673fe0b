/**
 * What the training examples (iris, digits) report about a run: the sizes of
 * the split, the network's parameter count, how `train` ended, the accuracies
 * after training, and the curves drawn to files.
 */
import type { StopReason } from '@descent/optim';
import { plotTrainingCurves, type TrainWithCurvesResult } from './curves.js';
import type { Dataset } from './dataset.js';
import type { PlotFiles } from './plot.js';
import type { TwoLayerNet } from './two-layer-net.js';

/** The figures every training example reports. */
export interface TrainingSummary {
  trainSize: number;
  testSize: number;
  parameterCount: number;
  epochs: number;
  steps: number;
  stopReason: StopReason;
  /** Wall time of `train`, gradients and per-epoch evaluation included. */
  trainSeconds: number;
  /** Accuracy on the held-out samples after training. */
  testAccuracy: number;
  trainAccuracy: number;
  plots: PlotFiles[];
}

/** Where and under which title the curves are drawn. */
export interface SummaryPlot {
  /** File name without extension. */
  name: string;
  title: string;
  /** Output folder. @default examples/out/ */
  outDir?: string | undefined;
}

/**
 * Summarize a finished run of `trainWithCurves` and draw its curves.
 * @param net the trained network
 * @param data the training and held-out sets
 * @param run what trainWithCurves returned
 * @param plot the curves' file name, title and folder
 * @example
 * const summary = await summarizeTraining(net, { train, test }, run, { name: 'iris-curves', title: 'Iris' });
 * summary.testAccuracy; // e.g. 0.967
 */
export async function summarizeTraining(net: TwoLayerNet, data: { train: Dataset; test: Dataset }, run: TrainWithCurvesResult, plot: SummaryPlot): Promise<TrainingSummary> {
  const plots = [await plotTrainingCurves(plot.name, plot.title, run.curves, plot.outDir === undefined ? {} : { outDir: plot.outDir })];
  return {
    trainSize: data.train.inputs.shape[0]!,
    testSize: data.test.inputs.shape[0]!,
    parameterCount: Object.values(net.params).reduce((n, p) => n + p.size, 0),
    epochs: run.result.epochs,
    steps: run.result.steps,
    stopReason: run.result.stopped.reason,
    trainSeconds: run.trainSeconds,
    testAccuracy: net.accuracy(data.test.inputs, data.test.targets),
    trainAccuracy: net.accuracy(data.train.inputs, data.train.targets),
    plots,
  };
}
