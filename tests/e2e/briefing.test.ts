/**
 * Settings and Briefing in real Chromium against `npm run serve`, on the demo engagement: a target
 * set on the Settings screen changes the NPS RAG the engine answers and the scorecard screen shows;
 * a key message edited on the Briefing screen shows in the preview (the report view itself) and in
 * the PDF, PowerPoint and Excel files exported through the screen's buttons — the PDF printed by
 * the served engine with the npm Chromium and downloaded by the page, read back with pdfjs. The
 * page asks for nothing outside 127.0.0.1. Both screens are photographed at 1280×800 and 1920×1080.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scorecard } from '../../src/core/api';
import { launchBrowser } from '../../src/core/export';
import { RAG_LABEL, type Rag } from '../../src/core/format';
import { openDeck, textOf } from '../core/export/ooxml';
import { startServe, stopServe } from './serve-host';

const ROOT = join(import.meta.dirname, '..', '..');
const SHOTS = join(ROOT, 'test-output', 'screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
];
/** What the CCO writes: plain words and a figure, so every file format keeps it verbatim. */
const MESSAGE = 'Onboarding is where we lose trust: fix the handover before Q3 (board ask 4711).';

let work: string;
let serve: ChildProcess;
let url: string;
let origin: string;
let token: string;
let browser: Browser;
let page: Page;
const outside: string[] = [];

async function shoot(name: string): Promise<void> {
  const size = page.viewportSize();
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  for (const viewport of SIZES) {
    await page.setViewportSize(viewport);
    // The preview scales to its pane: let it lay out at this width before the photograph.
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SHOTS, `${name}-${viewport.width}x${viewport.height}.png`) });
  }
  if (size) await page.setViewportSize(size);
}

/** The engine's scorecard through the host's API, as the page itself asks for it. */
async function scorecard(period?: string): Promise<Scorecard> {
  const response = await fetch(`${origin}/api/scorecard:get`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-cxb-token': token },
    body: JSON.stringify(period ? { period } : {}),
  });
  const result = (await response.json()) as { ok: true; value: Scorecard };
  expect(result.ok).toBe(true);
  return result.value;
}

async function pdfText(file: string): Promise<string> {
  const task = getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 });
  const doc = await task.promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    text += content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
  }
  await task.destroy();
  return text;
}

const squeeze = (text: string) => text.replace(/\s+/g, '');

/** Clicks an export button and keeps the file the page downloads. */
async function exported(button: string, name: string): Promise<{ path: string; download: Download }> {
  const downloaded = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: button, exact: true }).click();
  // While the engine makes the file the screen says so, and the buttons wait their turn.
  await expect
    .poll(() => page.getByTestId('export-progress').textContent())
    .toMatch(
      /^(Printing the PDF|Writing the PowerPoint deck|Writing the Excel workbook)… \d+ s$|^Downloading/,
    );
  expect(await page.getByRole('button', { name: 'Export PDF', exact: true }).isDisabled()).toBe(true);
  const download = await downloaded;
  const path = join(work, name);
  await download.saveAs(path);
  return { path, download };
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cxb-briefing-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  ({ url, process: serve } = await startServe(join(work, 'workspace')));
  origin = new URL(url).origin;
  token = new URL(url).searchParams.get('token') ?? '';
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: SIZES[0], acceptDownloads: true });
  page.on('request', (request) => {
    const address = request.url();
    if (!address.startsWith(`${origin}/`) && !address.startsWith('data:') && !address.startsWith('blob:'))
      outside.push(address);
  });
  await page.goto(url);
  await page.getByRole('button', { name: 'Open demo engagement' }).click();
  await page.locator('main table tbody tr').first().waitFor({ timeout: 180_000 });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  stopServe(serve);
  rmSync(work, { recursive: true, force: true });
});

