// The designer shell: loads cleanly from the root and from a sub-path, shows its
// landmarks and menus, zooms and pans, and switches language.
import type { Page } from '@playwright/test';
import { expect, landmark, openApp, test } from './fixtures';

const LANDMARKS = ['Resource palette', 'Canvas', 'Inspector', 'Template'];
const MENUS = ['File', 'Edit', 'View', 'Simulate', 'Help'];

// Whatever a test does, the page must not log an error or fail a request.
test.afterEach(async ({ watch }) => {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'failed requests').toEqual([]);
});

/** The zoom readout as a number: "125%" -> 125. */
async function zoom(page: Page): Promise<number> {
  const text = (await page.getByLabel('Zoom level', { exact: true }).textContent()) ?? '';
  const match = text.match(/(\d+(?:\.\d+)?)\s*%/);
  expect(match, `zoom readout "${text}"`).not.toBeNull();
  return Number(match![1]);
}

/** A point on the canvas background: inside the canvas SVG, outside the world group
 * and anything drawn over the SVG (cards, toolbars, hints). */
async function backgroundPoint(page: Page): Promise<{ x: number; y: number }> {
  const point = await page.getByTestId('viewport').evaluate((viewport) => {
    const svg = viewport.closest('svg')!;
    const box = svg.getBoundingClientRect();
    for (let fy = 0.1; fy < 0.95; fy += 0.1) {
      for (let fx = 0.1; fx < 0.95; fx += 0.1) {
        const x = box.left + box.width * fx;
        const y = box.top + box.height * fy;
        const hit = document.elementFromPoint(x, y);
        if (hit && svg.contains(hit) && !viewport.contains(hit)) return { x, y };
      }
    }
    return null;
  });
  expect(point, 'an empty spot on the canvas').not.toBeNull();
  return point!;
}

test('loads without console errors or failed requests', async ({ page, watch }) => {
  await openApp(page);
  await page.waitForLoadState('networkidle');
  await expect(page).toHaveTitle(/Formwork/);
  // The bundle really came from this base URL (checked by the watch fixture too).
  expect(watch.requests).toEqual([]);
});

test('shows the palette, canvas, inspector and template landmarks', async ({ page }) => {
  await openApp(page);
  for (const name of LANDMARKS) {
    await expect(landmark(page, name), name).toBeVisible();
  }
});

test('the header shows the File, Edit, View, Simulate and Help menus', async ({ page }) => {
  await openApp(page);
  for (const name of MENUS) {
    await expect(page.getByRole('button', { name, exact: true }), name).toBeVisible();
  }
});

test('zoom buttons change the zoom readout', async ({ page }) => {
  await openApp(page);
  const readout = page.getByLabel('Zoom level', { exact: true });
  await expect(readout).toHaveText(/^\s*\d+(\.\d+)?\s*%\s*$/);
  const start = await zoom(page);

  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await expect.poll(() => zoom(page)).toBeGreaterThan(start);
  await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
  await expect.poll(() => zoom(page)).toBe(start);
  await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
  await expect.poll(() => zoom(page)).toBeLessThan(start);

  await page.getByRole('button', { name: 'Reset zoom', exact: true }).click();
  await expect(readout).toHaveText('100%');
  await page.getByRole('button', { name: 'Fit to screen', exact: true }).click();
  await expect(readout).toHaveText(/\d+%/);
});

test('dragging the canvas background pans', async ({ page }) => {
  await openApp(page);
  const viewport = page.getByTestId('viewport');
  const before = await viewport.getAttribute('transform');
  const start = await zoom(page);
  const { x, y } = await backgroundPoint(page);

  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 120, y + 80, { steps: 8 });
  await page.mouse.up();

  await expect(viewport).not.toHaveAttribute('transform', before ?? '');
  expect(await zoom(page), 'panning keeps the zoom').toBe(start);
});

test('the mouse wheel zooms', async ({ page }) => {
  await openApp(page);
  const viewport = page.getByTestId('viewport');
  const before = await viewport.getAttribute('transform');
  const start = await zoom(page);
  const { x, y } = await backgroundPoint(page);

  await page.mouse.move(x, y);
  await page.mouse.wheel(0, -300);
  await expect.poll(() => zoom(page)).toBeGreaterThan(start);
  await expect(viewport).not.toHaveAttribute('transform', before ?? '');

  // Back out past the start, whether the app zooms by notch or by delta.
  for (let i = 0; i < 3; i++) {
    await page.mouse.wheel(0, 300);
  }
  await expect.poll(() => zoom(page)).toBeLessThan(start);
});

test('switches the interface to Korean and back', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('ko');

  // The English strings are gone and Korean ones took their place.
  await expect(page.getByRole('button', { name: 'File', exact: true })).toHaveCount(0);
  await expect(landmark(page, 'Canvas')).toHaveCount(0);
  await expect(page.getByRole('banner')).toContainText(/[\uAC00-\uD7A3]/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ko');

  // The switch itself is named in the current language ("언어" in Korean).
  await page.getByRole('combobox', { name: /^(Language|언어)$/ }).selectOption('en');
  for (const name of MENUS) {
    await expect(page.getByRole('button', { name, exact: true }), name).toBeVisible();
  }
  for (const name of LANDMARKS) {
    await expect(landmark(page, name), name).toBeVisible();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
