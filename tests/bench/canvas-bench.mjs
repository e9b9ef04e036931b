// The canvas benchmark: opens the samples, the largest template of the corpus and a
// generated 500-resource template (CloudFormation's maximum) in headless Chromium
// through the File > Open path, then does what a user does to a diagram, each timed
// from the input event to the frame that shows its outcome (`latency`), and by the
// time spent on it by the app and the browser (`work`; see `frameAfter`):
//
//   select        a click on a box
//   nudge         an arrow key moving the selected box
//   drop          the end of a drag: the move applied as one command, redrawn
//   nest          a box dropped into another subnet, or (in the samples, where no box
//                 sits in one) an instance dragged from the palette into a subnet
//   connect       a DependsOn drawn from a box's bottom port to another box
//   rename        a new logical id typed in the inspector, Enter
//   field         a letter typed in a property of the inspector's form
//   delete, undo  Delete on the selected box, then Ctrl+Z
//   arrange       View > Auto-arrange
//   drag frame    one pointer move of a drag, to its painted frame (and, for
//                 reference, the same moves with no button down)
//
// and the app's own measures of opening (fw-open: file text in hand -> parsed,
// validated, drawn, styled, laid out). Targets: an edit's latency within 50 ms on the
// samples and 100 ms at 500 resources; a selection's work within one frame (16 ms),
// so it shows in the next frame; a drag frame's work under 8 ms p95 on the samples;
// open within 300 ms.
//
// A benchmark, not a test: it prints figures and the targets and exits 0 whatever
// they are. Run it against a release build:
//
//   trunk build --release && node tests/bench/canvas-bench.mjs [runs] [dist]
//
// FORMWORK_BENCH_CASES picks cases by a word of their label (e.g. `wordpress,500`).
// The corpus is read from ../shared/corpus (relative to the repository), never copied
// into the project; without it the corpus case is skipped.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import {
  CORPUS,
  ROOT,
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

const PORT = Number(process.env.FORMWORK_BENCH_PORT ?? 8197);
const RUNS = Number(process.argv[2] ?? 3);
const DIST = distFolder(process.argv[3]);
const DRAG_STEPS = 60;
/** Repetitions of each quick action within a run. */
const REPEAT = 4;

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

function cases() {
  const sample = (id) => readFileSync(join(ROOT, 'crates/core/data/samples', `${id}.yaml`), 'utf8');
  const all = [
    { label: 'sample: Multi-AZ WordPress', name: 'wordpress-multi-az.yaml', text: sample('wordpress-multi-az'), target: 50 },
    { label: 'sample: large web application', name: 'large-web-app.yaml', text: sample('large-web-app'), target: 50 },
  ];
  const corpus = largestCorpusTemplate();
  if (corpus) {
    all.push({
      label: `largest corpus template (${corpus.path.slice(CORPUS.length + 1)}, ${corpus.size} bytes)`,
      name: corpus.path.split('/').pop(),
      text: readFileSync(corpus.path, 'utf8'),
      target: 50,
    });
  } else {
    console.log(`(no corpus at ${CORPUS}: skipping the corpus case)`);
  }
  all.push({ label: 'generated 500-resource template', name: 'generated-500.yaml', text: generated500(), target: 100 });
  const pick = (process.env.FORMWORK_BENCH_CASES ?? '').split(',').filter(Boolean);
  return pick.length ? all.filter((c) => pick.some((w) => c.label.toLowerCase().includes(w.toLowerCase()))) : all;
}

/** The boxes in view (or all of them), with their type and screen rectangle. */
async function boxesInView(page, all = false) {
  return page.locator('svg#fw-canvas').evaluate((svg, all) => {
    const r = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('g.shape')]
      .map((el) => {
        const b = el.getBoundingClientRect();
        return {
          id: el.dataset.id,
          type: el.dataset.type,
          card: el.classList.contains('card'),
          x: b.left,
          y: b.top,
          w: b.width,
          h: b.height,
        };
      })
      .filter((b) => all || (b.x > r.left + 4 && b.x + Math.min(b.w, 60) < r.right && b.y > r.top + 4 && b.y + Math.min(b.h, 40) < r.bottom));
  }, all);
}

const grip = (b) => ({ x: b.x + Math.min(30, b.w / 2), y: b.y + Math.min(14, b.h / 2) });

async function click(page, b) {
  const p = grip(b);
  return frameAfter(page, 'pointerdown', () => page.mouse.click(p.x, p.y));
}

/** A click on a box, and when the inspector shows it (the panels follow the canvas). */
async function select(page, b) {
  const p = grip(b);
  const shown = new Function(`return () => document.querySelector('.details-title')?.textContent === ${JSON.stringify(b.id)};`)();
  return frameAfter(page, 'pointerdown', () => page.mouse.click(p.x, p.y), { shown });
}

