/**
 * One training session of the iris network — what the worker runs, written
 * without any worker API so it runs (and is tested) in Node too.
 */
import { ArgumentRangeError, InvalidArgumentError } from '@descent/core';
import { loadIris } from '../../../lib/iris-data.js';
import { trainWithCurves } from '../../../lib/train-with-curves.js';
import { TwoLayerNet } from '../../../lib/two-layer-net.js';
import type { NetworkConfig, WorkerEvent } from './protocol.js';

const TRAIN_FLOWERS = 120;

function integerIn(name: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number') throw new InvalidArgumentError(`network config: ${name} must be a number, got ${typeof value}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ArgumentRangeError(`network config: ${name} must be an integer in [${min}, ${max}], got ${value}`);
  }
  return value;
}

/**
 * Check a config received from the page (it crossed a message boundary, so
 * its types are not trusted).
 * @throws InvalidArgumentError for a value of the wrong type; ArgumentRangeError for one out of range
 * @example
 * checkConfig({ ...DEFAULT_NETWORK_CONFIG, epochs: 5 }).epochs; // → 5
 */
export function checkConfig(config: NetworkConfig): NetworkConfig {
  if (typeof config !== 'object' || config === null) throw new InvalidArgumentError(`network config: expected an object, got ${String(config)}`);
  if (config.gradient !== 'numerical' && config.gradient !== 'backprop') {
    throw new InvalidArgumentError(`network config: gradient must be 'numerical' or 'backprop', got ${String(config.gradient)}`);
  }
  if (typeof config.lr !== 'number' || !(config.lr > 0) || !Number.isFinite(config.lr)) {
    throw new ArgumentRangeError(`network config: lr must be a finite number > 0, got ${String(config.lr)}`);
  }
  return {
    gradient: config.gradient,
    lr: config.lr,
    epochs: integerIn('epochs', config.epochs, 1, 10_000),
    hiddenSize: integerIn('hiddenSize', config.hiddenSize, 1, 1000),
    batchSize: integerIn('batchSize', config.batchSize, 1, TRAIN_FLOWERS),
    seed: integerIn('seed', config.seed, 0, Number.MAX_SAFE_INTEGER),
  };
}

/**
 * Train TwoLayerNet(4, hiddenSize, 3) on the iris flowers as examples/iris.ts
 * does (seeded stratified split, weights and shuffling from `seed`; Adam),
 * posting an EpochEvent after every epoch and a DoneEvent at the end.
 * @throws what checkConfig throws, before training
 * @example
 * runSession({ ...DEFAULT_NETWORK_CONFIG, epochs: 2 }, (event) => console.log(event.type)); // epoch, epoch, done
 */
export function runSession(config: NetworkConfig, post: (event: WorkerEvent) => void): void {
  const c = checkConfig(config);
  const { train, test } = loadIris({ seed: c.seed });
  const net = new TwoLayerNet(4, c.hiddenSize, 3, undefined, c.seed);
  const started = performance.now();
  const { result, trainSeconds } = trainWithCurves({
    net,
    train,
    validation: test,
    gradient: c.gradient,
    batchSize: c.batchSize,
    epochs: c.epochs,
    lr: c.lr,
    seed: c.seed,
    onEpoch: (points, info) => {
      post({ type: 'epoch', epoch: info.epoch, points, steps: info.steps, seconds: (performance.now() - started) / 1000 });
    },
  });
  const parameterCount = Object.values(net.params).reduce((n, p) => n + p.size, 0);
  post({ type: 'done', reason: result.stopped.reason, epochs: result.epochs, steps: result.steps, seconds: trainSeconds, parameterCount });
}
