// Template workflows, as a person works: open their template with "Open template",
// change it in the inspector and in the code pane, reload and find everything there,
// export it; open every template of the shared corpus; open a hostile template safely;
// close the page in the middle of an edit and get the edit back.
//
// The shared corpus is read at test time from ../shared/corpus (beside the project),
// never copied into the project; the tests that need it skip when it is absent.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { codePane, expect, openApp, selectAt, selectInTemplate, templateText, test } from './fixtures';

const CORPUS = resolve(process.cwd(), '../shared/corpus');
const WORDPRESS = join(CORPUS, 'wordpress/WordPress_Multi_AZ.yaml');

test.afterEach(async ({ watch }) => {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'failed requests').toEqual([]);
});

/** A resource box on the canvas. */
function box(page: Page, id: string): Locator {
  return page.getByRole('main').locator(`g.shape[data-id="${id.replace(/"/g, '\\"')}"]`);
}

/** An inspector field by its accessible name. */
function field(page: Page, name: string): Locator {
  return page.getByRole('complementary', { name: 'Inspector' }).getByLabel(name, { exact: true });
}

/** Chooses a file with the "Open template" button, as a person would. */
async function openWithButton(page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Open template', exact: true }).click();
  await (await chooser).setFiles(file);
}

/** Puts the code pane's cursor on `needle` (its first occurrence after `after`) and
 * selects it, so typing replaces it. */
async function clickMenu(page: Page, menu: string, item: string | RegExp): Promise<void> {
  await page.getByRole('button', { name: menu, exact: true }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** How many times the app has finished opening a document (its `fw-open` measure). */
async function opens(page: Page): Promise<number> {
  return page.evaluate(() => performance.getEntriesByName('fw-open', 'measure').length);
}

test('open WordPress, edit it in the inspector and the code pane, reload, export', async ({ page }) => {
  test.skip(!existsSync(WORDPRESS), `the shared corpus is absent (${WORDPRESS})`);
  const original = readFileSync(WORDPRESS, 'utf8');
  await openApp(page);
  await openWithButton(page, WORDPRESS);
  await expect(box(page, 'ALBTargetGroup')).toBeVisible();
  await expect(page).toHaveTitle('WordPress_Multi_AZ.yaml — Formwork');
  expect(await templateText(page)).toBe(original);

  // The target group's health-check interval, in the inspector: the text follows.
  await box(page, 'ALBTargetGroup').click();
  const interval = field(page, 'Property HealthCheckIntervalSeconds');
  await expect(interval).toHaveValue('10');
  await interval.fill('30');
  await interval.press('Tab');
  await expect.poll(() => templateText(page)).toContain('      HealthCheckIntervalSeconds: 30\n');
  await expect(page).toHaveTitle('● WordPress_Multi_AZ.yaml — Formwork');

  // DBUser's MaxLength, typed in the code pane: the inspector follows.
  await selectInTemplate(page, "MaxLength: '16'", '  DBUser:');
  await page.keyboard.type("MaxLength: '12'");
  await expect.poll(() => templateText(page)).toContain("    MinLength: '1'\n    MaxLength: '12'\n");
  // Nothing selected: the inspector shows the template's own editors.
  await page.getByRole('contentinfo').click();
  await page.keyboard.press('Escape');
  const maxLength = field(page, 'Parameter DBUser MaxLength');
  if (!(await maxLength.isVisible())) {
    await page.getByRole('complementary', { name: 'Inspector' }).getByText('DBUser', { exact: true }).first().click();
  }
  await expect(maxLength).toHaveValue('12');
  const edited = await templateText(page);
  expect(edited).toBe(
    original
      .replace('HealthCheckIntervalSeconds: 10', 'HealthCheckIntervalSeconds: 30')
      .replace(/(  DBUser:[\s\S]*?MaxLength: )'16'/, "$1'12'"),
  );

  // Reload: the document, its name and its changes are all back.
  await page.waitForTimeout(1000);
  await page.reload();
  await expect(box(page, 'ALBTargetGroup')).toBeVisible();
  await expect.poll(() => templateText(page)).toBe(edited);
  await expect(page).toHaveTitle('● WordPress_Multi_AZ.yaml — Formwork');

  // Export YAML: named after the file, exactly the edited document.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('WordPress_Multi_AZ.yaml');
  expect(readFileSync(await download.path(), 'utf8')).toBe(edited);
  await expect(page).toHaveTitle('WordPress_Multi_AZ.yaml — Formwork');

  // Export JSON: the same template.
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON', exact: true }).click();
  const jsonFile = await json;
  expect(jsonFile.suggestedFilename()).toBe('WordPress_Multi_AZ.json');
  const parsed = JSON.parse(readFileSync(await jsonFile.path(), 'utf8'));
  expect(parsed.Resources.ALBTargetGroup.Properties.HealthCheckIntervalSeconds).toBe(30);
  expect(parsed.Parameters.DBUser.MaxLength).toBe('12');
});

/** Every template file under a folder. */
function templates(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...templates(path));
    else if (/\.(ya?ml|json|template)$/i.test(name)) out.push(path);
  }
  return out;
}

