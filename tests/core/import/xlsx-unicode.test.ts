/**
 * exceljs 4.4's streaming reader decodes each decompressed chunk on its own, so a multi-byte
 * UTF-8 character split across two chunks comes back as U+FFFD (exceljs #2084, #2316). The
 * first test shows the defect on plain exceljs; the second that openXlsx reads every cell back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openXlsx } from '../../../src/core/import/xlsx';

const ROWS = 50_000;
const WORDS = [
  'café',
  'Müller',
  'naïve',
  '한국어 설문',
  '中文客户',
  '😀👍🏽',
  'مرحبا بالعالم',
  'Ελληνικά',
  'ñandú',
  'Ærøskøbing',
];

function expectedRow(i: number): (string | number)[] {
  const w = (k: number): string => WORDS[(i + k) % WORDS.length] ?? '';
  return [
    i,
    `${w(0)} ${i}`,
    `${w(1)}·${w(2)}`,
    `${w(3)}${i % 97}`,
    `${w(4)} ${w(5)} ${w(6)}`,
    `${w(7)}-${i}-${w(8)}`,
  ];
}

async function writeWorkbook(path: string, useSharedStrings: boolean): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings, useStyles: false });
  const ws = wb.addWorksheet('Données 데이터');
  ws.addRow(['n', 'a', 'b', 'c', 'd', 'e']).commit();
  for (let i = 0; i < ROWS; i++) ws.addRow(expectedRow(i)).commit();
  ws.commit();
  await wb.commit();
}

async function readWithPlainExceljs(path: string): Promise<string[][]> {
  const rows: string[][] = [];
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, { sharedStrings: 'cache', worksheets: 'emit' });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = row.values as unknown[];
      rows.push(values.slice(1).map((v) => String(v)));
    }
  }
  return rows;
}

function countMismatches(rows: (string | number | unknown)[][]): number {
  let bad = 0;
  for (let i = 0; i < ROWS; i++) {
    const got = rows[i + 1]?.map(String) ?? [];
    if (got.join('\u0001') !== expectedRow(i).map(String).join('\u0001')) bad++;
  }
  return bad;
}

describe.each([
  ['shared strings', true],
  ['inline strings', false],
])('non-ASCII text across chunk boundaries (%s)', (_label, useSharedStrings) => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cxb-xlsx-'));
    file = join(dir, 'unicode.xlsx');
    await writeWorkbook(file, useSharedStrings);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plain exceljs WorkbookReader garbles some cells (the upstream defect)', async () => {
    const rows = await readWithPlainExceljs(file);
    expect(rows).toHaveLength(ROWS + 1);
    const garbled = rows.filter((r) => r.some((c) => c.includes('\uFFFD'))).length;
    expect(garbled).toBeGreaterThan(0);
    expect(countMismatches(rows)).toBe(garbled);
  });

  it('openXlsx reads every cell back exactly', async () => {
    const source = await openXlsx(file);
    expect(source.description.sheet).toBe('Données 데이터');
    const rows: (string | number | boolean | Date | null)[][] = [];
    for await (const batch of source.batches()) for (const r of batch) rows.push(r.cells);
    expect(rows).toHaveLength(ROWS + 1);
    expect(countMismatches(rows)).toBe(0);
    expect(rows[1]).toEqual(expectedRow(0));
    expect(rows[ROWS]).toEqual(expectedRow(ROWS - 1));
  });
});
