// Frame times of the live simulation: the Multi-AZ WordPress sample running at each
// speed in the release build (dist/), in headless Chromium. For each speed it records
// every animation frame's interval and the page's long tasks (over 50 ms) for a few
// seconds, and how many simulated seconds passed per real second. The target is 60
// frames per second at 600x: a median interval of 16.7 ms and few frames over 33 ms.
//
//   node tests/bench/sim-frame-bench.mjs [seconds per speed, default 6]

import { launchChromium, openApp, row, serveDist, stats } from './common.mjs';
import { resolve } from 'node:path';
import { ROOT } from './common.mjs';

const SECONDS = Number(process.argv[2] ?? 6);
const SPEEDS = ['60', '600', '3600'];
/** Each speed is measured with the Template tab below the canvas, then with the
 * Simulation tab's charts, which are drawn again on every frame. */
const TABS = ['Template', 'Simulation'];

const server = await serveDist(resolve(ROOT, 'dist'), 8951);
const browser = await launchChromium();
const page = await openApp(browser, 8951);
await page.setViewportSize({ width: 1400, height: 900 });
await page.locator('#menu-file-button').click();
await page.getByRole('menuitem', { name: /New from sample/ }).click();
await page.getByRole('dialog').getByRole('button', { name: /^Multi-AZ WordPress blog/ }).click();
await page.waitForTimeout(800);

const clock = () =>
  page.evaluate(() => {
    const day = Number(/\d+/.exec(document.querySelector('.run-day')?.textContent ?? '1')[0]);
    const [h, m, s] = (document.querySelector('.run-time')?.textContent ?? '0:0:0').split(':').map(Number);
    return (day - 1) * 86400 + h * 3600 + m * 60 + s;
  });

console.log(`Live simulation frame times, Multi-AZ WordPress sample, ${SECONDS} s per speed`);
let started = false;
for (const tab of TABS) for (const speed of SPEEDS) {
  await page.getByRole('tab', { name: tab, exact: true }).click();
  await page.getByLabel('Simulation speed').selectOption(speed);
  if (!started) {
    await page.getByRole('button', { name: 'Run simulation' }).click();
    await page.waitForSelector('.sim-tile');
    started = true;
  }
  await page.waitForTimeout(1000);
  const t0 = await clock();
  const { frames, long } = await page.evaluate(async (seconds) => {
    const frames = [];
    const long = [];
    const observer = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) long.push(e.duration);
    });
    observer.observe({ type: 'longtask' });
    let last = performance.now();
    const end = last + seconds * 1000;
    await new Promise((done) => {
      const tick = (now) => {
        frames.push(now - last);
        last = now;
        if (now < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    return { frames, long };
  }, SECONDS);
  const t1 = await clock();
  const st = stats(frames);
  const over = frames.filter((f) => f > 33.4).length;
  console.log(row(`${speed}x, ${tab} tab: frame interval`, st, 17, 'median'));
  console.log(
    `${''.padEnd(44)} ${(1000 / st.mean).toFixed(1)} frames/s; ${over} of ${frames.length} frames over 33 ms; ` +
      `${long.length} long tasks (max ${long.length ? Math.max(...long).toFixed(0) : 0} ms); ` +
      `simulated ${((t1 - t0) / SECONDS).toFixed(0)} s per real second`,
  );
}
await browser.close();
server.close();
