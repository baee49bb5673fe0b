// The playground in a real browser: Debian's Chromium driven by playwright-core
// against a fresh Vite build served on 127.0.0.1. The numbers the page shows
// (read from data attributes at full precision) must equal what the packages
// compute here in Node for the same settings. Screenshots go to examples/out/.
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ndarray, { type NdArray } from 'ndarray';
import { numericalDiff } from '@descent/core';
import { adam, minimize } from '@descent/optim';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIris } from '../../lib/iris-data.js';
import { trainWithCurves } from '../../lib/train-with-curves.js';
import { TwoLayerNet } from '../../lib/two-layer-net.js';
import { findChromium, launchChromium, type Chromium } from './browser/chromium.js';
import { buildAndServe, type Served } from './browser/serve.js';

const OUT = fileURLToPath(new URL('../../out/', import.meta.url));
const chromiumPath = findChromium();
if (chromiumPath === undefined) {
  const why = 'no chromium found (CHROMIUM_PATH, `command -v chromium`, /usr/bin/chromium); install it with `apt-get install -y chromium`';
  if (process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') throw new Error(`playground browser test: ${why} — .ci/run installs it, so in CI this is a failure`);
  console.warn(`playground browser test SKIPPED: ${why}`);
}

describe.skipIf(chromiumPath === undefined)('playground in Chromium (skipped when no chromium is installed)', () => {
  let served: Served;
  let browser: Chromium;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    served = await buildAndServe();
    browser = await launchChromium(chromiumPath!);
    page = await browser.context.newPage();
    page.on('console', (m) => void (m.type() === 'error' && problems.push(`console: ${m.text()}`)));
    page.on('pageerror', (e) => problems.push(`page error: ${e.stack ?? e.message}`));
    page.on('worker', (w) => w.on('console', (m) => void (m.type() === 'error' && problems.push(`worker console: ${m.text()}`))));
    page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
    await page.goto(served.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  const data = (testId: string, key: string) => page.getByTestId(testId).getAttribute(`data-${key}`);
  const numberAt = async (testId: string, key: string): Promise<number> => {
    const text = await data(testId, key);
    expect(text, `data-${key} of ${testId}`).not.toBeNull();
    return Number(text);
  };
  const typeInto = async (testId: string, value: string) => {
    await page.getByTestId(testId).fill(value);
    await page.getByTestId(testId).dispatchEvent('change');
  };

  it('runs Adam for 200 steps on Rosenbrock from a clicked start point, to the point optim computes in Node (1e-12)', async () => {
    await page.getByTestId('function').selectOption('rosenbrock');
    await typeInto('steps', '200');
    await typeInto('adam-lr', '0.02');
    await page.getByTestId('speed').fill('3'); // 1000 steps per second
    await page.getByTestId('plot').click({ position: { x: 120, y: 300 } });
    await page.locator('[data-testid="result-adam"][data-state="done"]').waitFor({ timeout: 30_000 });

    // the page rounds a click to 2 decimals: pixel (120, 300) of 600 × 450 over [−2, 2] × [−1, 2] is (−1.2, 0)
    const start = [await numberAt('start-point', 'x0'), await numberAt('start-point', 'x1')];
    expect(start).toEqual([-1.2, 0]);
    const values = { lr: 0.02, beta1: 0, beta2: 0, eps: 0 };
    for (const key of ['beta1', 'beta2', 'eps'] as const) values[key] = Number(await page.getByTestId(`adam-${key}`).inputValue());
    expect(values).toEqual({ lr: 0.02, beta1: 0.9, beta2: 0.999, eps: 1e-7 });

    const rosenbrock = (x: NdArray) => (1 - x.get(0)) ** 2 + 100 * (x.get(1) - x.get(0) ** 2) ** 2;
    // The page differentiates with central differences (its gradient setting's default).
    const node = minimize(rosenbrock, ndarray(new Float64Array(start)), { optimizer: adam(values), maxIterations: 200, gradient: { scheme: 'central' } });
    expect(node.reason).toBe('maxIterations');
    expect(await data('result-adam', 'reason')).toBe('maxIterations');
    expect(await numberAt('result-adam', 'iterations')).toBe(200);
    expect(Math.abs((await numberAt('result-adam', 'x0')) - node.x.get(0))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs((await numberAt('result-adam', 'x1')) - node.x.get(1))).toBeLessThanOrEqual(1e-12);
    expect(Math.abs((await numberAt('result-adam', 'fun')) - node.fun)).toBeLessThanOrEqual(1e-12 * Math.max(1, node.fun));
    await page.waitForTimeout(300); // the step panel draws its last rows
    await page.locator('#descent').screenshot({ path: `${OUT}playground-descent.png` });
  });

  it('shows a divergence as such: the reason, the best point (finite) and no NaN anywhere', async () => {
    await typeInto('gd-lr', '0.01'); // far above 2/λmax ≈ 0.002 near Rosenbrock's valley floor
    await page.locator('[data-testid="result-gd"][data-state="done"]').waitFor({ timeout: 30_000 });
    expect(await data('result-gd', 'reason')).toBe('diverged');
    for (const key of ['x0', 'x1', 'fun', 'grad-norm']) expect(Number.isFinite(await numberAt('result-gd', key))).toBe(true);
    expect(await page.getByTestId('result-gd').textContent()).toMatch(/best point \(step \d+\).*Diverged: /);
    expect(await page.locator('#descent').textContent()).not.toMatch(/NaN/);
    await page.locator('#descent').screenshot({ path: `${OUT}playground-divergence.png` });
  });

  it('shows the derivative lesson with core’s numericalDiff values at the chosen h', async () => {
    // the book's 0.01x² + 0.1x needs only + and ×, so the browser's numbers are bit-identical to Node's
    // (sin, exp and log are not: Chromium's V8 and Node 20's differ in the last bit for a few % of arguments)
    await page.getByTestId('deriv-function').selectOption('book');
    const f = (x: number) => 0.01 * x * x + 0.1 * x;
    expect(Number(await page.getByTestId('deriv-x').inputValue())).toBe(5); // the lesson's point for this function
    // the README's numbers at h = 1e-4: core's quotient (÷ step taken) and the book's (÷ 2h)
    expect(await numberAt('deriv-central-actual', 'value')).toBe(0.19999999999955592);
    expect(await numberAt('deriv-central-nominal', 'value')).toBe(0.1999999999990898);
    await page.getByTestId('deriv-h').fill('-8');
    await expect.poll(() => data('deriv-h-value', 'value')).toBe('1e-8');
    for (const scheme of ['forward', 'central', 'five-point'] as const) {
      for (const quotient of ['actual', 'nominal'] as const) {
        expect(await numberAt(`deriv-${scheme}-${quotient}`, 'value')).toBe(numericalDiff(f, 5, { h: 1e-8, scheme, quotient }));
        expect(await numberAt(`deriv-${scheme}-${quotient}`, 'error')).toBe(Math.abs(numericalDiff(f, 5, { h: 1e-8, scheme, quotient }) - 0.2));
      }
      expect(await numberAt(`deriv-${scheme}-auto`, 'value')).toBe(numericalDiff(f, 5, { scheme }));
    }
    // a step that vanishes next to x: core refuses it, the table says so
    await page.getByTestId('deriv-h').fill('-16');
    await expect.poll(() => page.getByTestId('deriv-central-actual').textContent()).toMatch(/^refused: STEP_UNDERFLOW/);
    expect(await page.getByTestId('deriv-stored').textContent()).toMatch(/^x \+ h rounds to x/);
    await page.getByTestId('deriv-function').selectOption('sin');
    await page.getByTestId('deriv-h').fill('-4');
    await page.getByTestId('deriv-h').dispatchEvent('input');
    await page.waitForTimeout(300);
    await page.locator('#derivative').screenshot({ path: `${OUT}playground-derivative.png` });
  });

  it('trains the iris network in a worker to the accuracy of a Node run with the same seed', async () => {
    await page.getByTestId('net-gradient').selectOption('numerical');
    await typeInto('net-epochs', '5');
    await page.getByTestId('net-train').click();
    await page.locator('[data-testid="net-status"][data-state="done"]').waitFor({ timeout: 60_000 });
    expect(await numberAt('net-status', 'epoch')).toBe(5);
    expect(JSON.parse((await data('net-status', 'config'))!)).toEqual({ gradient: 'numerical', epochs: 5, lr: 0.02, hiddenSize: 10, batchSize: 30, seed: 42 });

    const { train, test } = loadIris({ seed: 42 });
    const net = new TwoLayerNet(4, 10, 3, undefined, 42);
    const { curves } = trainWithCurves({ net, train, validation: test, gradient: 'numerical', batchSize: 30, epochs: 5, lr: 0.02, seed: 42 });
    const last = (panel: string, series: string) => curves.find((p) => p.epoch === 5 && p.panel === panel && p.series === series)!.value;
    expect(await numberAt('net-test-accuracy', 'value')).toBe(last('accuracy', 'test'));
    expect(await numberAt('net-train-accuracy', 'value')).toBe(last('accuracy', 'train'));
    // Math.exp and Math.log differ in the last bit between Chromium's V8 and Node 20's for a few % of arguments, and a
    // numerical gradient divides such a difference by h ≈ 6e-6: after 20 Adam steps the losses agree to ~1e-10 (measured)
    expect(Math.abs((await numberAt('net-test-loss', 'value')) / last('loss', 'test') - 1)).toBeLessThanOrEqual(1e-8);
    expect(Math.abs((await numberAt('net-train-loss', 'value')) / last('loss', 'train') - 1)).toBeLessThanOrEqual(1e-8);
    await page.waitForTimeout(300);
    await page.locator('#network').screenshot({ path: `${OUT}playground-network.png` });
  });

  it('keeps drawing while the worker trains, and stops it with the stop button', async () => {
    await page.getByTestId('net-gradient').selectOption('numerical');
    await typeInto('net-epochs', '5000');
    await page.getByTestId('net-train').click();
    await expect.poll(async () => Number(await data('net-status', 'epoch')), { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
    expect(await page.getByTestId('net-frames').textContent()).toMatch(/^[1-9]\d* page frames drawn during training/);
    await page.getByTestId('net-stop').click();
    expect(await data('net-status', 'state')).toBe('stopped');
    const epoch = await numberAt('net-status', 'epoch');
    await page.waitForTimeout(500); // a running worker would report several more epochs by now
    expect(await numberAt('net-status', 'epoch')).toBe(epoch);
    expect(await numberAt('net-test-accuracy', 'epoch')).toBe(epoch);
    expect(await page.getByTestId('net-status').textContent()).toContain(`stopped after epoch ${epoch} of 5000`);
  });

  it('logged no console error, page error or failed request', async () => {
    await page.screenshot({ path: `${OUT}playground-full.png`, fullPage: true });
    expect(problems).toEqual([]);
  });
});