describe('Settings and Briefing in Chromium against npm run serve', () => {
  it('a target set on the Settings screen changes the NPS RAG of the engine and of the scorecard screen', async () => {
    const before = await scorecard();
    const nps = before.kpis.find((k) => k.id === 'nps');
    expect(nps?.status).toBe('ok');
    const value = nps?.value ?? 0;
    const was = nps?.rag ?? null;
    // A target the current NPS misses by far (red), unless it is already red: then one it beats.
    const target = was === 'red' ? Math.floor(value - 20) : Math.ceil(value + 20);
    const expected: Rag = was === 'red' ? 'green' : 'red';
    const period = before.period.label;

    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    await page.getByRole('table', { name: 'Targets' }).waitFor();
    const form = page.getByRole('form', { name: 'Set a target' });
    await form.getByLabel('KPI').selectOption({ label: 'Net Promoter Score' });
    await form.getByLabel('Period').fill(period);
    await form.getByLabel(/^Target/).fill(String(target));
    await form.getByLabel('Better when').selectOption('higher');
    await form.getByLabel('Amber within').fill('1');
    await form.getByRole('button', { name: 'Set target' }).click();
    await form.getByRole('status').getByText('Target for Net Promoter Score saved.').waitFor();
    await page.getByRole('row', { name: new RegExp(`^Net Promoter Score ${period} `) }).waitFor();
    await shoot('12-settings');

    const after = (await scorecard()).kpis.find((k) => k.id === 'nps');
    expect(after?.target).toEqual({ value: target, direction: 'higher', amberTolerance: 1 });
    expect(after?.rag).toBe(expected);
    expect(after?.rag).not.toBe(was);

    // The screen shows the change too: the NPS tile's badge carries the new label.
    await page.getByRole('button', { name: 'Scorecard', exact: true }).click();
    const tileBadge = page.locator('[data-testid="kpi-tile"][data-kpi="nps"] .rag');
    await expect.poll(() => tileBadge.textContent()).toContain(RAG_LABEL[expected]);

    // Removed again: the row goes and the target the demo imported applies once more.
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByRole('button', { name: `Remove the target of Net Promoter Score for ${period}` }).click();
    await form.getByRole('status').getByText(`Target for Net Promoter Score (${period}) removed.`).waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(`^Net Promoter Score ${period} `) }).count())
      .toBe(0);
    const restored = (await scorecard()).kpis.find((k) => k.id === 'nps');
    expect(restored?.target).toEqual(nps?.target);
    expect(restored?.rag).toBe(was);
    // Imported targets go with their import: no button offers to remove one here.
    expect(await page.getByRole('button', { name: /^Remove the target of / }).count()).toBe(0);
  });

  it('refuses a setting it cannot read with a sentence, and keeps the stored one', async () => {
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    const general = page.getByRole('form', { name: 'Engagement settings' });
    await general.getByLabel('Gross margin (%)').fill('170');
    await general.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => general.getByRole('alert').textContent())
      .toMatch(/gross_margin must be a fraction 0–1 \(e\.g\. 0\.7\) or a percentage \(70%\), not "170%"\./);
    // What the user typed stays for them to correct.
    expect(await general.getByLabel('Gross margin (%)').inputValue()).toBe('170');
    await general.getByRole('button', { name: 'Undo changes' }).click();
    await expect.poll(() => general.getByRole('alert').count()).toBe(0);
    expect(await general.getByLabel('Gross margin (%)').inputValue()).toBe('78');
  });

  it('an edited key message is in the preview and in the exported PDF, deck and workbook', async () => {
    await page.getByRole('button', { name: 'Briefing', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('preview-status').textContent(), { timeout: 60_000 })
      .toMatch(/^\d+ pages, A4 landscape$/);
    const first = page.getByLabel('Key message 1', { exact: true });
    await first.fill(MESSAGE);
    await page.getByRole('button', { name: 'Save notes' }).click();
    await page.getByText(/^Saved for /).waitFor();

    // The preview is the report view in its frame: the message is on its summary page.
    const preview = page.frameLocator('iframe[title="Board pack preview"]');
    await preview.getByText(MESSAGE).waitFor({ timeout: 60_000 });
    await expect
      .poll(() => page.getByTestId('preview-status').textContent(), { timeout: 60_000 })
      .toMatch(/^\d+ pages, A4 landscape$/);
    await shoot('13-briefing');

    const pdf = await exported('Export PDF', 'pack.pdf');
    expect(pdf.download.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(pdf.path).subarray(0, 5).toString()).toBe('%PDF-');
    expect(squeeze(await pdfText(pdf.path))).toContain(squeeze(MESSAGE));
    await page
      .getByTestId('export-done')
      .getByText(/^Downloaded .*\.pdf\.$/)
      .waitFor();

    const deck = await exported('Export PowerPoint', 'deck.pptx');
    const slides = (await openDeck(readFileSync(deck.path))).slides.map(textOf).join('\n');
    expect(slides).toContain(MESSAGE);

    const book = await exported('Export Excel', 'book.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(book.path);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))),
    );
    expect(cells).toContain(MESSAGE);
    await page.getByRole('button', { name: 'Briefing', exact: true }).waitFor();
  });

  it('switching a section off takes it out of the preview; Letter paper lays out again', async () => {
    const preview = page.frameLocator('iframe[title="Board pack preview"]');
    await preview.locator('[data-section="voice"]').first().waitFor({ state: 'attached' });
    await page.getByRole('checkbox', { name: 'Voice of the customer' }).uncheck();
    await expect.poll(() => preview.locator('[data-section="voice"]').count(), { timeout: 60_000 }).toBe(0);
    await page.getByRole('radio', { name: 'US Letter' }).check();
    await expect
      .poll(() => page.getByTestId('preview-status').textContent(), { timeout: 60_000 })
      .toMatch(/^\d+ pages, US Letter landscape$/);
    expect(outside).toEqual([]);
  });

  it('says what to do where there is nothing yet: a new engagement has no pack, targets or touchpoints', async () => {
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByLabel('Engagement name').fill('Empty review');
    await page.getByRole('button', { name: 'Create engagement' }).click();
    await page.getByRole('heading', { name: 'Import a file' }).waitFor();
    await page.getByRole('button', { name: 'Briefing', exact: true }).click();
    await page.getByText(/^Nothing is imported yet, so every figure below is a dash\./).waitFor();
    await expect
      .poll(() => page.getByTestId('preview-status').textContent(), { timeout: 60_000 })
      .toMatch(/^\d+ pages?, A4 landscape$/);
    // A period the engine cannot read has no pack: the screen says why and what to do.
    await page.getByLabel('Period', { exact: true }).fill('2019-13');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText('No pack to show yet').waitFor();
    await page.getByRole('alert').getByText('"2019-13" has no month 13; months are 01–12.').waitFor();
    await page.getByText(/^Import survey answers, customers or revenue on the Import screen/).waitFor();
    await shoot('14-briefing-empty');
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await page.getByText(/^No targets yet: set one below/).waitFor();
    await page.getByText(/^No touchpoints defined/).waitFor();
    await shoot('15-settings-empty');

    // A touchpoint defined here can be removed here.
    const form = page.getByRole('form', { name: 'Add or change a touchpoint' });
    await form.getByLabel('Touchpoint').fill('Onboarding');
    await form.getByLabel('Journey stage').fill('Onboard');
    await form.getByRole('button', { name: 'Save touchpoint' }).click();
    await page.getByRole('row', { name: /^Onboarding — Onboard derived set here/ }).waitFor();
    await shoot('16-settings-touchpoint');
    await page.getByRole('button', { name: 'Remove touchpoint Onboarding' }).click();
    await form.getByRole('status').getByText('Onboarding removed.').waitFor();
    await page.getByText(/^No touchpoints defined/).waitFor();
  });
});