/** Drags from `from` by (dx, dy) in `steps` moves; returns the drop's time to its frame. */
async function drag(page, from, dx, dy, steps = 10) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= steps; i++) await page.mouse.move(from.x + (dx * i) / steps, from.y + (dy * i) / steps);
  const t = await frameAfter(page, 'pointerup', () => page.mouse.up());
  await page.waitForTimeout(150);
  return t;
}

async function key(page, k, name = k.split('+').pop()) {
  const t = await frameAfter(page, 'keydown', () => page.keyboard.press(k), { key: name });
  await page.waitForTimeout(100);
  return t;
}

/** Where a drag of the box `id` starts. */
async function dragStart(page, id) {
  const b = await page.locator(`g.shape[data-id="${id}"]`).boundingBox();
  return { x: b.x + Math.min(40, b.width / 2), y: b.y + Math.min(20, b.height / 2) };
}

/** The same pointer moves as a drag of `id`, with no button down: the work of a
 * frame that the app does next to nothing for, the floor under a drag frame. */
async function hoverFrames(page, id) {
  const { x, y } = await dragStart(page, id);
  await page.mouse.move(x, y);
  const frames = [];
  for (let i = 1; i <= DRAG_STEPS; i++) {
    const t = await frameAfter(page, 'pointermove', () => page.mouse.move(x + i * 3, y + i * 2));
    if (i > 1 && t) frames.push(t.work);
  }
  return frames;
}

/** Drags the box `id` across the canvas in DRAG_STEPS pointer moves; returns each
 * move's time to its painted frame. */
async function dragFrames(page, id) {
  const { x, y } = await dragStart(page, id);
  await page.mouse.move(x, y);
  await page.mouse.down();
  const frames = [];
  for (let i = 1; i <= DRAG_STEPS; i++) {
    const t = await frameAfter(page, 'pointermove', () => page.mouse.move(x + i * 3, y + i * 2));
    if (i > 1 && t) frames.push(t.work); // the first move only starts the drag
  }
  await frameAfter(page, 'pointerup', () => page.mouse.up());
  await page.waitForTimeout(150);
  return frames;
}

