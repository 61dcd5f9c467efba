/**
 * The app's screens in real Chromium against `npm run serve` (the built renderer and the engine
 * process behind the browser host): a new engagement; a real public file imported through the
 * mapping screen with one column's use changed, whose accepted and rejected counts equal the CLI's
 * for the same file and mapping; a large import cancelled with nothing landing; an import removed.
 * The page asks for nothing outside 127.0.0.1. Every screen is photographed at 1280×800 and
 * 1920×1080 into test-output/screenshots.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../src/core/export';
import { openEngagement } from '../../src/core/store';
import { dataset } from '../helpers';
import { ROOT, SHOTS, SIZES, shoot, startServe, stopServe } from './serve-host';

const TELCO = dataset('telco-churn-ibm/Telco-Customer-Churn.csv');

let work: string;
let serve: ChildProcess;
let url: string;
let origin: string;
let browser: Browser;
const outside: string[] = [];

async function openPage(size = SIZES[0]!): Promise<Page> {
  const page = await browser.newPage({ viewport: size });
  page.on('request', (request) => {
    const address = request.url();
    if (!address.startsWith(`${origin}/`) && !address.startsWith('data:') && !address.startsWith('blob:'))
      outside.push(address);
  });
  await page.goto(url);
  return page;
}

async function newEngagement(page: Page, name: string): Promise<void> {
  await page.getByLabel('Engagement name').fill(name);
  await page.getByLabel('Client').fill('Telco');
  await page.getByLabel('Currency').selectOption('EUR');
  await page.getByRole('button', { name: 'Create engagement' }).click();
  await page.getByRole('heading', { name: 'Import a file' }).waitFor();
}

/** The CLI's counts for the same file and mapping (detected customers, segment = InternetService). */
function cliCounts(): { rowsAccepted: number; rowsRejected: number } {
  const into = join(work, 'cli.cxb');
  const out = execFileSync(
    process.execPath,
    [
      join(ROOT, 'bin/cxbrief.js'),
      'import',
      TELCO,
      '--into',
      into,
      '--kind',
      'customers',
      '--map',
      'segment=InternetService',
      '--json',
    ],
    { encoding: 'utf8', cwd: ROOT },
  );
  return JSON.parse(out) as { rowsAccepted: number; rowsRejected: number };
}

