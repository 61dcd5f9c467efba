/**
 * The renderer in real Chromium (the one npm ci installs, or CXBRIEF_BROWSER; driven by
 * playwright-core), talking to the real engine: the built renderer is served over HTTP under its own CSP, and `window.cxb` (what the sandboxed
 * preload exposes in the app) forwards each call to core's `answer`, as Electron's IPC does. The
 * test checks that the screen writes every KPI of the engine's scorecard exactly as the CLI table
 * does: both write through core/format, and the test compares the two outputs, not a copy of either.
 * File > Check engagement… (main's menu command, played by the test) says above the screen that the
 * open file passed SQLite's checks, what they found, or that a page is damaged.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import react from '@vitejs/plugin-react';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, answer, createEngine, type Channel, type Engine } from '../../src/core/api';
import { renderScorecard } from '../../src/cli/commands/scorecard';
import { launchBrowser } from '../../src/core/export';
import { importFile } from '../../src/core/import';
import { openEngagement } from '../../src/core/store';
import { dataset, useTempDir } from '../helpers';
import { shoot } from './serve-host';

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
/** The built renderer, served for every test of the file (a test's temp folders go after it). */
let site: string;

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
  site = mkdtempSync(join(tmpdir(), 'cxb-renderer-'));
  await buildRenderer(site);
  server = await serve(site);
  const address = server.address();
  origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  rmSync(site, { recursive: true, force: true });
});

/**
 * A page of the built renderer whose `window.cxb` (what the sandboxed preload exposes in the app)
 * forwards each call to core's `answer` on `engine`, as Electron's IPC does. With `menu`, also the
 * app's extras (`window.cxbApp`), whose onCommand is where main's menu commands arrive: the test
 * plays main with `window.__menu(command)`. `problems` collects the page's errors.
 */
async function pageOn(
  engine: Engine,
  viewport: { width: number; height: number },
  options: { menu?: boolean } = {},
): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.exposeFunction('__cxbAnswer', (channel: Channel, payload: unknown) =>
    answer(engine, channel, payload),
  );
  await page.addInitScript(
    ({ channels, menu }: { channels: string[]; menu: boolean }) => {
      const host = window as unknown as {
        __cxbAnswer: (channel: string, payload: unknown) => Promise<unknown>;
        __menu: (command: unknown) => void;
        cxb: Record<string, (payload: unknown) => Promise<unknown>>;
        cxbApp: Record<string, unknown>;
      };
      host.cxb = Object.fromEntries(
        channels.map((channel) => [channel, (payload: unknown) => host.__cxbAnswer(channel, payload)]),
      );
      if (!menu) return;
      const answered = (value: unknown) => async () => ({ ok: true, value });
      host.cxbApp = {
        recent: answered([]),
        remember: answered(null),
        chooseFile: answered(null),
        onCommand: (listener: (command: unknown) => void) => {
          host.__menu = listener;
          return () => {};
        },
      };
    },
    { channels: CHANNELS, menu: options.menu ?? false },
  );
  return { page, problems };
}

describe('renderer in Chromium', () => {
  it('opens the demo engagement and shows the engine’s scorecard, figure for figure', async () => {
    const engine: Engine = createEngine({ dataDir: tempDir() });
    const { page, problems } = await pageOn(engine, { width: 1280, height: 860 });
    try {
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

  it('File > Check engagement… runs the full check on the open engagement and says what it found', async () => {
    const dir = tempDir();
    const path = join(dir, 'acme.cxb');
    const seeded = openEngagement(path, { name: 'Acme renewal study' });
    await importFile(seeded.db, { file: dataset('telco-churn-ibm/Telco-Customer-Churn.csv') });
    seeded.close();
    const engine: Engine = createEngine({ dataDir: dir });
    await engine.handle('engagement:open', { path });
    const { page, problems } = await pageOn(engine, { width: 1280, height: 800 }, { menu: true });
    try {
      await page.goto(`${origin}/`);
      await page.getByText('Acme renewal study').waitFor();
      const menu = (command: string) =>
        page.evaluate(
          (command) => (window as unknown as { __menu: (c: unknown) => void }).__menu({ command }),
          command,
        );

      await menu('check');
      const passed = page.getByRole('status').filter({ hasText: 'integrity' });
      await passed.waitFor();
      expect(await passed.textContent()).toMatch(
        /^acme\.cxb passed SQLite's integrity and foreign-key checks \(\d+\.\d\d s\)\.Dismiss$/,
      );
      await shoot(page, 'check-engagement-passed');
      await passed.getByRole('button', { name: 'Dismiss' }).click();
      expect(await page.getByRole('status').filter({ hasText: 'integrity' }).count()).toBe(0);

      // Rows whose import is gone (written with SQLite's foreign keys off): the pages are sound,
      // the foreign-key check lists them.
      await engine.handle('engagement:close', {});
      const raw = new Database(path);
      raw.pragma('foreign_keys = OFF');
      raw.exec('DELETE FROM imports');
      raw.close();
      await engine.handle('engagement:open', { path });
      await menu('check');
      const orphaned = page.getByRole('alert');
      await orphaned.waitFor();
      expect(await orphaned.textContent()).toMatch(
        /^acme\.cxb failed SQLite's integrity and foreign-key checks\. .*What SQLite found:a row of customers refers to a missing row of importsDismiss$/,
      );
      await shoot(page, 'check-engagement-failed');
      await orphaned.getByRole('button', { name: 'Dismiss' }).click();

      // A page in the middle of the customers table damaged on disk: the file still opens (it was
      // closed cleanly), and only the check on demand finds it.
      await engine.handle('engagement:close', {});
      const bytes = readFileSync(path);
      bytes.fill(0x41, bytes.length - 40 * 4096, bytes.length - 38 * 4096);
      writeFileSync(path, bytes);
      await engine.handle('engagement:open', { path });
      await menu('check');
      const damaged = page.getByRole('alert');
      await damaged.waitFor();
      expect(await damaged.textContent()).toMatch(
        /acme\.cxb (failed SQLite's integrity and foreign-key checks\. If a backup lies beside it|is damaged .*backup)/,
      );
      await shoot(page, 'check-engagement-damaged');
      expect(problems).toEqual([]);
    } finally {
      await page.close();
      engine.close();
    }
  });
});
