/**
 * The training loop the iris and digits examples (and the playground's
 * network worker) share: Adam through @descent/optim's `train`, with loss and
 * accuracy curves recorded after every epoch. Browser-safe (plots are drawn by
 * curves.ts in Node, by the playground in the page).
 */
import { adam, train, type Batch, type EpochInfo, type TrainResult } from '@descent/optim';
import type { Dataset } from './dataset.js';
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
  /**
   * Called after every epoch with that epoch's four curve points (train and
   * test loss, train and test accuracy) and train's epoch record; returning
   * false stops training (train's reason 'callback'). @default undefined
   */
  onEpoch?: (points: CurvePoint[], info: EpochInfo<TwoLayerParams>) => boolean | void;
  /**
   * Progress lines instead of `progress`: train's line per epoch, and one
   * every 2 s while an epoch runs (the clock read at each call of the
   * gradient, or of the loss when the gradient is numerical). @default undefined
   */
  onLine?: (line: string) => void;
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
 * accuracy curves (train and validation) after every epoch.
 * @example
 * const { train, test } = loadIris();
 * const net = new TwoLayerNet(4, 10, 3);
 * const { curves } = trainWithCurves({ net, train, validation: test, gradient: 'backprop', batchSize: 30, epochs: 5, lr: 0.02, seed: 42 });
 * await plotTrainingCurves('iris-demo', 'Iris', curves);
 */
export function trainWithCurves(options: TrainWithCurvesOptions): TrainWithCurvesResult {
  const { net, train: trainSet, validation, onEpoch } = options;
  const curves: CurvePoint[] = [];
  const started = performance.now();
  const onLine = options.onLine;
  let lastLine = started;
  const tick = (): void => {
    if (onLine === undefined) return;
    const now = performance.now();
    if (now - lastLine < 2000) return;
    lastLine = now;
    onLine(`training: ${((now - started) / 1000).toFixed(1)} s`);
  };
  const result = train({
    params: net.params,
    loss: (params, batch) => {
      if (options.gradient !== 'backprop') tick();
      return net.loss(batch.inputs, batch.targets, params);
    },
    ...(options.gradient === 'backprop'
      ? {
          gradient: (params: TwoLayerParams, batch: Batch, out: TwoLayerParams) => {
            tick();
            return net.gradientInto(out, batch.inputs, batch.targets, params);
          },
        }
      : {}),
    data: trainSet,
    batchSize: options.batchSize,
    epochs: options.epochs,
    optimizer: adam({ lr: options.lr }),
    seed: options.seed,
    validation,
    metrics: { accuracy: (params, data) => net.accuracy(data.inputs, data.targets, params) },
    onEpoch: (e) => {
      lastLine = performance.now();
      const points: CurvePoint[] = [
        { epoch: e.epoch, panel: 'loss', series: 'train', value: e.loss },
        { epoch: e.epoch, panel: 'loss', series: 'test', value: e.validationLoss! },
        { epoch: e.epoch, panel: 'accuracy', series: 'train', value: net.accuracy(trainSet.inputs, trainSet.targets, e.params) },
        { epoch: e.epoch, panel: 'accuracy', series: 'test', value: e.metrics.accuracy! },
      ];
      curves.push(...points);
      return onEpoch?.(points, e);
    },
    progress: onLine ?? options.progress ?? false,
  });
  return { result, curves, trainSeconds: (performance.now() - started) / 1000 };
}