test('every corpus template opens with a drawn canvas and no error banner', async ({ page }, info) => {
  test.skip(!existsSync(CORPUS), `the shared corpus is absent (${CORPUS})`);
  // The app is the same under a sub-path; one sweep of 299 templates is enough.
  test.skip(info.project.name !== 'root', 'swept once, from the domain root');
  test.setTimeout(300_000);
  const files = templates(CORPUS);
  expect(files.length).toBeGreaterThan(250);
  await openApp(page);
  const input = page.locator('#fw-open-input');
  const failures: string[] = [];
  for (const file of files) {
    const name = file.slice(CORPUS.length + 1);
    const before = await opens(page);
    await input.setInputFiles(file);
    // Opened (the app's `fw-open` measure) or refused (a notice), checked every frame.
    const opened = await page
      .waitForFunction(
        (before) =>
          performance.getEntriesByName('fw-open', 'measure').length > before ||
          document.querySelector('.notice') !== null,
        before,
        { polling: 'raf', timeout: 15_000 },
      )
      .then(
        () => true,
        () => false,
      );
    const seen = await page.evaluate(() => ({
      notice: document.querySelector('.notice')?.textContent ?? null,
      shapes: document.querySelectorAll('svg#fw-canvas g.shape').length,
      empty: document.querySelector('.canvas-empty') !== null,
      crashed: document.getElementById('fw-crash') !== null,
    }));
    if (!opened || seen.notice) {
      failures.push(`${name}: ${seen.notice ?? 'did not open'}`);
      if (seen.notice) await page.locator('.notice button').click();
      continue;
    }
    const declares = /^\s*"?Resources"?\s*:/m.test(readFileSync(file, 'utf8'));
    if (declares && seen.shapes === 0 && !seen.empty) failures.push(`${name}: nothing drawn`);
    if (seen.crashed) {
      failures.push(`${name}: crashed`);
      break;
    }
  }
  expect(failures).toEqual([]);
});

// A template whose every string tries to run script or break the page.
const LONG = 'x'.repeat(10_000);
const HOSTILE_STRINGS = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  'javascript:alert(3)',
  LONG,
];
const HOSTILE = `AWSTemplateFormatVersion: '2010-09-09'
Description: '<img src=x onerror=alert(1)> </script><script>alert(2)</script> javascript:alert(3)'
Parameters:
  Greeting:
    Type: String
    Default: '<img src=x onerror=alert(1)>'
  Link:
    Type: String
    Default: 'javascript:alert(3)'
  Long:
    Type: String
    Default: ${LONG}
Resources:
  '<img src=x onerror=alert(1)>':
    Type: AWS::S3::Bucket
    Properties:
      Tags:
        - Key: Name
          Value: '</script><script>alert(2)</script>'
        - Key: Link
          Value: 'javascript:alert(3)'
        - Key: Long
          Value: ${LONG}
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: '<b onmouseover=alert(4)>queue</b>'
Outputs:
  Url:
    Description: '<a href="javascript:alert(5)">click</a>'
    Value: !Ref Queue
`;

