/**
 * The panel under the plot: f − f* (or f, when f has no minimum) and ‖∇f‖∞
 * per step, log scale, one line per optimizer — rows streamed into a
 * vega-lite chart as the animation advances.
 */
import type { View } from 'vega';
import type { TopLevelSpec } from 'vega-lite';
import type { PlaygroundFunction } from '../functions.js';
import { OPTIMIZERS, type OptimizerId } from '../optimizers.js';
import { insertRows, mountChart } from '../ui/vega-chart.js';
import type { ShownTrace } from './contour-canvas.js';

/** One row of the panel's data. */
interface Row {
  optimizer: string;
  step: number;
  panel: 'f' | 'grad';
  value: number;
}

/** The panel's vega-lite spec for `fn` (symlog for f when f is unbounded below: f goes negative). */
export function stepPanelSpec(fn: PlaygroundFunction): TopLevelSpec {
  const chart = (panel: Row['panel'], title: string, scale: { type: 'log' | 'symlog' }) => ({
    width: 220,
    height: 170,
    transform: [{ filter: `datum.panel === '${panel}'` }],
    mark: { type: 'line' as const, clip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative' as const, title: 'step' },
      y: { field: 'value', type: 'quantitative' as const, title, scale, axis: scale.type === 'log' ? { format: '.0e' } : { format: '.2~s' } },
      // the optimizer cards beside the plot are the legend
      color: { field: 'optimizer', type: 'nominal' as const, scale: { domain: OPTIMIZERS.map((o) => o.name), range: OPTIMIZERS.map((o) => o.color) }, legend: null },
    },
  });
  const f = fn.minimum === undefined ? chart('f', 'f (symlog scale)', { type: 'symlog' }) : chart('f', 'f − f* (log scale)', { type: 'log' });
  return { data: { name: 'steps', values: [] }, hconcat: [f, chart('grad', '‖∇f‖∞ (log scale)', { type: 'log' })], resolve: { scale: { x: 'shared' } } };
}

/** The live panel. */
export class StepPanel {
  private view: View | undefined;
  private readonly sent = new Map<OptimizerId, number>();
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly container: HTMLElement) {}

  /** Start over for `fn` with no rows. */
  reset(fn: PlaygroundFunction): void {
    this.sent.clear();
    this.pending = this.pending.then(async () => {
      this.view?.finalize();
      this.view = await mountChart(this.container, stepPanelSpec(fn));
    });
  }

  /** Add the rows of the steps shown since the last call. */
  advance(fn: PlaygroundFunction, shown: readonly ShownTrace[]): void {
    const rows: Row[] = [];
    for (const { trace, step } of shown) {
      const from = this.sent.get(trace.optimizer.id) ?? 0;
      for (let k = from; k <= step; k++) {
        const f = fn.minimum === undefined ? trace.fun[k]! : trace.fun[k]! - fn.minimum;
        // a log axis cannot show 0: an exact minimum (or ‖∇f‖ = 0) is left out of the line
        if (fn.minimum === undefined || f > 0) rows.push({ optimizer: trace.optimizer.name, step: k, panel: 'f', value: f });
        if (trace.gradNorm[k]! > 0) rows.push({ optimizer: trace.optimizer.name, step: k, panel: 'grad', value: trace.gradNorm[k]! });
      }
      this.sent.set(trace.optimizer.id, Math.max(from, step + 1));
    }
    if (rows.length > 0) this.pending = this.pending.then(() => (this.view === undefined ? undefined : insertRows(this.view, 'steps', rows)));
  }
}
