// The designer canvas, driven with the mouse and keyboard as a person would: build the
// classic lab network by hand (a VPC, two subnets in it, an internet gateway connected
// to the VPC, a route table connected to a subnet, an instance dropped into a subnet,
// a security group connected to the instance), export the YAML and check what it says,
// undo everything, redo everything. Then the editing gestures one by one.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, openApp, openSample, templateText, test } from './fixtures';

// Whatever a test does, the page must not log an error or fail a request.
test.afterEach(async ({ watch }) => {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'failed requests').toEqual([]);
});

type Point = { x: number; y: number };

/** A resource box on the canvas, by its logical id (its accessible name). */
function box(page: Page, id: string): Locator {
  return page.getByRole('main').locator(`g.shape[data-id="${id}"]`);
}


async function centerOf(loc: Locator): Promise<Point> {
  const b = await loc.boundingBox();
  expect(b, 'element is on screen').not.toBeNull();
  return { x: b!.x + b!.width / 2, y: b!.y + b!.height / 2 };
}

/** A point half way along an edge's line, in page coordinates. */
async function pointOnEdge(edge: Locator): Promise<Point> {
  return edge.locator('.edge-hit').evaluate((path: SVGPathElement) => {
    const p = path.getPointAtLength(path.getTotalLength() / 2);
    const m = path.getScreenCTM()!;
    return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f };
  });
}