test('a hostile template shows its text as text, runs nothing, and exports unchanged', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await openApp(page);
  const scripts = await page.locator('script').count();
  await openWithButton(page, {
    name: '<img src=x onerror=alert(6)>.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(HOSTILE),
  });
  await expect(box(page, '<img src=x onerror=alert(1)>')).toBeVisible();
  await expect(box(page, 'Queue')).toBeVisible();
  // The logical id is text on the canvas, in the inspector and in the title.
  await expect(box(page, '<img src=x onerror=alert(1)>')).toContainText('<img');
  await box(page, '<img src=x onerror=alert(1)>').click();
  await expect(page.getByRole('complementary', { name: 'Inspector' })).toContainText('<img src=x onerror=alert(1)>');
  await expect(page).toHaveTitle('<img src=x onerror=alert(6)>.yaml — Formwork');
  // The code pane holds every string as written; the Problems tab shows them as text.
  const text = await templateText(page);
  for (const s of HOSTILE_STRINGS) expect(text).toContain(s);
  await page.getByRole('tab', { name: /^Problems/ }).click();
  await page.getByRole('tab', { name: /^Template/ }).click();
  // Nothing became markup, nothing ran.
  await expect(page.locator('img[src="x"], b[onmouseover], a[href^="javascript:"]')).toHaveCount(0);
  expect(await page.locator('script').count()).toBe(scripts);
  await page.waitForTimeout(300);
  expect(dialogs).toEqual([]);

  // Exported unchanged.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('_img src=x onerror=alert(6)_.yaml');
  expect(readFileSync(await download.path(), 'utf8')).toBe(HOSTILE);
  const json = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export JSON', exact: true }).click();
  const parsed = JSON.parse(readFileSync(await (await json).path(), 'utf8'));
  expect(parsed.Resources['<img src=x onerror=alert(1)>'].Properties.Tags[0].Value).toBe(
    '</script><script>alert(2)</script>',
  );
  expect(parsed.Parameters.Long.Default).toBe(LONG);
  expect(parsed.Outputs.Url.Description).toBe('<a href="javascript:alert(5)">click</a>');
  expect(dialogs).toEqual([]);
});

test('closing the page in the middle of typing and reopening it restores the text', async ({ page, context }) => {
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^VPC with public and private subnets/ }).click();
  await expect(box(page, 'Vpc')).toBeVisible();
  // Type in the code pane and close the page at once, before the text is even read.
  await selectInTemplate(page, 'Default: 10.0.0.0/16');
  await page.keyboard.type('Default: 10.1.0.0/16');
  await page.close();

  const again = await context.newPage();
  await openApp(again);
  await expect(box(again, 'Vpc')).toBeVisible();
  await expect.poll(() => templateText(again)).toContain('Default: 10.1.0.0/16');
  await expect(again).toHaveTitle('● vpc-two-az.yaml — Formwork');
});

test('closing the page just after a canvas edit and reopening it keeps the edit', async ({ page, context }) => {
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^VPC with public and private subnets/ }).click();
  await expect(box(page, 'InternetGateway')).toBeVisible();
  const original = await templateText(page);
  // A canvas edit, then closing at once: the moved box is where it was left.
  await box(page, 'InternetGateway').click();
  const before = await box(page, 'InternetGateway').boundingBox();
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => (await box(page, 'InternetGateway').boundingBox())!.x).toBeGreaterThan(before!.x);
  // Where it stands in the diagram (the selection ring would skew its on-screen box).
  const moved = await box(page, 'InternetGateway').getAttribute('transform');
  let text = original;
  await expect.poll(async () => (text = await templateText(page))).not.toBe(original);
  await page.close();

  const again = await context.newPage();
  await openApp(again);
  await expect.poll(() => templateText(again)).toBe(text);
  await expect(box(again, 'InternetGateway')).toHaveAttribute('transform', moved!);
});

test('samples open laid out and validate cleanly', async ({ page }) => {
  await openApp(page);
  const names = [
    'Multi-AZ WordPress blog',
    'VPC with public and private subnets in two availability zones',
    'Large web application',
  ];
  for (const name of names) {
    await clickMenu(page, 'File', 'New from sample…');
    await page.getByRole('dialog', { name: 'New from sample' }).getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await expect(page.locator('svg#fw-canvas g.shape').first()).toBeVisible();
    // Laid out and fitted: readable, nothing piled up.
    const zoom = Number((await page.getByLabel('Zoom level', { exact: true }).textContent())!.replace(/\D/g, ''));
    expect(zoom, name).toBeGreaterThanOrEqual(35);
    await page.getByRole('tab', { name: /^Problems/ }).click();
    await expect(page.locator('.problem-group.error')).toHaveCount(0);
    await page.getByRole('tab', { name: /^Template/ }).click();
  }
});

