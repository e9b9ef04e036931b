// What the benchmark scripts share: where the corpus is, its largest template, the
// statistics and the lines of figures they print, a static server for a build, and
// timing what the user does up to the frame that shows it.

import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Read in place, never copied into the project. */
export const CORPUS = resolve(ROOT, '../shared/corpus');

/** The largest template of the corpus, by size on disk; null without the corpus. */
export function largestCorpusTemplate() {
  if (!existsSync(CORPUS)) return null;
  let best = null;
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = statSync(path);
      if (info.isDirectory()) walk(path);
      else if (/\.(ya?ml|json|template)$/i.test(name) && (!best || info.size > best.size)) {
        best = { path, size: info.size };
      }
    }
  };
  walk(CORPUS);
  return best;
}

export function stats(values) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {
    n: s.length,
    median: at(0.5),
    p95: at(0.95),
    max: s[s.length - 1],
    mean: s.reduce((a, b) => a + b, 0) / s.length,
  };
}

export const fmt = (v) => (v == null ? '   -  ' : v.toFixed(1).padStart(6));

/** A line of figures, with a verdict against `target` on the median or the maximum. */
export function row(label, st, target, on = 'max') {
  if (!st) return `${label.padEnd(44)} (no samples)`;
  const verdict = target == null ? '' : st[on] <= target ? `  ok (${on} <= ${target} ms)` : `  OVER ${target} ms (${on})`;
  return `${label.padEnd(44)} n=${String(st.n).padStart(3)}  median ${fmt(st.median)}  p95 ${fmt(st.p95)}  max ${fmt(st.max)} ms${verdict}`;
}

/** The durations of the app's performance measures of this name. */
export async function measures(page, name) {
  return page.evaluate((n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration), name);
}

/** Opens template text as File > Open does and waits for the frame after it is drawn. */
export async function openFile(page, name, text) {
  await page.evaluate(() => performance.clearMeasures());
  await page.locator('#fw-open-input').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });
  await page.waitForFunction(() => performance.getEntriesByName('fw-open-frame', 'measure').length > 0, null, {
    timeout: 60_000,
  });
}

/** Headless Chromium (the system's, or CHROMIUM), without background work that would
 * disturb the figures. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** The build to measure: `dist` (or FORMWORK_BENCH_DIST), the project's dist/ by default. */
export function distFolder(dist) {
  const dir = resolve(dist ?? process.env.FORMWORK_BENCH_DIST ?? join(ROOT, 'dist'));
  if (!existsSync(join(dir, 'index.html'))) {
    console.error(`no build at ${dir}: run \`trunk build --release\` (or pass the dist folder)`);
    process.exit(1);
  }
  return dir;
}

/** A static server over `dist` on loopback, at the root. */
export async function serveDist(dist, port) {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (path.endsWith('/')) path += 'index.html';
    const file = normalize(join(dist, path));
    if (!file.startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found\n');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok, fail) => {
    server.on('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  return server;
}

/** Opens the app in a new page and waits for the full catalog (validation knows every
 * type: the steady state a user works in). */
export async function openApp(browser, port, context = null) {
  const page = await (context ?? browser).newPage({ viewport: { width: 1400, height: 900 } });
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => performance.getEntriesByName('fw-catalog-parse', 'measure').length > 0, null, {
    timeout: 60_000,
  });
  return page;
}

/**
 * Runs `act` (which makes the browser dispatch an event of `type`, for a key event
 * one whose `key` is `key`) and times it up to the frame that shows its outcome:
 *
 *   latency  the event's timestamp -> that frame painted (an animation frame, then a
 *            task after it): what the user waits, the wait for the display's next
 *            frame included
 *   work     the time spent on it: the event's handlers with the app's redraw (from
 *            the first capturing listener on window to a listener on window that
 *            runs after the app's), plus the frame's rendering (the animation frame
 *            -> painted). Not the time the event waited before its dispatch:
 *            Chromium holds pointer moves back to the next animation frame
 *            (rAF-aligned input), so a move waits up to a frame whatever the app does
 *   queued   that wait: the event's timestamp -> its dispatch
 *   shown    with `shown` (a function of no arguments, run in the page each frame):
 *            the event -> the first frame painted once it is true, such as the
 *            inspector showing what a click selected
 *
 * `null` when no such event came within `timeout`.
 */
export async function frameAfter(page, type, act, { key = null, timeout = 120_000, shown = null } = {}) {
  await page.evaluate(
    ([type, key, shownSource]) => {
      window.__fwFrame = null;
      const isShown = shownSource && new Function(`return (${shownSource})();`);
      const wanted = (e) => key == null || e.key === key;
      const first = (e) => {
        if (!wanted(e)) return;
        removeEventListener(type, first, true);
        const t0 = e.timeStamp;
        const dispatched = performance.now();
        let handled = null;
        const last = (e2) => {
          if (e2 !== e) return;
          removeEventListener(type, last);
          handled = performance.now();
        };
        addEventListener(type, last);
        requestAnimationFrame(() => {
          const raf = performance.now();
          handled ??= raf; // the event did not bubble to window
          setTimeout(() => {
            const done = performance.now();
            const frame = {
              latency: done - t0,
              work: handled - dispatched + (done - raf),
              queued: dispatched - t0,
              shown: null,
            };
            if (!isShown) {
              window.__fwFrame = frame;
              return;
            }
            const poll = () => {
              if (isShown()) {
                requestAnimationFrame(() =>
                  setTimeout(() => (window.__fwFrame = { ...frame, shown: performance.now() - t0 })),
                );
              } else if (performance.now() - t0 > 60_000) {
                window.__fwFrame = frame;
              } else {
                requestAnimationFrame(poll);
              }
            };
            // Shown in the frame of the event, or in a later one.
            if (isShown()) window.__fwFrame = { ...frame, shown: frame.latency };
            else requestAnimationFrame(poll);
          });
        });
      };
      addEventListener(type, first, true);
    },
    [type, key, shown && shown.toString()],
  );
  await act();
  try {
    await page.waitForFunction(() => window.__fwFrame != null, null, { timeout });
  } catch {
    return null;
  }
  return page.evaluate(() => window.__fwFrame);
}
