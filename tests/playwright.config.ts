// End-to-end tests of the release build in dist/ (`cargo xtask test` builds it first),
// in Debian's Chromium. Every test runs twice: with the app at the domain root and
// under /formwork/, as GitHub Pages serves a project site.
//
// Never run `playwright install`: it downloads a browser, which this project does not
// use and cannot fetch offline.
import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.FORMWORK_E2E_PORT ?? 8181);
const ORIGIN = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './results',
  fullyParallel: true,
  workers: 2,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    headless: true,
    locale: 'en-US',
    viewport: { width: 1400, height: 900 },
    // The tests read the whole template through the code pane's Copy button.
    permissions: ['clipboard-read', 'clipboard-write'],
    // A failed test keeps its trace of actions, console and network; DOM snapshots and
    // screenshots of every action doubled the suite's time on two cores.
    trace: { mode: 'retain-on-failure', snapshots: false, screenshots: false },
    launchOptions: {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      // Root in a container needs --no-sandbox; the rest keeps Chromium off the
      // (closed) network instead of flooding it with refused connections.
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [
    { name: 'root', use: { baseURL: `${ORIGIN}/` } },
    { name: 'subpath', use: { baseURL: `${ORIGIN}/formwork/` } },
  ],
  webServer: {
    // Run from this folder: serve.mjs finds ../dist itself.
    command: `node serve.mjs ${PORT}`,
    url: `${ORIGIN}/formwork/`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
