/**
 * The descent section: contour plot with −∇f arrows, optimizers racing from
 * a clicked start point (paths animated step by step), their cards, and the
 * per-step panel. Runs are computed by runner.ts (minimize) when a setting
 * changes; the animation only reveals them.
 */
import ndarray from 'ndarray';
import { contourBands, contourLevels } from '../contours.js';
import { functionById } from '../functions.js';
import { gradientField } from '../gradient-field.js';
import { OPTIMIZERS, initialValues, type OptimizerId } from '../optimizers.js';
import { sampleGrid, toPoint, type Plane } from '../plane.js';
import { runOptimizer, type Trace } from '../runner.js';
import { el, setData } from '../ui/dom.js';
import { formatNumber, formatPoint } from '../ui/format.js';
import { drawBackground, drawPaths, sizeCanvas, type ShownTrace } from './contour-canvas.js';
import { settingsColumn, type DescentSettings, type SettingsColumn } from './descent-settings.js';
import { optimizerCard, type OptimizerCard } from './optimizer-card.js';
import { StepClock } from './step-clock.js';
import { StepPanel } from './step-panel.js';

const WIDTH = 600;
const HEIGHT = 450;
const GRID = { nx: 240, ny: 180 };
const ARROWS = { nx: 17, ny: 13 };
const LEVELS = 24;
const PANEL_INTERVAL_MS = 100;
/** log10 of the default speed: ≈ 40 steps per second. */
const DEFAULT_SPEED = 1.6;

/** Mount the descent section into `root`. */
export function mountDescent(root: HTMLElement): void {
  new DescentSection(root);
}

class DescentSection {
  private readonly settings: DescentSettings;
  private readonly background = el('canvas', { class: 'layer' });
  private readonly overlay = el('canvas', { class: 'layer', 'data-testid': 'plot' });
  private readonly bg = sizeCanvas(this.background, WIDTH, HEIGHT);
  private readonly fg = sizeCanvas(this.overlay, WIDTH, HEIGHT);
  private readonly hover = el('div', { class: 'hint', 'data-testid': 'hover', text: 'Click the plot to start every optimizer there.' });
  private readonly status = el('span', { class: 'status', 'data-testid': 'descent-status' });
  private readonly playButton = el('button', { type: 'button', 'data-testid': 'play', text: 'pause' });
  private readonly endButton = el('button', { type: 'button', 'data-testid': 'skip-to-end', text: 'show the end' });
  private readonly speed = el('input', { type: 'range', min: '0', max: '3', step: '0.01', value: String(DEFAULT_SPEED), 'aria-label': 'speed', 'data-testid': 'speed' });
  private readonly panelBox = el('div', { class: 'panel', 'data-testid': 'step-panel' });
  private readonly panel = new StepPanel(this.panelBox);
  private readonly clock = new StepClock(10 ** DEFAULT_SPEED);
  private readonly cards: OptimizerCard[];
  private readonly column: SettingsColumn;
  private traces = new Map<OptimizerId, Trace | Error>();
  private lastPanel = 0;
  private pendingFrame = 0;

  constructor(private readonly root: HTMLElement) {
    const fn = functionById('rosenbrock');
    this.settings = { fn, start: fn.start, maxIterations: 200, scheme: 'central', h: 'auto', arrows: true };
    this.cards = OPTIMIZERS.map((spec) => optimizerCard(spec, initialValues(spec, fn.suggested[spec.id]), true, () => this.rerun()));
    this.column = settingsColumn(this.settings, (change) => this.change(change));
    this.listen();
    root.append(
      el('h2', { id: 'descent-title', text: 'Descent paths' }),
      el('div', { class: 'descent' }, [
        el('div', { class: 'plot-column' }, [
          el('div', { class: 'canvas-stack' }, [this.background, this.overlay]),
          this.hover,
          el('div', { class: 'toolbar' }, [this.playButton, this.endButton, el('label', { class: 'speed' }, [el('span', { text: 'speed' }), this.speed]), this.status]),
          this.panelBox,
        ]),
        el('div', { class: 'side-column' }, [this.column.element, el('div', { class: 'cards' }, this.cards.map((c) => c.element))]),
      ]),
    );
    this.drawBackground();
    this.rerun();
  }

  private plane(): Plane {
    return { box: this.settings.fn.box, width: WIDTH, height: HEIGHT };
  }

