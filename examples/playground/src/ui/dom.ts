/**
 * A tiny element builder for the playground's views.
 */

/** Attributes of `el`: strings set as attributes, `text` as textContent. */
export type Attributes = Record<string, string | undefined> & { text?: string };

/**
 * Create an element with attributes (undefined ones skipped) and children.
 * @example
 * el('label', { class: 'row', text: 'lr' }); // <label class="row">lr</label>
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, children: (Node | string)[] = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined) continue;
    if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}

/** Set data-* attributes (camelCase keys, as in `dataset`); undefined removes one. */
export function setData(element: HTMLElement, data: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) delete element.dataset[key];
    else element.dataset[key] = value;
  }
}