/** One run over a case: every action, timed; figures gathered into `acc`. */
async function runCase(browser, c, acc) {
  const page = await openApp(browser, PORT);
  await openFile(page, c.name, c.text);
  acc.open.push((await measures(page, 'fw-open'))[0]);
  const shape = `${await page.locator('g.shape').count()} boxes`;
  // At 100 %, where every box carries its text and links follow a drag.
  await key(page, '0');
  await page.waitForTimeout(300);
  let boxes = await boxesInView(page);
  const cards = boxes.filter((b) => b.card);
  if (cards.length < 3) {
    await page.close();
    return shape;
  }
  const push = (k, v) => {
    if (v == null) return;
    (acc[k] ??= []).push(v.latency);
    (acc[`${k}Work`] ??= []).push(v.work);
  };

  for (let i = 0; i < REPEAT; i++) {
    const t = await select(page, cards[(i * 2 + 1) % cards.length]);
    push('select', t);
    if (t?.shown != null) (acc.selectShown ??= []).push(t.shown);
  }
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  push('select', await click(page, cards[0]));
  for (let i = 0; i < REPEAT; i++) push('nudge', await key(page, i % 2 ? 'ArrowLeft' : 'ArrowRight'));

  for (let i = 0; i < REPEAT; i++) {
    boxes = await boxesInView(page);
    const card = boxes.filter((b) => b.card)[i % 3];
    push('drop', await drag(page, grip(card), i % 2 ? -48 : 48, 24));
  }

  // Nesting: a box dropped into another subnet (re-parented: its SubnetId changes),
  // at the zoom that fits the diagram, where whole subnets are in view; where no box
  // sits in a subnet (the samples), an instance dragged from the palette into one.
  await key(page, 'Shift+Digit1', '!');
  await page.waitForTimeout(300);
  boxes = await boxesInView(page);
  const subnets = boxes.filter((b) => b.type === 'AWS::EC2::Subnet');
  const inside = (b, s) => b.x > s.x && b.y > s.y && b.x + b.w < s.x + s.w && b.y + b.h < s.y + s.h;
  const mover = boxes.find((b) => b.card && subnets.some((s) => inside(b, s)));
  const home = mover && subnets.find((s) => inside(mover, s));
  const away = mover && subnets.find((s) => s.id !== home.id && s.w > mover.w + 10 && s.h > mover.h + 10);
  if (mover && away) {
    const from = grip(mover);
    push('nest', await drag(page, from, away.x + away.w / 2 - from.x, away.y + away.h / 2 - from.y));
  } else if (subnets.length > 0) {
    const target = subnets[0];
    const item = await page.locator('.palette button[aria-label="AWS::EC2::Instance"]').boundingBox();
    if (item) {
      const from = { x: item.x + 20, y: item.y + item.height / 2 };
      push('nest', await drag(page, from, target.x + target.w / 2 - from.x, target.y + target.h / 2 - from.y));
    }
  }
  await key(page, '0');
  await page.waitForTimeout(300);

  // DependsOn from the selected box's bottom port to another box.
  boxes = await boxesInView(page);
  const [a, b] = boxes.filter((x) => x.card);
  await click(page, a);
  await page.waitForTimeout(150);
  const port = page.locator(`g.ports[data-port-for="${a.id}"] .port-depend .port-hit`);
  if ((await port.count()) > 0) {
    const p = await port.boundingBox();
    const to = grip(b);
    await page.mouse.move(p.x + p.width / 2, p.y + p.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(p.x + ((to.x - p.x) * i) / 8, p.y + ((to.y - p.y) * i) / 8);
    push('connect', await frameAfter(page, 'pointerup', () => page.mouse.up()));
    await page.waitForTimeout(150);
  }

  // Rename and a property typed, on a security group (every case has one), selected
  // by keyboard focus wherever it is.
  const sg = (await boxesInView(page, true)).find((x) => x.type === 'AWS::EC2::SecurityGroup');
  if (sg) {
    await page.locator(`g.shape[data-id="${sg.id}"]`).focus();
    await page.waitForTimeout(300);
    const id = page.locator('#logical-id');
    for (let i = 0; i < REPEAT; i++) {
      await id.fill(`${sg.id}R${i}`);
      push('rename', await frameAfter(page, 'keydown', () => id.press('Enter'), { key: 'Enter' }));
      await page.waitForTimeout(150);
    }
    const field = page.getByRole('textbox', { name: 'Property GroupDescription', exact: true });
    if ((await field.count()) > 0) {
      await field.focus();
      await field.press('End');
      for (let i = 0; i < REPEAT; i++) {
        push('field', await frameAfter(page, 'input', () => field.press(String.fromCharCode(97 + i))));
        await page.waitForTimeout(150);
      }
      await field.blur();
    }
  }

  // Delete the selected box, then undo.
  const victim = (await boxesInView(page)).filter((x) => x.card)[1];
  await click(page, victim);
  await page.waitForTimeout(150);
  push('delete', await key(page, 'Delete'));
  push('undo', await key(page, 'Control+z', 'z'));

  // Drag frames: a card and the largest container at 100 %.
  boxes = await boxesInView(page);
  const card = boxes.find((x) => x.card);
  if (card) {
    (acc.hover ??= []).push(...(await hoverFrames(page, card.id)));
    (acc.dragCard ??= []).push(...(await dragFrames(page, card.id)));
  }
  const container = boxes.filter((x) => !x.card).sort((p, q) => q.w * q.h - p.w * p.h)[0];
  if (container) (acc.dragContainer ??= []).push(...(await dragFrames(page, container.id)));

  // View > Auto-arrange.
  await page.getByRole('button', { name: 'View', exact: true }).click();
  const arrange = page.getByRole('menuitem', { name: 'Auto-arrange' });
  push('arrange', await frameAfter(page, 'click', () => arrange.click()));
  await page.close();
  return shape;
}

async function main() {
  const server = await serveDist(DIST, PORT);
  const browser = await launchChromium();
  const report = [];
  try {
    for (const c of cases()) {
      const acc = { open: [] };
      let shape = '';
      for (let run = 0; run < RUNS; run++) shape = await runCase(browser, c, acc);
      const t = c.target;
      report.push(`\n${c.label}: ${shape}`);
      report.push(row('  open -> drawn (fw-open)', stats(acc.open), 300));
      report.push(row('  select: latency', stats(acc.select ?? []), null));
      report.push(row('  select: work', stats(acc.selectWork ?? []), 16, 'median'));
      report.push(row('  select: inspector shows it', stats(acc.selectShown ?? []), null));
      for (const k of ['nudge', 'drop', 'nest', 'connect', 'rename', 'field', 'delete', 'undo', 'arrange']) {
        report.push(row(`  ${k}: latency`, stats(acc[k] ?? []), t, 'median'));
        report.push(row(`  ${k}: work`, stats(acc[`${k}Work`] ?? []), null));
      }
      report.push(row('  pointer move, no drag: work', stats(acc.hover ?? []), null));
      report.push(row('  drag frame, a card: work', stats(acc.dragCard ?? []), 8, 'p95'));
      report.push(row('  drag frame, largest container: work', stats(acc.dragContainer ?? []), 8, 'p95'));
    }
  } finally {
    await browser.close();
    server.close();
  }
  console.log(
    `Formwork canvas benchmark: headless Chromium, 1400x900, ${cpus().length} CPUs, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}, ${RUNS} runs per case; ms from the input event to the painted frame (latency) and spent (work)`,
  );
  console.log(report.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