  private listen(): void {
    this.overlay.addEventListener('click', (event) => {
      this.settings.start = toPoint(this.plane(), [event.offsetX, event.offsetY]);
      this.column.showStart(this.settings.start);
      this.rerun();
    });
    this.overlay.addEventListener('mousemove', (event) => {
      const p = toPoint(this.plane(), [event.offsetX, event.offsetY], 3);
      this.hover.textContent = `x = ${formatPoint(p)}: f = ${formatNumber(this.settings.fn.f(ndarray(new Float64Array(p))))}`;
    });
    this.playButton.addEventListener('click', () => {
      const now = performance.now();
      if (this.clock.advance(now, this.longest()) >= this.longest()) this.clock.restart(now);
      else if (this.clock.playing) this.clock.pause();
      else this.clock.resume(now);
      this.schedule();
    });
    this.endButton.addEventListener('click', () => {
      this.clock.skipTo(this.longest());
      this.schedule();
    });
    this.speed.addEventListener('input', () => (this.clock.speed = 10 ** Number(this.speed.value)));
  }

  /** Apply a change of the settings column: redraw what depends on it. */
  private change(change: Partial<DescentSettings>): void {
    Object.assign(this.settings, change);
    if (change.fn !== undefined) {
      // a new function starts from its own start point with its suggested hyperparameters
      this.settings.start = change.fn.start;
      this.column.showFunction(change.fn);
      this.column.showStart(this.settings.start);
      for (const card of this.cards) card.setValues(initialValues(card.spec, change.fn.suggested[card.spec.id]));
    }
    if (change.fn !== undefined || change.scheme !== undefined || change.h !== undefined || change.arrows !== undefined) this.drawBackground();
    if (change.arrows === undefined) this.rerun();
  }

  private drawBackground(): void {
    const { fn, arrows, scheme, h } = this.settings;
    const grid = sampleGrid(fn.box, GRID.nx, GRID.ny, (p) => fn.f(ndarray(new Float64Array(p))));
    const bands = contourBands(grid, contourLevels(grid, fn.minimum, LEVELS));
    drawBackground(this.bg, this.plane(), grid, bands, arrows ? gradientField(fn, ARROWS.nx, ARROWS.ny, { scheme, h }) : undefined, fn);
  }

  /** Run every enabled optimizer from the start point and replay the race from step 0. */
  private rerun(): void {
    const { fn, start, maxIterations, scheme, h } = this.settings;
    this.traces = new Map();
    for (const card of this.cards) {
      if (!card.enabled()) continue;
      try {
        this.traces.set(card.spec.id, runOptimizer(fn, card.spec, card.values(), start, { maxIterations, gradient: { scheme, h } }));
      } catch (error) {
        this.traces.set(card.spec.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.panel.reset(fn);
    this.lastPanel = 0;
    this.clock.restart(performance.now());
    this.schedule();
  }

  /** Ask for one frame; at most one is pending, however often settings change. */
  private schedule(): void {
    if (this.pendingFrame === 0) this.pendingFrame = requestAnimationFrame(this.frame);
  }

  private longest(): number {
    return Math.max(0, ...[...this.traces.values()].map((t) => (t instanceof Error ? 0 : t.iterations)));
  }

  /** One animation frame: the paths, cards and panel at the clock's step. */
  private readonly frame = (now: number): void => {
    this.pendingFrame = 0;
    const total = this.longest();
    const step = this.clock.advance(now, total);
    const shown: ShownTrace[] = [];
    for (const card of this.cards) {
      const t = this.traces.get(card.spec.id);
      if (t === undefined) card.show({ kind: 'off' });
      else if (t instanceof Error) card.show({ kind: 'error', message: t.message });
      else {
        const s = { trace: t, step: Math.min(step, t.iterations), done: step >= t.iterations };
        shown.push(s);
        card.show({ kind: 'trace', ...s });
      }
    }
    drawPaths(this.fg, this.plane(), shown, this.settings.start);
    const done = step >= total;
    if (done || now - this.lastPanel >= PANEL_INTERVAL_MS) {
      this.panel.advance(this.settings.fn, shown);
      this.lastPanel = now;
    }
    this.status.textContent = `step ${step} of ${total}`;
    setData(this.root, { state: done ? 'done' : this.clock.playing ? 'running' : 'paused' });
    this.playButton.textContent = done ? 'replay' : this.clock.playing ? 'pause' : 'play';
    if (this.clock.playing) this.schedule();
  };
}
