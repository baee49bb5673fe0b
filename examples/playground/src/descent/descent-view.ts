/**
 * The descent section: contour plot with −∇f arrows, optimizers racing from
 * a clicked start point (paths animated step by step), their cards, and the
 * per-step panel. Runs are computed by runner.ts (minimize) when a setting
 * changes; the animation only reveals them.
 */
import ndarray from 'ndarray';
import { contourBands, contourLevels } from '../contours.js';
import { FUNCTIONS, type PlaygroundFunction } from '../functions.js';
import { gradientField } from '../gradient-field.js';
import { OPTIMIZERS, initialValues, type OptimizerId } from '../optimizers.js';
import { sampleGrid, toPoint, type Plane } from '../plane.js';
import { runOptimizer, type Trace } from '../runner.js';
import { el, setData } from '../ui/dom.js';
import { formatNumber, formatPoint } from '../ui/format.js';
import { drawBackground, drawPaths, sizeCanvas, type ShownTrace } from './contour-canvas.js';
import { settingsColumn, type DescentSettings } from './descent-settings.js';
import { optimizerCard } from './optimizer-card.js';
import { StepClock } from './step-clock.js';
import { StepPanel } from './step-panel.js';

const WIDTH = 600;
const HEIGHT = 450;
const GRID = { nx: 240, ny: 180 };
const ARROWS = { nx: 17, ny: 13 };
const LEVELS = 24;
const PANEL_INTERVAL_MS = 100;

/** Mount the descent section into `root`. */
export function mountDescent(root: HTMLElement): void {
  const settings: DescentSettings = { fn: FUNCTIONS[2]!, start: FUNCTIONS[2]!.start, maxIterations: 200, scheme: 'central', h: 'auto', arrows: true };
  const plane = (): Plane => ({ box: settings.fn.box, width: WIDTH, height: HEIGHT });
  const background = el('canvas', { class: 'layer' });
  const overlay = el('canvas', { class: 'layer', 'data-testid': 'plot' });
  const bg = sizeCanvas(background, WIDTH, HEIGHT);
  const fg = sizeCanvas(overlay, WIDTH, HEIGHT);
  const hover = el('div', { class: 'hint', 'data-testid': 'hover', text: 'Click the plot to start every optimizer there.' });
  const status = el('span', { class: 'status', 'data-testid': 'descent-status' });
  const playButton = el('button', { type: 'button', 'data-testid': 'play', text: 'pause' });
  const speed = el('input', { type: 'range', min: '0', max: '3', step: '0.01', value: '1.6', 'aria-label': 'speed', 'data-testid': 'speed' });
  const panelBox = el('div', { class: 'panel', 'data-testid': 'step-panel' });
  const panel = new StepPanel(panelBox);

  const clock = new StepClock(10 ** Number(speed.value));
  let traces = new Map<OptimizerId, Trace | Error>();
  let lastPanel = 0;
  const cards = OPTIMIZERS.map((spec) => optimizerCard(spec, initialValues(spec, settings.fn.suggested[spec.id]), true, () => rerun()));

  const drawBackgroundNow = (): void => {
    const fn = settings.fn;
    const grid = sampleGrid(fn.box, GRID.nx, GRID.ny, (p) => fn.f(ndarray(new Float64Array(p))));
    const bands = contourBands(grid, contourLevels(grid, fn.minimum, LEVELS));
    const arrows = settings.arrows ? gradientField(fn, ARROWS.nx, ARROWS.ny, { scheme: settings.scheme, h: settings.h }) : undefined;
    drawBackground(bg, plane(), grid, bands, arrows, fn);
  };

  const rerun = (): void => {
    traces = new Map();
    for (const card of cards) {
      if (!card.enabled()) continue;
      try {
        traces.set(card.spec.id, runOptimizer(settings.fn, card.spec, card.values(), settings.start, {
          maxIterations: settings.maxIterations,
          gradient: { scheme: settings.scheme, h: settings.h },
        }));
      } catch (error) {
        traces.set(card.spec.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    panel.reset(settings.fn);
    lastPanel = 0;
    clock.restart(performance.now());
    requestAnimationFrame(frame);
  };

  const longest = (): number => Math.max(0, ...[...traces.values()].map((t) => (t instanceof Error ? 0 : t.iterations)));

  function frame(now: number): void {
    const total = longest();
    const step = clock.advance(now, total);
    const shown: ShownTrace[] = [];
    for (const card of cards) {
      const t = traces.get(card.spec.id);
      if (t === undefined) card.show({ kind: 'off' });
      else if (t instanceof Error) card.show({ kind: 'error', message: t.message });
      else {
        const s = { trace: t, step: Math.min(step, t.iterations), done: step >= t.iterations };
        shown.push(s);
        card.show({ kind: 'trace', ...s });
      }
    }
    drawPaths(fg, plane(), shown, settings.start);
    const done = step >= total;
    if (done || now - lastPanel >= PANEL_INTERVAL_MS) {
      panel.advance(settings.fn, shown);
      lastPanel = now;
    }
    status.textContent = `step ${step} of ${total}`;
    setData(root, { state: done ? 'done' : clock.playing ? 'running' : 'paused' });
    playButton.textContent = done ? 'replay' : clock.playing ? 'pause' : 'play';
    if (clock.playing) requestAnimationFrame(frame);
  }

  const column = settingsColumn(settings, (change) => {
    Object.assign(settings, change);
    if (change.fn !== undefined) {
      // a new function starts from its own start point with its suggested hyperparameters
      settings.start = change.fn.start;
      column.showFunction(change.fn);
      column.showStart(settings.start);
      for (const card of cards) card.setValues(initialValues(card.spec, change.fn.suggested[card.spec.id]));
    }
    if (change.fn !== undefined || change.scheme !== undefined || change.h !== undefined || change.arrows !== undefined) drawBackgroundNow();
    if (change.arrows === undefined) rerun();
  });

  overlay.addEventListener('click', (event) => {
    settings.start = toPoint(plane(), [event.offsetX, event.offsetY]);
    column.showStart(settings.start);
    rerun();
  });
  overlay.addEventListener('mousemove', (event) => {
    const p = toPoint(plane(), [event.offsetX, event.offsetY], 3);
    hover.textContent = `x = ${formatPoint(p)}: f = ${formatNumber(settings.fn.f(ndarray(new Float64Array(p))))}`;
  });
  playButton.addEventListener('click', () => {
    if (clock.advance(performance.now(), longest()) >= longest()) clock.restart(performance.now());
    else if (clock.playing) clock.pause();
    else clock.resume(performance.now());
    requestAnimationFrame(frame);
  });
  const endButton = el('button', { type: 'button', 'data-testid': 'skip-to-end', text: 'show the end' });
  endButton.addEventListener('click', () => {
    clock.skipTo(longest());
    requestAnimationFrame(frame);
  });
  speed.addEventListener('input', () => (clock.speed = 10 ** Number(speed.value)));

  root.append(
    el('h2', { id: 'descent-title', text: 'Descent paths' }),
    el('div', { class: 'descent' }, [
      el('div', { class: 'plot-column' }, [
        el('div', { class: 'canvas-stack' }, [background, overlay]),
        hover,
        el('div', { class: 'toolbar' }, [playButton, endButton, el('label', { class: 'speed' }, [el('span', { text: 'speed' }), speed]), status]),
        panelBox,
      ]),
      el('div', { class: 'side-column' }, [column.element, el('div', { class: 'cards' }, cards.map((c) => c.element))]),
    ]),
  );
  drawBackgroundNow();
  rerun();
}
