/**
 * The derivative section: an h slider, the live error-vs-h curves of
 * forward, central and five-point differences (core's quotient solid, the
 * book's dashed) and a table of every quotient at the chosen h.
 */
import type { Quotient } from '@descent/core';
import type { View } from 'vega';
import { errorVsHLiveSpec } from '../../../lib/plot-specs.js';
import { numberControl, selectControl } from '../ui/controls.js';
import { el, setData } from '../ui/dom.js';
import { exactNumber, formatNumber } from '../ui/format.js';
import { mountChart } from '../ui/vega-chart.js';
import { errorCurves, LESSON_SCHEMES, QUOTIENTS, quotientAt, SCALAR_FUNCTIONS, stepsBetween, type LessonScheme, type ScalarFunction } from './lesson.js';

const QUOTIENT_LABEL: Record<Quotient, string> = { actual: '÷ step taken (core’s default)', nominal: '÷ nominal h (the book’s)' };
const H_RANGE = { from: -16, to: 0 };
const MAX_ABS_X = 1e15;

/** A table cell showing one quotient's value and error, with both exact in data attributes. */
function cell(testId: string): HTMLTableCellElement {
  return el('td', { 'data-testid': testId });
}

function showQuotient(td: HTMLElement, fn: ScalarFunction, x: number, h: number | 'auto', scheme: LessonScheme, quotient: Quotient): void {
  const r = quotientAt(fn, x, h, scheme, quotient);
  setData(td, { value: r.value === undefined ? undefined : exactNumber(r.value), error: r.error === undefined ? undefined : exactNumber(r.error) });
  td.textContent = r.value === undefined ? `refused: ${r.refused!.split(':')[0]}` : `${formatNumber(r.value, 12)}  (error ${formatNumber(r.error!, 3)})`;
  td.title = r.refused ?? '';
  td.classList.toggle('refused', r.value === undefined);
}