/** Drags with the primary button, in steps, as a hand would. */
async function drag(page: Page, from: Point, to: Point, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 6, from.y + 4, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

/** Drags a palette entry (named by its type) onto the canvas at a page point. */
async function dropFromPalette(page: Page, type: string, at: Point): Promise<void> {
  const entry = page
    .getByRole('complementary', { name: 'Resource palette' })
    .getByRole('button', { name: type, exact: true });
  await entry.scrollIntoViewIfNeeded();
  await drag(page, await centerOf(entry), at);
}

/** Drags from a box's port (connect, or depend for DependsOn) onto another box. */
async function connect(page: Page, from: string, to: Locator, kind = 'connect'): Promise<void> {
  const source = box(page, from);
  await source.hover();
  // Ports are drawn for the box under the pointer.
  const port = page.locator(`g.ports[data-port-for="${from}"] [data-port="${kind}"] .port-dot`);
  await drag(page, await centerOf(port), await centerOf(to));
}

async function canvasBox(page: Page) {
  const b = await page.locator('svg#fw-canvas').boundingBox();
  expect(b).not.toBeNull();
  return b!;
}

/** Builds the lab network by hand; returns nothing, leaves it on the canvas. */
async function buildLabNetwork(page: Page): Promise<void> {
  const c = await canvasBox(page);
  // A VPC in the middle of the canvas, a little low to leave room above it.
  await dropFromPalette(page, 'AWS::EC2::VPC', { x: c.x + c.width / 2 + 40, y: c.y + c.height / 2 + 40 });
  await expect(box(page, 'Vpc')).toBeVisible();
  const vpc = (await box(page, 'Vpc').boundingBox())!;
  // Two subnets in it, side by side.
  await dropFromPalette(page, 'AWS::EC2::Subnet', { x: vpc.x + 180, y: vpc.y + 140 });
  await dropFromPalette(page, 'AWS::EC2::Subnet', { x: vpc.x + vpc.width - 180, y: vpc.y + 140 });
  await expect(box(page, 'Subnet')).toBeVisible();
  await expect(box(page, 'Subnet2')).toBeVisible();
  // An internet gateway outside it, connected to it.
  await dropFromPalette(page, 'AWS::EC2::InternetGateway', { x: vpc.x + 120, y: vpc.y - 50 });
  await connect(page, 'InternetGateway', box(page, 'Vpc').locator('.container-body'));
  // A route table in the VPC, connected to the first subnet.
  const vpc2 = (await box(page, 'Vpc').boundingBox())!;
  await dropFromPalette(page, 'AWS::EC2::RouteTable', { x: vpc2.x + 180, y: vpc2.y + vpc2.height - 50 });
  await connect(page, 'RouteTable', box(page, 'Subnet').locator('.container-body'));
  // An instance dropped into the first subnet.
  await dropFromPalette(page, 'AWS::EC2::Instance', await centerOf(box(page, 'Subnet').locator('.container-body')));
  await expect(box(page, 'Instance')).toBeVisible();
  // A security group in the VPC, connected to the instance.
  const vpc3 = (await box(page, 'Vpc').boundingBox())!;
  await dropFromPalette(page, 'AWS::EC2::SecurityGroup', {
    x: vpc3.x + vpc3.width - 180,
    y: vpc3.y + vpc3.height - 50,
  });
  await connect(page, 'SecurityGroup', box(page, 'Instance'));
}

test('build the lab network by hand, export it, undo and redo everything', async ({ page }) => {
  // A dozen drags and two dozen undo/redo steps, each waited for: more than the
  // default 30 s on a busy two-core machine.
  test.setTimeout(90_000);
  await openApp(page);
  const empty = await templateText(page);
  await buildLabNetwork(page);

  // What the canvas shows: nesting, and the links the template now holds.
  await expect(box(page, 'Subnet')).toHaveAttribute('data-type', 'AWS::EC2::Subnet');
  const edges = page.locator('g.edge');
  await expect(edges.filter({ has: page.locator('.edge-label', { hasText: 'GatewayAttachment' }) })).toHaveCount(1);
  await expect(edges.filter({ has: page.locator('.edge-label', { hasText: 'RouteTableAssociation' }) })).toHaveCount(
    1,
  );
  await expect(page.locator('g.edge.edge-ref[data-from="Instance"][data-to="SecurityGroup"]')).toHaveCount(1);

  // Export: the Export YAML button.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export YAML', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('template.yaml');
  const path = await download.path();
  const yaml = readFileSync(path, 'utf8');
  expect(yaml).toBe(await templateText(page));

  const resource = (id: string): string => {
    const m = yaml.match(new RegExp(`^  ${id}:\\n((?:    .*\\n|      .*\\n)*)`, 'm'));
    expect(m, `resource ${id} in\n${yaml}`).not.toBeNull();
    return m![1];
  };
  expect(resource('Vpc')).toContain('Type: AWS::EC2::VPC');
  for (const subnet of ['Subnet', 'Subnet2']) {
    expect(resource(subnet)).toContain('Type: AWS::EC2::Subnet');
    expect(resource(subnet)).toContain('VpcId: !Ref Vpc');
  }
  expect(resource('Subnet')).not.toEqual(resource('Subnet2'));
  const attachment = resource('GatewayAttachment');
  expect(attachment).toContain('Type: AWS::EC2::VPCGatewayAttachment');
  expect(attachment).toContain('VpcId: !Ref Vpc');
  expect(attachment).toContain('InternetGatewayId: !Ref InternetGateway');
  const association = resource('RouteTableAssociation');
  expect(association).toContain('Type: AWS::EC2::SubnetRouteTableAssociation');
  expect(association).toContain('SubnetId: !Ref Subnet\n');
  expect(association).toContain('RouteTableId: !Ref RouteTable');
  expect(resource('RouteTable')).toContain('VpcId: !Ref Vpc');
  const instance = resource('Instance');
  expect(instance).toContain('SubnetId: !Ref Subnet\n');
  expect(instance).toMatch(/SecurityGroupIds:\n\s+- !Ref SecurityGroup/);
  expect(resource('SecurityGroup')).toContain('VpcId: !Ref Vpc');
  // The layout travels with the template as Designer metadata.
  expect(yaml).toContain('AWS::CloudFormation::Designer');

  // Undo everything: the template is empty again.
  const undo = page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: /^Undo/ });
  await expect(undo).toHaveAccessibleName('Undo Connect');
  let undos = 0;
  while (await undo.isEnabled()) {
    await page.keyboard.press('Control+z');
    undos++;
    expect(undos, 'undo ends').toBeLessThan(40);
  }
  expect(await templateText(page)).toBe(empty);
  await expect(page.locator('g.shape')).toHaveCount(0);

  // Redo everything (both redo shortcuts): the same text.
  const redo = page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: /^Redo/ });
  let redos = 0;
  while (await redo.isEnabled()) {
    await page.keyboard.press(redos % 2 ? 'Control+y' : 'Control+Shift+Z');
    redos++;
  }
  expect(redos).toBe(undos);
  expect(await templateText(page)).toBe(yaml);
});

