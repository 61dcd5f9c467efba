/**
 * The board pack as a PowerPoint deck, read back from the zip: one slide per section (tables paged
 * with their header repeated), titles that state the key messages, native charts whose cached
 * values and embedded workbooks hold the pack's numbers, no chart referring to an axis it does not
 * define, speaker notes with definitions, n and intervals, and no personal data from the comments.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingPack } from '../../../src/core/briefing';
import { buildDeck, FLOAT_SERIES, orphanAxisIds, writeDeck, type DeckFile } from '../../../src/core/export';
import { SECTION_NAMES } from '../../../src/core/export/titles';
import { formatterFor, kpiCells } from '../../../src/core/format';
import { chartSeries, embeddedWorkbook, openDeck, textOf, type Deckparts } from './ooxml';
import { demoPack, type DemoPack } from './demo-pack';

let demo: DemoPack;
let pack: BriefingPack;
let file: DeckFile;
let deck: Deckparts;

beforeAll(async () => {
  demo = await demoPack();
  pack = demo.pack;
  file = await buildDeck(pack);
  deck = await openDeck(file.bytes);
});
afterAll(() => demo?.close());

const slideTexts = () => deck.slides.map(textOf);
/** The slides of a section, by the section name printed above each title. */
function slidesOf(id: keyof typeof SECTION_NAMES): string[] {
  return slideTexts().filter((t) => t.split('\n')[0]?.startsWith(SECTION_NAMES[id]));
}
function chartNamed(name: string) {
  const chart = deck.charts.find((c) => chartSeries(c.xml).some((s) => s.name === name));
  expect(chart, name).toBeDefined();
  return chart!;
}
/** Every chart's embedded workbook (what "Edit data" opens) holds exactly its cached values. */
async function expectEmbeddedEqualsCache(parts: Deckparts): Promise<void> {
  for (const chart of parts.charts) {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await embeddedWorkbook(parts, chart.path)) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    for (const s of chartSeries(chart.xml)) {
      const cells = s.values.map((_, i) => sheet.getCell(`${s.column}${s.firstRow + i}`).value);
      expect(cells, `${chart.path} ${s.name}`).toEqual(s.values);
    }
  }
}
function chartTitled(title: string) {
  const chart = deck.charts.find((c) =>
    /<c:title>[\s\S]*?<\/c:title>/.exec(c.xml)?.[0].includes(`<a:t>${title}</a:t>`),
  );
  expect(chart, title).toBeDefined();
  return chart!;
}
const close = (a: (number | null)[], b: (number | null)[]) => {
  expect(a).toHaveLength(b.length);
  a.forEach((x, i) => (b[i] === null ? expect(x).toBeNull() : expect(x).toBeCloseTo(b[i] as number, 9)));
};