test('in Korean, the samples, the palette and the containers name the types in Korean', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await page.getByRole('button', { name: '파일', exact: true }).click();
  await page.getByRole('menuitem', { name: '샘플에서 새로 만들기…' }).click();
  const dialog = page.getByRole('dialog', { name: '샘플에서 새로 만들기' });
  for (const name of ['다중 AZ WordPress 블로그', '두 가용 영역에 퍼블릭 및 프라이빗 서브넷이 있는 VPC', '대규모 웹 애플리케이션']) {
    await expect(dialog.getByRole('button', { name: new RegExp(`^${name}`) })).toBeVisible();
  }
  await dialog.getByRole('button', { name: /^두 가용 영역에/ }).click();
  // The palette and the containers name the types in Korean, and a Korean word finds them.
  await expect(page.getByRole('button', { name: 'AWS::EC2::Subnet', exact: true })).toContainText('서브넷');
  await expect(page.locator('svg#fw-canvas .container-type').first()).toContainText('VPC · AWS::EC2::VPC');
  await expect(page.locator('svg#fw-canvas .container-type', { hasText: '서브넷 · AWS::EC2::Subnet' }).first()).toBeVisible();
  await page.locator('.palette input').first().fill('보안 그룹');
  await expect(page.getByRole('button', { name: 'AWS::EC2::SecurityGroup', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'AWS::EC2::Subnet', exact: true })).toHaveCount(0);
});

test('in Korean, each problem is headed by what its rule checks, in Korean', async ({ page }) => {
  await openApp(page);
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ko');
  await page.locator('input[type=file]').setInputFiles({
    name: 'overlap.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      [
        'Resources:',
        '  Vpc:',
        '    Type: AWS::EC2::VPC',
        '    Properties:',
        '      CidrBlock: 10.0.0.0/16',
        '  A:',
        '    Type: AWS::EC2::Subnet',
        '    Properties:',
        '      VpcId: !Ref Vpc',
        '      CidrBlock: 10.0.1.0/24',
        '  B:',
        '    Type: AWS::EC2::Subnet',
        '    Properties:',
        '      VpcId: !Ref Vpc',
        '      CidrBlock: 10.0.1.128/25',
        '',
      ].join('\n'),
    ),
  });
  await page.getByRole('tab', { name: /^문제/ }).click();
  const problem = page.locator('.problem', { hasText: 'E3060' }).first();
  await expect(problem.locator('.finding-summary')).toHaveText('한 VPC의 서브넷끼리 겹치지 않아야 함');
  await expect(problem.locator('.problem-rule')).toHaveAttribute('title', '한 VPC의 서브넷끼리 겹치지 않아야 함');
  // The finding on the field in the inspector is headed the same way.
  await problem.click();
  await expect(page.locator('.ff-findings .finding-summary').first()).toHaveText('한 VPC의 서브넷끼리 겹치지 않아야 함');
  await expect(page.locator('.findings .finding-summary').first()).toHaveText('한 VPC의 서브넷끼리 겹치지 않아야 함');
});

test('text typed in the code pane edits the diagram', async ({ page }) => {
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^Multi-AZ WordPress blog/ }).click();
  await expect(box(page, 'Database')).toBeVisible();

  // A new resource written at the end of Resources appears on the canvas.
  const text = await templateText(page);
  await selectAt(page, text.indexOf('\nOutputs:') + 1);
  await page.keyboard.insertText('  Alerts:\n    Type: AWS::SNS::Topic\n');
  await expect(box(page, 'Alerts')).toBeVisible();
  await expect.poll(() => templateText(page)).toContain('  Alerts:\n    Type: AWS::SNS::Topic\n');
  await expect(page.getByRole('button', { name: 'Edit', exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Undo Edit template text' })).toBeVisible();
  await page.keyboard.press('Escape');
});

test('broken text in the code pane keeps the diagram and says where', async ({ page }) => {
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^Multi-AZ WordPress blog/ }).click();
  await expect(box(page, 'Database')).toBeVisible();
  const text = await templateText(page);
  await selectAt(page, text.indexOf('\nOutputs:') + 1);
  await page.keyboard.insertText('  Alerts:\n    Type: AWS::SNS::Topic\n');
  await expect(box(page, 'Alerts')).toBeVisible();

  // Broken text: the error on its line, the diagram as it was.
  await selectInTemplate(page, 'Type: AWS::SNS::Topic');
  await page.keyboard.type('Type: [AWS::SNS::Topic');
  // The status shows from the first bracket on: wait for the whole text to arrive.
  await expect.poll(() => templateText(page)).toContain('Type: [AWS::SNS::Topic');
  await expect(page.locator('.code-status')).toContainText('Line');
  await expect(page.locator('.code-band.error')).toHaveCount(1);
  await expect(box(page, 'Alerts')).toBeVisible();
  await expect(page.getByRole('tab', { name: /^Problems/ }).locator('.tab-count.error')).toBeVisible();
  // Fixed: the error goes.
  await selectInTemplate(page, 'Type: [AWS::SNS::Topic');
  await page.keyboard.type('Type: AWS::SQS::Queue');
  await expect(page.locator('.code-status')).toHaveCount(0);
  await expect(box(page, 'Alerts')).toHaveAttribute('data-type', 'AWS::SQS::Queue');
});

