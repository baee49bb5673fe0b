/**
 * The network section: train TwoLayerNet(4, h, 3) on iris in a Web Worker
 * (numerical gradients or backprop), with live loss and accuracy curves and
 * a stop button. The page only draws what the worker reports.
 */
import type { View } from 'vega';
import { trainingCurvesSpec } from '../../../lib/plot-specs.js';
import { numberControl, selectControl } from '../ui/controls.js';
import { el, setData } from '../ui/dom.js';
import { exactNumber, formatNumber } from '../ui/format.js';
import { insertRows, mountChart } from '../ui/vega-chart.js';
import { DEFAULT_NETWORK_CONFIG, type NetworkConfig, type TrainRequest, type WorkerEvent } from './protocol.js';

type Readout = 'train-loss' | 'test-loss' | 'train-accuracy' | 'test-accuracy';
const READOUTS: readonly { key: Readout; panel: 'loss' | 'accuracy'; series: 'train' | 'test'; label: string }[] = [
  { key: 'test-accuracy', panel: 'accuracy', series: 'test', label: 'test accuracy (30 held-out flowers)' },
  { key: 'train-accuracy', panel: 'accuracy', series: 'train', label: 'train accuracy (120 flowers)' },
  { key: 'test-loss', panel: 'loss', series: 'test', label: 'test loss' },
  { key: 'train-loss', panel: 'loss', series: 'train', label: 'train loss (mean over the epoch’s batches)' },
];

const integer = (min: number, max: number) => (n: number) => (Number.isInteger(n) && n >= min && n <= max ? n : undefined);

