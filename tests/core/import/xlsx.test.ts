import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/core/import/errors';
import type { RawRow, TableSource } from '../../../src/core/import/source';
import { openXlsx } from '../../../src/core/import/xlsx';
import { serialToDate, isDateFormat } from '../../../src/core/import/xlsx/dates';
import { parseRef, refColumn } from '../../../src/core/import/xlsx/cells';
import { columnName } from '../../../src/core/import/bounds';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-xlsx-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function save(name: string, build: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function readAll(source: TableSource): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return rows;
}

const day = (y: number, m: number, d: number, h = 0, mi = 0, s = 0): Date =>
  new Date(Date.UTC(y, m - 1, d, h, mi, s));

describe('dates', () => {
  it('converts serials in both date systems', () => {
    expect(serialToDate(45366, false)).toEqual(day(2024, 3, 15));
    expect(serialToDate(45366 - 1462, true)).toEqual(day(2024, 3, 15));
    expect(serialToDate(43704.5, false)).toEqual(day(2019, 8, 27, 12));
    expect(serialToDate(1, false)).toEqual(day(1900, 1, 1));
    expect(serialToDate(61, false)).toEqual(day(1900, 3, 1));
    expect(serialToDate(0, true)).toEqual(day(1904, 1, 1));
  });

  it('recognises date number formats', () => {
    for (const f of [
      'yyyy-mm-dd',
      'mm-dd-yy',
      'd/m/yyyy h:mm',
      '[$-409]mmmm d, yyyy;@',
      'h:mm:ss AM/PM',
      '[h]:mm',
      'yyyy"년" m"월" d"일"',
    ]) {
      expect(isDateFormat(f), f).toBe(true);
    }
    for (const f of [
      'General',
      '0.00',
      '#,##0',
      '0%',
      '0.00E+00',
      '"days" 0',
      '#,##0.00_);[Red](#,##0.00)',
      '@',
    ]) {
      expect(isDateFormat(f), f).toBe(false);
    }
  });
});

describe('openXlsx cell types', () => {
  let file: string;
  beforeAll(async () => {
    file = await save('types.xlsx', (wb) => {
      const ws = wb.addWorksheet('Data');
      ws.addRow(['text', 'number', 'date', 'serial', 'formula', 'rich', 'link', 'bool', 'empty', 'last']);
      const r = ws.addRow([
        'héllo',
        42.5,
        day(2024, 3, 15, 9, 30),
        45366,
        { formula: 'B2*2', result: 85 },
        { richText: [{ text: 'Bold', font: { bold: true } }, { text: ' plain' }] },
        { text: 'Site', hyperlink: 'https://example.com' },
        true,
        null,
        'end',
      ]);
      r.getCell(4).numFmt = 'yyyy-mm-dd';
      ws.addRow([
        'errors',
        { formula: '1/0', result: { error: '#DIV/0!' } },
        { formula: 'B2>1', result: true },
        { formula: '"a"&"b"', result: 'ab' },
        { formula: 'TODAY()', result: day(2024, 1, 2) },
        false,
      ]);
      ws.getCell('E3').numFmt = 'dd/mm/yyyy';
    });
  });

  it('keeps numbers, dates, formulas, rich text, links, booleans and blanks', async () => {
    const source = await openXlsx(file);
    expect(source.description.format).toBe('xlsx');
    expect(source.description.date1904).toBe(false);
    const rows = await readAll(source);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3]);
    expect(rows[1]?.cells).toEqual([
      'héllo',
      42.5,
      day(2024, 3, 15, 9, 30),
      day(2024, 3, 15),
      85,
      'Bold plain',
      'Site',
      true,
      null,
      'end',
    ]);
    expect(rows[2]?.cells).toEqual(['errors', '#DIV/0!', true, 'ab', day(2024, 1, 2), false]);
  });
});

describe('openXlsx 1904 date system', () => {
  it('reads date cells and formatted serials of a 1904 workbook', async () => {
    const file = await save('mac.xlsx', (wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('Mac');
      ws.addRow(['when', 'serial']);
      ws.addRow([day(2024, 3, 15), 0]);
      ws.getCell('B2').numFmt = 'yyyy-mm-dd';
    });
    const source = await openXlsx(file);
    expect(source.description.date1904).toBe(true);
    const rows = await readAll(source);
    expect(rows[1]?.cells).toEqual([day(2024, 3, 15), day(1904, 1, 1)]);
  });
});

describe('openXlsx layout', () => {
  it('keeps true row numbers under a merged title block, reports hidden rows, columns and merges', async () => {
    const file = await save('report.xlsx', (wb) => {
      const ws = wb.addWorksheet('Report');
      ws.getCell('A1').value = 'Customer survey 2024';
      ws.getCell('A2').value = 'Wave 1 — all regions';
      ws.mergeCells('A1:E1');
      ws.mergeCells('A2:E2');
      ws.getRow(5).values = ['id', 'score', 'region', 'note', 'date'];
      for (let i = 0; i < 6; i++)
        ws.getRow(6 + i).values = [i + 1, 5 + i, 'North', `n${i}`, day(2024, 1, i + 1)];
      ws.getRow(7).hidden = true;
      ws.getRow(9).hidden = true;
      ws.getColumn(4).hidden = true;
      // a sparse cell: C13 only
      ws.getCell('C13').value = 'sparse';
    });
    const source = await openXlsx(file);
    const rows = await readAll(source);
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 5, 6, 7, 8, 9, 10, 11, 13]);
    expect(rows[0]?.cells).toEqual(['Customer survey 2024']);
    expect(rows[2]?.cells).toEqual(['id', 'score', 'region', 'note', 'date']);
    expect(rows[3]?.cells).toEqual([1, 5, 'North', 'n0', day(2024, 1, 1)]);
    expect(rows[9]?.cells).toEqual([null, null, 'sparse']);
    expect(source.description.notes).toEqual([
      'Sheet "Report": rows 7, 9 hidden; column D hidden; 2 merged cell ranges',
    ]);
  });
});