test('in the code pane Tab indents, the cursor selects its resource, and JSON reads back', async ({ page }) => {
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^Multi-AZ WordPress blog/ }).click();
  await expect(box(page, 'Database')).toBeVisible();
  const text = await templateText(page);
  await selectAt(page, text.indexOf('\nOutputs:') + 1);
  await page.keyboard.insertText('  Alerts:\n    Type: AWS::SNS::Topic\n');
  await expect(box(page, 'Alerts')).toBeVisible();

  // Tab indents, Shift+Tab outdents.
  await selectInTemplate(page, '  Alerts:');
  await page.keyboard.press('Shift+Tab');
  await expect.poll(() => templateText(page)).toContain('\nAlerts:\n');
  await page.keyboard.press('Tab');
  await expect.poll(() => templateText(page)).toContain('\n  Alerts:\n');

  // The cursor in a resource's text selects it; selecting a box shows its text.
  await selectInTemplate(page, 'DatabaseSecurityGroup:');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('contentinfo')).toContainText('DatabaseSecurityGroup');
  await box(page, 'ApplicationLoadBalancer').click();
  await expect(page.locator('.code-band.selected')).toHaveCount(1);

  // JSON, then back.
  await page.getByRole('button', { name: 'JSON', exact: true }).click();
  await expect.poll(() => templateText(page)).toMatch(/^\{\n/);
  await page.getByRole('button', { name: 'YAML', exact: true }).click();
  await expect.poll(() => templateText(page)).toMatch(/^AWSTemplateFormatVersion/);
});

test('a long template is typed in a window of lines, and select all still takes it all', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  // About 400 KB, 12,001 lines: past the 256 KB from which the pane holds a window.
  const lines = ['Resources:'];
  for (let i = 0; i < 3000; i++) {
    lines.push(`  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: queue-number-${i}-with-a-name-long-enough-to-fill-the-file-up`);
  }
  const text = lines.join('\n') + '\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'long.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const pane = codePane(page);
  await expect.poll(async () => (await pane.inputValue()).length).toBeGreaterThan(0);
  expect((await pane.inputValue()).length).toBeLessThan(text.length / 4);

  // Scroll to Queue2500's name, far past the first window, and click at its line's end.
  const line = 1 + 2500 * 4 + 3; // from 0
  const scroller = page.locator('.code-scroll');
  await scroller.evaluate((el, l) => (el.scrollTop = 8 + l * 20 - 100), line);
  await expect.poll(() => pane.inputValue()).toContain('queue-number-2500-');
  const box = (await scroller.boundingBox())!;
  const top = await scroller.evaluate((el) => el.scrollTop);
  await page.mouse.click(box.x + box.width - 40, box.y + 8 + line * 20 - top + 10);
  await page.keyboard.type('-edited');
  // The document follows: the cursor's resource is selected, with the typed name.
  await expect(field(page, 'Property QueueName')).toHaveValue(
    'queue-number-2500-with-a-name-long-enough-to-fill-the-file-up-edited',
  );

  // Select all and copy take the whole text, not the window.
  const whole = text.length + '-edited'.length;
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText().then((t) => t.length));
  const clear = () => page.evaluate(() => navigator.clipboard.writeText(''));
  await pane.focus();
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+c');
  await expect.poll(clipboard).toBe(whole);
});

test('select all, cut, undo, typing over it and the Edit menu take the whole of a long template', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const lines = ['Resources:'];
  for (let i = 0; i < 3000; i++) {
    lines.push(`  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: queue-number-${i}-with-a-name-long-enough-to-fill-the-file-up`);
  }
  const text = lines.join('\n') + '\n';
  await page.locator('input[type=file]').setInputFiles({ name: 'long.yaml', mimeType: 'application/yaml', buffer: Buffer.from(text) });
  const pane = codePane(page);
  await expect.poll(async () => (await pane.inputValue()).length).toBeGreaterThan(0);
  const whole = text.length;
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText().then((t) => t.length));
  const clear = () => page.evaluate(() => navigator.clipboard.writeText(''));
  await pane.click();
  await page.keyboard.press('Control+a');
  // Cut takes it all and leaves nothing; undo brings it back, all of it selected.
  await clear();
  await page.keyboard.press('Control+x');
  await expect.poll(clipboard).toBe(whole);
  await expect(pane).toHaveValue('');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await pane.inputValue()).length).toBeGreaterThan(0);
  await clear();
  await page.keyboard.press('Control+c');
  await expect.poll(clipboard).toBe(whole);
  // Typing over it all replaces it all; undo restores it.
  await page.keyboard.type('x');
  await expect(pane).toHaveValue('x');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await pane.inputValue()).length).toBeGreaterThan(1);
  // The Edit menu does the same with the pane as the place of work.
  await page.keyboard.press('ArrowDown');
  await clear();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Select all', exact: true }).click();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Copy', exact: true }).click();
  await expect.poll(clipboard).toBe(whole);
});