test('the palette finds every type and adds from the keyboard', async ({ page }) => {
  await openApp(page);
  const palette = page.getByRole('complementary', { name: 'Resource palette' });
  // The full catalog arrives after the first paint: every type, by service.
  await expect(palette.locator('.palette-group.service').first()).toBeVisible();
  expect(await palette.locator('.palette-group.service').count()).toBeGreaterThan(100);
  await palette.getByRole('searchbox', { name: 'Search resource types' }).fill('nat');
  const nat = palette.getByRole('button', { name: 'AWS::EC2::NatGateway', exact: true });
  await expect(nat).toBeVisible();
  // A type outside the curated set is there too.
  await palette.getByRole('searchbox').fill('AWS::Lightsail::Instance');
  await expect(palette.getByRole('button', { name: 'AWS::Lightsail::Instance', exact: true })).toBeVisible();
  await palette.getByRole('searchbox').fill('nat');
  await nat.focus();
  await page.keyboard.press('Enter');
  await expect(box(page, 'NatGateway')).toBeVisible();
  await expect(box(page, 'NatGateway')).toHaveAttribute('aria-pressed', 'true');
  // Its starting properties are written.
  expect(await templateText(page)).toContain('ConnectivityType: public');
  // A second one goes beside it, not on top of it.
  await nat.press('Enter');
  await expect(box(page, 'NatGateway2')).toBeVisible();
  const a = (await box(page, 'NatGateway').boundingBox())!;
  const b = (await box(page, 'NatGateway2').boundingBox())!;
  expect(a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y).toBe(true);
  // What is missing is flagged: a route table needs its VPC.
  await palette.getByRole('searchbox').fill('route table');
  await palette.getByRole('button', { name: 'AWS::EC2::RouteTable', exact: true }).press('Enter');
  const badge = box(page, 'RouteTable').locator('.badge-pill.error');
  await expect(badge).toBeVisible();
  await expect(box(page, 'RouteTable').locator('.badges title')).toContainText('VpcId');
});

test('select, move, nudge, align, rename, copy and paste, delete', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  const c = await canvasBox(page);
  await dropFromPalette(page, 'AWS::SQS::Queue', { x: c.x + 300, y: c.y + 200 });
  await dropFromPalette(page, 'AWS::SNS::Topic', { x: c.x + 640, y: c.y + 320 });
  const queue = box(page, 'Queue');
  const topic = box(page, 'Topic');

  // Drag to move: one undo step named after it.
  const before = await queue.getAttribute('transform');
  await drag(page, await centerOf(queue), { x: c.x + 340, y: c.y + 260 });
  await expect(queue).not.toHaveAttribute('transform', before ?? '');
  const undo = page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: /^Undo/ });
  await expect(undo).toHaveAccessibleName('Undo Move');
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await expect(page.getByRole('menuitem', { name: 'Undo Move' })).toBeVisible();
  await page.keyboard.press('Escape');

  // Shift-click adds to the selection; align their tops.
  await queue.click();
  await topic.click({ modifiers: ['Shift'] });
  await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible();
  await page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: 'Align top' }).click();
  const qy = (await queue.boundingBox())!.y;
  const ty = (await topic.boundingBox())!.y;
  expect(Math.abs(qy - ty)).toBeLessThan(1);

  // Arrow keys nudge (one undo step for a run of them).
  await queue.click();
  const x0 = (await queue.boundingBox())!.x;
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect.poll(async () => Math.round((await queue.boundingBox())!.x - x0)).toBe(88);

  // Rename in the inspector: the box follows.
  const id = page.getByRole('textbox', { name: 'Logical ID' });
  await id.fill('Jobs');
  await id.press('Enter');
  await expect(box(page, 'Jobs')).toBeVisible();
  expect(await templateText(page)).toContain('Jobs:\n    Type: AWS::SQS::Queue');

  // Rubber band (Shift + drag on the background) selects both.
  await page.mouse.click(c.x + c.width - 40, c.y + 40);
  await page.keyboard.down('Shift');
  await drag(page, { x: c.x + 20, y: c.y + 70 }, { x: c.x + c.width - 20, y: c.y + c.height - 20 });
  await page.keyboard.up('Shift');
  await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible();

  // Copy and paste through the system clipboard, as template text.
  await box(page, 'Jobs').click();
  await page.keyboard.press('Control+c');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('Type: AWS::SQS::Queue');
  await page.keyboard.press('Control+v');
  await expect(box(page, 'Jobs2')).toBeVisible();
  // Duplicate too.
  await page.keyboard.press('Control+d');
  await expect(box(page, 'Jobs3')).toBeVisible();

  // The context menu deletes; Delete deletes; Ctrl+A selects all.
  await box(page, 'Jobs3').click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Context menu' });
  await expect(menu.getByRole('menuitem', { name: 'Documentation' })).toHaveAttribute('href', /aws-resource-sqs-queue/);
  await menu.getByRole('menuitem', { name: 'Delete' }).click();
  await expect(box(page, 'Jobs3')).toHaveCount(0);
  await box(page, 'Jobs2').click();
  await page.keyboard.press('Delete');
  await expect(box(page, 'Jobs2')).toHaveCount(0);
  await page.keyboard.press('Control+a');
  await expect(page.getByRole('status').filter({ hasText: '2 selected' })).toBeVisible();
});