/** Mount the derivative lesson into `root`. */
export function mountDerivativeLesson(root: HTMLElement): void {
  // sin shows all three schemes' truncation slopes; the book's quadratic (exact for central) is in the menu
  let fn = SCALAR_FUNCTIONS.find((f) => f.id === 'sin')!;
  let x = fn.defaultX;
  let h = 1e-4;
  let view: View | undefined;
  let chartDone: Promise<void> = Promise.resolve();
  const chart = el('div', { class: 'chart', 'data-testid': 'deriv-chart' });
  const problem = el('p', { class: 'warning', 'data-testid': 'deriv-problem' });
  const hSlider = el('input', { type: 'range', min: String(H_RANGE.from), max: String(H_RANGE.to), step: '0.05', value: '-4', 'data-testid': 'deriv-h', 'aria-label': 'h (log10)' });
  const hText = el('strong', { 'data-testid': 'deriv-h-value' });
  const stored = el('p', { class: 'hint', 'data-testid': 'deriv-stored' });
  const cells = new Map<string, HTMLTableCellElement>();
  const row = (label: string, key: (scheme: LessonScheme, q: Quotient) => string, quotients: readonly Quotient[]) =>
    LESSON_SCHEMES.map((scheme) =>
      el('tr', {}, [el('th', { text: `${scheme} ${label}` }), ...quotients.map((q) => {
        const td = cell(key(scheme, q));
        cells.set(key(scheme, q), td);
        return td;
      })]),
    );
  const table = el('table', { class: 'quotients' }, [
    el('thead', {}, [el('tr', {}, [el('th', { text: 'scheme' }), ...QUOTIENTS.map((q) => el('th', { text: QUOTIENT_LABEL[q] }))])]),
    el('tbody', {}, [...row('at this h', (s, q) => `deriv-${s}-${q}`, QUOTIENTS), ...row("with h 'auto'", (s) => `deriv-${s}-auto`, ['actual'])]),
  ]);

  const updateTable = (): void => {
    hText.textContent = `h = ${formatNumber(h, 3)}`;
    setData(hText, { value: exactNumber(h) });
    for (const scheme of LESSON_SCHEMES) {
      for (const q of QUOTIENTS) showQuotient(cells.get(`deriv-${scheme}-${q}`)!, fn, x, h, scheme, q);
      showQuotient(cells.get(`deriv-${scheme}-auto`)!, fn, x, 'auto', scheme, 'actual');
    }
    const taken = x + h - x;
    stored.textContent =
      taken === 0
        ? `x + h rounds to x = ${formatNumber(x, 6)}: no step is taken. Core refuses it (StepUnderflowError); the book's formula returns 0, the flat shelf on the left of the plot.`
        : `x + h is stored as x + ${formatNumber(taken, 12)}: the step actually taken is ${taken === h ? 'exactly h' : `h·(1 ${taken > h ? '+' : '−'} ${formatNumber(Math.abs(taken / h - 1), 3)})`}. Dividing by h instead of it is the book's extra error.`;
  };

  const updateCurves = (): void => {
    let points: object[] = [];
    try {
      points = errorCurves(fn, x, stepsBetween(H_RANGE.from, H_RANGE.to, 8)).map((p) => ({ ...p, quotient: QUOTIENT_LABEL[p.quotient] }));
      problem.textContent = '';
    } catch (error) {
      problem.textContent = error instanceof Error ? error.message : String(error);
    }
    const spec = errorVsHLiveSpec(`Error of f′(${formatNumber(x, 6)}) for f(x) = ${fn.formula}`, points, {
      dash: { field: 'quotient', title: 'quotient' },
      marker: { param: 'hMark', value: h },
      width: 460,
      height: 300,
    });
    chartDone = chartDone.then(async () => {
      view?.finalize();
      view = await mountChart(chart, spec);
    });
    updateTable();
  };

  const fnSelect = selectControl('function', SCALAR_FUNCTIONS.map((f) => ({ value: f.id, text: f.formula })), fn.id, (id) => {
    fn = SCALAR_FUNCTIONS.find((f) => f.id === id)!;
    x = fn.defaultX;
    xControl.set(x);
    updateCurves();
  }, 'deriv-function');
  const xControl = numberControl('at x', x, (n) => (Math.abs(n) <= MAX_ABS_X ? n : undefined), (v) => {
    x = v;
    updateCurves();
  }, 'deriv-x');
  hSlider.addEventListener('input', () => {
    h = Number((10 ** Number(hSlider.value)).toPrecision(3));
    updateTable();
    chartDone = chartDone.then(async () => {
      await view?.signal('hMark', h).runAsync();
    });
  });

  root.append(
    el('h2', { id: 'derivative-title', text: 'The derivative lesson: truncation against rounding' }),
    el('p', {}, [
      'Move h and watch the error of each difference quotient, computed by core’s ',
      el('code', { text: 'numericalDiff' }),
      '. On the right the formula’s truncation error rules: slope 1 for forward (error ∝ h), 2 for central (∝ h²), 4 for five-point (∝ h⁴). On the left rounding takes over: f(x ± h) carry errors of about ε·|f|, and dividing them by a tiny h blows them up like ε/h — so each scheme has a best h (≈ ε^(1/2), ε^(1/3), ε^(1/5), which is what ',
      el('code', { text: "h: 'auto'" }),
      ' picks). Solid lines divide by the step actually taken, (x + h) − x as stored; dashed ones by the nominal h, as the book does: where x + h is not exact the dashed lines carry the step’s own rounding error too.',
    ]),
    el('div', { class: 'row' }, [fnSelect.element, xControl.element, el('label', { class: 'field h-field' }, [el('span', { text: 'h' }), hSlider, hText])]),
    problem,
    el('div', { class: 'derivative' }, [chart, el('div', {}, [table, stored])]),
  );
  updateCurves();
}
