// The simulator's Web Worker as the release build ships it: the loader Trunk writes
// next to the page starts the worker's own wasm, which runs the WordPress sample on
// the app's JSON commands (formwork_core::sim::protocol). No interface is involved:
// the page only hosts the worker, started here as the app starts it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, openApp, test } from './fixtures';

const WORDPRESS = readFileSync(
  resolve(process.cwd(), 'crates/core/data/samples/wordpress-multi-az.yaml'),
  'utf8',
);
const SCENARIO = 'duration: 10m\nseed: 7\nregion: ap-northeast-2\ntraffic: [{at: 0s, rps: 40}]\n';

test.afterEach(async ({ watch }) => {
  expect(watch.errors, 'console errors').toEqual([]);
  expect(watch.requests, 'failed requests').toEqual([]);
});

test('the simulator worker runs the WordPress sample and answers with snapshots', async ({ page }) => {
  await openApp(page);
  const replies = await page.evaluate(
    async ({ template, scenario }) => {
      // As the app starts it: relative to the page, so it also works under a sub-path.
      const worker = new Worker('./formwork-worker_loader.js');
      const queue: unknown[] = [];
      let wake: (() => void) | null = null;
      worker.onmessage = (e) => {
        queue.push(JSON.parse(e.data));
        wake?.();
      };
      worker.onerror = (e) => {
        queue.push({ worker_error: e.message || 'the worker failed' });
        wake?.();
      };
      const next = async () => {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        return queue.shift();
      };
      const send = (command: unknown) => {
        worker.postMessage(JSON.stringify(command));
        return next();
      };
      try {
        const ready = await next();
        const started = await send({ start: { template, scenario } });
        const advanced = await send({ advance: { to: 120, budget: 10_000_000 } });
        const fault = { at: 0, kind: 'db-failover', target: 'Database', zone: null };
        const injected = await send({ inject: fault });
        const failing = await send({ advance: { to: 125, budget: 10_000_000 } });
        const refused = await send({ apply: { template: 'Resources: [' } });
        const ended = await send('reset');
        return { ready, started, advanced, injected, failing, refused, ended };
      } finally {
        worker.terminate();
      }
    },
    { template: WORDPRESS, scenario: SCENARIO },
  );
  type Frame = {
    snapshot: {
      t: number;
      requests: number;
      groups: { id: string; instances: { life: string; alive: boolean }[] }[];
      databases: { available: boolean }[];
    };
    events: { kind: string }[];
    timeline: { t: number; groups: { instances: number }[] }[];
  };
  const frame = (reply: unknown): Frame => {
    expect(reply, 'a snapshot').toHaveProperty('snapshot');
    return (reply as { snapshot: Frame }).snapshot;
  };

  expect(replies.ready).toBe('ready');
  expect(frame(replies.started).snapshot.t).toBe(0);

  const at120 = frame(replies.advanced);
  expect(at120.snapshot.t).toBe(120);
  expect(at120.snapshot.requests).toBeGreaterThan(0);
  const group = at120.snapshot.groups[0];
  expect(group.id).toBe('WebServerGroup');
  expect(group.instances).toHaveLength(2);
  expect(group.instances.every((i) => i.life === 'running' && i.alive)).toBe(true);
  expect(at120.timeline).toHaveLength(120);
  expect(at120.timeline[119]).toMatchObject({ t: 120, groups: [{ instances: 2 }] });

  frame(replies.injected);
  const failing = frame(replies.failing);
  expect(failing.snapshot.databases[0].available).toBe(false);
  expect(failing.events.some((e) => e.kind === 'database')).toBe(true);

  expect(replies.refused).toEqual({ error: { message: expect.stringContaining('cannot be read') } });
  expect(replies.ended).toBe('finished');
});
