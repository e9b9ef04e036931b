// The code pane benchmark: opens a generated template of about 1 MB (CloudFormation's
// largest template body, 480 resources of ten types with properties) and the largest
// template of the corpus in headless Chromium through the File > Open path, clicks into
// a property value in the middle of the text (which selects its resource, as a user's
// click does), types a few words there with the real keyboard, and prints:
//
//   keystroke -> painted   each key's event timestamp to the frame after its input
//                          event (requestAnimationFrame, then a task: the frame painted)
//   fw-code-key            the app's own measure: input handler -> code pane re-rendered
//   last key -> canvas     the last key's event to the redrawn document's next frame:
//                          the debounce (150 ms, 300 ms past 256 KB), then reading
//                          the text, the view (scene, validation), the redraw and a
//                          frame. The app marks
//                          `fw-code-start` when the debounce fires and measures
//                          `fw-code-frame` from it to the frame after the redraw; this
//                          script adds the time from the last key to that mark.
//   fw-code-parse          the text read as a template (part of the above)
//   fw-code-apply          debounce fired -> document replaced and the page redrawn
//   fw-derive              the view derived from the document (scene + validation)
//
// Then, in a template of 400 KB (3,000 queues, as the end-to-end test builds) and in
// the 1 MB one, the whole text: Ctrl+A, Ctrl+C, Ctrl+X and Ctrl+Z in the pane, and
// Select all, Copy and Cut from the Edit menu, each timed from its input event to the
// painted frame (see `frameAfter` in common.mjs), with what reached the clipboard
// checked against the text.
//
// A benchmark, not a test: it prints figures and the targets (a keystroke painted within
// one 60 Hz frame, 16 ms; the canvas updated within 300 ms of the last key, debounce
// included; select all, copy and cut within 100 ms) and exits 0 whatever they are. Run
// it against a release build:
//
//   trunk build --release && node tests/bench/code-pane-bench.mjs [runs] [dist]
//
// `dist` (or FORMWORK_BENCH_DIST) is the folder to serve, ../../dist relative to this
// script by default; e.g. `trunk build --release --dist /tmp/fw-dist` and then
// `node tests/bench/code-pane-bench.mjs 3 /tmp/fw-dist`. Other settings:
// FORMWORK_BENCH_PORT (8198), FORMWORK_BENCH_DELAY (ms between keys, 60),
// FORMWORK_BENCH_BYTES (size of the generated template, 1000000), FORMWORK_BENCH_PARTS
// (`whole`, `typing` or both), CHROMIUM.
//
// The corpus is read from ../shared/corpus (relative to the repository), never copied
// into the project; without it the corpus case is skipped.

import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import {
  CORPUS,
  distFolder,
  frameAfter,
  largestCorpusTemplate,
  launchChromium,
  measures,
  openApp,
  openFile,
  row,
  serveDist,
  stats,
} from './common.mjs';

const DIST = distFolder(process.argv[3]);
const PORT = Number(process.env.FORMWORK_BENCH_PORT ?? 8198);
const RUNS = Number(process.argv[2] ?? 3);
const KEY_DELAY = Number(process.env.FORMWORK_BENCH_DELAY ?? 60);
const TARGET_BYTES = Number(process.env.FORMWORK_BENCH_BYTES ?? 1_000_000);
/** Typed at the end of a value: letters and spaces only, so the text still reads. */
const TYPED = ' edited in the code pane';
const KEY_TARGET = 16;
const UPDATE_TARGET = 300;
const WHOLE_TARGET = 100;
/** Which parts to run: `whole` (select all, copy, cut), `typing`, or both. */
const PARTS = (process.env.FORMWORK_BENCH_PARTS ?? 'whole,typing').split(',');

/** A template of `groups` times ten resources (a VPC, a subnet, a security group, an
 * instance, a bucket, a role, a function, a table, a queue, a topic), each with
 * `extraTags` tags on top of four, the functions and instances with block scalars. */
