/**
 * The analysis screens in real Chromium against `npm run serve` on the demo engagement. A CCO opens
 * the demo, reads the scorecard tiles, picks another quarter and a segment, opens a KPI's detail
 * with the keyboard, follows its n to the rows, and reads the expectation gap. Every tile shows what
 * `cxbrief scorecard --json` gives for the same period and filter (on a demo built by the CLI),
 * written by core/format; the gap's top priority is the CLI's. Screenshots at 1280×800 and 1920×1080.
 */
import { execFileSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GapReport, Scorecard } from '../../src/core/api/contract';
import { launchBrowser } from '../../src/core/export';
import { formatterFor, kpiCells } from '../../src/core/format';
import { ROOT, SHOTS, SIZES, shoot, startServe, stopServe } from './serve-host';

let work: string;
let cliDemo: string;
let serve: ChildProcess | undefined;
let url: string;
let browser: Browser;
let page: Page;
const problems: string[] = [];

function cli<T>(args: string[]): T {
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/cxbrief.js'), ...args], {
    encoding: 'utf8',
    cwd: ROOT,
  });
  return JSON.parse(out) as T;
}

function scope(period: string, filters: Record<string, string>): string[] {
  return ['--period', period, ...Object.entries(filters).flatMap(([k, v]) => ['--filter', `${k}=${v}`])];
}

/** The CLI's tile values for a period and filter: kpi id → the value as core/format writes it. */
function cliTiles(period: string, filters: Record<string, string> = {}): Map<string, string> {
  const card = cli<Scorecard>(['scorecard', cliDemo, ...scope(period, filters), '--json']);
  const f = formatterFor(card.engagement);
  return new Map(card.kpis.map((kpi) => [kpi.id, kpiCells(kpi, f).value]));
}

async function shownTiles(): Promise<Map<string, string>> {
  const pairs = await page
    .getByTestId('kpi-tile')
    .evaluateAll((tiles) =>
      tiles.map((t) => [
        t.getAttribute('data-kpi') ?? '',
        t.querySelector('[data-testid=tile-value]')?.textContent ?? '',
      ]),
    );
  return new Map(pairs as Array<[string, string]>);
}

async function expectTilesAsCli(period: string, filters: Record<string, string> = {}): Promise<void> {
  const expected = cliTiles(period, filters);
  const shown = await shownTiles();
  expect(shown.size).toBeGreaterThanOrEqual(10);
  for (const [id, value] of shown) expect(`${id}: ${value}`).toBe(`${id}: ${expected.get(id)}`);
}

async function waitForScorecard(period: string): Promise<void> {
  await expect.poll(() => page.locator('h2').textContent(), { timeout: 60_000 }).toContain(period);
  await page.locator('section.analysis[aria-busy=false]').waitFor({ timeout: 60_000 });
}

const sparkline = (kpi: string) =>
  page.locator(`[data-kpi="${kpi}"] .tile-spark polyline`).getAttribute('points');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cxb-analysis-e2e-'));
  mkdirSync(SHOTS, { recursive: true });
  cliDemo = join(work, 'cli-demo.cxb');
  execFileSync(process.execPath, [join(ROOT, 'bin/cxbrief.js'), 'demo', '--out', cliDemo], { cwd: ROOT });
  ({ url, process: serve } = await startServe(join(work, 'workspace')));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: SIZES[0] });
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.goto(url);
}, 240_000);

afterAll(async () => {
  await browser?.close();
  stopServe(serve);
  rmSync(work, { recursive: true, force: true });
});