describe('PowerPoint deck', () => {
  it('has a cover and one slide per section, long tables paged with the header repeated', () => {
    const perPage = { scorecard: 10, methodology: 8, provenance: 10 };
    const extraDefinitions =
      (pack.methodology.churnBasis ? 1 : 0) +
      pack.methodology.notes.length +
      pack.methodology.notShown.length +
      1;
    const pages = {
      scorecard: Math.ceil(pack.scorecard.length / perPage.scorecard),
      methodology: Math.ceil((pack.methodology.definitions.length + extraDefinitions) / perPage.methodology),
      provenance: Math.ceil(pack.provenance.imports.length / perPage.provenance),
    };
    // The gap section has its chart slide and its table slide.
    const expected =
      1 + pack.sections.length + (pages.scorecard - 1) + (pages.methodology - 1) + (pages.provenance - 1) + 1;
    expect(deck.slides).toHaveLength(expected);
    expect(file.slides).toBe(expected);
    expect(slideTexts()[0]).toContain(pack.engagement.name);
    expect(slideTexts()[0]).toContain('Confidential — prepared for the board');
    for (const id of pack.sections) expect(slidesOf(id).length, id).toBeGreaterThan(0);

    const scorecard = slidesOf('scorecard');
    expect(scorecard).toHaveLength(pages.scorecard);
    expect(pages.scorecard).toBeGreaterThan(1);
    scorecard.forEach((text, i) => {
      expect(text.split('\n')[0]).toBe(`Scorecard · ${i + 1} of ${pages.scorecard}`);
      expect(text).toContain('95% interval');
      if (i > 0) expect(text).toContain('(continued)');
    });
    // Every KPI is on exactly one page.
    for (const k of pack.scorecard)
      expect(
        scorecard.filter((t) => t.split('\n').includes(k.label)),
        k.id,
      ).toHaveLength(1);
    slideTexts().forEach((text, i) =>
      expect(text).toContain(`Confidential · slide ${i + 1} of ${deck.slides.length}`),
    );
  });

  it('titles slides with the key messages and writes every figure as the presentation module does', () => {
    const f = formatterFor(pack.where);
    const titleOf = (text: string) => text.split('\n')[1];
    const gapHeadline = pack.summary.messages.find((m) => m.cites[0]?.metric === 'topbox:internal')!;
    expect(titleOf(slidesOf('gap')[0]!)).toBe(gapHeadline.text);
    const npsMessage = pack.summary.messages.find((m) => m.cites[0]?.metric === 'nps')!;
    expect(titleOf(slidesOf('trends')[0]!)).toBe(npsMessage.text);
    const first = pack.priorities!.rows.find((r) => r.rank === 1)!;
    expect(titleOf(slidesOf('priorities')[0]!)).toContain(`Act first on ${first.touchpoint}`);
    for (const m of pack.summary.messages) expect(slidesOf('summary')[0]).toContain(m.text);

    const text = slidesOf('scorecard').join('\n');
    for (const kpi of pack.scorecard.filter((k) => k.status === 'ok')) {
      const cells = kpiCells(kpi, f);
      expect(text, kpi.id).toContain(cells.value);
      if (kpi.interval) expect(text, kpi.id).toContain(cells.interval);
    }
  });

  it('draws native bar, line and scatter charts, never a picture', () => {
    expect(deck.charts.length).toBe(file.charts);
    const kinds = deck.charts.map((c) => /<c:(bar|line|scatter)Chart>/g.exec(c.xml)?.[1]);
    expect(kinds).toContain('bar');
    expect(kinds).toContain('line');
    expect(kinds).toContain('scatter');
    expect(
      Object.keys(deck.zip.files).filter((p) => p.startsWith('ppt/media/') && !deck.zip.files[p]!.dir),
    ).toEqual([]);
    for (const slide of deck.slides) expect(slide).not.toContain('<p:pic>');
    // Each chart is placed on a slide.
    const rels = Object.keys(deck.zip.files).filter((p) => /^ppt\/slides\/_rels\/.*\.rels$/.test(p));
    const linked = new Set<string>();
    return Promise.all(rels.map((p) => deck.zip.file(p)!.async('string'))).then((all) => {
      for (const xml of all)
        for (const m of xml.matchAll(/Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/g))
          linked.add(`ppt/charts/${m[1]}`);
      expect([...linked].sort()).toEqual(deck.charts.map((c) => c.path).sort());
    });
  });

  it('has no chart that refers to an axis its plot area does not define', () => {
    for (const chart of deck.charts) expect(orphanAxisIds(chart.xml), chart.path).toEqual([]);
  });

  it('caches the pack’s numbers in each chart, and its embedded workbook holds the same values', async () => {
    const nps = pack.trends[0]!;
    const npsChart = chartNamed(nps.lines[0]!.label);
    const series = chartSeries(npsChart.xml);
    const line = series.find((s) => s.name === nps.lines[0]!.label)!;
    close(
      line.values,
      nps.lines[0]!.points.map((p) => p.value),
    );
    expect(line.categories).toEqual(nps.lines[0]!.points.map((p) => p.period));
    // The interval as floating bars: low = base + below, high = base + above.
    const [base, above, below] = [FLOAT_SERIES.base, FLOAT_SERIES.above, FLOAT_SERIES.below].map((n) =>
      series.find((s) => s.name === n)!,
    );
    const withBand = nps.lines[0]!.points;
    expect(withBand.every((p) => p.low != null && p.high != null)).toBe(true);
    close(
      base!.values.map((b, i) => (b as number) + (below!.values[i] as number)),
      withBand.map((p) => p.low as number),
    );
    close(
      base!.values.map((b, i) => (b as number) + (above!.values[i] as number)),
      withBand.map((p) => p.high as number),
    );
    expect(npsChart.xml).toContain('<c:legendEntry><c:idx val="0"/><c:delete val="1"/>');

    // The gap: staff vs customers per touchpoint, sorted by gap; the gap intervals cross 0 both ways.
    const touchpoints = pack
      .gap!.touchpoints.filter((t) => t.gap !== null && t.staff !== null)
      .sort((a, b) => (b.gap as number) - (a.gap as number));
    const dumbbell = chartSeries(chartTitled('Staff vs customers, 0–100').xml);
    close(
      dumbbell.find((s) => s.name === 'Staff')!.values,
      touchpoints.map((t) => t.staff),
    );
    close(
      dumbbell.find((s) => s.name === 'Customers')!.values,
      touchpoints.map((t) => t.customer),
    );
    const gapChart = chartSeries(chartNamed('Gap (staff − customers)').xml);
    close(
      gapChart.find((s) => s.name === 'Gap (staff − customers)')!.values,
      touchpoints.map((t) => t.gap),
    );
    const gb = gapChart.find((s) => s.name === FLOAT_SERIES.base)!.values as number[];
    close(
      gb.map((b, i) => b + (gapChart.find((s) => s.name === FLOAT_SERIES.below)!.values[i] as number)),
      touchpoints.map((t) => t.low),
    );
    close(
      gb.map((b, i) => b + (gapChart.find((s) => s.name === FLOAT_SERIES.above)!.values[i] as number)),
      touchpoints.map((t) => t.high),
    );
    expect(touchpoints.some((t) => (t.low as number) < 0 && (t.high as number) > 0)).toBe(true);
    expect(touchpoints.some((t) => (t.high as number) < 0)).toBe(true);

    // Segments: NPS with its interval, as floating bars around the point.
    const rated = pack.segments.filter((x) => x.nps?.status === 'ok' && x.nps.value !== null);
    const segmentChart = chartSeries(chartTitled('NPS by segment with its 95% interval').xml);
    close(
      segmentChart.find((x) => x.name === 'NPS')!.values,
      rated.map((x) => x.nps!.value),
    );
    const sb = segmentChart.find((x) => x.name === FLOAT_SERIES.base)!.values as number[];
    close(
      sb.map((b, i) => b + (segmentChart.find((x) => x.name === FLOAT_SERIES.below)!.values[i] as number)),
      rated.map((x) => x.nps!.interval!.low),
    );
    close(
      sb.map((b, i) => b + (segmentChart.find((x) => x.name === FLOAT_SERIES.above)!.values[i] as number)),
      rated.map((x) => x.nps!.interval!.high),
    );

    // The quadrant: x = importance, y = performance, axes crossing at the means.
    const scatter = deck.charts.find((c) => c.xml.includes('<c:scatterChart>'))!;
    const points = pack.priorities!.quadrant.rows.filter(
      (r) => r.importance !== null && r.performance !== null,
    );
    const y = chartSeries(scatter.xml)[0]!;
    close(
      y.values,
      points.map((p) => p.performance),
    );
    close(
      y.categories.map(Number),
      points.map((p) => p.importance),
    );
    const crossings = [...scatter.xml.matchAll(/<c:crossesAt val="([^"]+)"/g)].map((m) => Number(m[1]));
    close(
      crossings.sort((a, b) => a - b),
      [
        pack.priorities!.quadrant.crosshair!.importance,
        pack.priorities!.quadrant.crosshair!.performance,
      ].sort((a, b) => a - b),
    );

    // Every chart's embedded workbook (what "Edit data" opens) holds exactly the cached values.
    await expectEmbeddedEqualsCache(deck);
  });

  it('gives speaker notes with each number’s definition, n and interval', () => {
    const f = formatterFor(pack.where);
    const notes = deck.notes.map(textOf).join('\n');
    const nps = pack.scorecard.find((k) => k.id === 'nps')!;
    const cells = kpiCells(nps, f);
    expect(notes).toContain(
      `${nps.label}: ${cells.value} (n = ${cells.n}; 95% interval ${cells.interval}). ${nps.definition}`,
    );
    for (const k of pack.scorecard) expect(notes, k.id).toContain(k.definition);
    for (const t of pack.gap!.touchpoints) expect(notes).toContain(`${t.touchpoint}: `);
  });

  it('quotes the pack’s de-identified comments and no planted e-mail, phone number or name', () => {
    const all = [...deck.slides, ...deck.notes].map(textOf).join('\n');
    const voice = slidesOf('voice').join('\n');
    for (const group of pack.voice) for (const c of group.comments) expect(voice).toContain(c.text);
    expect(demo.planted.length).toBeGreaterThan(100);
    for (const value of demo.planted) expect(all, value).not.toContain(value);
    expect(all).not.toMatch(/@example\.(com|org|net)/);
  });

  it('leaves out sections without data, and charts a series with missing periods as gaps', async () => {
    const [first] = pack.trends;
    const holes = first!.lines[0]!.points.map((p, i) =>
      i % 4 === 1 ? { ...p, value: null, low: null, high: null } : p,
    );
    const sparse: BriefingPack = {
      ...pack,
      sections: ['summary', 'scorecard', 'trends', 'methodology', 'provenance'],
      trends: [{ ...first!, lines: [{ ...first!.lines[0]!, points: holes }] }],
      gap: null,
      priorities: null,
      revenue: null,
      servqual: null,
      journey: [],
      segments: [],
      voice: [],
      summary: { ...pack.summary, messages: pack.summary.messages.slice(1, 2) },
    };
    const parts = await openDeck((await buildDeck(sparse)).bytes);
    const kickers = parts.slides.map((x) => textOf(x).split('\n')[0]);
    expect(kickers.some((k) => k?.startsWith(SECTION_NAMES.gap))).toBe(false);
    expect(kickers.some((k) => k?.startsWith(SECTION_NAMES.voice))).toBe(false);
    expect(parts.charts).toHaveLength(1);
    const line = chartSeries(parts.charts[0]!.xml).find((x) => x.name === first!.lines[0]!.label)!;
    close(
      line.values,
      holes.map((p) => p.value),
    );
    expect(line.values.filter((v) => v === null).length).toBe(3);
    // The interval bars keep every period, blank where there is none, so bars and line align.
    const base = chartSeries(parts.charts[0]!.xml).find((x) => x.name === FLOAT_SERIES.base)!;
    expect(base.categories).toEqual(line.categories);
    expect(base.values.map((v) => v === null)).toEqual(holes.map((p) => p.low == null));
    for (const chart of parts.charts) expect(orphanAxisIds(chart.xml)).toEqual([]);
    await expectEmbeddedEqualsCache(parts);
  });

  it('writes the file whole: no partial file is left beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cxb-deck-'));
    try {
      const out = join(dir, 'deck.pptx');
      const result = await writeDeck(pack, out);
      expect(result).toMatchObject({ path: out, slides: file.slides, charts: file.charts });
      expect(readdirSync(dir)).toEqual(['deck.pptx']);
      expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
      await expect(writeDeck(pack, join(dir, 'missing', 'deck.pptx'))).rejects.toThrow();
      expect(existsSync(join(dir, 'missing'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
