import { adam, train, type Batch, type TrainResult } from '@descent/optim';
import type { Dataset } from './data.js';
import { renderPlot, type PlotFiles, type PlotOptions } from './plot.js';
import type { TwoLayerNet, TwoLayerParams } from './two-layer-net.js';

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

/** Options of `trainWithCurves`. */
export interface TrainWithCurvesOptions {
  /** The network; its params are trained in place. */
  net: TwoLayerNet;
  /** Training samples (inputs [n, inputSize], labels [n]). */
  train: Dataset;
  /** Held-out samples: only watched (curves), never used to choose anything. */
  validation: Dataset;
  /** Gradient of each step: the network's backprop, or train's default central differences. */
  gradient: 'backprop' | 'numerical';
  /** Samples per mini-batch. */
  batchSize: number;
  /** Passes over the training samples. */
  epochs: number;
  /** Adam's learning rate. */
  lr: number;
  /** Seed of the shuffling. */
  seed: number;
  /** train's progress output ('auto': a bar on a TTY, lines otherwise). @default false */
  progress?: boolean | 'auto';
}

/** What `trainWithCurves` returns. */
export interface TrainWithCurvesResult {
  /** train's result (epochs, steps, why it stopped, history). */
  result: TrainResult<TwoLayerParams>;
  /** Per epoch: the train loss (mean of the epoch's batch losses), the validation loss, and both accuracies on the whole sets. */
  curves: CurvePoint[];
  /** Wall time of `train`, per-epoch evaluation included. */
  trainSeconds: number;
}

/**
 * Train `net` with Adam by @descent/optim's `train`, recording loss and
 * accuracy curves (train and validation) after every epoch — the loop the
 * iris and digits examples share.
 * @example
 * const { train, test } = loadIris();
 * const net = new TwoLayerNet(4, 10, 3);
 * const { curves } = trainWithCurves({ net, train, validation: test, gradient: 'backprop', batchSize: 30, epochs: 5, lr: 0.02, seed: 42 });
 * await plotTrainingCurves('iris-demo', 'Iris', curves);
 */
export function trainWithCurves(options: TrainWithCurvesOptions): TrainWithCurvesResult {
  const { net, train: trainSet, validation } = options;
  const curves: CurvePoint[] = [];
  const started = performance.now();
  const result = train({
    params: net.params,
    loss: (params, batch) => net.loss(batch.inputs, batch.targets, params),
    ...(options.gradient === 'backprop'
      ? { gradient: (params: TwoLayerParams, batch: Batch, out: TwoLayerParams) => net.gradientInto(out, batch.inputs, batch.targets, params) }
      : {}),
    data: trainSet,
    batchSize: options.batchSize,
    epochs: options.epochs,
    optimizer: adam({ lr: options.lr }),
    seed: options.seed,
    validation,
    metrics: { accuracy: (params, data) => net.accuracy(data.inputs, data.targets, params) },
    onEpoch: (e) => {
      curves.push(
        { epoch: e.epoch, panel: 'loss', series: 'train', value: e.loss },
        { epoch: e.epoch, panel: 'loss', series: 'test', value: e.validationLoss! },
        { epoch: e.epoch, panel: 'accuracy', series: 'train', value: net.accuracy(trainSet.inputs, trainSet.targets, e.params) },
        { epoch: e.epoch, panel: 'accuracy', series: 'test', value: e.metrics.accuracy! },
      );
    },
    progress: options.progress ?? false,
  });
  return { result, curves, trainSeconds: (performance.now() - started) / 1000 };
}
