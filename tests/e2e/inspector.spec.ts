// The inspector's forms, used as a person would: open a template, select a target
// group on the canvas and change its health-check interval in the form, see the YAML
// change; change a parameter's MaxLength in the template editor; fill in the stack
// parameters and export the parameter file.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openApp, test } from './fixtures';

test.afterEach(async ({ watch }) => {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'failed requests').toEqual([]);
});

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Description: Inspector end-to-end test
Parameters:
  DBUser:
    Type: String
    MinLength: 1
    MaxLength: 16
    AllowedPattern: '[a-zA-Z][a-zA-Z0-9]*'
    ConstraintDescription: must begin with a letter and contain only letters and digits
  DBPassword:
    Type: String
    NoEcho: true
    MinLength: 8
  VpcId:
    Type: AWS::EC2::VPC::Id
Resources:
  WebTargetGroup:
    Type: AWS::ElasticLoadBalancingV2::TargetGroup
    Properties:
      HealthCheckIntervalSeconds: 10
      Port: 80
      Protocol: HTTP
      VpcId: !Ref VpcId
`;

/** Opens template text as if chosen with File → Open template. */
async function openTemplate(page: Page, name: string, text: string): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name,
    mimeType: 'application/yaml',
    buffer: Buffer.from(text),
  });
}

/** The template as the Template tab shows it (the code pane, or the read-only view). */
async function templateText(page: Page): Promise<string> {
  const source = page.getByRole('textbox', { name: 'Template source', exact: true });
  if ((await source.count()) > 0) {
    return source.evaluate((e) => (e as HTMLTextAreaElement).value ?? e.textContent ?? '');
  }
  return (await page.getByRole('textbox', { name: 'Template YAML', exact: true }).innerText()).replace(
    /\u00a0/g,
    ' ',
  );
}

/** The inspector's field with this accessible name. */
function field(page: Page, name: string) {
  return page.getByRole('complementary', { name: 'Inspector' }).getByLabel(name, { exact: true });
}

async function selectOnCanvas(page: Page, id: string): Promise<void> {
  const box = page.getByRole('main').locator(`g.shape[data-id="${id}"]`);
  await expect(box).toBeVisible();
  await box.click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).locator('.details-title')).toHaveText(id);
}

test('a target group’s health-check interval changes in the form and in the YAML', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'web.yaml', TEMPLATE);
  await selectOnCanvas(page, 'WebTargetGroup');

  const interval = field(page, 'Property HealthCheckIntervalSeconds');
  await expect(interval).toHaveValue('10');
  await interval.fill('15');
  // An integer property gets a YAML number, not a quoted string.
  await expect.poll(() => templateText(page)).toContain('      HealthCheckIntervalSeconds: 15\n');

  // Out of the schema's range: the finding shows on the field.
  await interval.fill('3');
  await expect(interval).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('.ff.has-error .ff-findings')).toContainText('HealthCheckIntervalSeconds');
  await interval.fill('20');
  await expect(interval).toHaveAttribute('aria-invalid', 'false');

  // Typing in one field undoes as one step.
  await interval.blur();
  await page.keyboard.press('Control+z');
  await expect.poll(() => templateText(page)).toContain('      HealthCheckIntervalSeconds: 10\n');

  // The VpcId is a Ref picker over the template's names.
  const vpc = field(page, 'Property VpcId');
  await expect(vpc).toHaveValue('VpcId');
  await expect(field(page, 'How VpcId is written')).toHaveValue('ref');
});

test.describe('before the full catalog arrives', () => {
  // The page's own fetch is held back; a service worker would fetch past the route.
  test.use({ serviceWorkers: 'block' });

  test('a curated type’s form works from the curated types’ catalog fetched at start', async ({ page }) => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/catalog.txt', async (route) => {
      await held;
      await route.continue();
    });
    await openApp(page);
    await openTemplate(page, 'web.yaml', TEMPLATE);
    await selectOnCanvas(page, 'WebTargetGroup');
    // The palette has only the curated types: the full catalog is not there yet.
    await expect(page.getByRole('button', { name: 'AWS::ACMPCA::Certificate', exact: true })).toHaveCount(0);
    const interval = field(page, 'Property HealthCheckIntervalSeconds');
    await expect(interval).toHaveValue('10');
    await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('5 to 300');
    await interval.fill('30');
    await expect.poll(() => templateText(page)).toContain('      HealthCheckIntervalSeconds: 30\n');
    await expect(page.getByRole('complementary', { name: 'Inspector' })).not.toContainText('Loading the resource catalog');

    release();
    await page.getByRole('searchbox', { name: 'Search resource types' }).fill('acmpca certificate');
    await expect(page.getByRole('button', { name: 'AWS::ACMPCA::Certificate', exact: true })).toBeVisible();
  });
});

test('a parameter’s MaxLength changes in the template editor', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'web.yaml', TEMPLATE);
  // With nothing selected the inspector edits the template itself.
  await expect(page.getByRole('complementary', { name: 'Inspector' }).locator('.panel-title')).toHaveText('Template');
  await page.getByRole('button', { name: /^DBUser/ }).click();
  const maxLength = field(page, 'Parameter DBUser MaxLength');
  await expect(maxLength).toHaveValue('16');
  await maxLength.fill('12');
  await expect
    .poll(() => templateText(page))
    .toContain('  DBUser:\n    Type: String\n    MinLength: 1\n    MaxLength: 12\n');
  await field(page, 'Template Description').fill('Edited in the form');
  await expect.poll(() => templateText(page)).toContain('Description: Edited in the form\n');
});

test('stack parameters are checked and exported as the parameter file', async ({ page }) => {
  await openApp(page);
  await openTemplate(page, 'web.yaml', TEMPLATE);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Stack parameters…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Stack parameters' });
  await expect(dialog).toBeVisible();

  const user = dialog.getByLabel('DBUser', { exact: true });
  await user.fill('1admin');
  await expect(dialog.locator('#sp-DBUser-hint')).toContainText('must begin with a letter');
  await user.fill('admin');
  await expect(dialog.locator('#sp-DBUser-hint')).toContainText('Acceptable');
  const password = dialog.getByLabel('DBPassword', { exact: true });
  await expect(password).toHaveAttribute('type', 'password');
  await password.fill('s3cret-pass');
  await dialog.getByLabel('VpcId', { exact: true }).fill('vpc-0abc');
  await expect(dialog.getByRole('status')).toHaveText('Every value is acceptable.');

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Export parameter file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('web-parameters.json');
  const json = JSON.parse(readFileSync(await file.path(), 'utf8'));
  expect(json).toEqual([
    { ParameterKey: 'DBUser', ParameterValue: 'admin' },
    { ParameterKey: 'DBPassword', ParameterValue: 's3cret-pass' },
    { ParameterKey: 'VpcId', ParameterValue: 'vpc-0abc' },
  ]);
  // The values stay while the page is open.
  await dialog.getByRole('button', { name: 'Close', exact: true }).first().click();
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Stack parameters…' }).click();
  await expect(page.getByRole('dialog').getByLabel('DBUser', { exact: true })).toHaveValue('admin');
});
