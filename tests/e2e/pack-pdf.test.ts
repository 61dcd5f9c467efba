/**
 * The board pack as a CCO hands it over: the demo engagement's pack printed to PDF by the Chromium
 * npm installs (no apt step), read back with pdfjs. The figures are the engine's, written by the
 * presentation module; no personal data planted in the demo comments survives; pages never
 * overflow and long tables continue with their header; CJK and Arabic text render with the
 * bundled fonts; and the whole `cxbrief demo --pdf` path runs with no network at all.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDemoEngagement } from '../../resources/demo/build';
import { ensureReportSite } from '../../src/cli/report-site';
import Papa from 'papaparse';
import { buildBriefingPack, createDeidentifier, type BriefingPack } from '../../src/core/briefing';
import { formatterFor } from '../../src/core/format';
import { createChromiumPrinter, launchBrowser, openReportPage, type Paper } from '../../src/core/export';
import { computeGapReport } from '../../src/core/gap';
import { computeScorecard } from '../../src/core/metrics';
import { customerNames, openEngagement } from '../../src/core/store';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
let engagementPath: string;
let site: string;
let browser: Browser;
let pack: BriefingPack;

async function pdfText(file: string): Promise<{ pages: string[] }> {
  const task = getDocument({ data: new Uint8Array(readFileSync(file)), verbosity: 0 });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await task.destroy();
  return { pages };
}

/** Whitespace-insensitive: the PDF's text runs may split or join words differently. */
function squeeze(text: string): string {
  return text.replace(/\s+/g, '');
}

interface Planted {
  responseId: string;
  kind: string;
  value: string;
}

function plantedPii(): Planted[] {
  const truth = JSON.parse(readFileSync(join(dir, 'demo-files', 'truth.json'), 'utf8')) as {
    pii: { items: Planted[] };
  };
  expect(truth.pii.items.length).toBeGreaterThan(100);
  return truth.pii.items;
}

