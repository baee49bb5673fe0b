/**
 * The derivative section: an h slider, the live error-vs-h curves of
 * forward, central and five-point differences (core's quotient solid, the
 * book's dashed) and a table of every quotient at the chosen h.
 */
import type { Quotient } from '@descent/core';
import type { View } from 'vega';
import { errorVsHLiveSpec } from '../../../lib/plot-specs.js';
import { numberControl, selectControl, type Control } from '../ui/controls.js';
import { el, setData } from '../ui/dom.js';
import { exactNumber, formatNumber } from '../ui/format.js';
import { mountChart } from '../ui/vega-chart.js';
import { errorCurves, LESSON_SCHEMES, QUOTIENTS, quotientAt, SCALAR_FUNCTIONS, stepsBetween, type LessonScheme, type ScalarFunction } from './lesson.js';

const QUOTIENT_LABEL: Record<Quotient, string> = { actual: '÷ step taken (core’s default)', nominal: '÷ nominal h (the book’s)' };
const H_RANGE = { from: -16, to: 0 };
const MAX_ABS_X = 1e15;
const INTRO =
  '. On the right the formula’s truncation error rules: slope 1 for forward (error ∝ h), 2 for central (∝ h²), 4 for five-point (∝ h⁴). ' +
  'On the left rounding takes over: f(x ± h) carry errors of about ε·|f|, and dividing them by a tiny h blows them up like ε/h — so each ' +
  'scheme has a best h (≈ ε^(1/2), ε^(1/3), ε^(1/5), which is what ';
const INTRO_END =
  ' picks). Solid lines divide by the step actually taken, (x + h) − x as stored; dashed ones by the nominal h, as the book does: where ' +
  'x + h is not exact the dashed lines carry the step’s own rounding error too.';

/** Mount the derivative lesson into `root`. */
export function mountDerivativeLesson(root: HTMLElement): void {
  new DerivativeLesson(root);
}

/** Show one quotient in a table cell: short text, and its value and error exact in data attributes. */
function showQuotient(td: HTMLElement, fn: ScalarFunction, x: number, h: number | 'auto', scheme: LessonScheme, quotient: Quotient): void {
  const r = quotientAt(fn, x, h, scheme, quotient);
  setData(td, { value: r.value === undefined ? undefined : exactNumber(r.value), error: r.error === undefined ? undefined : exactNumber(r.error) });
  td.textContent = r.value === undefined ? `refused: ${r.refused!.split(':')[0]}` : `${formatNumber(r.value, 12)}  (error ${formatNumber(r.error!, 3)})`;
  td.title = r.refused ?? '';
  td.classList.toggle('refused', r.value === undefined);
}

class DerivativeLesson {
  // sin shows all three schemes' truncation slopes; the book's quadratic (exact for central) is in the menu
  private fn = SCALAR_FUNCTIONS.find((f) => f.id === 'sin')!;
  private x = this.fn.defaultX;
  private h = 1e-4;
  private view: View | undefined;
  private chartDone: Promise<void> = Promise.resolve();
  private readonly chart = el('div', { class: 'chart', 'data-testid': 'deriv-chart' });
  private readonly problem = el('p', { class: 'warning', 'data-testid': 'deriv-problem' });
  private readonly hSlider = el('input', { type: 'range', min: String(H_RANGE.from), max: String(H_RANGE.to), step: '0.05', value: '-4', 'data-testid': 'deriv-h', 'aria-label': 'h (log10)' });
  private readonly hText = el('strong', { 'data-testid': 'deriv-h-value' });
  private readonly stored = el('p', { class: 'hint', 'data-testid': 'deriv-stored' });
  private readonly cells = new Map<string, HTMLTableCellElement>();
  private readonly xControl: Control<number>;