test('a problem shows its resource and its line', async ({ page }) => {
  await openApp(page);
  await openWithButton(page, {
    name: 'net.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Rt:\n    Type: AWS::EC2::RouteTable\n",
    ),
  });
  await expect(box(page, 'Rt')).toBeVisible();
  await page.getByRole('tab', { name: /^Problems/ }).click();
  const errors = page.getByRole('region', { name: /^Errors/ });
  await expect(errors).toBeVisible();
  await errors.getByRole('button').first().click();
  await expect(page.getByRole('tab', { name: /^Template/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('contentinfo')).toContainText('Rt');
  const line = await codePane(page).evaluate((el: HTMLTextAreaElement) => {
    return el.value.slice(0, el.selectionStart).split('\n').length;
  });
  expect(line).toBe(5);
});

test('share links open the template; a template too large says so', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^VPC with public/ }).click();
  await expect(box(page, 'Vpc')).toBeVisible();
  const text = await templateText(page);
  await clickMenu(page, 'File', 'Share link…');
  const dialog = page.getByRole('dialog', { name: 'Share link' });
  const link = await dialog.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#t1\./);
  await expect(dialog.getByRole('status')).toHaveText('The link is copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

  const other = await context.newPage();
  await other.goto(link);
  await expect(box(other, 'Vpc')).toBeVisible();
  await expect.poll(() => templateText(other)).toBe(text);
  // The link is not opened again over later edits.
  expect(other.url()).not.toContain('#');
  await other.close();

  // Random text does not compress: far over what a link holds.
  let seed = 7;
  const noise = Array.from({ length: 60_000 }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return String.fromCharCode(97 + ((seed >>> 16) % 26));
  }).join('');
  await page.keyboard.press('Escape');
  await openWithButton(page, {
    name: 'big.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(`Description: ${noise}\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n`),
  });
  await expect(box(page, 'Q')).toBeVisible();
  await clickMenu(page, 'File', 'Share link…');
  await expect(page.getByRole('dialog', { name: 'Share link' }).getByRole('alert')).toContainText('too large');
});

test('files open by dropping them on the page and by pasting', async ({ page }) => {
  await openApp(page);
  const yaml = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Dropped:\n    Type: AWS::SNS::Topic\n";
  await page.getByRole('main').locator('svg#fw-canvas').evaluate((svg, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped.yaml', { type: 'application/yaml' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      svg.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
    }
  }, yaml);
  await expect(box(page, 'Dropped')).toBeVisible();
  await expect(page).toHaveTitle('dropped.yaml — Formwork');

  // Ctrl+V on the canvas with a whole template opens it.
  const pasted = "AWSTemplateFormatVersion: '2010-09-09'\nDescription: pasted\nResources:\n  Pasted:\n    Type: AWS::SQS::Queue\n";
  await page.getByRole('main').locator('svg#fw-canvas').evaluate((svg, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    svg.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: data }));
  }, pasted);
  await expect(box(page, 'Pasted')).toBeVisible();
  await expect(box(page, 'Dropped')).toHaveCount(0);

  // File > Paste template…
  await clickMenu(page, 'File', 'Paste template…');
  const dialog = page.getByRole('dialog', { name: 'Paste template' });
  await dialog.getByRole('textbox').fill('Resources: [');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog.getByRole('alert')).toBeVisible();
  await dialog.getByRole('textbox').fill('Resources:\n  FromDialog:\n    Type: AWS::S3::Bucket\n');
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(box(page, 'FromDialog')).toBeVisible();

  // File > Recent lists what was open before.
  await page.waitForTimeout(800);
  await clickMenu(page, 'File', 'Recent documents…');
  const recent = page.getByRole('dialog', { name: 'Recent documents' });
  await expect(recent.getByRole('button', { name: /^dropped\.yaml/ })).toBeVisible();
  await recent.getByRole('button', { name: /^dropped\.yaml/ }).click();
  await expect(box(page, 'Dropped')).toBeVisible();
});

