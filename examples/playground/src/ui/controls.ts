/**
 * Form controls of the playground: a hyperparameter slider with a number box
 * beside it (drag for feel, type for an exact value), a labelled select, and
 * a labelled number input.
 */
import type { HyperparameterSpec } from '../optimizers.js';
import { el } from './dom.js';
import { parseHyperparameter, positionOf, SLIDER_STEPS, valueAt } from './slider-scale.js';

/** A control and how to set its value from outside. */
export interface Control<T> {
  readonly element: HTMLElement;
  set(value: T): void;
}

/**
 * A slider for one hyperparameter; `onChange` gets every new value (while
 * dragging, and when a valid number is typed). `testId` names the number box.
 */
export function hyperparameterControl(spec: HyperparameterSpec, value: number, onChange: (value: number) => void, testId: string): Control<number> {
  const range = el('input', { type: 'range', min: '0', max: String(SLIDER_STEPS), step: '1', 'aria-label': spec.label });
  const box = el('input', { type: 'number', step: 'any', min: String(spec.min), max: String(spec.max), 'data-testid': testId, 'aria-label': `${spec.label} value` });
  const set = (v: number): void => {
    range.value = String(positionOf(spec, v));
    box.value = String(v);
    box.classList.remove('invalid');
  };
  set(value);
  range.addEventListener('input', () => {
    const v = valueAt(spec, Number(range.value));
    box.value = String(v);
    box.classList.remove('invalid');
    onChange(v);
  });
  box.addEventListener('change', () => {
    const v = parseHyperparameter(spec, box.value);
    box.classList.toggle('invalid', v === undefined);
    if (v === undefined) return;
    range.value = String(positionOf(spec, v));
    onChange(v);
  });
  const element = el('label', { class: 'hyper', title: `${spec.min} … ${spec.max}${spec.scale === 'log' ? ' (log scale)' : ''}` }, [
    el('span', { class: 'hyper-label', text: spec.label }),
    range,
    box,
  ]);
  return { element, set };
}

/** A labelled <select>. */
export function selectControl(label: string, options: readonly { value: string; text: string }[], value: string, onChange: (value: string) => void, testId: string): Control<string> {
  const select = el('select', { 'data-testid': testId, 'aria-label': label }, options.map((o) => el('option', { value: o.value, text: o.text })));
  select.value = value;
  select.addEventListener('change', () => onChange(select.value));
  return { element: el('label', { class: 'field' }, [el('span', { text: label }), select]), set: (v) => (select.value = v) };
}

/** A labelled number input; `parse` returns undefined for a value to refuse (the box is then marked invalid). */
export function numberControl(label: string, value: number, parse: (n: number) => number | undefined, onChange: (value: number) => void, testId: string): Control<number> {
  const input = el('input', { type: 'number', step: 'any', 'data-testid': testId, 'aria-label': label });
  input.value = String(value);
  input.addEventListener('change', () => {
    const n = input.value.trim() === '' ? undefined : parse(Number(input.value));
    input.classList.toggle('invalid', n === undefined);
    if (n !== undefined) onChange(n);
  });
  return {
    element: el('label', { class: 'field' }, [el('span', { text: label }), input]),
    set: (v) => {
      input.value = String(v);
      input.classList.remove('invalid');
    },
  };
}