describe('the scorecard and expectation-gap screens on the demo', () => {
  it('shows each tile as the CLI does, and follows a change of period and of filter', async () => {
    await page.getByRole('button', { name: 'Open demo engagement' }).click();
    await page.getByTestId('kpi-tile').first().waitFor({ timeout: 120_000 });
    await waitForScorecard('2026-Q3');
    await expectTilesAsCli('2026-Q3');
    // The NPS tile: RAG in words as well as colour, its interval, and the sparkline's target line.
    const nps = page.locator('[data-kpi="nps"]');
    expect(await nps.locator('.rag').textContent()).toBe('On target');
    expect(await nps.textContent()).toContain('95% interval 29.5 to 35.8');
    expect(await nps.locator('[data-part=target]').count()).toBe(1);
    await shoot(page, '20-scorecard');

    const before = await sparkline('nps');
    await page.getByLabel('Period', { exact: true }).selectOption('2026-Q2');
    await waitForScorecard('2026-Q2');
    await expectTilesAsCli('2026-Q2');
    expect(await sparkline('nps')).not.toBe(before);

    const unfiltered = await sparkline('nps');
    await page.getByLabel('Filter key').selectOption('segment');
    await page.getByLabel('Filter value').selectOption('SMB');
    await page.getByRole('button', { name: 'Remove filter segment = SMB' }).waitFor();
    await expect.poll(() => page.getByTestId('scorecard-scope').textContent()).toContain('segment = SMB');
    await page.locator('section.analysis[aria-busy=false]').waitFor();
    await expectTilesAsCli('2026-Q2', { segment: 'SMB' });
    expect(await sparkline('nps')).not.toBe(unfiltered);
    await shoot(page, '21-scorecard-filtered');

    // A month, then back to the quarter; the fiscal-year start of the demo is January.
    await page.getByLabel('Period granularity').selectOption('month');
    await waitForScorecard('2026-09');
    await expectTilesAsCli('2026-09', { segment: 'SMB' });
    await page.getByLabel('Period granularity').selectOption('quarter');
    await waitForScorecard('2026-Q3');
    await page.getByLabel('Period', { exact: true }).selectOption('2026-Q2');
    await waitForScorecard('2026-Q2');
  });

  it('opens a KPI’s detail with the keyboard, closes it with Escape and drills from n to the rows', async () => {
    const tile = page.locator('[data-kpi="nps"]');
    await tile.focus();
    // The definition shows on keyboard focus, not only on hover.
    await expect.poll(() => tile.locator('[role=tooltip]').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    const dialog = page.getByTestId('kpi-detail');
    await dialog.waitFor();
    // Focus starts in the dialog and Tab keeps it there.
    for (const key of ['Shift+Tab', 'Tab', 'Tab'])
      expect(
        await page.keyboard
          .press(key)
          .then(() => page.evaluate(() => document.activeElement?.closest('[role=dialog]') !== null)),
        key,
      ).toBe(true);
    await expect.poll(() => dialog.locator('canvas[data-drawn=true]').count(), { timeout: 60_000 }).toBe(2);
    expect(await dialog.getByTestId('detail-value').textContent()).toBe(
      await tile.getByTestId('tile-value').textContent(),
    );
    await shoot(page, '22-kpi-detail');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-kpi'))).toBe('nps');

    await page.keyboard.press('Enter');
    const expected = cli<Scorecard>([
      'scorecard',
      cliDemo,
      ...scope('2026-Q2', { segment: 'SMB' }),
      '--json',
    ]);
    const n = formatterFor(expected.engagement).count(expected.kpis.find((k) => k.id === 'nps')?.n);
    await page.getByRole('button', { name: `Show the ${n} rows behind this number` }).click();
    // The Data screen names what was clicked and holds exactly the n rows behind it.
    await expect
      .poll(() => page.getByTestId('focus-label').textContent())
      .toBe('Net Promoter Score, 2026-Q2, segment = SMB');
    await expect
      .poll(() => page.getByTestId('focus-description').textContent())
      .toMatch(new RegExp(`: ${n} rows of `));
    await page.getByRole('button', { name: 'Scorecard', exact: true }).click();
    await waitForScorecard('2026-Q2');
  });

  it('shows the expectation gap with the CLI’s top priority, following the filter', async () => {
    expect(problems).toEqual([]);
    await page.getByRole('button', { name: 'Remove filter segment = SMB' }).click();
    await page.getByRole('button', { name: 'Expectation gap', exact: true }).click();
    // The staff self-assessment of the demo is one wave (2026-Q3): the gap is read over all data.
    await page.getByLabel('Period granularity').selectOption('all');
    const topPriority = async (filters: Record<string, string>) => {
      const report = cli<GapReport>(['gap', cliDemo, ...scope('all', filters), '--json']);
      return report.priorities.find((p) => p.rank === 1)?.touchpoint;
    };
    await page.locator('section.analysis[aria-busy=false]').waitFor();
    await page.screenshot({ path: join(SHOTS, '23-gap-full-page.png'), fullPage: true });
    expect(problems).toEqual([]);
    await expect.poll(() => page.locator('canvas[data-drawn=true]').count(), { timeout: 60_000 }).toBe(2);
    expect(await page.locator('h2').textContent()).toBe('Expectation gap — all data');
    expect(
      await page.locator('[data-testid=priorities] tbody tr:first-child td:nth-child(2)').textContent(),
    ).toBe(await topPriority({}));
    expect(await page.getByTestId('gap-headline').textContent()).toMatch(
      /of staff say we deliver a superior experience/,
    );
    await shoot(page, '23-gap');
    await page.screenshot({ path: join(SHOTS, '23-gap-full-page.png'), fullPage: true });

    const dumbbell = () =>
      page
        .locator('canvas[data-drawn=true]')
        .first()
        .evaluate((c) => (c as HTMLCanvasElement).toDataURL());
    const everyone = await dumbbell();
    const headline = await page.getByTestId('gap-headline').textContent();
    await page.getByLabel('Filter key').selectOption('region');
    await page.getByLabel('Filter value').selectOption('EMEA');
    // The customers' side of the headline counts EMEA only, and the dumbbell is drawn again.
    await expect.poll(() => page.getByTestId('gap-headline').textContent()).not.toBe(headline);
    await expect.poll(() => page.locator('canvas[data-drawn=true]').count(), { timeout: 60_000 }).toBe(2);
    await expect.poll(dumbbell).not.toBe(everyone);
    expect(
      await page.locator('[data-testid=priorities] tbody tr:first-child td:nth-child(2)').textContent(),
    ).toBe(await topPriority({ region: 'EMEA' }));
    expect(problems).toEqual([]);
  });
});
