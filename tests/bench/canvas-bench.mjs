// The canvas benchmark: opens the largest template of the corpus and a generated
// 500-resource template (CloudFormation's maximum) in headless Chromium through the
// File > Open path, then drags boxes around, and prints what the app measured with
// performance marks:
//
//   fw-open        file text in hand -> document parsed, validated, drawn, styled, laid out
//   fw-open-frame  the same, up to the next animation frame
//   fw-drag-frame  one pointer move of a drag: handler, DOM updates, style and layout
//   fw-edit        pointer up -> the move applied as one command and the document redrawn
//
// and, measured from the page: zooming from the fit-to-screen view to 100 % (which
// redraws every box with its text) up to the painted frame.
//
// A benchmark, not a test: it prints figures and the targets (open <= 300 ms, a drag
// frame <= 8 ms) and exits 0 whatever they are. Run it against a release build:
//
//   trunk build --release && node tests/bench/canvas-bench.mjs [runs]
//
// The corpus is read from ../shared/corpus (relative to the repository), never copied
// into the project; without it the corpus case is skipped.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, ROOT, largestCorpusTemplate, launchChromium, measures, openFile, row, stats } from './common.mjs';

const PORT = Number(process.env.FORMWORK_BENCH_PORT ?? 8197);
const RUNS = Number(process.argv[2] ?? 5);
const DRAG_STEPS = 60;

function generated500() {
  const lines = ["AWSTemplateFormatVersion: '2010-09-09'", 'Resources:'];
  let n = 0;
  const add = (text) => {
    lines.push(text);
    n++;
  };
  for (let i = 0; i < 5; i++) {
    add(`  Vpc${i}:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.${i}.0.0/16`);
    add(`  Sg${i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n      VpcId: !Ref Vpc${i}`);
    add(`  Igw${i}:\n    Type: AWS::EC2::InternetGateway`);
    add(`  Attach${i}:\n    Type: AWS::EC2::VPCGatewayAttachment\n    Properties:\n      VpcId: !Ref Vpc${i}\n      InternetGatewayId: !Ref Igw${i}`);
    add(`  Rt${i}:\n    Type: AWS::EC2::RouteTable\n    Properties:\n      VpcId: !Ref Vpc${i}`);
    for (let j = 0; j < 4; j++) {
      add(`  Net${i}x${j}:\n    Type: AWS::EC2::Subnet\n    Properties:\n      VpcId: !Ref Vpc${i}\n      CidrBlock: 10.${i}.${j}.0/24`);
      add(`  Assoc${i}x${j}:\n    Type: AWS::EC2::SubnetRouteTableAssociation\n    Properties:\n      SubnetId: !Ref Net${i}x${j}\n      RouteTableId: !Ref Rt${i}`);
      for (let k = 0; k < 19; k++) {
        add(
          `  Web${i}x${j}x${k}:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: t3.micro\n      SubnetId: !Ref Net${i}x${j}\n      SecurityGroupIds:\n        - !Ref Sg${i}`,
        );
      }
    }
  }
  for (let k = 0; n < 500; k++) add(`  Topic${k}:\n    Type: AWS::SNS::Topic\n    DependsOn: Vpc${k % 5}`);
  return lines.join('\n') + '\n';
}

async function startServer() {
  const server = spawn(process.execPath, [join(ROOT, 'tests/serve.mjs'), String(PORT)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((ok, fail) => {
    server.stdout.on('data', (d) => String(d).includes('serving') && ok());
    server.on('exit', (code) => fail(new Error(`server exited ${code}`)));
  });
  return server;
}

async function openText(page, name, text) {
  await openFile(page, name, text);
  const open = (await measures(page, 'fw-open'))[0];
  const frame = (await measures(page, 'fw-open-frame'))[0];
  const boxes = await page.locator('g.shape').count();
  // Far zoomed out the links are drawn merged: count them from the template summary.
  const edges = await page
    .locator('.summary dt', { hasText: 'Links' })
    .evaluate((dt) => Number(dt.nextElementSibling.textContent));
  return { open, frame, boxes, edges };
}

/** Presses 0 (zoom to 100 % about the centre); returns the time to the painted frame. */
async function zoomTo100(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const t0 = performance.now();
        window.dispatchEvent(new KeyboardEvent('keydown', { key: '0', code: 'Digit0', bubbles: true }));
        requestAnimationFrame(() => setTimeout(() => done(performance.now() - t0)));
      }),
  );
}

/** The card nearest the middle of the canvas. */
async function cardNearCentre(page) {
  return page.locator('svg#fw-canvas').evaluate((svg) => {
    const r = svg.getBoundingClientRect();
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    let best = null;
    for (const el of svg.querySelectorAll('g.shape.card')) {
      const b = el.getBoundingClientRect();
      const d = Math.hypot(b.left + b.width / 2 - cx, b.top + b.height / 2 - cy);
      if (b.left > r.left && b.right < r.right && b.top > r.top && b.bottom < r.bottom && (!best || d < best.d)) {
        best = { id: el.dataset.id, d };
      }
    }
    return best && best.id;
  });
}

