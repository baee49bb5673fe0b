/**
 * The messages between the page and the training worker. Plain data
 * (structured-clone safe): the page sends one `TrainRequest`, the worker
 * answers with an `EpochEvent` per epoch and a final `DoneEvent` (or an
 * `ErrorEvent`). Stopping is the page's `worker.terminate()`: the epochs
 * already reported are the result.
 */
import type { StopReason } from '@descent/optim';
import type { CurvePoint } from '../../../lib/train-with-curves.js';

/** How to train the iris network. */
export interface NetworkConfig {
  /** The gradient of every step: central differences through core (the chapter's way) or the network's backprop. */
  readonly gradient: 'numerical' | 'backprop';
  /** Passes over the 120 training flowers, an integer ≥ 1. */
  readonly epochs: number;
  /** Adam's learning rate, > 0. */
  readonly lr: number;
  /** Hidden units, an integer ≥ 1. */
  readonly hiddenSize: number;
  /** Flowers per mini-batch, an integer in [1, 120]. */
  readonly batchSize: number;
  /** Seed of the split, the initial weights and the shuffling: an integer ≥ 0. */
  readonly seed: number;
}

/** The iris example's settings (examples/iris.ts). */
export const DEFAULT_NETWORK_CONFIG: NetworkConfig = { gradient: 'numerical', epochs: 60, lr: 0.02, hiddenSize: 10, batchSize: 30, seed: 42 };

/** Page → worker: train with this config. */
export interface TrainRequest {
  readonly type: 'train';
  readonly config: NetworkConfig;
}

/** Worker → page, after every epoch. */
export interface EpochEvent {
  readonly type: 'epoch';
  readonly epoch: number;
  /** Train loss (mean over the epoch's batches), test loss, train and test accuracy of this epoch. */
  readonly points: CurvePoint[];
  /** Optimizer steps so far. */
  readonly steps: number;
  /** Seconds since training started. */
  readonly seconds: number;
}

/** Worker → page, once training has ended. */
export interface DoneEvent {
  readonly type: 'done';
  readonly reason: StopReason;
  readonly epochs: number;
  readonly steps: number;
  readonly seconds: number;
  /** Weights trained (4·h + h + 3·h + 3). */
  readonly parameterCount: number;
}

/** Worker → page: the config was refused or training threw. */
export interface ErrorEvent {
  readonly type: 'error';
  readonly message: string;
}

/** Everything the worker posts. */
export type WorkerEvent = EpochEvent | DoneEvent | ErrorEvent;
