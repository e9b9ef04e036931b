// Offline: once opened, the designer opens again with no network, catalog included,
// from what its service worker kept.
import { expect, landmark, openApp, test } from './fixtures';

test('once opened, the designer opens again without a network', async ({ page, context, watch }) => {
  await openApp(page);
  // Opened means loaded: the catalog and the favicon have arrived, so the reload below
  // aborts nothing still in flight.
  await expect(landmark(page, 'Resource palette')).toContainText('1854');
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  await context.setOffline(true);
  try {
    // Really offline: what was never kept cannot be fetched.
    const probe = await page.evaluate(() =>
      fetch(`./never-kept-${Date.now()}.txt`).then(
        () => 'online',
        () => 'offline',
      ),
    );
    expect(probe).toBe('offline');

    const fromWorker: string[] = [];
    page.on('response', (r) => {
      if (r.fromServiceWorker()) fromWorker.push(new URL(r.url()).pathname);
    });
    await page.reload();
    await expect(landmark(page, 'Canvas')).toBeVisible();
    // The whole catalog is there: every type in the palette, and the forms work.
    await expect(landmark(page, 'Resource palette')).toContainText('1854');
    expect(fromWorker.some((p) => p.endsWith('.wasm'))).toBe(true);
    expect(fromWorker.some((p) => p.endsWith('/catalog.txt'))).toBe(true);
    expect(fromWorker.some((p) => p.endsWith('/catalog-curated.txt'))).toBe(true);

    await page.getByRole('button', { name: 'File', exact: true }).click();
    await page.getByRole('menuitem', { name: 'New from sample…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: /^VPC with public and private subnets/ }).click();
    await expect(page.locator('g.shape[data-id="Vpc"]')).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
  // The one request meant to fail is the probe (Chromium logs it without its URL).
  expect(watch.requests.filter((r) => !r.includes('never-kept-'))).toEqual([]);
  expect(watch.errors).toEqual(['console: Failed to load resource: net::ERR_FAILED']);
});
