// Shared by the specs: a `watch` fixture that records console errors, uncaught
// exceptions and failed requests, and helpers to open the app and find its landmarks.
import { test as base, expect, type Locator, type Page } from '@playwright/test';

export { expect };

export interface Watch {
  /** Console errors and uncaught page exceptions. */
  errors: string[];
  /** Requests that failed, answered 4xx/5xx, or (under /formwork/) left the sub-path. */
  requests: string[];
}

export const test = base.extend<{ watch: Watch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: Watch = { errors: [], requests: [] };
    const base = new URL(baseURL ?? 'http://127.0.0.1/');
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.errors.push(`console: ${msg.text()}`);
    });
    page.on('pageerror', (err) => watch.errors.push(`exception: ${err.message}`));
    page.on('requestfailed', (req) =>
      watch.requests.push(`failed: ${req.url()} (${req.failure()?.errorText})`),
    );
    page.on('response', (res) => {
      if (res.status() >= 400) watch.requests.push(`HTTP ${res.status()}: ${res.url()}`);
    });
    // The server also serves dist/ at the root, so an absolute asset URL would load
    // there yet break on GitHub Pages: catch it here.
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin === base.origin && !url.pathname.startsWith(base.pathname)) {
        watch.requests.push(`outside ${base.pathname}: ${url.pathname}`);
      }
    });
    await use(watch);
  },
});

/** A landmark by its accessible name: a region, complementary or main element. */
export function landmark(page: Page, name: string): Locator {
  const opts = { name, exact: true };
  return page
    .getByRole('region', opts)
    .or(page.getByRole('complementary', opts))
    .or(page.getByRole('main', opts));
}

/** Opens the app (relative to the project's base URL) and waits for the canvas. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query}`);
  await expect(landmark(page, 'Canvas')).toBeVisible();
}