function generatedTemplate(groups, extraTags) {
  const out = [
    "AWSTemplateFormatVersion: '2010-09-09'",
    'Description: Generated for the code pane benchmark, close to the 1 MB template limit',
    'Parameters:',
    '  Env:',
    '    Type: String',
    '    Default: prod',
    '    AllowedValues: [dev, test, prod]',
    '  ImageId:',
    '    Type: AWS::EC2::Image::Id',
    '    Default: ami-0123456789abcdef0',
    'Resources:',
  ];
  const tags = (g, kind) => {
    const t = [
      '      Tags:',
      `        - Key: Name\n          Value: !Sub '\${AWS::StackName}-${kind}-${g}'`,
      '        - Key: Environment\n          Value: !Ref Env',
      `        - Key: Owner\n          Value: team-${g % 7}`,
      `        - Key: Project\n          Value: formwork benchmark group ${g}`,
    ];
    for (let k = 0; k < extraTags; k++) t.push(`        - Key: CostCentre${k}\n          Value: cc-${1000 + g * 10 + k}`);
    return t.join('\n');
  };
  for (let g = 0; g < groups; g++) {
    const o = g % 250;
    out.push(`  Vpc${g}:
    Type: AWS::EC2::VPC
    Properties:
      CidrBlock: 10.${o}.0.0/16
      EnableDnsSupport: true
      EnableDnsHostnames: true
${tags(g, 'vpc')}`);
    out.push(`  Subnet${g}:
    Type: AWS::EC2::Subnet
    Properties:
      VpcId: !Ref Vpc${g}
      CidrBlock: 10.${o}.1.0/24
      AvailabilityZone: !Select [${g % 3}, !GetAZs '']
      MapPublicIpOnLaunch: false
${tags(g, 'subnet')}`);
    out.push(`  WebSg${g}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: Web traffic for group ${g}
      VpcId: !Ref Vpc${g}
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 443
          ToPort: 443
          CidrIp: 0.0.0.0/0
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          CidrIp: 0.0.0.0/0
${tags(g, 'sg')}`);
    out.push(`  Web${g}:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: !Ref ImageId
      InstanceType: t3.micro
      SubnetId: !Ref Subnet${g}
      SecurityGroupIds:
        - !Ref WebSg${g}
      UserData: !Base64
        Fn::Sub: |
          #!/bin/bash -xe
          yum install -y httpd
          echo "group ${g} in \${AWS::Region}" > /var/www/html/index.html
          systemctl enable --now httpd
${tags(g, 'web')}`);
    out.push(`  Bucket${g}:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub 'bench-\${AWS::AccountId}-${g}'
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
      VersioningConfiguration:
        Status: Enabled
      LifecycleConfiguration:
        Rules:
          - Id: expire-old-versions
            Status: Enabled
            NoncurrentVersionExpiration:
              NoncurrentDays: 30
${tags(g, 'bucket')}`);
    out.push(`  Role${g}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal:
              Service: lambda.amazonaws.com
            Action: sts:AssumeRole
      Policies:
        - PolicyName: access-${g}
          PolicyDocument:
            Version: '2012-10-17'
            Statement:
              - Effect: Allow
                Action:
                  - s3:GetObject
                  - s3:PutObject
                Resource: !Sub '\${Bucket${g}.Arn}/*'
              - Effect: Allow
                Action:
                  - dynamodb:GetItem
                  - dynamodb:PutItem
                Resource: !GetAtt Table${g}.Arn
${tags(g, 'role')}`);
    out.push(`  Fn${g}:
    Type: AWS::Lambda::Function
    Properties:
      Description: Handles the orders of group ${g}
      Runtime: python3.12
      Handler: index.handler
      Role: !GetAtt Role${g}.Arn
      Timeout: 30
      MemorySize: 256
      Environment:
        Variables:
          TABLE: !Ref Table${g}
          BUCKET: !Ref Bucket${g}
      Code:
        ZipFile: |
          import os
          def handler(event, context):
              return {"table": os.environ["TABLE"], "group": ${g}}
${tags(g, 'fn')}`);
    out.push(`  Table${g}:
    Type: AWS::DynamoDB::Table
    Properties:
      BillingMode: PAY_PER_REQUEST
      AttributeDefinitions:
        - AttributeName: pk
          AttributeType: S
        - AttributeName: sk
          AttributeType: S
      KeySchema:
        - AttributeName: pk
          KeyType: HASH
        - AttributeName: sk
          KeyType: RANGE
${tags(g, 'table')}`);
    out.push(`  Queue${g}:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub '\${AWS::StackName}-orders-${g}'
      VisibilityTimeout: 60
      MessageRetentionPeriod: 345600
${tags(g, 'queue')}`);
    out.push(`  Topic${g}:
    Type: AWS::SNS::Topic
    Properties:
      DisplayName: Orders of group ${g}
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt Queue${g}.Arn
${tags(g, 'topic')}`);
  }
  out.push('Outputs:');
  for (let g = 0; g < Math.min(groups, 20); g++) {
    out.push(`  Bucket${g}Name:\n    Value: !Ref Bucket${g}`);
  }
  return out.join('\n') + '\n';
}

