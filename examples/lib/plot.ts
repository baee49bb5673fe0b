/**
 * Plots for the examples: a vega-lite spec is compiled to vega, rendered
 * headless to SVG by a vega View, and rasterized to PNG by @resvg/resvg-js —
 * all offline, no browser or canvas needed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Where plots go unless told otherwise: `examples/out/` (git-ignored). */
export const DEFAULT_OUT_DIR = fileURLToPath(new URL('../out/', import.meta.url));
/** PNG pixels per SVG pixel. */
export const DEFAULT_PNG_SCALE = 2;

/** Families tried, in order, for vega's generic `sans-serif` text. */
const PREFERRED_FONTS = ['DejaVu Sans', 'Liberation Sans', 'Noto Sans', 'Arial', 'Helvetica', 'FreeSans'];

/** Options of `renderPlot`. */
export interface PlotOptions {
  /** Output folder (created when missing). @default examples/out/ */
  outDir?: string;
  /** PNG pixels per SVG pixel. @default 2 */
  scale?: number;
}

/** The files one plot was written to. */
export interface PlotFiles {
  svg: string;
  png: string;
}

let fontChoice: { family: string | null; note: string | null } | undefined;

/**
 * The font family resvg should use for sans-serif text. resvg only draws text
 * with fonts it finds on the system, so we ask fontconfig (`fc-list`) which
 * families exist. Returns null (resvg's own defaults, Arial/Helvetica, which
 * exist on macOS and Windows) when fc-list is unavailable.
 */
function chooseFont(): { family: string | null; note: string | null } {
  if (fontChoice !== undefined) return fontChoice;
  let listed: string[];
  try {
    listed = execFileSync('fc-list', [':', 'family'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .flatMap((line) => line.split(','))
      .map((f) => f.trim())
      .filter((f) => f.length > 0);
  } catch {
    fontChoice = { family: null, note: null };
    return fontChoice;
  }
  if (listed.length === 0) {
    fontChoice = {
      family: null,
      note: 'plot: no system fonts found (fc-list lists none), so PNG plots will have no text; the SVGs are complete. Install a font package (e.g. fonts-dejavu-core) to fix it.',
    };
  } else {
    fontChoice = { family: PREFERRED_FONTS.find((f) => listed.includes(f)) ?? listed[0]!, note: null };
  }
  return fontChoice;
}

/**
 * Render a vega-lite spec to `<outDir>/<name>.svg` and `<outDir>/<name>.png`.
 * @param name file name without extension (letters, digits, '-', '_')
 * @param spec a vega-lite spec with its data inline
 * @returns the absolute paths written
 * @throws TypeError when name would leave the output folder
 * @example
 * const files = await renderPlot('line', {
 *   data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] },
 *   mark: 'line',
 *   encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
 * });
 * files.png; // …/examples/out/line.png
 */
export async function renderPlot(name: string, spec: TopLevelSpec, options: PlotOptions = {}): Promise<PlotFiles> {
  if (!/^[\w-]+$/.test(name)) {
    throw new TypeError(`renderPlot: name must use only letters, digits, '-' and '_', got ${JSON.stringify(name)}`);
  }
  const outDir = options.outDir ?? DEFAULT_OUT_DIR;
  const scale = options.scale ?? DEFAULT_PNG_SCALE;
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  const svgText = await view.toSVG();
  view.finalize();

  const font = chooseFont();
  if (font.note !== null) {
    console.warn(font.note);
    font.note = null;
  }
  const resvg = new Resvg(svgText, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font:
      font.family === null
        ? { loadSystemFonts: true }
        : { loadSystemFonts: true, defaultFontFamily: font.family, sansSerifFamily: font.family },
  });
  const png = resvg.render().asPng();

  mkdirSync(outDir, { recursive: true });
  const files = { svg: join(outDir, `${name}.svg`), png: join(outDir, `${name}.png`) };
  writeFileSync(files.svg, svgText);
  writeFileSync(files.png, png);
  return files;
}