test('a copy pasted into a full diagram lands where the user sees it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  await box(page, 'CpuScalingPolicy').click();
  await page.keyboard.press('Control+c');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toContain('CpuScalingPolicy');
  await page.keyboard.press('Control+v');
  const copy = box(page, 'CpuScalingPolicy2');
  await expect(copy).toBeVisible();
  const c = await canvasBox(page);
  const b = await copy.boundingBox();
  if (!b) throw new Error('the copy is not drawn');
  expect(b.x).toBeGreaterThanOrEqual(c.x);
  expect(b.y).toBeGreaterThanOrEqual(c.y);
  expect(b.x + b.width).toBeLessThanOrEqual(c.x + c.width);
  expect(b.y + b.height).toBeLessThanOrEqual(c.y + c.height);
});

test('a sample opens as an architect draws it, and can be arranged by dependencies instead', async ({ page }) => {
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  // One framed column per availability zone, public subnets in green, the zones side
  // by side, each zone's public subnet above its database subnet.
  const zones = page.locator('svg#fw-canvas .zone:not(.region):not(.scaling) .zone-title');
  await expect(zones).toHaveText(['Availability Zone 1', 'Availability Zone 2']);
  // All of it in the Region's group.
  await expect(page.locator('svg#fw-canvas .region .zone-title')).toHaveText('AWS Region');
  await expect(box(page, 'PublicSubnet1')).toHaveClass(/c-public/);
  await expect(box(page, 'DatabaseSubnet1')).not.toHaveClass(/c-public/);
  const [pub1, pub2, db1] = await Promise.all(
    ['PublicSubnet1', 'PublicSubnet2', 'DatabaseSubnet1'].map((id) => box(page, id).boundingBox()),
  );
  expect(pub2!.x).toBeGreaterThan(pub1!.x + pub1!.width);
  expect(db1!.y).toBeGreaterThan(pub1!.y + pub1!.height);
  // The Auto Scaling group as AWS draws it: a dashed group across both zones' public
  // subnets, around the group's box, above the database subnets.
  const scaling = page.locator('svg#fw-canvas .zone.scaling');
  await expect(scaling.locator('.zone-title')).toHaveText('Auto Scaling group');
  const [frame, group, body1, body2] = await Promise.all([
    scaling.locator('.zone-frame').boundingBox(),
    box(page, 'WebServerGroup').locator('.card-body').boundingBox(),
    box(page, 'PublicSubnet1').locator('.container-body').boundingBox(),
    box(page, 'PublicSubnet2').locator('.container-body').boundingBox(),
  ]);
  // (Bounding boxes include half the dashed stroke.)
  expect(Math.abs(frame!.x - body1!.x)).toBeLessThan(2);
  expect(Math.abs(frame!.x + frame!.width - (body2!.x + body2!.width))).toBeLessThan(2);
  expect(group!.x).toBeGreaterThan(frame!.x);
  expect(group!.y).toBeGreaterThan(frame!.y);
  expect(frame!.y + frame!.height).toBeLessThan(db1!.y);
  // Glue is drawn as links: the route and the listener are not boxes.
  await expect(box(page, 'PublicDefaultRoute')).toHaveCount(0);
  await expect(box(page, 'ALBListener')).toHaveCount(0);
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Arrange by dependencies' }).click();
  await expect(zones).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(zones).toHaveCount(2);
});

