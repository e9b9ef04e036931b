// The scenario editor as a student uses it: shape the traffic by dragging its points,
// describe the requests, sessions, SLO and parameter values, export the scenario;
// reload the page, or open a share link, and find the scenario as it was left.
import { type Locator, type Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

test.afterEach(async ({ watch }) => {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'failed requests').toEqual([]);
});

async function openWordPressScenario(page: Page): Promise<void> {
  await openApp(page);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'New from sample…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /^Multi-AZ WordPress blog/ }).click();
  await expect(page.locator('g.shape[data-id="WebServerGroup"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Simulation', exact: true }).click();
}

/** Types a value into a field and leaves it, as a user does (the form takes it then). */
async function enter(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await field.press('Tab');
}

function points(page: Page): Locator {
  return page.getByRole('group', { name: 'Traffic profile', exact: true }).getByRole('slider');
}

async function exported(page: Page): Promise<string> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export scenario', exact: true }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('scenario.yaml');
  const { readFile } = await import('node:fs/promises');
  return readFile(await file.path(), 'utf8');
}

test('the traffic is shaped by dragging its points; requests, sessions, SLO and parameters are edited; a reload restores it all', async ({ page }) => {
  await openWordPressScenario(page);
  const preset = page.getByLabel('Traffic preset', { exact: true });
  await preset.selectOption('Ramp');
  await enter(page.getByLabel('Peak requests per second', { exact: true }), '400');
  // A day's ramp: from 40 requests/s up to 400 at 12 h, then held.
  await expect(points(page)).toHaveCount(2);
  await expect(points(page).nth(1)).toHaveAttribute('aria-label', 'Point 2: 12 h 00 min, 400 requests/s');

  // Dragging the second point up and to the left makes the traffic the user's own.
  await page.getByRole('group', { name: 'Traffic profile', exact: true }).scrollIntoViewIfNeeded();
  const handle = await points(page).nth(1).boundingBox();
  if (!handle) throw new Error('the point is not drawn');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x - 120, handle.y - 30, { steps: 6 });
  await page.mouse.up();
  await expect(preset).toHaveValue('custom');
  const dragged = (await points(page).nth(1).getAttribute('aria-label')) ?? '';
  const [, hours, rps] = /^Point 2: (\d+) h \d+ min, (\d+) requests\/s$/.exec(dragged) ?? [];
  expect(Number(hours)).toBeLessThan(12);
  expect(Number(rps)).toBeGreaterThan(400);

  // The arrow keys move a point; a double click adds one, Delete removes it.
  await points(page).nth(1).focus();
  await page.keyboard.press('ArrowUp');
  await expect(points(page).nth(1)).not.toHaveAttribute('aria-label', dragged);
  const chart = page.getByRole('group', { name: 'Traffic profile', exact: true });
  await chart.scrollIntoViewIfNeeded();
  const area = await chart.boundingBox();
  if (!area) throw new Error('the chart is not drawn');
  await page.mouse.dblclick(area.x + area.width * 0.85, area.y + area.height * 0.6);
  await expect(points(page)).toHaveCount(3);
  await points(page).nth(2).focus();
  await page.keyboard.press('Delete');
  await expect(points(page)).toHaveCount(2);

  // What users send and expect.
  await enter(page.getByLabel('Availability (%)', { exact: true }), '99.5');
  await enter(page.getByLabel('p99 latency at most (ms)', { exact: true }), '500');
  await page.getByRole('button', { name: 'Add request class', exact: true }).click();
  await enter(page.getByLabel('class2 CPU ms', { exact: true }), '80');
  await enter(page.getByLabel('class2 Path', { exact: true }), '/wp-admin/*');
  await page.getByLabel('Users keep sessions', { exact: true }).check();
  await enter(page.getByLabel('Session length (min)', { exact: true }), '15');
  await page.getByLabel('InstanceType', { exact: true }).selectOption('t3.medium');

  const text = await exported(page);
  expect(text).toContain('availability: 99.5, p99_ms: 500');
  expect(text).toContain('InstanceType: t3.medium');
  expect(text).toContain('{name: class2, path: /wp-admin/*, weight: 1, cpu_ms: 80');
  expect(text).toContain('sessions: {requests: 10, length: 15m, needs_state: true}');
  expect(text).not.toContain('spikes');

  // The scenario is the document's: a reload restores it with the template.
  const labels = await points(page).evaluateAll((all) => all.map((p) => p.getAttribute('aria-label')));
  await page.waitForTimeout(600); // autosave writes within half a second
  await page.reload();
  await expect(page.locator('g.shape[data-id="WebServerGroup"]')).toBeVisible();
  await page.getByRole('tab', { name: 'Simulation', exact: true }).click();
  await expect(page.getByLabel('Traffic preset', { exact: true })).toHaveValue('custom');
  await expect(page.getByLabel('Availability (%)', { exact: true })).toHaveValue('99.5');
  await expect(page.getByLabel('InstanceType', { exact: true })).toHaveValue('t3.medium');
  await expect(page.getByLabel('class2 CPU ms', { exact: true })).toHaveValue('80');
  await expect(page.getByLabel('Users keep sessions', { exact: true })).toBeChecked();
  expect(await points(page).evaluateAll((all) => all.map((p) => p.getAttribute('aria-label')))).toEqual(labels);
  expect(await exported(page)).toBe(text);
});

test('a share link carries the scenario with the template', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openWordPressScenario(page);
  await page.getByLabel('Traffic preset', { exact: true }).selectOption('Spike');
  await enter(page.getByLabel('Availability (%)', { exact: true }), '99.95');
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Share link…' }).click();
  const link = await page
    .getByRole('dialog', { name: 'Share link' })
    .getByRole('textbox', { name: 'Share link' })
    .inputValue();
  expect(link).toMatch(/#t1\.[\w-]+\.s1\.[\w-]+$/);

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.locator('g.shape[data-id="WebServerGroup"]')).toBeVisible();
  await other.getByRole('tab', { name: 'Simulation', exact: true }).click();
  await expect(other.getByLabel('Traffic preset', { exact: true })).toHaveValue('spike');
  await expect(other.getByLabel('Availability (%)', { exact: true })).toHaveValue('99.95');
  await other.close();
});

test('a scenario file that does not read is reported, and the form starts from the defaults', async ({ page }) => {
  await openWordPressScenario(page);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import scenario', exact: true }).click();
  await (await chooser).setFiles({
    name: 'broken.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('- just\n- a list\n'),
  });
  await expect(page.getByText('Imported: broken.yaml')).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('The scenario cannot be read');
  // Editing starts a scenario of the user's own from the defaults.
  await enter(page.getByLabel('Availability (%)', { exact: true }), '99');
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('Imported: broken.yaml')).toHaveCount(0);
});