test('the diagram exports as SVG and PNG', async ({ page }) => {
  await openApp(page);
  await clickMenu(page, 'File', 'New from sample…');
  await page.getByRole('dialog').getByRole('button', { name: /^Multi-AZ WordPress blog/ }).click();
  await expect(box(page, 'Database')).toBeVisible();
  const albIcon = box(page, 'ApplicationLoadBalancer').locator('rect.icon').first();
  await expect.poll(() => albIcon.evaluate((r) => getComputedStyle(r).fill)).toContain('#fw-aws-');

  const svgDownload = page.waitForEvent('download');
  await clickMenu(page, 'File', 'Export diagram as SVG');
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe('wordpress-multi-az.svg');
  const svg = readFileSync(await svgFile.path(), 'utf8');
  expect(svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg).toContain('ApplicationLoadBalancer');
  // Styles travel with it; the grid and the ports do not.
  expect(svg).toMatch(/style="[^"]*fill:/);
  expect(svg).not.toContain('canvas-bg');
  // The AWS icons it shows travel with it, and only those.
  expect(svg).toContain('<pattern id="fw-aws-ElasticLoadBalancingApplicationLoadBalancer"');
  expect(svg).toMatch(/style="[^"]*fill:\s*url\(#fw-aws-ElasticLoadBalancingApplicationLoadBalancer\)/);
  expect(svg).not.toContain('fw-aws-AmazonSimpleQueueServiceQueue');

  const pngDownload = page.waitForEvent('download');
  await clickMenu(page, 'File', 'Export diagram as PNG');
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toBe('wordpress-multi-az.png');
  const png = readFileSync(await pngFile.path());
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  // Twice the diagram's size, so wider than the screen's canvas.
  expect(png.readUInt32BE(16)).toBeGreaterThan(1000);
  // It looks like the canvas: links are lines, not filled shapes. On the canvas, dark
  // pixels are the names' text only, a few per cent of the picture.
  const dark = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const g = c.getContext('2d');
    if (!g) return 1;
    g.drawImage(img, 0, 0);
    const { data } = g.getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 150) n++;
    return n / (data.length / 4);
  }, png.toString('base64'));
  expect(dark).toBeLessThan(0.03);
});

