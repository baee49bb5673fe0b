import { describe, expect, it } from 'vitest';
import { loadIris } from '../../lib/iris-data.js';
import { trainWithCurves } from '../../lib/train-with-curves.js';
import { TwoLayerNet } from '../../lib/two-layer-net.js';
import { DEFAULT_NETWORK_CONFIG, type EpochEvent, type WorkerEvent } from '../src/network/protocol.js';
import { checkConfig, runSession } from '../src/network/session.js';

describe('network session (what the worker runs)', () => {
  it('posts one epoch event per epoch and a done event, with the numbers of the iris example loop', () => {
    const events: WorkerEvent[] = [];
    runSession({ ...DEFAULT_NETWORK_CONFIG, epochs: 3 }, (e) => events.push(e));
    expect(events.map((e) => e.type)).toEqual(['epoch', 'epoch', 'epoch', 'done']);
    const done = events[3]!;
    // 120 training flowers in batches of 30: 4 steps per epoch; 4·10 + 10 + 10·3 + 3 = 83 weights
    expect(done).toMatchObject({ type: 'done', reason: 'completed', epochs: 3, steps: 12, parameterCount: 83 });
    expect((events[2] as EpochEvent).steps).toBe(12);

    const { train, test } = loadIris({ seed: 42 });
    const net = new TwoLayerNet(4, 10, 3, undefined, 42);
    const { curves } = trainWithCurves({ net, train, validation: test, gradient: 'numerical', batchSize: 30, epochs: 3, lr: 0.02, seed: 42 });
    expect(events.slice(0, 3).flatMap((e) => (e as EpochEvent).points)).toEqual(curves);
  });

  it('trains with backprop too, reaching the same accuracy as numerical gradients after a few epochs', () => {
    const last = (gradient: 'numerical' | 'backprop') => {
      const events: WorkerEvent[] = [];
      runSession({ ...DEFAULT_NETWORK_CONFIG, gradient, epochs: 5 }, (e) => events.push(e));
      return (events[4] as EpochEvent).points;
    };
    const numerical = last('numerical');
    const backprop = last('backprop');
    // central differences agree with backprop to ~1e-9 per step, so five epochs of Adam end within rounding of each other
    for (let k = 0; k < 4; k++) expect(backprop[k]!.value).toBeCloseTo(numerical[k]!.value, 6);
  });

  it('refuses a bad config with typed errors before training', () => {
    const post = () => {
      throw new Error('nothing may be posted');
    };
    expect(() => runSession({ ...DEFAULT_NETWORK_CONFIG, epochs: 0 }, post)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringMatching(/epochs/) }));
    expect(() => runSession({ ...DEFAULT_NETWORK_CONFIG, batchSize: 121 }, post)).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE' }));
    expect(() => checkConfig({ ...DEFAULT_NETWORK_CONFIG, lr: 0 })).toThrow(expect.objectContaining({ code: 'OUT_OF_RANGE', message: expect.stringMatching(/lr/) }));
    expect(() => checkConfig({ ...DEFAULT_NETWORK_CONFIG, gradient: 'adjoint' as 'numerical' })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => checkConfig({ ...DEFAULT_NETWORK_CONFIG, seed: '42' as unknown as number })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });
});
