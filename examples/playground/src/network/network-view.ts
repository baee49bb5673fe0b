/**
 * The network section: train TwoLayerNet(4, h, 3) on iris in a Web Worker
 * (numerical gradients or backprop), with live loss and accuracy curves and
 * a stop button. The page only draws what the worker reports.
 */
import type { View } from 'vega';
import { trainingCurvesSpec } from '../../../lib/plot-specs.js';
import type { CurvePoint } from '../../../lib/train-with-curves.js';
import { numberControl, selectControl } from '../ui/controls.js';
import { el, setData } from '../ui/dom.js';
import { exactNumber, formatNumber } from '../ui/format.js';
import { insertRows, mountChart } from '../ui/vega-chart.js';
import { DEFAULT_NETWORK_CONFIG, type DoneEvent, type EpochEvent, type NetworkConfig, type TrainRequest, type WorkerEvent } from './protocol.js';

type Readout = 'train-loss' | 'test-loss' | 'train-accuracy' | 'test-accuracy';
type State = 'idle' | 'training' | 'done' | 'stopped' | 'error';
const READOUTS: readonly { key: Readout; panel: 'loss' | 'accuracy'; series: 'train' | 'test'; label: string }[] = [
  { key: 'test-accuracy', panel: 'accuracy', series: 'test', label: 'test accuracy (30 held-out flowers)' },
  { key: 'train-accuracy', panel: 'accuracy', series: 'train', label: 'train accuracy (120 flowers)' },
  { key: 'test-loss', panel: 'loss', series: 'test', label: 'test loss' },
  { key: 'train-loss', panel: 'loss', series: 'train', label: 'train loss (mean over the epoch’s batches)' },
];
const INTRO =
  'The book’s TwoLayerNet (section 4.5) on Fisher’s iris data: 4 measurements → hidden sigmoid layer → 3 species, trained by optim’s ';
const INTRO_END = ' with Adam on 120 flowers, 30 held out (a seeded stratified split, as in examples/iris.ts). Training runs in a Web Worker, so this page keeps drawing.';

const integer = (min: number, max: number) => (n: number) => (Number.isInteger(n) && n >= min && n <= max ? n : undefined);

/** Mount the network section into `root`. */
export function mountNetwork(root: HTMLElement): void {
  new NetworkSection(root);
}

class NetworkSection {
  private config: NetworkConfig = { ...DEFAULT_NETWORK_CONFIG };
  private worker: Worker | undefined;
  private view: View | undefined;
  private chartDone: Promise<void> = Promise.resolve();
  /** Epoch rows not drawn yet: epochs can arrive faster than the chart redraws, so they are drawn at most once per frame. */
  private queued: CurvePoint[] = [];
  private epoch = 0;
  private frames = 0;
  private readonly status = el('p', { class: 'status', 'data-testid': 'net-status', 'data-state': 'idle', text: 'Not trained yet.' });
  private readonly framesText = el('span', { class: 'hint', 'data-testid': 'net-frames' });
  private readonly chart = el('div', { class: 'chart', 'data-testid': 'net-chart' });
  private readonly values = new Map<Readout, HTMLElement>();
  private readonly trainButton = el('button', { type: 'button', 'data-testid': 'net-train', text: 'train' });
  private readonly stopButton = el('button', { type: 'button', 'data-testid': 'net-stop', text: 'stop', disabled: '' });

  constructor(root: HTMLElement) {
    const readouts = el('dl', { class: 'readouts' }, READOUTS.flatMap((r) => {
      const dd = el('dd', { 'data-testid': `net-${r.key}`, text: '—' });
      this.values.set(r.key, dd);
      return [el('dt', { text: r.label }), dd];
    }));
    this.trainButton.addEventListener('click', () => this.train());
    this.stopButton.addEventListener('click', () => {
      this.finish();
      this.setState('stopped', `stopped after epoch ${this.epoch} of ${this.config.epochs}: the numbers shown are those of epoch ${this.epoch}.`);
    });
    root.append(
      el('h2', { id: 'network-title', text: 'A tiny network learns the iris flowers' }),
      el('p', {}, [INTRO, el('code', { text: 'train' }), INTRO_END]),
      this.controls(),
      el('div', { class: 'toolbar' }, [this.trainButton, this.stopButton, this.framesText]),
      this.status,
      el('div', { class: 'network' }, [this.chart, readouts]),
    );
  }

