/**
 * Live vega-lite charts: compile a spec once, render it with a vega View on a
 * canvas, then stream rows into its named data set or move its signals.
 */
import { changeset, parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Render `spec` into `container` (emptied first). Its layout is recomputed
 * after every data change (autosize 'pad' with resize), so axes whose labels
 * grow as rows stream in keep their room.
 */
export async function mountChart(container: HTMLElement, spec: TopLevelSpec): Promise<View> {
  container.replaceChildren();
  const view = new View(parse(compile({ ...spec, autosize: { type: 'pad', resize: true } } as TopLevelSpec).spec), { renderer: 'canvas', container, hover: true });
  await view.runAsync();
  return view;
}

/** Append rows to the named data set and redraw. */
export async function insertRows(view: View, name: string, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  await view.change(name, changeset().insert(rows)).runAsync();
}

/** Replace every row of the named data set and redraw. */
export async function replaceRows(view: View, name: string, rows: object[]): Promise<void> {
  await view.change(name, changeset().remove(() => true).insert(rows)).runAsync();
}
