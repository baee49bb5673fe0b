/**
 * The settings column of the descent section: function, start point, steps,
 * gradient estimate and arrows. It owns no state: it reports changes.
 */
import type { DifferenceScheme } from '@descent/core';
import { FUNCTIONS, type PlaygroundFunction, type Point } from '../functions.js';
import { numberControl, selectControl } from '../ui/controls.js';
import { el, setData } from '../ui/dom.js';
import { exactNumber } from '../ui/format.js';

/** Everything the settings column sets. */
export interface DescentSettings {
  fn: PlaygroundFunction;
  start: Point;
  maxIterations: number;
  scheme: DifferenceScheme;
  h: number | 'auto';
  arrows: boolean;
}

/** The column and a way to show a new start point (set by a click on the plot). */
export interface SettingsColumn {
  readonly element: HTMLElement;
  showStart(start: Point): void;
  showFunction(fn: PlaygroundFunction): void;
}

/** The steps allowed: 1 … 10000. */
export const MAX_STEPS = 10_000;
const H_CHOICES = ['auto', '1e-2', '1e-4', '1e-6', '1e-8'];

/**
 * Build the column for `settings`. `onChange` receives the changed fields;
 * choosing a function also resets the start point to the function's own.
 */
export function settingsColumn(settings: DescentSettings, onChange: (change: Partial<DescentSettings>) => void): SettingsColumn {
  const lesson = el('p', { class: 'lesson' });
  const formula = el('code', { 'data-testid': 'formula' });
  const fnSelect = selectControl('function', FUNCTIONS.map((fn) => ({ value: fn.id, text: fn.name })), settings.fn.id, (id) => {
    onChange({ fn: FUNCTIONS.find((fn) => fn.id === id)! });
  }, 'function');
  const finite = (n: number): number | undefined => (Number.isFinite(n) ? n : undefined);
  const startMarker = el('span', { 'data-testid': 'start-point', class: 'hint', text: 'or click the plot' });
  const x0 = numberControl('start x0', settings.start[0], finite, (v) => onChange({ start: [v, currentStart[1]] }), 'start-x0');
  const x1 = numberControl('start x1', settings.start[1], finite, (v) => onChange({ start: [currentStart[0], v] }), 'start-x1');
  let currentStart = settings.start;
  const steps = numberControl('steps (max)', settings.maxIterations, (n) => (Number.isInteger(n) && n >= 1 && n <= MAX_STEPS ? n : undefined), (v) => onChange({ maxIterations: v }), 'steps');
  const scheme = selectControl('gradient', [
    { value: 'central', text: 'central differences' },
    { value: 'forward', text: 'forward differences' },
    { value: 'five-point', text: 'five-point stencil' },
  ], settings.scheme, (v) => onChange({ scheme: v as DifferenceScheme }), 'gradient-scheme');
  const h = selectControl('step h', H_CHOICES.map((v) => ({ value: v, text: v === 'auto' ? "'auto' (core's default)" : v === '1e-4' ? '1e-4 (the book’s)' : v })), String(settings.h), (v) => {
    onChange({ h: v === 'auto' ? 'auto' : Number(v) });
  }, 'gradient-h');
  const arrows = el('input', { type: 'checkbox', 'data-testid': 'arrows' });
  arrows.checked = settings.arrows;
  arrows.addEventListener('change', () => onChange({ arrows: arrows.checked }));

  const showStart = (start: Point): void => {
    currentStart = start;
    x0.set(start[0]);
    x1.set(start[1]);
    setData(startMarker, { x0: exactNumber(start[0]), x1: exactNumber(start[1]) });
  };
  const showFunction = (fn: PlaygroundFunction): void => {
    fnSelect.set(fn.id);
    formula.textContent = `f(x) = ${fn.formula}`;
    lesson.textContent = fn.lesson;
  };
  showStart(settings.start);
  showFunction(settings.fn);

  const element = el('div', { class: 'settings' }, [
    fnSelect.element,
    formula,
    lesson,
    el('div', { class: 'row' }, [x0.element, x1.element]),
    startMarker,
    el('div', { class: 'row' }, [steps.element]),
    el('div', { class: 'row' }, [scheme.element, h.element]),
    el('label', { class: 'check' }, [arrows, el('span', { text: 'numerical-gradient arrows (−∇f, core’s numericalGradient)' })]),
  ]);
  return { element, showStart, showFunction };
}