/** A customers file large enough that its import is still running when Cancel is pressed. */
async function largeCustomersFile(rows: number, name = 'customers-large.csv'): Promise<string> {
  const file = join(work, name);
  const out = createWriteStream(file);
  out.write('customer_id,segment,region,churned\n');
  const regions = ['North', 'South', 'East', 'West'];
  for (let i = 0; i < rows; i += 10_000) {
    let chunk = '';
    for (let j = i; j < Math.min(rows, i + 10_000); j++)
      chunk += `C${j},${j % 3 ? 'SMB' : 'Enterprise'},${regions[j % 4]},${j % 7 ? 'No' : 'Yes'}\n`;
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise((resolve) => out.end(resolve));
  return file;
}

/** The engine's answer to a channel, asked from the page with its token (as the renderer asks). */
async function engineCall<T>(page: Page, channel: string, request: unknown): Promise<T> {
  const answer = await page.evaluate(
    async ([name, body]) => {
      const response = await fetch(`/api/${encodeURIComponent(name)}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-cxb-token': sessionStorage.getItem('cxb-token') ?? '',
        },
        body: JSON.stringify(body),
      });
      return (await response.json()) as { ok: boolean; value: unknown };
    },
    [channel, request] as const,
  );
  if (!answer.ok) throw new Error(`${channel} failed: ${JSON.stringify(answer)}`);
  return answer.value as T;
}

const count = (text: string | null) => Number(/of ([\d,]+)/.exec(text ?? '')?.[1]?.replace(/,/g, ''));

/** The responses table scrolls through a window: a few dozen rows in the page, the last row reachable. */
async function scrollsAMillionStyle(page: Page): Promise<void> {
  await page.getByLabel('Table').selectOption('responses');
  await expect
    .poll(async () => count(await page.getByTestId('records-range').textContent()))
    .toBeGreaterThan(10_000);
  const total = count(await page.getByTestId('records-range').textContent());
  expect(await page.locator('table[aria-label="Records"] tbody tr').count()).toBeLessThan(60);
  await page.getByLabel('Go to row').fill(String(total));
  await page.getByRole('button', { name: 'Go', exact: true }).click();
  await expect
    .poll(() => page.getByTestId('records-range').textContent())
    .toMatch(new RegExp(`–${total.toLocaleString('en')} of ${total.toLocaleString('en')}$`));
  await expect.poll(() => page.locator('td.loading').count()).toBe(0);
  expect(await page.locator(`tr[aria-rowindex="${total}"]`).count()).toBe(1);
  await shoot(page, '12-data-scrolled');
}

/** A drill-through address opens the rows behind NPS for a quarter and a segment: as many as its n. */
async function drillsThrough(page: Page): Promise<void> {
  const scope = { period: '2026-Q2', filters: { segment: 'Enterprise' } };
  const card = await engineCall<{ kpis: Array<{ id: string; n: number | null }> }>(
    page,
    'scorecard:get',
    scope,
  );
  const n = card.kpis.find((k) => k.id === 'nps')?.n ?? -1;
  expect(n).toBeGreaterThan(100);
  await page.evaluate(() => {
    location.hash =
      '#rows?kpi=nps&period=2026-Q2&segment=Enterprise&label=NPS, 2026-Q2, segment = Enterprise';
  });
  await page.getByTestId('focus-label').waitFor();
  expect(await page.getByTestId('focus-label').textContent()).toBe('NPS, 2026-Q2, segment = Enterprise');
  await expect.poll(async () => count(await page.getByTestId('records-range').textContent())).toBe(n);
  expect(await page.getByTestId('focus-description').textContent()).toBe(
    `NPS answers (0–10) in 2026-Q2: ${n.toLocaleString('en')} rows of responses`,
  );
  await shoot(page, '13-data-focus');
  // A number with no rows of its own says so, in a sentence, instead of showing other rows.
  await page.evaluate(() => {
    location.hash = '#rows?kpi=ltv-cac&period=2026-Q2&label=LTV:CAC, 2026-Q2';
  });
  await expect
    .poll(async () => (await page.getByRole('alert').textContent()) ?? '')
    .toMatch(/^LTV:CAC has no rows to show: it is computed from other figures/);
  expect(await page.locator('table[aria-label="Records"]').count()).toBe(0);
  await shoot(page, '13-data-focus-none');
  await page.getByRole('button', { name: 'Show all rows' }).click();
  await expect.poll(() => page.getByTestId('focus-label').count()).toBe(0);
  await expect.poll(() => page.getByRole('alert').count()).toBe(0);
  await expect
    .poll(async () => count(await page.getByTestId('records-range').textContent()))
    .toBeGreaterThan(n);
}

/** Drops a file on the window as the OS does: a drop event whose DataTransfer holds a File. */
async function dropFile(page: Page, path: string): Promise<void> {
  await page.evaluate(
    ([name, base64]) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], name, { type: 'text/csv' }));
      const target = document.querySelector('main') ?? document.body;
      for (const type of ['dragenter', 'dragover', 'drop'])
        target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [basename(path), readFileSync(path).toString('base64')] as const,
  );
}

/** Engagement files in the three states the Start screen must explain: damaged, newer, open elsewhere. */
function troubledFiles(): { damaged: string; newer: string; held: string; release: () => void } {
  const damaged = join(work, 'damaged.cxb');
  const sound = openEngagement(join(work, 'sound.cxb'), { create: true, name: 'Sound' });
  sound.close();
  const bytes = readFileSync(join(work, 'sound.cxb'));
  bytes.fill(0x41, 4096, 8192);
  writeFileSync(damaged, bytes);
  const newer = join(work, 'newer.cxb');
  const future = openEngagement(newer, { create: true, name: 'From the future' });
  future.db.pragma('user_version = 999');
  future.close();
  const held = join(work, 'held.cxb');
  const holder = openEngagement(held, { create: true, name: 'Held' });
  return { damaged, newer, held, release: () => holder.close() };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cxb-app-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  ({ url, process: serve } = await startServe(join(work, 'workspace')));
  origin = new URL(url).origin;
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  stopServe(serve);
  rmSync(work, { recursive: true, force: true });
});

describe('the app in Chromium against npm run serve', () => {
  it('imports a real file through the mapping screen with one use changed, as the CLI counts it, then removes it', async () => {
    const page = await openPage();
    await page.getByRole('heading', { name: 'Start' }).waitFor();
    expect(new URL(page.url()).searchParams.has('token')).toBe(false);
    await shoot(page, '01-start');
    await newEngagement(page, 'Churn review');
    expect(await page.locator('header .muted').textContent()).toBe('Telco — Churn review');
    await shoot(page, '02-import-empty');

    await page.getByLabel('Choose a file to import').setInputFiles(TELCO);
    const use = page.getByLabel('Use of column InternetService');
    await use.waitFor({ timeout: 60_000 });
    expect(await page.getByLabel('Kind of file').inputValue()).toBe('customers');
    expect(await use.inputValue()).toBe('attribute');
    await use.selectOption('field:segment');
    // The engine previews again with the edit: the select shows the new use once it has answered.
    await expect
      .poll(() => page.getByLabel('Use of column InternetService').inputValue())
      .toBe('field:segment');
    await page.getByRole('button', { name: 'Import this file' }).waitFor();
    await shoot(page, '03-import-preview');

    await page.getByRole('button', { name: 'Import this file' }).click();
    await page.getByTestId('result-accepted').waitFor({ timeout: 120_000 });
    const cli = cliCounts();
    const number = async (id: string) =>
      Number((await page.getByTestId(id).textContent())?.replace(/,/g, ''));
    expect(await number('result-accepted')).toBe(cli.rowsAccepted);
    expect(await number('result-rejected')).toBe(cli.rowsRejected);
    expect(cli.rowsAccepted).toBe(7043);
    await shoot(page, '04-import-result');

    // The segment the user chose is what the records hold.
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    await page.getByLabel('Search the records').fill('Fiber optic');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('records-range').textContent())
      .toMatch(/^Rows 1–\d\d of 3,096$/);
    await shoot(page, '05-data');

    await page.getByRole('button', { name: 'Remove import 1' }).click();
    await page.getByRole('button', { name: 'Remove 7,043 rows' }).click();
    await page.getByText('Nothing imported yet.').waitFor();
    await page.getByText('No records yet').waitFor();
    await shoot(page, '06-data-empty');
    await page.close();
  });

  it('cancels a large import and nothing lands', async () => {
    const file = await largeCustomersFile(1_500_000);
    const page = await openPage();
    await newEngagement(page, 'Cancel test');
    await page.getByLabel('Choose a file to import').setInputFiles(file);
    await page.getByLabel('Use of column customer_id').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Import this file' }).click();
    await expect
      .poll(async () => (await page.getByTestId('import-progress').textContent()) ?? '', { timeout: 60_000 })
      .toMatch(/^[1-9][\d,]* rows read/);
    await shoot(page, '07-import-progress');
    await page.getByRole('button', { name: 'Cancel import' }).click();
    await page.getByText('Nothing was written').waitFor({ timeout: 60_000 });
    await shoot(page, '08-import-cancelled');
    await page.getByText('Nothing imported yet.').waitFor();
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    await page.getByText('No records yet').waitFor();
    await page.close();
  });

  it('opens the demo and shows its scorecard; the page asked for nothing outside 127.0.0.1', async () => {
    const page = await openPage();
    await page.getByRole('button', { name: 'Open demo engagement' }).click();
    await page.locator('table tbody tr').first().waitFor({ timeout: 120_000 });
    await shoot(page, '09-scorecard');
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    await page.getByTestId('records-range').waitFor();
    await shoot(page, '10-data-demo');
    await scrollsAMillionStyle(page);
    await drillsThrough(page);
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByRole('button', { name: /Churn review\.cxb$/ }).waitFor();
    await shoot(page, '11-start-recent');
    await page.close();
    expect(outside).toEqual([]);
  });

  it('scrolls a million-row table: a screenful in the page, any row reached at once, by scrollbar or by number', async () => {
    const file = await largeCustomersFile(1_000_000, 'customers-million.csv');
    const page = await openPage();
    await newEngagement(page, 'Million');
    await page.getByLabel('Choose a file to import').setInputFiles(file);
    await page.getByLabel('Use of column customer_id').waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Import this file' }).click();
    await page.getByTestId('result-accepted').waitFor({ timeout: 300_000 });
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('records-range').textContent(), { timeout: 60_000 })
      .toMatch(/^Rows 1–\d+ of 1,000,000$/);
    const firstShown = async () =>
      Number(
        /^Rows ([\d,]+)/
          .exec((await page.getByTestId('records-range').textContent()) ?? '')?.[1]
          ?.replace(/,/g, ''),
      );
    // The file's row k holds customer C(k − 1): the rows on screen are the rows at that position.
    const idAt = (row: number) => page.locator(`tr[aria-rowindex="${row}"] td`).first().textContent();

    const started = Date.now();
    await page.locator('.records-scroller').evaluate((element) => {
      element.scrollTop = (element.scrollHeight - element.clientHeight) / 2;
    });
    await expect.poll(firstShown, { timeout: 10_000 }).toBeGreaterThan(490_000);
    await expect.poll(() => page.locator('td.loading').count(), { timeout: 10_000 }).toBe(0);
    const middle = await firstShown();
    expect(middle).toBeLessThan(510_000);
    expect(await idAt(middle)).toBe(`C${middle - 1}`);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await page.locator('table[aria-label="Records"] tbody tr').count()).toBeLessThan(60);
    await shoot(page, '17-data-million-middle');

    await page.getByLabel('Go to row').fill('1,000,000');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('records-range').textContent())
      .toMatch(/–1,000,000 of 1,000,000$/);
    await expect.poll(() => page.locator('td.loading').count(), { timeout: 10_000 }).toBe(0);
    expect(await idAt(1_000_000)).toBe('C999999');
    await page.getByLabel('Go to row').fill('123456');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await expect.poll(firstShown, { timeout: 10_000 }).toBe(123_456);
    await expect.poll(() => idAt(123_456), { timeout: 10_000 }).toBe('C123455');
    await page.close();
  }, 400_000);

  it('a file dropped on the window starts its preview, with the saved template suggested and replace or skip asked', async () => {
    const page = await openPage();
    await newEngagement(page, 'Drop test');
    await page.getByLabel('Choose a file to import').setInputFiles(TELCO);
    await page.getByLabel('Use of column customerID').waitFor({ timeout: 60_000 });
    await page.getByLabel('Save this mapping as a template (optional)').fill('Telco CRM');
    await page.getByRole('button', { name: 'Import this file' }).click();
    await page.getByTestId('result-accepted').waitFor({ timeout: 120_000 });

    // Dropped while another screen shows: the window takes it to the import preview.
    await page.getByRole('button', { name: 'Data', exact: true }).click();
    await page.getByTestId('records-range').waitFor();
    await dropFile(page, TELCO);
    await page.getByLabel('Use of column customerID').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('template-suggestion').textContent()).toContain(
      'This file’s columns match your saved template “Telco CRM” (customers,',
    );
    await page.getByText('This file was imported before (import 1).').waitFor();
    await shoot(page, '15-import-template-suggested');
    await page.getByRole('button', { name: 'Use “Telco CRM”' }).click();
    await page.getByText('Mapped with your saved template “Telco CRM”.').waitFor();
    expect(await page.getByLabel('Header rows').inputValue()).toBe('1');
    await page.getByLabel('Skip: keep the earlier import').check();
    await shoot(page, '16-import-reimport');
    await page.getByRole('button', { name: 'Import this file' }).click();
    await page
      .getByText('Telco-Customer-Churn.csv was skipped: it was imported before')
      .waitFor({ timeout: 60_000 });
    await page.close();
  });

  it('says what to do when a file is damaged, from a newer version or open elsewhere', async () => {
    const files = troubledFiles();
    try {
      const page = await openPage();
      const cases = [
        { path: files.damaged, says: /is damaged .*If a backup lies beside it/, shot: 'damaged' },
        { path: files.newer, says: /newer version of CX Brief .*Update CX Brief to open it/, shot: 'newer' },
        {
          path: files.held,
          says: /already open by another CX Brief process.*Close it in the other/,
          shot: 'open-elsewhere',
        },
      ];
      for (const { path, says, shot } of cases) {
        await page.getByLabel('Path of the .cxb file on this computer').fill(path);
        await page.getByRole('button', { name: 'Open', exact: true }).click();
        await expect.poll(async () => (await page.getByRole('alert').textContent()) ?? '').toMatch(says);
        await shoot(page, `14-start-${shot}`);
      }
      // The failed opens closed what was open: the header says so rather than name a closed file.
      expect(await page.locator('header .placeholder').textContent()).toBe('No engagement open');
      await page.close();
    } finally {
      files.release();
    }
    expect(outside).toEqual([]);
  });

  it('opens a read-only engagement for viewing and says so in the header', async () => {
    const path = join(work, 'locked.cxb');
    openEngagement(path, { create: true, name: 'Locked review' }).close();
    chmodSync(path, 0o444);
    const page = await openPage();
    await page.getByLabel('Path of the .cxb file on this computer').fill(path);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect
      .poll(async () => (await page.locator('header .read-only').textContent()) ?? '')
      .toBe('View only — it is marked read-only; changes are refused.');
    expect(await page.locator('header .muted').textContent()).toContain('Locked review');
    await shoot(page, '15-start-read-only');
    await page.close();
  });
});
