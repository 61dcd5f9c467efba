/**
 * The renderer in real Chromium (the one npm ci installs, or CXBRIEF_BROWSER; driven by
 * playwright-core), talking to the real engine: the built renderer is served over HTTP under its own CSP, and `window.cxb` (what the sandboxed
 * preload exposes in the app) forwards each call to core's `answer`, as Electron's IPC does. The
 * test checks that the screen writes every KPI of the engine's scorecard exactly as the CLI table
 * does: both write through core/format, and the test compares the two outputs, not a copy of either.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, answer, createEngine, type Channel, type Engine } from '../../src/core/api';
import { renderScorecard } from '../../src/cli/commands/scorecard';
import { launchBrowser } from '../../src/core/export';
import { useTempDir } from '../helpers';

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

/**
 * The rows of the CLI's scorecard table as cells: the table pads cells with two or more spaces and
 * no cell holds two spaces in a row. Its first line after the blank one is the header.
 */
function cliRows(text: string): string[][] {
  const lines = text.split('\n');
  const header = lines.findIndex((line) => line.startsWith('KPI '));
  const rows: string[][] = [];
  for (const line of lines.slice(header + 2)) {
    if (line.trim() === '') break;
    rows.push(line.trim().split(/ {2,}/));
  }
  return rows;
}

beforeAll(async () => {
  const site = join(tempDir(), 'renderer');
  await buildRenderer(site);
  server = await serve(site);
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
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
      // Every KPI, every figure: the screen's cells are the CLI's cells (the CLI leaves an empty
      // note out of its line, so the note is compared where there is one).
      const cli = cliRows(renderScorecard(scorecard));
      expect(shown.map((row) => row[0])).toEqual(scorecard.kpis.map((kpi) => kpi.label));
      expect(cli.map((row) => row[0])).toEqual(scorecard.kpis.map((kpi) => kpi.label));
      shown.forEach((row, i) => expect(cli[i]).toEqual(row[8] === '' ? row.slice(0, 8) : row));
      // The demo has NPS answers in every period: both show a number in its board rounding, a
      // sample size with its thousands separator and the interval around it.
      const nps = shown.find((row) => row[0] === 'Net Promoter Score') ?? [];
      expect(nps[1]).toMatch(/^−?\d+\.\d$/);
      expect(nps[2]).toMatch(/^\d{1,3}(,\d{3})+$/);
      expect(nps[3]).toMatch(/^−?\d+\.\d to −?\d+\.\d$/);
      const clv = shown.find((row) => row[0] === 'Customer lifetime value (CLV)') ?? [];
      expect(clv[1]).toMatch(/^\$\d{1,3}(,\d{3})+$/);
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
