// What the benchmark scripts share: where the corpus is, its largest template, the
// statistics and the lines of figures they print, and reading the app's performance
// measures.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
  if (!st) return `${label.padEnd(40)} (no samples)`;
  const verdict = target == null ? '' : st[on] <= target ? `  ok (${on} <= ${target} ms)` : `  OVER ${target} ms (${on})`;
  return `${label.padEnd(40)} n=${String(st.n).padStart(3)}  median ${fmt(st.median)}  p95 ${fmt(st.p95)}  max ${fmt(st.max)} ms${verdict}`;
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