/** About TARGET_BYTES (and under CloudFormation's 1 MiB): 48 groups of ten resources,
 * with as many extra tags as reach the size. */
function generated1MB() {
  const groups = 48;
  const base = Buffer.byteLength(generatedTemplate(groups, 0));
  const perTag = Buffer.byteLength(generatedTemplate(groups, 1)) - base;
  const extra = Math.max(0, Math.round((TARGET_BYTES - base) / perTag));
  let text = generatedTemplate(groups, extra);
  if (Buffer.byteLength(text) > 1024 * 1024) text = generatedTemplate(groups, extra - 1);
  return text;
}

/** Where to type: the end of a scalar value on a line near the middle of the text, a
 * description or name by preference, never a type, a reference or a block scalar's
 * text. Returns the line (from 0) and the UTF-16 offset to type at. */
function typingSpot(text) {
  const lines = text.split('\n');
  const json = text.trimStart().startsWith('{');
  const indent = (l) => l.length - l.trimStart().length;
  const inBlock = (i) => {
    const own = indent(lines[i]);
    for (let j = i - 1; j >= 0; j--) {
      const l = lines[j];
      if (l.trim() === '' || indent(l) >= own) continue;
      return /[|>][0-9+-]*\s*$/.test(l.split(' #')[0]);
    }
    return false;
  };
  const avoid = /^(Type|Ref|Condition|DependsOn|Version|AWSTemplateFormatVersion|Transform|.*::.*)$/;
  const candidate = (i) => {
    const l = lines[i];
    let m;
    if (json) {
      m = /^\s*"([^"]+)":\s*"([^"\\]*)"(,?)\s*$/.exec(l);
      if (!m || avoid.test(m[1]) || m[2].includes('${')) return null;
      return { key: m[1], col: l.lastIndexOf('"') };
    }
    m = /^\s*(?:- )?([A-Za-z][A-Za-z0-9]*): ([A-Za-z0-9][^#'"{}[\]:!&*]*)$/.exec(l);
    if (!m || avoid.test(m[1]) || inBlock(i)) return null;
    return { key: m[1], col: l.trimEnd().length };
  };
  const mid = Math.floor(lines.length / 2);
  let fallback = null;
  for (let d = 0; d < lines.length; d++) {
    for (const i of [mid + d, mid - d]) {
      if (i < 0 || i >= lines.length) continue;
      const c = candidate(i);
      if (!c) continue;
      if (/Description|Name$/.test(c.key)) return spotAt(lines, i, c);
      fallback ??= spotAt(lines, i, c);
    }
    if (fallback && d > 200) break;
  }
  return fallback;
}

function spotAt(lines, line, c) {
  let offset = 0;
  for (let i = 0; i < line; i++) offset += lines[i].length + 1;
  return { line, key: c.key, offset: offset + c.col, text: lines[line].trim() };
}

async function openText(page, name, text) {
  await openFile(page, name, text);
  return {
    open: (await measures(page, 'fw-open'))[0],
    boxes: await page.locator('g.shape').count(),
  };
}

/** Listeners that time each key in the code pane: from the key's event to the frame
 * after its input event (the app's own input handler runs before, on the app root). */
function installProbe() {
  const B = (window.__fwBench = { down: 0, keys: [], lastKey: 0, lastInput: 0 });
  const isPane = (e) => e.target instanceof HTMLTextAreaElement && e.target.classList.contains('code-input');
  window.addEventListener(
    'keydown',
    (e) => {
      if (isPane(e)) B.down = e.timeStamp;
    },
    true,
  );
  window.addEventListener('input', (e) => {
    if (!isPane(e)) return;
    const t0 = B.down || e.timeStamp;
    const handled = performance.now();
    B.lastKey = t0;
    B.lastInput = handled;
    requestAnimationFrame(() =>
      setTimeout(() => B.keys.push({ painted: performance.now() - t0, handled: handled - t0 })),
    );
  });
}

/** Clicks into the value at `spot` (selecting its resource, as a click does), puts the
 * caret at the value's end and types TYPED; returns the figures of this run. */
async function typeInPane(page, text) {
  const pane = page.getByRole('textbox', { name: 'Template source' });
  // The pane's whole text (its textarea holds only the lines around the view), as its
  // Copy button gives it.
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await page.locator('.bottom-panel').getByRole('button', { name: 'Copy', exact: true }).click();
  await page.waitForFunction(() => navigator.clipboard.readText().then((t) => t.length > 0));
  const before = await page.evaluate(() => navigator.clipboard.readText());
  const spot = typingSpot(before);
  const scroller = page.locator('.code-scroll');
  const top = await scroller.evaluate((el, line) => {
    el.scrollTop = Math.max(0, 8 + line * 20 - el.clientHeight / 3);
    return el.scrollTop;
  }, spot.line);
  await page.waitForTimeout(200); // the pane redraws the lines now in view
  const box = await scroller.boundingBox();
  const y = box.y + 8 + spot.line * 20 - top + 10;
  await page.mouse.click(box.x + box.width - 40, y); // past the line's end: caret there, resource selected
  // The window's first line, from where the textarea is placed.
  const firstLine = await pane.evaluate((a) => Math.round(parseFloat(a.style.top || '0') / 20));
  const base = before.split('\n').slice(0, firstLine).reduce((n, l) => n + l.length + 1, 0);
  await pane.evaluate((area, at) => area.setSelectionRange(at, at), spot.offset - base);
  await page.waitForTimeout(500); // selection drawn, outline worked out, autosave idle
  await page.evaluate(() => {
    performance.clearMeasures();
    window.__fwBench.keys = [];
  });
  await page.keyboard.type(TYPED, { delay: KEY_DELAY });
  // The redrawn document's frame, or the pane saying the text does not read.
  await page.waitForFunction(
    () =>
      performance.getEntriesByName('fw-code-frame', 'measure').some((m) => m.startTime > window.__fwBench.lastInput) ||
      document.querySelector('.code-status.error'),
    null,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(50);
  const r = await page.evaluate(() => {
    const B = window.__fwBench;
    const frame = performance.getEntriesByName('fw-code-frame', 'measure').find((m) => m.startTime > B.lastInput);
    const all = (n) => performance.getEntriesByName(n, 'measure').map((e) => e.duration);
    return {
      status: frame ? null : document.querySelector('.code-status.error')?.textContent,
      keys: B.keys,
      update: frame && frame.startTime + frame.duration - B.lastKey,
      debounce: frame && frame.startTime - B.lastInput,
      afterDebounce: frame?.duration,
      codeKey: all('fw-code-key'),
      parse: all('fw-code-parse'),
      apply: all('fw-code-apply'),
      derive: all('fw-derive'),
      validate: all('fw-validate'),
      scene: all('fw-scene'),
    };
  });
  // The window may have moved since: read its first line again.
  const [value, first] = await pane.evaluate((a) => [a.value, Math.round(parseFloat(a.style.top || '0') / 20)]);
  const at = spot.offset - before.split('\n').slice(0, first).reduce((n, l) => n + l.length + 1, 0);
  r.typed = value.slice(at, at + TYPED.length) === TYPED;
  r.spot = spot;
  r.paneLines = before.split('\n').length;
  r.paneBytes = Buffer.byteLength(before);
  r.selected = (await page.locator('.code-band.selected').count()) > 0;
  return r;
}

/** The 400 KB template of the end-to-end test: 3,000 queues with long names. */
function queues3000() {
  const lines = ['Resources:'];
  for (let i = 0; i < 3000; i++) {
    lines.push(`  Queue${i}:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: queue-number-${i}-with-a-name-long-enough-to-fill-the-file-up`);
  }
  return lines.join('\n') + '\n';
}

/** The length of the text on the clipboard. */
const clipboardLength = (page) => page.evaluate(() => navigator.clipboard.readText().then((t) => t.length));

/** Select all, copy, cut and undo of the whole text, by keyboard and by the Edit menu;
 * `acc` gathers each one's latency, `notes` what did not come out right. */
async function wholeText(page, text, acc, notes) {
  const pane = page.getByRole('textbox', { name: 'Template source' });
  const scroller = page.locator('.code-scroll');
  const box = await scroller.boundingBox();
  await page.mouse.click(box.x + 60, box.y + 30);
  await page.waitForTimeout(300);
  const push = (k, t) => (t == null ? notes.add(`${k}: no frame within the time allowed`) : (acc[k] ??= []).push(t.latency));
  const expectClipboard = async (what) => {
    const n = await clipboardLength(page);
    if (n !== text.length) notes.add(`${what}: ${n} characters on the clipboard, not ${text.length}`);
  };
  push('selectAll', await frameAfter(page, 'keydown', () => page.keyboard.press('Control+a'), { key: 'a', timeout: 300_000 }));
  push('copy', await frameAfter(page, 'keydown', () => page.keyboard.press('Control+c'), { key: 'c', timeout: 300_000 }));
  await expectClipboard('Ctrl+C');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  push('cut', await frameAfter(page, 'keydown', () => page.keyboard.press('Control+x'), { key: 'x', timeout: 300_000 }));
  await expectClipboard('Ctrl+X');
  if ((await pane.inputValue()) !== '') notes.add('Ctrl+X left text in the pane');
  push('undo', await frameAfter(page, 'keydown', () => page.keyboard.press('Control+z'), { key: 'z', timeout: 300_000 }));
  // Undone: all of it is back (and selected again), so copy takes it all.
  await page.keyboard.press('Control+c');
  await expectClipboard('Ctrl+Z, then Ctrl+C');
  // The Edit menu, with the pane the place of work.
  await page.mouse.click(box.x + 60, box.y + 30);
  await page.waitForTimeout(300);
  const edit = page.getByRole('button', { name: 'Edit', exact: true });
  const item = (name) => page.getByRole('menuitem', { name, exact: true });
  await edit.click();
  push('menuSelectAll', await frameAfter(page, 'click', () => item('Select all').click(), { timeout: 300_000 }));
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await edit.click();
  push('menuCopy', await frameAfter(page, 'click', () => item('Copy').click(), { timeout: 300_000 }));
  await page.waitForTimeout(200);
  await expectClipboard('Edit > Copy');
  await page.evaluate(() => navigator.clipboard.writeText(''));
  await edit.click();
  push('menuCut', await frameAfter(page, 'click', () => item('Cut').click(), { timeout: 300_000 }));
  await page.waitForTimeout(200);
  await expectClipboard('Edit > Cut');
  // Typing after select all replaces everything.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('x');
  if ((await pane.inputValue()) !== 'x') notes.add('typing after select all did not replace the text');
}

async function main() {
  const cases = [];
  const big = generated1MB();
  cases.push({ label: 'generated ~1 MB template', name: 'generated-1mb.yaml', text: big });
  const corpus = largestCorpusTemplate();
  if (corpus) {
    cases.push({
      label: `largest corpus template (${corpus.path.slice(CORPUS.length + 1)})`,
      name: corpus.path.split('/').pop(),
      text: readFileSync(corpus.path, 'utf8'),
    });
  } else {
    console.log(`(no corpus at ${CORPUS}: skipping the mid-size case)`);
  }

  const server = await serveDist(DIST, PORT);
  const browser = await launchChromium();
  const report = [];
  try {
    const whole = PARTS.includes('whole')
      ? [
          { label: 'the whole 400 KB template (3,000 queues)', name: 'queues.yaml', text: queues3000() },
          { label: 'the whole 1 MB template', name: 'generated-1mb.yaml', text: big },
        ]
      : [];
    for (const c of whole) {
      const acc = {};
      const notes = new Set();
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        const page = await openApp(browser, PORT, context);
        await openFile(page, c.name, c.text);
        await wholeText(page, c.text, acc, notes);
        await context.close();
      }
      report.push(`\n${c.label}: ${Buffer.byteLength(c.text)} bytes, ${c.text.split('\n').length} lines`);
      for (const n of notes) report.push(`  note: ${n}`);
      report.push(row('  Ctrl+A (select all)', stats(acc.selectAll ?? []), WHOLE_TARGET));
      report.push(row('  Ctrl+C (copy)', stats(acc.copy ?? []), WHOLE_TARGET));
      report.push(row('  Ctrl+X (cut)', stats(acc.cut ?? []), WHOLE_TARGET));
      report.push(row('  Ctrl+Z (undo the cut)', stats(acc.undo ?? []), WHOLE_TARGET));
      report.push(row('  Edit > Select all', stats(acc.menuSelectAll ?? []), WHOLE_TARGET));
      report.push(row('  Edit > Copy', stats(acc.menuCopy ?? []), WHOLE_TARGET));
      report.push(row('  Edit > Cut', stats(acc.menuCut ?? []), WHOLE_TARGET));
    }
    for (const c of PARTS.includes('typing') ? cases : []) {
      let spot = null;
      let pane = '';
      const acc = { painted: [], handled: [], codeKey: [], update: [], debounce: [], afterDebounce: [], parse: [], apply: [], derive: [], validate: [], scene: [], open: [] };
      let shape = '';
      const notes = new Set();
      for (let run = 0; run < RUNS; run++) {
        const context = await browser.newContext();
        await context.grantPermissions(['clipboard-read', 'clipboard-write']);
        await context.addInitScript(installProbe);
        const page = await openApp(browser, PORT, context);
        const o = await openText(page, c.name, c.text);
        acc.open.push(o.open);
        shape = `${o.boxes} boxes`;
        const r = await typeInPane(page, c.text);
        spot = r.spot;
        pane = `the pane holds ${r.paneBytes} bytes, ${r.paneLines} lines`;
        if (r.status) notes.add(`the pane says: ${r.status}`);
        if (!r.typed) notes.add('the typed text did not land where expected');
        if (!r.selected) notes.add('the click did not select a resource');
        if (r.keys.length !== TYPED.length) notes.add(`${r.keys.length} of ${TYPED.length} keys timed`);
        if (r.parse.length > 1) notes.add('the text was read while typing (keys more than the debounce apart): a busy machine?');
        acc.painted.push(...r.keys.map((k) => k.painted));
        acc.handled.push(...r.keys.map((k) => k.handled));
        for (const k of ['codeKey', 'parse', 'apply', 'derive', 'validate', 'scene']) acc[k].push(...r[k]);
        if (r.update != null) {
          acc.update.push(r.update);
          acc.debounce.push(r.debounce);
          acc.afterDebounce.push(r.afterDebounce);
        }
        await context.close();
      }
      report.push(`\n${c.label}: ${Buffer.byteLength(c.text)} bytes, ${shape}; ${pane}`);
      report.push(`  typed ${JSON.stringify(TYPED)} at line ${spot.line + 1} (${spot.key}: "${spot.text.slice(0, 60)}")`);
      for (const n of notes) report.push(`  note: ${n}`);
      report.push(row('  open -> drawn (fw-open)', stats(acc.open), null));
      report.push(row('  keystroke -> painted frame', stats(acc.painted), KEY_TARGET, 'median'));
      report.push(row('  keystroke -> input handled', stats(acc.handled), null));
      report.push(row('  input -> pane re-rendered (fw-code-key)', stats(acc.codeKey), null));
      report.push(row('  last key -> canvas updated, painted', stats(acc.update), UPDATE_TARGET));
      report.push(row('    last input -> debounce fired', stats(acc.debounce), null));
      report.push(row('    debounce -> redrawn, painted', stats(acc.afterDebounce), null));
      report.push(row('    text read (fw-code-parse)', stats(acc.parse), null));
      report.push(row('    view derived (fw-derive)', stats(acc.derive), null));
      report.push(row('      scene (fw-scene)', stats(acc.scene), null));
      report.push(row('      validation (fw-validate)', stats(acc.validate), null));
      report.push(row('    applied, page redrawn (fw-code-apply)', stats(acc.apply), null));
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(
    `Formwork code pane benchmark: headless Chromium, 1400x900, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${RUNS} runs per case, ` +
      `${TYPED.length} keys ${KEY_DELAY} ms apart; targets: keystroke median <= ${KEY_TARGET} ms, ` +
      `canvas <= ${UPDATE_TARGET} ms after the last key (debounce included), the whole text <= ${WHOLE_TARGET} ms`,
  );
  console.log(report.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
