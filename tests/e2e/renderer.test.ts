/**
 * The renderer in real Chromium (Debian's, driven by playwright-core), talking to the real engine:
 * the built renderer is served over HTTP under its own CSP, and `window.cxb` (what the sandboxed
 * preload exposes in the app) forwards each call to core's `answer`, as Electron's IPC does. The
 * test checks that every figure the scorecard screen shows is the engine's, as the screen formats it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, answer, createEngine, type Channel, type Engine } from '../../src/core/api';
import type { Scorecard } from '../../src/core/metrics';
import { useTempDir } from '../helpers';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

const tempDir = useTempDir();
let server: Server;
let origin: string;
let browser: Browser;

/** The renderer as `npm run build` makes it (same root and plugin), into a temp folder. */
async function buildRenderer(outDir: string): Promise<void> {
  await build({
    root: join(import.meta.dirname, '../../src/renderer'),
    base: './',
    plugins: [react()],
    logLevel: 'silent',
    build: { outDir, emptyOutDir: true },
  });
}

function serve(root: string): Promise<Server> {
  const server = createServer((request, response) => {
    // Chromium asks every site for one; the app (loaded from a file in Electron) has none.
    if (request.url === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const path = normalize(join(root, new URL(request.url ?? '/', 'http://x').pathname));
    const file = path.endsWith('/') ? join(path, 'index.html') : path;
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** What the scorecard table shows for a KPI (App.tsx), from the engine's answer. */
function expectedRow(kpi: Scorecard['kpis'][number]): string[] {
  return [
    kpi.label,
    kpi.value === null ? (kpi.needs ?? '—') : kpi.value.toFixed(1),
    kpi.n === null || kpi.n === undefined ? '—' : String(kpi.n),
    kpi.interval ? `${kpi.interval.low.toFixed(1)} – ${kpi.interval.high.toFixed(1)}` : '—',
  ];
}

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).`);
  const site = join(tempDir(), 'renderer');
  await buildRenderer(site);
  server = await serve(site);
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

describe('renderer in Chromium', () => {
  it('opens the demo engagement and shows the engine’s scorecard, figure for figure', async () => {
    const engine: Engine = createEngine({ dataDir: tempDir() });
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    try {
      await page.exposeFunction('__cxbAnswer', (channel: Channel, payload: unknown) =>
        answer(engine, channel, payload),
      );
      await page.addInitScript((channels: string[]) => {
        const host = window as unknown as {
          __cxbAnswer: (channel: string, payload: unknown) => Promise<unknown>;
          cxb: Record<string, (payload: unknown) => Promise<unknown>>;
        };
        host.cxb = Object.fromEntries(
          channels.map((channel) => [channel, (payload: unknown) => host.__cxbAnswer(channel, payload)]),
        );
      }, CHANNELS);
      await page.goto(`${origin}/`);
      await page.getByRole('button', { name: 'Open demo engagement' }).click();
      await page.locator('table tbody tr').first().waitFor({ timeout: 60_000 });

      const scorecard = await engine.handle('scorecard:get', {});
      expect(await page.locator('h2').textContent()).toBe(`Scorecard — ${scorecard.period.display}`);
      expect(await page.locator('header .muted').textContent()).toBe(
        (await engine.handle('engagement:current', {}))?.name,
      );
      const shown = await page
        .locator('table tbody tr')
        .evaluateAll((rows) =>
          rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent ?? '')),
        );
      expect(shown).toEqual(scorecard.kpis.map(expectedRow));
      // The demo has NPS answers in every period: the screen must show a number, not a gap.
      const nps = scorecard.kpis.find((kpi) => kpi.id === 'nps');
      expect(nps?.value).not.toBeNull();
      expect(shown.find((row) => row[0] === nps?.label)?.[1]).toMatch(/^-?\d+\.\d$/);
      expect(await page.getByRole('alert').count()).toBe(0);
      await page.screenshot({ path: join(tempDir(), 'scorecard.png'), fullPage: true });
      if (process.env.CXBRIEF_SCREENSHOT) await page.screenshot({ path: process.env.CXBRIEF_SCREENSHOT });
      // The CSP (script-src 'self') let the bundle run and nothing was refused.
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      engine.close();
    }
  });
});
