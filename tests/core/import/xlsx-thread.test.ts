/**
 * The sheet read by a worker thread (src/core/import/xlsx/thread.ts) gives exactly what reading in
 * the importing thread gives: the same rows (numbers, dates, sparse cells), the same notes, the same
 * refusal for a damaged sheet; and a cancelled read stops the worker.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RawRow, TableSource } from '../../../src/core/import/source';
import { openXlsx } from '../../../src/core/import/xlsx';
import { readsInWorker, WORKER_MIN_SHEET_BYTES } from '../../../src/core/import/xlsx/thread';
import { dataset } from '../../helpers';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxb-xlsx-thread-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Small test workbooks go to the worker too (by default only sheets of 8 MB or more do).
beforeEach(() => {
  process.env.CXBRIEF_XLSX_THREAD = '1';
});
afterEach(() => {
  delete process.env.CXBRIEF_XLSX_THREAD;
});

async function read(source: TableSource): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return rows;
}

/** Rows and final notes, read in a worker (threaded) or in this thread. */
async function both(file: string, sheet?: string) {
  const options = { batchSize: 100, ...(sheet ? { sheet } : {}) };
  const threaded = await openXlsx(file, options);
  const threadedRows = await read(threaded);
  const local = await openXlsx(file, { ...options, inThread: true });
  const localRows = await read(local);
  return {
    threaded: { rows: threadedRows, notes: threaded.description.notes },
    local: { rows: localRows, notes: local.description.notes },
  };
}

describe('XLSX read in a worker thread', () => {
  it('reads large sheets in a worker when running from the sources (as the CLI and the tests do)', () => {
    delete process.env.CXBRIEF_XLSX_THREAD;
    expect(readsInWorker(WORKER_MIN_SHEET_BYTES)).toBe(true);
    expect(readsInWorker(WORKER_MIN_SHEET_BYTES - 1)).toBe(false);
    process.env.CXBRIEF_XLSX_THREAD = '0';
    expect(readsInWorker(WORKER_MIN_SHEET_BYTES)).toBe(false);
    process.env.CXBRIEF_XLSX_THREAD = '1';
    expect(readsInWorker(1)).toBe(true);
  });

  it('gives the same rows, dates, sparse cells and notes as reading in this thread', async () => {
    const file = join(dir, 'report.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Report');
    ws.getCell('A1').value = 'Customer survey';
    ws.mergeCells('A1:E1');
    ws.getRow(3).values = ['id', 'score', 'region', 'note', 'date'];
    for (let i = 0; i < 750; i += 1)
      ws.getRow(4 + i).values = [
        i + 1,
        i % 11,
        i % 2 ? 'North' : 'Süd',
        `n${i} «ü»`,
        new Date(Date.UTC(2024, 0, 1 + (i % 300))),
      ];
    ws.getRow(9).hidden = true;
    ws.getCell('C800').value = 'sparse';
    await wb.xlsx.writeFile(file);
    const { threaded, local } = await both(file);
    expect(local.rows).toHaveLength(753);
    expect(threaded.rows).toEqual(local.rows);
    expect(threaded.notes).toEqual(local.notes);
    expect(threaded.notes.join(' ')).toMatch(/row 9 hidden; 1 merged cell range/);
  });

  it('gives the same rows on a real multi-sheet workbook (kiosk survey, second sheet)', async () => {
    const { threaded, local } = await both(dataset('servqual-kiosk-kr/설문응답지.xlsx'), '2');
    expect(local.rows.length).toBeGreaterThan(10);
    expect(threaded.rows).toEqual(local.rows);
  });

  it('refuses a damaged sheet with the same ImportError, row included', async () => {
    const file = join(process.cwd(), 'tests', 'fixtures', 'hostile', 'truncated-xml.xlsx');
    const failure = async (source: TableSource) =>
      read(source).then(
        () => null,
        (error: unknown) => error,
      );
    const threaded = (await failure(await openXlsx(file))) as Error & { row?: number };
    const local = (await failure(await openXlsx(file, { inThread: true }))) as Error & { row?: number };
    expect(local).toBeInstanceOf(Error);
    expect(threaded?.name).toBe('ImportError');
    expect(threaded?.message).toBe(local?.message);
    expect(threaded?.row).toBe(local?.row);
  });

  it('stops when the import is cancelled', async () => {
    const file = join(dir, 'big.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file });
    const sheet = writer.addWorksheet('Data');
    for (let i = 0; i < 20_000; i += 1) sheet.addRow([i, `row ${i}`]).commit();
    sheet.commit();
    await writer.commit();
    const controller = new AbortController();
    const source = await openXlsx(file, { batchSize: 100 });
    let rows = 0;
    const outcome = (async () => {
      for await (const batch of source.batches({ signal: controller.signal })) {
        rows += batch.length;
        if (rows >= 300) controller.abort();
      }
    })();
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows).toBeLessThan(1000);
  });
});
