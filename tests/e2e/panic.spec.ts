// `?crash-test` makes the app panic on purpose after it mounts: the panic hook must
// replace the dead UI with an error banner whose "Copy report" button puts a crash
// report on the clipboard.
import { expect, test } from './fixtures';

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('a panic shows the error banner and copies a report', async ({ page, watch }) => {
  await page.goto('./?crash-test');

  const banner = page
    .getByRole('alert')
    .filter({ has: page.getByRole('button', { name: 'Copy report', exact: true }) });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(/crash.test/i); // the panic message

  await banner.getByRole('button', { name: 'Copy report', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => navigator.clipboard.readText()))
    .toMatch(/crash.test/i);

  // The panic is logged on purpose, and the wasm then traps ("unreachable"): nothing
  // else may go wrong.
  expect(watch.requests, 'failed requests').toEqual([]);
  const expected = /panic|crash.test|^exception: (RuntimeError: )?unreachable/i;
  expect(watch.errors.filter((e) => !expected.test(e)), 'other errors').toEqual([]);
});