test('the exported PNG looks like the canvas: the same ink in the same places', async ({ page }) => {
  await openApp(page);
  await openWithButton(page, {
    name: 'small.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      [
        'Resources:',
        '  Orders: {Type: AWS::SQS::Queue}',
        '  OrderEvents: {Type: AWS::SNS::Topic, Properties: {Subscription: [{Protocol: sqs, Endpoint: !GetAtt Orders.Arn}]}}',
        '  Worker:',
        '    Type: AWS::Lambda::Function',
        '    Properties: {Role: arn:aws:iam::123456789012:role/x, Runtime: python3.12, Handler: a.b, Code: {ZipFile: x},',
        '      Environment: {Variables: {QUEUE: !Ref Orders, TOPIC: !Ref OrderEvents}}}',
        // A link with bends: filled, as exports once filled them, it would be a
        // black polygon.
        '  ArchiveBucketForProcessedOrders: {Type: AWS::S3::Bucket, DependsOn: [Worker, Orders]}',
        '',
      ].join('\n'),
    ),
  });
  await expect(box(page, 'Worker')).toBeVisible();
  const icon = box(page, 'Worker').locator('rect.icon').first();
  await expect.poll(() => icon.evaluate((r) => getComputedStyle(r).fill)).toContain('#fw-aws-');
  await page.getByRole('button', { name: 'Reset zoom', exact: true }).click();
  await page.mouse.move(2, 2);
  // The drawing on screen at 100 %, without the canvas's grid (the export has none).
  await page.addStyleTag({ content: '.canvas-bg { display: none }' });
  const drawn = await page.locator('svg#fw-canvas g.shape .card-body').evaluateAll((els) => {
    const rs = els.map((e) => e.getBoundingClientRect());
    const x = Math.min(...rs.map((r) => r.left));
    const y = Math.min(...rs.map((r) => r.top));
    return { x, y, width: Math.max(...rs.map((r) => r.right)) - x, height: Math.max(...rs.map((r) => r.bottom)) - y };
  });
  const shot = await page.screenshot({ clip: drawn });

  const download = page.waitForEvent('download');
  await clickMenu(page, 'File', 'Export diagram as PNG');
  const png = readFileSync(await (await download).path());

  // Both pictures cut to their boxes' extent and cut into a grid of cells; the
  // darkness of each cell, as a list, must match: a correlation above 0.95 (a link
  // filled black, a lost icon or name, or a shifted box would break it).
  const similarity = await page.evaluate(
    async ([a, b]) => {
      const load = async (b64: string) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        return img;
      };
      const [screen, exported] = [await load(a), await load(b)];
      const pixels = (img: HTMLImageElement, sx: number, sy: number, sw: number, sh: number, w: number, h: number) => {
        const c = document.createElement('canvas');
        [c.width, c.height] = [w, h];
        const g = c.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, w, h);
        g.drawImage(img, sx, sy, sw, sh, 0, 0, w, h);
        return g.getImageData(0, 0, w, h).data;
      };
      // The export's boxes: where it is not its background colour.
      const full = pixels(exported, 0, 0, exported.width, exported.height, exported.width, exported.height);
      let [x0, y0, x1, y1] = [exported.width, exported.height, 0, 0];
      for (let y = 0; y < exported.height; y++)
        for (let x = 0; x < exported.width; x++) {
          const i = (y * exported.width + x) * 4;
          if (Math.abs(full[i] - full[0]) + Math.abs(full[i + 1] - full[1]) + Math.abs(full[i + 2] - full[2]) > 24) {
            [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
          }
        }
      const [w, h] = [screen.width, screen.height];
      const s = pixels(screen, 0, 0, w, h, w, h);
      const e = pixels(exported, x0, y0, x1 - x0 + 1, y1 - y0 + 1, w, h);
      // Ink: how far a pixel is from the picture's background, its commonest colour
      // (the canvas's is a light grey, the export's white).
      const cells = (d: Uint8ClampedArray) => {
        const count = new Map<number, number>();
        for (let i = 0; i < d.length; i += 4) {
          const k = (d[i] << 16) | (d[i + 1] << 8) | d[i + 2];
          count.set(k, (count.get(k) ?? 0) + 1);
        }
        const bg = [...count.entries()].sort((a, b) => b[1] - a[1])[0][0];
        const [br, bgn, bb] = [(bg >> 16) & 255, (bg >> 8) & 255, bg & 255];
        const [cw, ch] = [Math.ceil(w / 24), Math.ceil(h / 12)];
        const out = new Array(24 * 12).fill(0);
        for (let y = 0; y < h; y++)
          for (let x = 0; x < w; x++) {
            const i = (y * w + x) * 4;
            const ink = Math.abs(d[i] - br) + Math.abs(d[i + 1] - bgn) + Math.abs(d[i + 2] - bb);
            out[Math.floor(y / ch) * 24 + Math.floor(x / cw)] += ink;
          }
        return out;
      };
      const [p, q] = [cells(s), cells(e)];
      const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
      const [mp, mq] = [mean(p), mean(q)];
      let [sxy, sxx, syy] = [0, 0, 0];
      for (let i = 0; i < p.length; i++) {
        sxy += (p[i] - mp) * (q[i] - mq);
        sxx += (p[i] - mp) ** 2;
        syy += (q[i] - mq) ** 2;
      }
      return { r: sxy / Math.sqrt(sxx * syy), ink: mq / mp };
    },
    [shot.toString('base64'), png.toString('base64')],
  );
  expect(similarity.r).toBeGreaterThan(0.95);
  // As much ink in all: within a fifth.
  expect(similarity.ink).toBeGreaterThan(0.8);
  expect(similarity.ink).toBeLessThan(1.25);
});

test('New keeps the previous document in Recent', async ({ page }) => {
  await openApp(page);
  await openWithButton(page, {
    name: 'first.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from('Resources:\n  First:\n    Type: AWS::SQS::Queue\n'),
  });
  await expect(box(page, 'First')).toBeVisible();
  await clickMenu(page, 'File', 'New template');
  await expect(box(page, 'First')).toHaveCount(0);
  await expect(page).toHaveTitle('Untitled template — Formwork');
  await clickMenu(page, 'File', 'Recent documents…');
  await expect(page.getByRole('dialog').getByRole('button', { name: /^first\.yaml/ })).toBeVisible();
  // After a reload the new document is what comes back; first.yaml stays in Recent.
  await page.keyboard.press('Escape');
  await page.reload();
  await expect(page.locator('.canvas-empty')).toBeVisible();
  await page.waitForTimeout(300);
  await expect(box(page, 'First')).toHaveCount(0);
  await clickMenu(page, 'File', 'Recent documents…');
  await expect(page.getByRole('dialog').getByRole('button', { name: /^first\.yaml/ })).toBeVisible();
});
