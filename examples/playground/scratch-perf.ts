import { launchChromium, findChromium } from './test/browser/chromium.js';
import { buildAndServe } from './test/browser/serve.js';
const served = await buildAndServe();
const browser = await launchChromium(findChromium()!);
const page = await browser.context.newPage();
await page.goto(served.url);
await page.waitForTimeout(6000);
await page.getByTestId('net-epochs').fill('5000');
await page.getByTestId('net-epochs').dispatchEvent('change');
const t0 = Date.now();
await page.getByTestId('net-train').click();
for (let i = 0; i < 5; i++) {
  await page.waitForTimeout(2000);
  console.log(((Date.now() - t0) / 1000).toFixed(1), 's: epoch', await page.getByTestId('net-status').getAttribute('data-epoch'), await page.getByTestId('net-frames').textContent());
}
console.log(await page.evaluate(() => (performance as any).memory?.usedJSHeapSize));
await browser.close();
await served.close();