  constructor(root: HTMLElement) {
    const fnSelect = selectControl('function', SCALAR_FUNCTIONS.map((f) => ({ value: f.id, text: f.formula })), this.fn.id, (id) => {
      this.fn = SCALAR_FUNCTIONS.find((f) => f.id === id)!;
      this.x = this.fn.defaultX;
      this.xControl.set(this.x);
      this.updateCurves();
    }, 'deriv-function');
    this.xControl = numberControl('at x', this.x, (n) => (Math.abs(n) <= MAX_ABS_X ? n : undefined), (v) => {
      this.x = v;
      this.updateCurves();
    }, 'deriv-x');
    this.hSlider.addEventListener('input', () => this.moveH());
    root.append(
      el('h2', { id: 'derivative-title', text: 'The derivative lesson: truncation against rounding' }),
      el('p', {}, ['Move h and watch the error of each difference quotient, computed by core’s ', el('code', { text: 'numericalDiff' }), INTRO, el('code', { text: "h: 'auto'" }), INTRO_END]),
      el('div', { class: 'row' }, [fnSelect.element, this.xControl.element, el('label', { class: 'field h-field' }, [el('span', { text: 'h' }), this.hSlider, this.hText])]),
      this.problem,
      el('div', { class: 'derivative' }, [this.chart, el('div', {}, [this.table(), this.stored])]),
    );
    this.updateCurves();
  }

  /** The table: a row per scheme at the chosen h (both quotients), and a row per scheme with h 'auto'. */
  private table(): HTMLTableElement {
    const rows = (label: string, key: (scheme: LessonScheme, q: Quotient) => string, quotients: readonly Quotient[]) =>
      LESSON_SCHEMES.map((scheme) => {
        const tds = quotients.map((q) => {
          const td = el('td', { 'data-testid': key(scheme, q) });
          this.cells.set(key(scheme, q), td);
          return td;
        });
        return el('tr', {}, [el('th', { text: `${scheme} ${label}` }), ...tds]);
      });
    return el('table', { class: 'quotients' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'scheme' }), ...QUOTIENTS.map((q) => el('th', { text: QUOTIENT_LABEL[q] }))])]),
      el('tbody', {}, [...rows('at this h', (s, q) => `deriv-${s}-${q}`, QUOTIENTS), ...rows("with h 'auto'", (s) => `deriv-${s}-auto`, ['actual'])]),
    ]);
  }

  private moveH(): void {
    const h = Number((10 ** Number(this.hSlider.value)).toPrecision(3));
    this.h = h;
    this.updateTable();
    this.chartDone = this.chartDone.then(async () => {
      await this.view?.signal('hMark', h).runAsync();
    });
  }

  private updateTable(): void {
    const { fn, x, h } = this;
    this.hText.textContent = `h = ${formatNumber(h, 3)}`;
    setData(this.hText, { value: exactNumber(h) });
    for (const scheme of LESSON_SCHEMES) {
      for (const q of QUOTIENTS) showQuotient(this.cells.get(`deriv-${scheme}-${q}`)!, fn, x, h, scheme, q);
      showQuotient(this.cells.get(`deriv-${scheme}-auto`)!, fn, x, 'auto', scheme, 'actual');
    }
    const taken = x + h - x;
    this.stored.textContent =
      taken === 0
        ? `x + h rounds to x = ${formatNumber(x, 6)}: no step is taken. Core refuses it (StepUnderflowError); the book's formula returns 0, the flat shelf on the left of the plot.`
        : `x + h is stored as x + ${formatNumber(taken, 12)}: the step actually taken is ${taken === h ? 'exactly h' : `h·(1 ${taken > h ? '+' : '−'} ${formatNumber(Math.abs(taken / h - 1), 3)})`}. Dividing by h instead of it is the book's extra error.`;
  }

  private updateCurves(): void {
    const { fn, x } = this;
    let points: object[] = [];
    try {
      points = errorCurves(fn, x, stepsBetween(H_RANGE.from, H_RANGE.to, 8)).map((p) => ({ ...p, quotient: QUOTIENT_LABEL[p.quotient] }));
      this.problem.textContent = '';
    } catch (error) {
      this.problem.textContent = error instanceof Error ? error.message : String(error);
    }
    const spec = errorVsHLiveSpec(`Error of f′(${formatNumber(x, 6)}) for f(x) = ${fn.formula}`, points, {
      dash: { field: 'quotient', title: 'quotient', values: [QUOTIENT_LABEL.actual, QUOTIENT_LABEL.nominal] },
      marker: { param: 'hMark', value: this.h },
      width: 460,
      height: 300,
    });
    this.chartDone = this.chartDone.then(async () => {
      this.view?.finalize();
      this.view = await mountChart(this.chart, spec);
    });
    this.updateTable();
  }
}