describe('openXlsx sheets', () => {
  let file: string;
  beforeAll(async () => {
    file = await save('sheets.xlsx', (wb) => {
      wb.addWorksheet('Cover');
      const secret = wb.addWorksheet('Secret');
      secret.state = 'hidden';
      secret.addRow(['hidden data']);
      const a = wb.addWorksheet('Responses');
      a.addRow(['id', 'nps']);
      for (let i = 1; i <= 30; i++) a.addRow([i, i % 11]);
      const b = wb.addWorksheet('Accounts');
      b.addRow(['account']);
      b.addRow(['ACME']);
    });
  });

  it('lists every sheet and defaults to the first visible sheet with data', async () => {
    const source = await openXlsx(file);
    expect(source.description.sheets).toEqual([
      { name: 'Cover', rowsHint: 0, hidden: false },
      { name: 'Secret', rowsHint: 1, hidden: true },
      { name: 'Responses', rowsHint: 31, hidden: false },
      { name: 'Accounts', rowsHint: 2, hidden: false },
    ]);
    expect(source.description.sheet).toBe('Responses');
    expect(source.description.notes).toContain('Hidden sheets: "Secret"');
    const rows = await readAll(source);
    expect(rows).toHaveLength(31);
    expect(rows[30]).toEqual({ rowNumber: 31, cells: [30, 8] });
  });

  it('chooses a sheet by name or 1-based position', async () => {
    const byName = await openXlsx(file, { sheet: 'Accounts' });
    expect((await readAll(byName)).map((r) => r.cells)).toEqual([['account'], ['ACME']]);
    const byIndex = await openXlsx(file, { sheet: '2' });
    expect(byIndex.description.sheet).toBe('Secret');
    expect((await readAll(byIndex))[0]?.cells).toEqual(['hidden data']);
  });

  it('names the available sheets when the chosen one does not exist', async () => {
    const error = await openXlsx(file, { sheet: 'Nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe(
      'sheets.xlsx: has no sheet "Nope"; its sheets are "Cover", "Secret", "Responses", "Accounts"',
    );
  });
});

describe('openXlsx progress and cancellation', () => {
  let file: string;
  beforeAll(async () => {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: join(dir, 'big.xlsx') });
    const ws = wb.addWorksheet('Big');
    for (let i = 0; i < 20_000; i++) ws.addRow([i, `row ${i}`, i * 1.5]).commit();
    ws.commit();
    await wb.commit();
    file = join(dir, 'big.xlsx');
  });

  it('reports bytes and rows, ending at bytesTotal', async () => {
    const source = await openXlsx(file, { batchSize: 500 });
    const seen: { bytesRead: number; bytesTotal: number; rowsRead: number }[] = [];
    let rows = 0;
    for await (const batch of source.batches({ onProgress: (p) => seen.push(p) })) rows += batch.length;
    expect(rows).toBe(20_000);
    expect(seen.length).toBeGreaterThan(5);
    const last = seen[seen.length - 1];
    expect(last).toEqual({ bytesRead: source.bytesTotal, bytesTotal: source.bytesTotal, rowsRead: 20_000 });
    for (let i = 1; i < seen.length; i++)
      expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
  });

  it('stops promptly with an AbortError when the signal fires', async () => {
    const source = await openXlsx(file, { batchSize: 500 });
    const controller = new AbortController();
    let rows = 0;
    const run = async (): Promise<void> => {
      for await (const batch of source.batches({ signal: controller.signal })) {
        rows += batch.length;
        if (rows >= 1000) controller.abort();
      }
    };
    await expect(run()).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows).toBeLessThan(3000);
  });
});

describe('openXlsx refuses what it cannot read', () => {
  it('refuses a legacy .xls (OLE2) workbook', async () => {
    const file = join(dir, 'old.xls');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]),
    );
    const error = await openXlsx(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe('old.xls: is a legacy .xls workbook; save it as .xlsx');
  });

  it('refuses a file that is not a zip', async () => {
    const file = join(dir, 'notes.xlsx');
    writeFileSync(file, 'id,score\n1,9\n');
    const error = await openXlsx(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toBe('notes.xlsx: is not an Excel .xlsx workbook (not a zip file)');
  });

  it('refuses a truncated zip', async () => {
    const good = await save('whole.xlsx', (wb) => wb.addWorksheet('A').addRow([1]));
    const { readFileSync } = await import('node:fs');
    const file = join(dir, 'cut.xlsx');
    writeFileSync(file, readFileSync(good).subarray(0, 200));
    await expect(openXlsx(file)).rejects.toBeInstanceOf(ImportError);
  });
});

describe('cell references', () => {
  it('refColumn reads the column of every reference parseRef accepts, and 0 where it refuses', () => {
    const refs = [
      'A1',
      'Z9',
      'AA10',
      'ab12',
      '$C$3',
      'XFD1048576',
      'AAA1',
      'A',
      '1',
      '',
      'A1B',
      'ABCD1',
      '$$A1',
      'É1',
      'A-1',
    ];
    for (let i = 1; i <= 2000; i += 37) refs.push(`${columnName(i)}${i}`);
    for (const ref of refs) expect(refColumn(ref), ref).toBe(parseRef(ref)?.col ?? 0);
  });
});
