/**
 * One optimizer's card: on/off, its hyperparameter sliders, and its run as
 * the animation shows it — exact values in data attributes for tests.
 */
import type { OptimizerSpec } from '../optimizers.js';
import type { Trace } from '../runner.js';
import { hyperparameterControl, type Control } from '../ui/controls.js';
import { el, setData } from '../ui/dom.js';
import { exactNumber, formatNumber, formatPoint } from '../ui/format.js';

/** What a card shows of its run. */
export type CardRun = { kind: 'off' } | { kind: 'error'; message: string } | { kind: 'trace'; trace: Trace; step: number; done: boolean };

/** A card and its handles. */
export interface OptimizerCard {
  readonly element: HTMLElement;
  readonly spec: OptimizerSpec;
  enabled(): boolean;
  values(): Record<string, number>;
  setValues(values: Record<string, number>): void;
  show(run: CardRun): void;
}

/** The elements a run is shown in. */
interface RunElements {
  readonly element: HTMLElement;
  readonly result: HTMLElement;
  readonly summary: HTMLElement;
  readonly message: HTMLElement;
}

/**
 * Show a run: while animating, the path's point at the shown step; once done,
 * minimize's result (the best point when it diverged) and its message.
 */
function showRun({ element, result, summary, message }: RunElements, run: CardRun): void {
  element.classList.toggle('off', run.kind === 'off');
  if (run.kind !== 'trace') {
    setData(result, { state: run.kind, step: undefined, x0: undefined, x1: undefined, fun: undefined, gradNorm: undefined, reason: undefined, iterations: undefined });
    summary.textContent = run.kind === 'off' ? 'off' : 'could not start';
    message.textContent = run.kind === 'error' ? run.message : '';
    return;
  }
  const { trace, step, done } = run;
  const x = done ? trace.x : trace.path[step]!;
  const fun = done ? trace.value : trace.fun[step]!;
  const gradNorm = trace.gradNorm[done ? trace.bestStep : step]!;
  setData(result, {
    state: done ? 'done' : 'running',
    step: String(done ? trace.iterations : step),
    x0: exactNumber(x[0]),
    x1: exactNumber(x[1]),
    fun: exactNumber(fun),
    gradNorm: exactNumber(gradNorm),
    reason: done ? trace.reason : undefined,
    iterations: String(trace.iterations),
  });
  const where = done && trace.reason === 'diverged' ? `best point (step ${trace.bestStep})` : `step ${done ? trace.iterations : step}/${trace.iterations}`;
  summary.textContent = `${where}: x = ${formatPoint(x)}, f = ${formatNumber(fun)}, ‖∇f‖∞ = ${formatNumber(gradNorm)}`;
  message.textContent = done ? trace.message : '';
  message.className = `run-message${done ? ` reason-${trace.reason}` : ''}`;
}

/** Build the card of `spec`; `onChange` runs after a switch or a hyperparameter changes. */
export function optimizerCard(spec: OptimizerSpec, initial: Record<string, number>, enabled: boolean, onChange: () => void): OptimizerCard {
  let values = { ...initial };
  const toggle = el('input', { type: 'checkbox', 'data-testid': `enable-${spec.id}` });
  toggle.checked = enabled;
  toggle.addEventListener('change', onChange);
  const controls = new Map<string, Control<number>>();
  const sliders = spec.hyperparameters.map((h) => {
    const control = hyperparameterControl(h, values[h.key]!, (v) => {
      values = { ...values, [h.key]: v };
      onChange();
    }, `${spec.id}-${h.key}`);
    controls.set(h.key, control);
    return control.element;
  });
  const summary = el('div', { class: 'run-summary' });
  const message = el('div', { class: 'run-message' });
  const result = el('div', { class: 'run', 'data-testid': `result-${spec.id}` }, [summary, message]);
  const element = el('div', { class: 'card', style: `--color: ${spec.color}` }, [
    el('label', { class: 'card-title' }, [toggle, el('span', { class: 'swatch' }), el('strong', { text: spec.name })]),
    el('div', { class: 'rule', text: spec.rule }),
    ...sliders,
    result,
  ]);

  const show = (run: CardRun): void => showRun({ element, result, summary, message }, run);

  return {
    element,
    spec,
    enabled: () => toggle.checked,
    values: () => ({ ...values }),
    setValues: (next) => {
      values = { ...next };
      for (const [key, control] of controls) control.set(values[key]!);
    },
    show,
  };
}
