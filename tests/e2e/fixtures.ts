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

/** The code pane's textarea. It holds only the lines around the view: read the whole
 * text with `templateText`, place the caret with `selectInTemplate`. */
export function codePane(page: Page): Locator {
  return page.getByRole('textbox', { name: 'Template source', exact: true });
}

/** The whole template text, as the code pane's Copy button puts it on the clipboard
 * (the project's Playwright config grants the clipboard). */
export async function templateText(page: Page): Promise<string> {
  // Clicked without moving keyboard focus, which the test may rely on (a Tab typed
  // into the code pane next).
  const tab = page.getByRole('tab', { name: /^Template/ });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.dispatchEvent('click');
  const sentinel = '\u0000 nothing copied yet';
  await page.evaluate((s) => navigator.clipboard.writeText(s), sentinel);
  await page.locator('.bottom-panel').getByRole('button', { name: /^(Copy|Copied)$/ }).dispatchEvent('click');
  let text = sentinel;
  await expect
    .poll(async () => (text = await page.evaluate(() => navigator.clipboard.readText())))
    .not.toBe(sentinel);
  return text;
}

/**
 * Selects `length` characters at `offset` of the whole template text in the code
 * pane, as a person would: the pane scrolls there (so its textarea holds those lines),
 * then the selection is set in the textarea.
 */
export async function selectAt(page: Page, offset: number, length = 0): Promise<void> {
  const whole = await templateText(page);
  const line = whole.slice(0, offset).split('\n').length - 1;
  await page.locator('.code-scroll').evaluate((el, l) => (el.scrollTop = Math.max(0, 8 + l * 20 - 100)), line);
  const pane = codePane(page);
  // The window of lines follows the scroll; wait until it holds the line.
  await expect
    .poll(() =>
      pane.evaluate((el: HTMLTextAreaElement, l) => {
        const first = Math.round(parseFloat(el.style.top || '0') / 20);
        return first <= l && l < first + el.value.split('\n').length;
      }, line),
    )
    .toBe(true);
  await pane.focus();
  await pane.evaluate(
    (el: HTMLTextAreaElement, [whole, offset, length]) => {
      const first = Math.round(parseFloat(el.style.top || '0') / 20);
      const start = whole.split('\n').slice(0, first).reduce((n, l) => n + l.length + 1, 0);
      el.setSelectionRange(offset - start, offset - start + length);
    },
    [whole, offset, length] as [string, number, number],
  );
}

/** Selects the first `needle` in the template text after `after` (if given). */
export async function selectInTemplate(page: Page, needle: string, after = ''): Promise<void> {
  const whole = await templateText(page);
  const from = after ? whole.indexOf(after) : 0;
  const at = whole.indexOf(needle, Math.max(from, 0));
  if (at < 0) throw new Error(`"${needle}" is not in the text`);
  await selectAt(page, at, needle.length);
}

/** Opens a sample as File › New from sample… does, by the start of its name. */
export async function openSample(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'New from sample…' }).click();
  await page.getByRole('dialog').getByRole('button', { name }).click();
}