test('boxes carry AWS Architecture Icons, with the category tile where AWS draws none', async ({ page }) => {
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  const paint = (id: string) =>
    box(page, id).locator('rect.icon').first().evaluate((r) => getComputedStyle(r).fill);
  // The icons come after the first paint; until then (and offline before the first
  // visit) the category tiles stand in.
  await expect.poll(() => paint('ApplicationLoadBalancer')).toContain('#fw-aws-ElasticLoadBalancingApplicationLoadBalancer"');
  expect(await paint('WebServerGroup')).toContain('#fw-aws-AmazonEC2AutoScaling"');
  expect(await paint('Database')).toContain('#fw-aws-AmazonAuroraAmazonRDSInstance"');
  expect(await paint('ALBTargetGroup')).toContain('#fw-aws-ElasticLoadBalancing"');
  // AWS's group icons for the VPC and its public and private subnets.
  expect(await paint('Vpc')).toContain('#fw-aws-VirtualprivatecloudVPC"');
  expect(await paint('PublicSubnet1')).toContain('#fw-aws-Publicsubnet"');
  expect(await paint('DatabaseSubnet1')).toContain('#fw-aws-Privatesubnet"');
  // AWS has no security group icon (it draws one as a group): the category tile.
  expect(await paint('WebServerSecurityGroup')).toContain('#fw-icon-security"');
  await expect(page.locator('#fw-aws-icons pattern#fw-aws-ElasticLoadBalancingApplicationLoadBalancer')).toHaveCount(1);
  // A service the icon set is not asked for keeps its category tile.
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Paste template…' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill('Resources:\n  Sink:\n    Type: AWS::Oam::Sink\n    Properties:\n      Name: s\n');
  await page.getByRole('dialog').getByRole('button', { name: 'Open', exact: true }).click();
  expect(await paint('Sink')).toContain('#fw-icon-');
});