/** Mount the network section into `root`. */
export function mountNetwork(root: HTMLElement): void {
  let config: NetworkConfig = { ...DEFAULT_NETWORK_CONFIG };
  let worker: Worker | undefined;
  let view: View | undefined;
  let chartDone: Promise<void> = Promise.resolve();
  let epoch = 0;
  let frames = 0;
  const set = (change: Partial<NetworkConfig>) => (config = { ...config, ...change });
  const status = el('p', { class: 'status', 'data-testid': 'net-status', 'data-state': 'idle', text: 'Not trained yet.' });
  const framesText = el('span', { class: 'hint', 'data-testid': 'net-frames' });
  const chart = el('div', { class: 'chart', 'data-testid': 'net-chart' });
  const values = new Map<Readout, HTMLElement>();
  const readouts = el('dl', { class: 'readouts' }, READOUTS.flatMap((r) => {
    const dd = el('dd', { 'data-testid': `net-${r.key}`, text: '—' });
    values.set(r.key, dd);
    return [el('dt', { text: r.label }), dd];
  }));
  const trainButton = el('button', { type: 'button', 'data-testid': 'net-train', text: 'train' });
  const stopButton = el('button', { type: 'button', 'data-testid': 'net-stop', text: 'stop', disabled: '' });

  const setState = (state: 'idle' | 'training' | 'done' | 'stopped' | 'error', text: string): void => {
    setData(status, { state });
    status.textContent = text;
    trainButton.disabled = state === 'training';
    stopButton.disabled = state !== 'training';
  };
  const finish = (): void => {
    worker?.terminate();
    worker = undefined;
  };
  const countFrames = (): void => {
    if (worker === undefined) return;
    frames++;
    framesText.textContent = `${frames} page frames drawn during training: the page stays responsive while the worker computes.`;
    requestAnimationFrame(countFrames);
  };

  // epochs can arrive faster than the chart redraws: rows are gathered and drawn at most once per frame
  let queued: object[] = [];
  const queueChartRows = (rows: object[]): void => {
    if (queued.length === 0) {
      requestAnimationFrame(() => {
        const batch = queued;
        queued = [];
        chartDone = chartDone.then(() => (view === undefined ? undefined : insertRows(view, 'curves', batch)));
      });
    }
    queued.push(...rows);
  };

  const onEvent = (event: WorkerEvent): void => {
    if (event.type === 'error') {
      finish();
      setState('error', event.message);
      return;
    }
    if (event.type === 'epoch') {
      epoch = event.epoch;
      setData(status, { epoch: String(epoch), steps: String(event.steps) });
      status.textContent = `epoch ${epoch} of ${config.epochs} — ${event.steps} Adam steps in ${event.seconds.toFixed(2)} s (${config.gradient === 'numerical' ? 'numerical gradients: 2 losses per weight per step' : 'backprop'})`;
      for (const r of READOUTS) {
        const point = event.points.find((p) => p.panel === r.panel && p.series === r.series)!;
        const dd = values.get(r.key)!;
        setData(dd, { value: exactNumber(point.value), epoch: String(epoch) });
        dd.textContent = r.panel === 'accuracy' ? `${formatNumber(100 * point.value, 4)}%` : formatNumber(point.value, 5);
      }
      queueChartRows(event.points);
      return;
    }
    finish();
    setState('done', `done: ${event.epochs} epochs, ${event.steps} Adam steps on ${event.parameterCount} weights in ${event.seconds.toFixed(2)} s (train's stop reason: ${event.reason}).`);
  };

  trainButton.addEventListener('click', () => {
    finish();
    epoch = 0;
    frames = 0;
    queued = [];
    for (const dd of values.values()) (dd.textContent = '—'), setData(dd, { value: undefined, epoch: undefined });
    const title = `Iris, TwoLayerNet(4, ${config.hiddenSize}, 3), ${config.gradient === 'numerical' ? 'numerical gradients' : 'backprop'} + Adam`;
    chartDone = chartDone.then(async () => {
      view?.finalize();
      view = await mountChart(chart, trainingCurvesSpec(title, [], { dataName: 'curves', width: 300, height: 200 }));
    });
    worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => onEvent(message.data);
    worker.onerror = (error) => {
      finish();
      setState('error', `the worker failed: ${error.message}`);
    };
    setData(status, { config: JSON.stringify(config), epoch: '0' });
    setState('training', 'starting the worker…');
    worker.postMessage({ type: 'train', config } satisfies TrainRequest);
    requestAnimationFrame(countFrames);
  });
  stopButton.addEventListener('click', () => {
    finish();
    setState('stopped', `stopped after epoch ${epoch} of ${config.epochs}: the numbers shown are those of epoch ${epoch}.`);
  });

  const gradient = selectControl('gradient', [
    { value: 'numerical', text: 'numerical (core, central differences)' },
    { value: 'backprop', text: 'backprop (the network’s own)' },
  ], config.gradient, (v) => set({ gradient: v as NetworkConfig['gradient'] }), 'net-gradient');
  root.append(
    el('h2', { id: 'network-title', text: 'A tiny network learns the iris flowers' }),
    el('p', {}, [
      'The book’s TwoLayerNet (section 4.5) on Fisher’s iris data: 4 measurements → hidden sigmoid layer → 3 species, trained by optim’s ',
      el('code', { text: 'train' }),
      ' with Adam on 120 flowers, 30 held out (a seeded stratified split, as in examples/iris.ts). Training runs in a Web Worker, so this page keeps drawing.',
    ]),
    el('div', { class: 'row' }, [
      gradient.element,
      numberControl('epochs', config.epochs, integer(1, 10_000), (v) => set({ epochs: v }), 'net-epochs').element,
      numberControl('learning rate', config.lr, (n) => (n > 0 && Number.isFinite(n) ? n : undefined), (v) => set({ lr: v }), 'net-lr').element,
      numberControl('hidden units', config.hiddenSize, integer(1, 1000), (v) => set({ hiddenSize: v }), 'net-hidden').element,
      numberControl('batch size', config.batchSize, integer(1, 120), (v) => set({ batchSize: v }), 'net-batch').element,
      numberControl('seed', config.seed, integer(0, Number.MAX_SAFE_INTEGER), (v) => set({ seed: v }), 'net-seed').element,
    ]),
    el('div', { class: 'toolbar' }, [trainButton, stopButton, framesText]),
    status,
    el('div', { class: 'network' }, [chart, readouts]),
  );
}