async function print(p: BriefingPack, paper: Paper, name: string): Promise<string> {
  const printer = createChromiumPrinter({ site });
  try {
    const out = join(dir, name);
    await printer.print({ pack: p, paper, out });
    // To look at what the test printed: CXBRIEF_PACK_OUT=folder.
    if (process.env.CXBRIEF_PACK_OUT) copyFileSync(out, join(process.env.CXBRIEF_PACK_OUT, name));
    return out;
  } finally {
    await printer.close();
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-pack-'));
  engagementPath = join(dir, 'demo.cxb');
  await buildDemoEngagement(engagementPath);
  site = await ensureReportSite(join(dir, 'site'));
  browser = await launchBrowser();
  const engagement = openEngagement(engagementPath, { create: false });
  try {
    pack = buildBriefingPack(engagement.db, { appVersion: '9.9.9-test' });
  } finally {
    engagement.close();
  }
});

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('board pack PDF', () => {
  it('shows the headline numbers exactly as the scorecard and gap give them, formatted by the presentation module', async () => {
    const file = await print(pack, 'a4', 'pack.pdf');
    const { pages } = await pdfText(file);
    const text = squeeze(pages.join(' '));
    expect(pages.length).toBeGreaterThanOrEqual(12);
    expect(pages.length).toBeLessThanOrEqual(16);

    const engagement = openEngagement(engagementPath, { create: false });
    const scorecard = computeScorecard(engagement.db, {});
    const gap = computeGapReport(engagement.db, { period: scorecard.period.label });
    engagement.close();
    const f = formatterFor(scorecard.engagement);
    for (const id of ['nps', 'csat', 'ces', 'nrr', 'grr', 'logo-churn', 'revenue-at-risk', 'arpa']) {
      const kpi = scorecard.kpis.find((k) => k.id === id);
      expect(kpi?.value, id).not.toBeNull();
      expect(text, id).toContain(squeeze(f.value(kpi!.unit, kpi?.value)));
    }
    const nps = scorecard.kpis.find((k) => k.id === 'nps')!;
    expect(text).toContain(squeeze(f.interval('points', nps.interval)));
    expect(text).toContain(squeeze(`${f.value('share', gap.headline.internal!.share)} of staff`));
    expect(text).toContain(squeeze(`${f.value('share', gap.headline.customer!.share)} of customers`));
    for (const row of gap.touchpoints.filter((t) => t.gap !== null))
      expect(text, row.touchpoint).toContain(squeeze(`${row.touchpoint}`));
    const top = [...gap.touchpoints].sort((a, b) => (b.gap ?? 0) - (a.gap ?? 0))[0]!;
    expect(text).toContain(squeeze(f.change('score100', top.gap)));
    // Every page carries the footer with its number.
    pages.forEach((page, i) =>
      expect(squeeze(page)).toContain(
        squeeze(
          `${pack.engagement.name} · ${pack.period.display} · Confidential · page ${i + 1} of ${pages.length}`,
        ),
      ),
    );
    // Stamped with the app version and the import hashes.
    expect(text).toContain('9.9.9-test');
    for (const i of pack.provenance.imports) expect(text).toContain(i.sha256);

    // No planted e-mail, phone number or person name from the demo comments.
    const planted = plantedPii();
    for (const item of planted) expect(text, item.value).not.toContain(squeeze(item.value));
    expect(text).not.toMatch(/@example\.(com|org|net)/);

    // The bundled fonts are embedded (subsets named after the family), never a system fallback.
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSans-Regular/);
    expect(raw).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSans-Bold/);
    expect(raw).not.toMatch(/\/FontName\s*\/[A-Z]{6}\+(?!NotoSans)/);
  });

  it('masks every planted e-mail, phone number and name in the demo comments as quoted in a pack', () => {
    const planted = plantedPii();
    const rows = Papa.parse<Record<string, string>>(
      readFileSync(join(dir, 'demo-files', 'responses.csv'), 'utf8'),
      {
        header: true,
        skipEmptyLines: true,
      },
    ).data;
    const comments = new Map(rows.map((r) => [r.response_id, r.comment ?? '']));
    const engagement = openEngagement(engagementPath, { create: false });
    const deidentify = createDeidentifier(customerNames(engagement.db));
    engagement.close();
    for (const item of planted) {
      const comment = comments.get(item.responseId) ?? '';
      expect(comment, item.responseId).toContain(item.value);
      const masked = deidentify(comment);
      expect(masked, item.value).not.toContain(item.value);
      // A phone is followed by the caller's first name: that goes too.
      for (const word of item.value.split(/\s+/).filter((w) => /^\p{Lu}\p{Ll}+$/u.test(w)))
        expect(masked, word).not.toMatch(new RegExp(`\\b${word}\\b`, 'u'));
    }
    const clean = [...comments.values()]
      .filter((c) => c && !planted.some((p) => c.includes(p.value)))
      .slice(0, 2000);
    const changed = clean.filter((c) => deidentify(c) !== c);
    // Plain comments stay as written (a few capitalised words after a cue may be over-masked).
    expect(changed.length / clean.length).toBeLessThan(0.01);
  });

  it('lays out A4 and Letter pages that never overflow; a 40-row table continues with its header repeated', async () => {
    const actions = Array.from({ length: 40 }, (_, i) => ({
      what: `Action ${i + 1}: call back every detractor of the onboarding survey within two working days`,
      owner: `Owner ${i + 1}`,
      due: '2026-12-15',
      status: i % 3 === 0 ? 'done' : 'open',
    }));
    const long: BriefingPack = {
      ...pack,
      actions,
      sections: pack.sections.includes('actions')
        ? pack.sections
        : [
            ...pack.sections.slice(0, pack.sections.indexOf('methodology')),
            'actions',
            'methodology',
            'provenance',
          ],
    };
    for (const paper of ['a4', 'letter'] as const) {
      const { page, pages } = await openReportPage(browser, { site, pack: long, paper });
      try {
        const sections = await page.locator('section.page').evaluateAll((all) =>
          all.map((section) => {
            const box = section.getBoundingClientRect();
            const overflow = [...section.querySelectorAll('*')].filter((el) => {
              const r = el.getBoundingClientRect();
              return r.height > 0 && (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5);
            }).length;
            return {
              section: (section as HTMLElement).dataset.section,
              overflow,
              scrolls: section.scrollHeight > section.clientHeight + 0.5,
              heads: [...section.querySelectorAll('thead')].map((t) => t.textContent),
              captions: [...section.querySelectorAll('.caption')].map((c) => c.textContent),
              rows: section.querySelectorAll('tbody tr').length,
            };
          }),
        );
        expect(sections.length).toBe(pages);
        expect(sections.filter((s) => s.overflow > 0 || s.scrolls)).toEqual([]);
        const actionPages = sections.filter((s) => s.captions.some((c) => c?.startsWith('Actions')));
        expect(actionPages.length, paper).toBeGreaterThanOrEqual(2);
        expect(actionPages.reduce((n, s) => n + s.rows, 0)).toBe(40);
        for (const s of actionPages) expect(s.heads).toEqual(['#ActionOwnerDueStatus']);
        expect(actionPages.slice(1).every((s) => s.captions.includes('Actions (continued)'))).toBe(true);

        const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
        const task = getDocument({ data: new Uint8Array(pdf), verbosity: 0 });
        const doc = await task.promise;
        expect(doc.numPages, paper).toBe(pages);
        const first = await doc.getPage(1);
        const [, , width, height] = first.view as [number, number, number, number];
        // Landscape in points: A4 842 × 595, Letter 792 × 612.
        expect([Math.round(width), Math.round(height)]).toEqual(paper === 'a4' ? [842, 595] : [792, 612]);
        await task.destroy();
      } finally {
        await page.close();
      }
    }
  });

  it('renders Korean and Arabic comments with the bundled Noto fonts', async () => {
    const korean = '온보딩이 너무 오래 걸렸습니다';
    const arabic = 'خدمة العملاء ممتازة';
    const p: BriefingPack = {
      ...pack,
      voice: [
        {
          touchpoint: 'Onboarding',
          comments: [
            { text: korean, score: 3, date: '2026-09-20', kind: 'detractor' },
            { text: arabic, score: 10, date: '2026-09-21', kind: 'promoter' },
          ],
        },
      ],
    };
    const file = await print(p, 'a4', 'scripts.pdf');
    const { pages } = await pdfText(file);
    const text = squeeze(pages.join(' '));
    expect(text).toContain(squeeze(korean));
    // Arabic is shaped (contextual glyphs), so the text read back maps some letters to their
    // base forms; what matters is that the glyphs are there, from the bundled Arabic font.
    const arabicRead = [...pages.join(' ')].filter((c) => /\p{Script=Arabic}/u.test(c));
    expect(arabicRead.length).toBeGreaterThanOrEqual([...arabic].filter((c) => c !== ' ').length - 2);
    const raw = readFileSync(file).toString('latin1');
    expect(raw).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSansKR/);
    expect(raw).toMatch(/\/FontName\s*\/[A-Z]{6}\+NotoSansArabic/);
  });

  it('runs `cxbrief demo --pdf` with no network at all (unshare -n)', () => {
    const out = join(dir, 'offline');
    const result = spawnSync(
      'unshare',
      [
        '-n',
        process.execPath,
        join(ROOT, 'bin/cxbrief.js'),
        'demo',
        '--out',
        join(out, 'demo.cxb'),
        '--pdf',
        join(out, 'pack.pdf'),
        '--quiet',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 280_000 },
    );
    expect(result.stderr).not.toMatch(/unshare: /);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/PDF pack \(\d+ pages\) written to .*pack\.pdf/);
    expect(existsSync(join(out, 'pack.pdf'))).toBe(true);
    expect(readFileSync(join(out, 'pack.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // The whole demo (generate, import, build the report view if stale, print) in one child process.
  }, 300_000);
});