test('a Fn::ForEach loop is drawn as the resources it makes, stacked in its group', async ({ page }) => {
  await openApp(page);
  await page.getByRole('button', { name: 'File', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Paste template…' }).click();
  await page.getByRole('dialog').getByRole('textbox').fill(
    [
      'Transform: AWS::LanguageExtensions',
      'Resources:',
      '  Fn::ForEach::Buckets:',
      '    - Identifier',
      '    - [A, B, C]',
      '    - S3Bucket${Identifier}:',
      '        Type: AWS::S3::Bucket',
      '',
    ].join('\n'),
  );
  await page.getByRole('dialog').getByRole('button', { name: 'Open', exact: true }).click();
  // Named as CloudFormation names them, one under the other in a group named after the loop.
  for (const id of ['S3BucketA', 'S3BucketB', 'S3BucketC']) await expect(box(page, id)).toBeVisible();
  await expect(page.locator('.canvas-empty')).toHaveCount(0);
  await expect(page.locator('svg#fw-canvas .loop .zone-title')).toHaveText('Fn::ForEach::Buckets × 3');
  await expect(page.getByText('3 resources', { exact: true })).toBeVisible();
  const [a, b] = await Promise.all(['S3BucketA', 'S3BucketB'].map((id) => box(page, id).boundingBox()));
  expect(b!.x).toBeCloseTo(a!.x, 0);
  expect(b!.y).toBeGreaterThan(a!.y + a!.height);
  // One of them is edited through the loop: the inspector says so, a drag writes nothing.
  await box(page, 'S3BucketB').click();
  await expect(page.getByText(/One of the 3 resources made by the loop Fn::ForEach::Buckets/)).toBeVisible();
  const before = await templateText(page);
  const at = await centerOf(box(page, 'S3BucketB'));
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 120, at.y + 80, { steps: 5 });
  await page.mouse.up();
  await expect(page.getByText(/edit the loop in the template/).first()).toBeVisible();
  expect(await templateText(page)).toBe(before);
  expect((await box(page, 'S3BucketB').boundingBox())!.y).toBeCloseTo(b!.y, 0);
  // The loop itself is edited there: the names it makes its resources from.
  await box(page, 'S3BucketB').click();
  const names = page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Names the loop makes its resources from');
  await expect(names).toHaveValue('A, B, C');
  await names.fill('A, B, C, Logs2');
  await names.press('Enter');
  await expect(box(page, 'S3BucketLogs2')).toBeVisible();
  await expect(page.locator('svg#fw-canvas .loop .zone-title')).toHaveText('Fn::ForEach::Buckets × 4');
  expect(await templateText(page)).toContain('    - [A, B, C, Logs2]\n');
  // A name that cannot be part of a logical id is refused, and nothing is written.
  await box(page, 'S3BucketA').click();
  await names.fill('A, my-bucket');
  await names.press('Enter');
  await expect(page.getByText(/"my-bucket": a loop's names are letters and digits only/)).toBeVisible();
  expect(await templateText(page)).toContain('    - [A, B, C, Logs2]\n');
});

test('every name shows whole: a card as wide as its name, a long one on two lines, on hover when zoomed out', async ({ page }) => {
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  await page.getByRole('button', { name: 'Reset zoom', exact: true }).click();
  // No card of the sample cuts its name, so none needs a hover text at full detail.
  await expect(page.locator('svg#fw-canvas g.shape .card-title')).not.toHaveCount(0);
  await expect(page.locator('svg#fw-canvas g.shape:has(.card-title) > title')).toHaveCount(0);
  for (const title of await page.locator('svg#fw-canvas .card-title').allTextContents()) {
    expect(title).not.toContain('…');
  }
  // Wider names, wider cards; the longest on two lines, broken where its words meet.
  const width = async (id: string) => (await box(page, id).locator('.card-body').boundingBox())!.width;
  expect(await width('ApplicationLoadBalancer')).toBeGreaterThan(await width('Database'));
  await expect(box(page, 'LoadBalancerSecurityGroup').locator('.card-title tspan')).toHaveText([
    'LoadBalancer',
    'SecurityGroup',
  ]);
  // Zoomed far out the name is too small to read: it shows on hover.
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Zoom out', exact: true }).click();
  await expect(box(page, 'Database').locator(':scope > title')).toHaveText('Database · AWS::RDS::DBInstance');
});

test('a resource folded into a link keeps its whole form in the inspector', async ({ page }) => {
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  // The default route is drawn as the link from its route table to the gateway.
  const route = page.locator('g.edge.edge-glue[data-from="PublicRouteTable"][data-to="InternetGateway"]');
  await expect(route).toHaveCount(1);
  const on = await pointOnEdge(route);
  await page.mouse.click(on.x, on.y);
  await expect(route).toHaveAttribute('aria-pressed', 'true');
  const inspector = page.getByRole('complementary', { name: 'Inspector' });
  await expect(inspector.getByLabel('Logical ID', { exact: true })).toHaveValue('PublicDefaultRoute');
  const cidr = inspector.getByLabel('Property DestinationCidrBlock', { exact: true });
  await expect(cidr).toHaveValue('0.0.0.0/0');
  // Edited there, written to the template; the link is still the one selected.
  await cidr.fill('10.9.0.0/16');
  await cidr.press('Enter');
  await expect.poll(() => templateText(page)).toContain('DestinationCidrBlock: 10.9.0.0/16');
  await expect(inspector.getByRole('button', { name: 'Delete resource' })).toBeVisible();
  await expect(inspector.getByRole('button', { name: 'Duplicate' })).toHaveCount(0);
});

test('View › Show all resources draws the folded glue as boxes of its own, and hides them again', async ({ page }) => {
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  await expect(box(page, 'PublicDefaultRoute')).toHaveCount(0);
  const vpcBefore = await box(page, 'Vpc').locator('.container-body').boundingBox();
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await page.getByRole('menuitemcheckbox', { name: 'Show all resources' }).click();
  // Every resource is a box: 25, the route and the associations among them, below the
  // drawing, which keeps its place; the route links to its table and its gateway.
  await expect(page.locator('svg#fw-canvas g.shape')).toHaveCount(25);
  await expect(page.getByText('25 resources')).toBeVisible();
  const route = box(page, 'PublicDefaultRoute');
  await expect(route).toBeVisible();
  await expect(page.locator('g.edge.edge-glue')).toHaveCount(0);
  await expect(page.locator('g.edge[data-from="PublicDefaultRoute"][data-to="InternetGateway"]')).toHaveCount(1);
  const vpcAfter = await box(page, 'Vpc').locator('.container-body').boundingBox();
  expect((await route.boundingBox())!.y).toBeGreaterThan(vpcAfter!.y + vpcAfter!.height);
  expect(vpcAfter!.width / vpcAfter!.height).toBeCloseTo(vpcBefore!.width / vpcBefore!.height, 2);
  // Selected, it shows its form; dragged, it stays (it goes where what it joins goes).
  await route.click();
  await expect(page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Logical ID', { exact: true })).toHaveValue(
    'PublicDefaultRoute',
  );
  const before = await templateText(page);
  const at = await centerOf(route);
  await drag(page, at, { x: at.x + 120, y: at.y + 40 });
  await expect(page.getByText('PublicDefaultRoute has no place of its own')).toBeVisible();
  expect(await templateText(page)).toBe(before);
  // Off again: folded into links.
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await expect(page.getByRole('menuitemcheckbox', { name: 'Show all resources' })).toHaveAttribute('aria-checked', 'true');
  await page.getByRole('menuitemcheckbox', { name: 'Show all resources' }).click();
  await expect(box(page, 'PublicDefaultRoute')).toHaveCount(0);
  await expect(page.locator('g.edge.edge-glue[data-from="PublicRouteTable"][data-to="InternetGateway"]')).toHaveCount(1);
});

test('a minimap shows the whole diagram once most of it is out of view, and moves the view', async ({ page }) => {
  await openApp(page);
  await openSample(page, /^Multi-AZ WordPress blog/);
  const minimap = page.getByRole('img', { name: /^Minimap/ });
  // At fit the whole diagram is in view, and at 100 % about half of it: no minimap.
  await expect(minimap).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset zoom', exact: true }).click();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await page.getByRole('button', { name: 'Zoom in', exact: true }).click();
  await expect(minimap).toBeVisible();
  // Every box is there, named on hover.
  await expect(minimap.locator('rect > title')).toHaveCount(18);
  const db = minimap.locator('rect:has(> title:text-is("Database"))');
  await expect(db).toHaveCount(1);
  // A click on the database's mark brings the database to the middle of the canvas.
  await db.click();
  const c = await canvasBox(page);
  const at = await centerOf(box(page, 'Database'));
  expect(Math.abs(at.x - (c.x + c.width / 2))).toBeLessThan(30);
  expect(Math.abs(at.y - (c.y + c.height / 2))).toBeLessThan(30);
  await expect(page.getByRole('group', { name: 'Zoom', exact: true }).getByLabel('Zoom level')).toHaveText('125%');
});

test('links: DependsOn from the second port, select a link, delete it', async ({ page }) => {
  await openApp(page);
  const c = await canvasBox(page);
  await dropFromPalette(page, 'AWS::SQS::Queue', { x: c.x + 280, y: c.y + 160 });
  await dropFromPalette(page, 'AWS::SNS::Topic', { x: c.x + 680, y: c.y + 360 });
  await connect(page, 'Topic', box(page, 'Queue'), 'depend');
  expect(await templateText(page)).toContain('Topic:\n    Type: AWS::SNS::Topic\n    DependsOn: Queue');
  const link = page.locator('g.edge.edge-dep[data-from="Topic"][data-to="Queue"]');
  await expect(link).toHaveCount(1);
  // Click the link's line, then Delete: exactly the DependsOn goes.
  const on = await pointOnEdge(link);
  await page.mouse.click(on.x, on.y);
  await expect(link).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Delete');
  await expect(link).toHaveCount(0);
  expect(await templateText(page)).not.toContain('DependsOn');
  await expect(page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: /^Undo/ })).toHaveAccessibleName(
    'Undo Remove link',
  );
});

test('auto-arrange lays out an opened template and saves the layout', async ({ page }) => {
  await openApp(page);
  const text = [
    'Resources:',
    '  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}',
    '  A: {Type: AWS::EC2::Subnet, Properties: {VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24}}',
    '  Web: {Type: AWS::EC2::Instance, Properties: {SubnetId: !Ref A, ImageId: ami-12345678}}',
    '  Bucket: {Type: AWS::S3::Bucket, DependsOn: Web}',
    '',
  ].join('\n');
  await page.locator('input[type=file]').setInputFiles({
    name: 'lab.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(text),
  });
  await expect(box(page, 'Web')).toBeVisible();
  // Nesting drawn from the references; no layout written until something is placed.
  expect(await templateText(page)).not.toContain('AWS::CloudFormation::Designer');
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Auto-arrange' }).click();
  expect(await templateText(page)).toContain('AWS::CloudFormation::Designer');
  const vpc = (await box(page, 'Vpc').boundingBox())!;
  const web = (await box(page, 'Web').boundingBox())!;
  expect(web.x).toBeGreaterThan(vpc.x);
  expect(web.y + web.height).toBeLessThan(vpc.y + vpc.height);
  await expect(page.getByRole('toolbar', { name: 'Canvas tools' }).getByRole('button', { name: /^Undo/ })).toHaveAccessibleName(
    'Undo Auto-arrange',
  );
});