  private controls(): HTMLElement {
    const set = (change: Partial<NetworkConfig>) => (this.config = { ...this.config, ...change });
    const c = this.config;
    return el('div', { class: 'row' }, [
      selectControl('gradient', [
        { value: 'numerical', text: 'numerical (core, central differences)' },
        { value: 'backprop', text: 'backprop (the network’s own)' },
      ], c.gradient, (v) => set({ gradient: v as NetworkConfig['gradient'] }), 'net-gradient').element,
      numberControl('epochs', c.epochs, integer(1, 10_000), (v) => set({ epochs: v }), 'net-epochs').element,
      numberControl('learning rate', c.lr, (n) => (n > 0 && Number.isFinite(n) ? n : undefined), (v) => set({ lr: v }), 'net-lr').element,
      numberControl('hidden units', c.hiddenSize, integer(1, 1000), (v) => set({ hiddenSize: v }), 'net-hidden').element,
      numberControl('batch size', c.batchSize, integer(1, 120), (v) => set({ batchSize: v }), 'net-batch').element,
      numberControl('seed', c.seed, integer(0, Number.MAX_SAFE_INTEGER), (v) => set({ seed: v }), 'net-seed').element,
    ]);
  }

  private setState(state: State, text: string): void {
    setData(this.status, { state });
    this.status.textContent = text;
    this.trainButton.disabled = state === 'training';
    this.stopButton.disabled = state !== 'training';
  }

  private finish(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  /** Start a fresh worker with the current config (ending a run in progress). */
  private train(): void {
    this.finish();
    const config = this.config;
    this.epoch = 0;
    this.frames = 0;
    this.queued = [];
    for (const dd of this.values.values()) {
      dd.textContent = '—';
      setData(dd, { value: undefined, epoch: undefined });
    }
    const title = `Iris, TwoLayerNet(4, ${config.hiddenSize}, 3), ${config.gradient === 'numerical' ? 'numerical gradients' : 'backprop'} + Adam`;
    this.chartDone = this.chartDone.then(async () => {
      this.view?.finalize();
      this.view = await mountChart(this.chart, trainingCurvesSpec(title, [], { dataName: 'curves', width: 300, height: 200 }));
    });
    const worker = new Worker(new URL('./train-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (message: MessageEvent<WorkerEvent>) => this.onEvent(message.data);
    worker.onerror = (error) => {
      this.finish();
      this.setState('error', `the worker failed: ${error.message}`);
    };
    this.worker = worker;
    setData(this.status, { config: JSON.stringify(config), epoch: '0' });
    this.setState('training', 'starting the worker…');
    worker.postMessage({ type: 'train', config } satisfies TrainRequest);
    requestAnimationFrame(this.countFrames);
  }

  private readonly countFrames = (): void => {
    if (this.worker === undefined) return;
    this.frames++;
    this.framesText.textContent = `${this.frames} page frames drawn during training: the page stays responsive while the worker computes.`;
    requestAnimationFrame(this.countFrames);
  };

  private onEvent(event: WorkerEvent): void {
    if (event.type === 'epoch') this.showEpoch(event);
    else if (event.type === 'done') this.showDone(event);
    else {
      this.finish();
      this.setState('error', event.message);
    }
  }

  private showEpoch(event: EpochEvent): void {
    const { config } = this;
    this.epoch = event.epoch;
    setData(this.status, { epoch: String(event.epoch), steps: String(event.steps) });
    this.status.textContent = `epoch ${event.epoch} of ${config.epochs} — ${event.steps} Adam steps in ${event.seconds.toFixed(2)} s (${
      config.gradient === 'numerical' ? 'numerical gradients: 2 losses per weight per step' : 'backprop'
    })`;
    for (const r of READOUTS) {
      const point = event.points.find((p) => p.panel === r.panel && p.series === r.series)!;
      const dd = this.values.get(r.key)!;
      setData(dd, { value: exactNumber(point.value), epoch: String(event.epoch) });
      dd.textContent = r.panel === 'accuracy' ? `${formatNumber(100 * point.value, 4)}%` : formatNumber(point.value, 5);
    }
    if (this.queued.length === 0) {
      requestAnimationFrame(() => {
        const batch = this.queued;
        this.queued = [];
        this.chartDone = this.chartDone.then(() => (this.view === undefined ? undefined : insertRows(this.view, 'curves', batch)));
      });
    }
    this.queued.push(...event.points);
  }

  private showDone(event: DoneEvent): void {
    this.finish();
    this.setState('done', `done: ${event.epochs} epochs, ${event.steps} Adam steps on ${event.parameterCount} weights in ${event.seconds.toFixed(2)} s (train's stop reason: ${event.reason}).`);
  }
}
