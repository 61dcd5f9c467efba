/** Real exports from ../shared/datasets, read in place (never copied into the repo). */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RawRow, TableSource } from '../../../src/core/import/source';
import { openXlsx } from '../../../src/core/import/xlsx';

import { DATASETS } from '../../helpers';

/** The workbook in a dataset folder; a missing dataset fails the test rather than skipping it. */
function xlsxIn(folder: string): string {
  const dir = join(DATASETS, folder);
  const name = readdirSync(dir).find((f) => f.toLowerCase().endsWith('.xlsx'));
  if (!name) throw new Error(`no .xlsx in ${dir}`);
  return join(dir, name);
}

async function readAll(source: TableSource): Promise<RawRow[]> {
  const rows: RawRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return rows;
}

const kiosk = xlsxIn('servqual-kiosk-kr');
const csat = xlsxIn('csat-bilingual-ar');

describe('servqual-kiosk-kr workbook', () => {
  it('lists its 10 sheets and reads the first one with serial dates as dates', async () => {
    const source = await openXlsx(kiosk);
    const sheets = source.description.sheets ?? [];
    expect(sheets).toHaveLength(10);
    expect(sheets[0]?.name).toBe('전체');
    expect(source.description.sheet).toBe('전체');
    const rows = await readAll(source);
    expect(rows[0]?.rowNumber).toBe(1);
    const first = rows[1]?.cells[0];
    expect(first).toBeInstanceOf(Date);
    // 43704.7707… shown as 2019-08-27 18:29:47
    expect(Math.abs((first as Date).getTime() - Date.UTC(2019, 7, 27, 18, 29, 47))).toBeLessThan(1000);
    expect(rows.every((r) => !r.cells.some((c) => typeof c === 'string' && c.includes('\uFFFD')))).toBe(true);
  });

  it('reads another sheet by name', async () => {
    const source = await openXlsx(kiosk ?? '', { sheet: '서브퀄' });
    expect(source.description.sheet).toBe('서브퀄');
    const rows = await readAll(source);
    expect(rows.length).toBeGreaterThan(100);
  });
});

describe('csat-bilingual-ar workbook', () => {
  it('lists 2 sheets and reads Arabic/English text exactly', async () => {
    const source = await openXlsx(csat);
    expect(source.description.sheets).toHaveLength(2);
    const rows = await readAll(source);
    expect(rows.length).toBe(51);
    const header = rows[0]?.cells ?? [];
    expect(header[0]).toBe('Id');
    expect(String(header[1])).toContain('وقت البدء');
    expect(rows.slice(1).every((r) => typeof r.cells[0] === 'number')).toBe(true);
  });
});