/** Drags the box `id` across the canvas in DRAG_STEPS pointer moves, and back. */
async function dragBox(page, id) {
  await page.evaluate(() => performance.clearMeasures());
  const el = page.locator(`g.shape[data-id="${id}"]`);
  const b = await el.boundingBox();
  // Grab near the top-left corner (inside even a container larger than the view).
  const x = b.x + Math.min(40, b.width / 2);
  const y = b.y + Math.min(20, b.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= DRAG_STEPS; i++) {
    await page.mouse.move(x + i * 3, y + i * 2);
  }
  await page.mouse.up();
  await page.waitForFunction(() => performance.getEntriesByName('fw-edit', 'measure').length > 0, null, {
    timeout: 60_000,
  });
  return { frames: await measures(page, 'fw-drag-frame'), edit: (await measures(page, 'fw-edit'))[0] };
}

async function main() {
  const corpus = largestCorpusTemplate();
  const cases = [];
  if (corpus) {
    cases.push({
      label: `largest corpus template (${corpus.path.slice(CORPUS.length + 1)}, ${corpus.size} bytes)`,
      name: corpus.path.split('/').pop(),
      text: readFileSync(corpus.path, 'utf8'),
    });
  } else {
    console.log(`(no corpus at ${CORPUS}: skipping the corpus case)`);
  }
  cases.push({ label: 'generated 500-resource template', name: 'generated-500.yaml', text: generated500() });

  const server = await startServer();
  const browser = await launchChromium();
  const report = [];
  try {
    for (const c of cases) {
      const opens = [];
      const frames = [];
      const leafFrames = [];
      const containerFrames = [];
      const zoomedFrames = [];
      const zooms = [];
      const edits = [];
      let shape = null;
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        page.on('pageerror', (e) => console.error('page error:', e.message));
        await page.goto(`http://127.0.0.1:${PORT}/`);
        // Steady state: the full catalog has arrived (validation knows every type).
        await page.waitForFunction(() => performance.getEntriesByName('fw-catalog-parse', 'measure').length > 0, null, {
          timeout: 60_000,
        });
        const o = await openText(page, c.name, c.text);
        opens.push(o);
        shape = `${o.boxes} boxes, ${o.edges} edges`;
        // A card, then the largest container (which moves everything inside it).
        const ids = await page.locator('g.shape').evaluateAll((els) => {
          const cards = els.filter((e) => e.classList.contains('card')).map((e) => e.dataset.id);
          const containers = els
            .filter((e) => e.classList.contains('container'))
            .map((e) => ({ id: e.dataset.id, area: e.getBBox().width * e.getBBox().height }))
            .sort((a, b) => b.area - a.area)
            .map((e) => e.id);
          return { card: cards[Math.floor(cards.length / 2)], container: containers[0] };
        });
        if (ids.card) {
          const d = await dragBox(page, ids.card);
          leafFrames.push(...d.frames);
          frames.push(...d.frames);
          edits.push(d.edit);
        }
        if (ids.container) {
          await page.keyboard.press('Shift+Digit1');
          const d = await dragBox(page, ids.container);
          containerFrames.push(...d.frames);
          frames.push(...d.frames);
          edits.push(d.edit);
        }
        // At 100 %, where every box carries its text and links follow a drag.
        await page.keyboard.press('Shift+Digit1');
        await page.waitForTimeout(100);
        zooms.push(await zoomTo100(page));
        const near = await cardNearCentre(page);
        if (near) {
          const d = await dragBox(page, near);
          zoomedFrames.push(...d.frames);
          frames.push(...d.frames);
          edits.push(d.edit);
        }
        await page.close();
      }
      report.push(`\n${c.label}: ${shape}`);
      report.push(row('  open -> drawn (fw-open)', stats(opens.map((o) => o.open)), 300));
      report.push(row('  open -> next frame (fw-open-frame)', stats(opens.map((o) => o.frame)), 300));
      report.push(row('  drag frame, a card', stats(leafFrames), 8));
      report.push(row('  drag frame, largest container', stats(containerFrames), 8));
      report.push(row('  drag frame, a card at 100 % zoom', stats(zoomedFrames), 8));
      report.push(row('  drag frame, all', stats(frames), 8));
      report.push(row('  drop -> command applied, redrawn', stats(edits.filter((e) => e != null)), null));
      report.push(row('  fit -> 100 % zoom, painted', stats(zooms), null));
    }
  } finally {
    await browser.close();
    server.kill();
  }
  console.log(`Formwork canvas benchmark: headless Chromium, 1400x900, ${RUNS} runs per case, ${DRAG_STEPS} moves per drag`);
  console.log(report.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
