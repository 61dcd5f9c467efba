/**
 * The board pack as an Excel workbook, reopened with exceljs: every sheet with a frozen header,
 * a filter and column widths; numbers as typed cells holding the pack's own values with the number
 * format of their unit; RAG as fill and words; and text a spreadsheet could run as a formula
 * (a comment `=HYPERLINK(…)`, a segment named `@SUM(A1)`) kept as inert text.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BriefingPack } from '../../../src/core/briefing';
import { excelFormat, workbookBytes } from '../../../src/core/export';
import { RAG_LABEL } from '../../../src/core/format';
import { demoPack, type DemoPack } from './demo-pack';

let demo: DemoPack;
let pack: BriefingPack;
let book: ExcelJS.Workbook;

async function reopen(p: BriefingPack): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await workbookBytes(p)) as unknown as ArrayBuffer);
  return workbook;
}

/** The rows of a sheet below its header, keyed by header text. */
function records(sheet: ExcelJS.Worksheet): Record<string, ExcelJS.Cell>[] {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Record<string, ExcelJS.Cell>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1)])));
  }
  return out;
}

beforeAll(async () => {
  demo = await demoPack();
  pack = demo.pack;
  book = await reopen(pack);
});
afterAll(() => demo?.close());

describe('Excel workbook', () => {
  it('has the pack’s sheets, each with a frozen header row, a filter and set column widths', () => {
    expect(book.worksheets.map((s) => s.name)).toEqual(
      expect.arrayContaining([
        'Summary',
        'Scorecard',
        'Series',
        'Segments',
        'Gap',
        'Priorities',
        'Provenance',
        'Definitions',
      ]),
    );
    for (const sheet of book.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter, sheet.name).toBeTruthy();
      sheet.getRow(1).eachCell((cell) => expect(cell.font?.bold, `${sheet.name}!${cell.address}`).toBe(true));
      expect(
        sheet.columns.every((c) => (c.width ?? 0) >= 6),
        sheet.name,
      ).toBe(true);
    }
  });

  it('holds every KPI as typed numbers with its unit’s format, RAG as fill and words', () => {
    const rows = records(book.getWorksheet('Scorecard')!);
    expect(rows).toHaveLength(pack.scorecard.length);
    pack.scorecard.forEach((kpi, i) => {
      const row = rows[i]!;
      expect(row['KPI id']!.value).toBe(kpi.id);
      if (kpi.status === 'ok') {
        expect(row.Value!.type, kpi.id).toBe(ExcelJS.ValueType.Number);
        expect(row.Value!.value, kpi.id).toBe(kpi.value);
        expect(row.Value!.numFmt, kpi.id).toBe(excelFormat(kpi.unit, pack.where));
        if (kpi.interval) {
          expect(row['95% low']!.value).toBe(kpi.interval.low);
          expect(row['95% high']!.value).toBe(kpi.interval.high);
        }
      } else {
        expect(row.Value!.value, kpi.id).toBeNull();
        expect(String(row['Basis, scale or what would unlock it']!.value)).toBe(kpi.needs);
      }
      expect(row.n!.value).toBe(kpi.n);
      if (kpi.rag) {
        expect(row.Status!.value).toBe(RAG_LABEL[kpi.rag]);
        expect((row.Status!.fill as ExcelJS.FillPattern).fgColor?.argb).toMatch(/^FF[0-9A-F]{6}$/);
      }
    });
    const fills = new Set(
      rows.filter((r) => r.Status!.value).map((r) => (r.Status!.fill as ExcelJS.FillPattern).fgColor?.argb),
    );
    expect(fills.size).toBeGreaterThan(1);
  });

  it('holds the gap, priority, segment, series and provenance figures of the pack', () => {
    const gap = records(book.getWorksheet('Gap')!);
    pack.gap!.touchpoints.forEach((t, i) => {
      expect(gap[i]!.Touchpoint!.value).toBe(t.touchpoint);
      expect(gap[i]!['Gap (staff − customers)']!.value).toBe(t.gap);
      expect(gap[i]!['95% low']!.value).toBe(t.low);
      expect(gap[i]!['Customer n']!.value).toBe(t.customerN);
      expect(gap[i]!['Gap (staff − customers)']!.numFmt).toBe(excelFormat('score100', pack.where));
    });
    // A negative gap is a number, never neutralised text.
    expect(
      gap.some(
        (r) =>
          typeof r['Gap (staff − customers)']!.value === 'number' &&
          (r['Gap (staff − customers)']!.value as number) < 0,
      ),
    ).toBe(true);
    const priorities = records(book.getWorksheet('Priorities')!);
    const first = pack.priorities!.rows.find((r) => r.rank === 1)!;
    expect(priorities[0]!.Touchpoint!.value).toBe(first.touchpoint);
    expect(priorities[0]!.Priority!.value).toBe(first.priority);
    const segments = records(book.getWorksheet('Segments')!);
    pack.segments.forEach((s, i) => {
      expect(segments[i]!.Segment!.value).toBe(s.segment);
      expect(segments[i]!.NPS!.value).toBe(s.nps?.value ?? null);
      expect(segments[i]!['NPS n']!.value).toBe(s.nps?.n ?? null);
    });
    const series = records(book.getWorksheet('Series')!);
    const nps = pack.trends[0]!.lines[0]!;
    const npsRows = series.filter((r) => r.Series!.value === nps.label);
    expect(npsRows.map((r) => r.Value!.value)).toEqual(nps.points.map((p) => p.value));
    expect(npsRows.map((r) => r['95% high']!.value)).toEqual(nps.points.map((p) => p.high ?? null));
    const provenance = records(book.getWorksheet('Provenance')!);
    expect(provenance.map((r) => r.sha256!.value)).toEqual(pack.provenance.imports.map((i) => i.sha256));
    expect(provenance.map((r) => r.Accepted!.value)).toEqual(
      pack.provenance.imports.map((i) => i.rowsAccepted),
    );
  });

  it('keeps a formula-like comment and segment name as inert text', async () => {
    const comment = '=HYPERLINK("http://x","y")';
    const segment = '@SUM(A1)';
    const hostile: BriefingPack = {
      ...pack,
      voice: [
        {
          touchpoint: 'Support',
          comments: [{ text: comment, score: 2, date: '2026-09-01', kind: 'detractor' }],
        },
      ],
      segments: [{ ...pack.segments[0]!, segment }],
      actions: [{ what: '+call every detractor', owner: '-ops', due: '2026-12-01', status: 'open' }],
    };
    const reopened = await reopen(hostile);
    const texts: ExcelJS.Cell[] = [];
    for (const sheet of reopened.worksheets)
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (cell.type === ExcelJS.ValueType.String) texts.push(cell);
        }),
      );
    const voice = records(reopened.getWorksheet('Voice')!)[0]!['Comment (de-identified)']!;
    expect(voice.type).toBe(ExcelJS.ValueType.String);
    expect(voice.value).toBe(`'${comment}`);
    expect(records(reopened.getWorksheet('Segments')!)[0]!.Segment!.value).toBe(`'${segment}`);
    const action = records(reopened.getWorksheet('Actions')!)[0]!;
    expect([action.Action!.value, action.Owner!.value]).toEqual(["'+call every detractor", "'-ops"]);
    expect(action.Due!.value).toEqual(new Date('2026-12-01T00:00:00Z'));
    // No text cell anywhere starts with a formula trigger.
    for (const cell of texts) expect(String(cell.value), cell.address).not.toMatch(/^[=+\-@\t\r]/);
  });
});
