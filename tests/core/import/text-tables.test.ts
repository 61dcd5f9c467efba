/** Whitespace-aligned and space-delimited text tables, wrapped rows and eight-digit dates. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCsv } from '../../../src/core/import/csv/reader';
import { parseDate, parseDateFormat } from '../../../src/core/import/dates';
import type { RawRow } from '../../../src/core/import';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

async function read(content: string, options: Parameters<typeof openCsv>[1] = {}) {
  const path = join(tempDir(), 'table.txt');
  writeFileSync(path, content);
  const source = openCsv(path, options);
  const rows: RawRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return { rows: rows.map((r) => r.cells), source };
}

describe('text tables', () => {
  it('aligned columns keep values with single spaces, blank cells and right-aligned numbers', async () => {
    const { rows, source } = await read(
      [
        'Customer    Region        Balance  Exited',
        'C-001       South West     120.50  1',
        'C-002       North            0.00',
        'C-003       East Anglia   9800.00  0',
      ].join('\n') + '\n',
    );
    expect(source.description.delimiter).toBe(' ');
    expect(source.description.notes).toContain('Read as a text table with 4 aligned columns.');
    expect(rows).toEqual([
      ['Customer', 'Region', 'Balance', 'Exited'],
      ['C-001', 'South West', '120.50', '1'],
      ['C-002', 'North', '0.00', ''],
      ['C-003', 'East Anglia', '9800.00', '0'],
    ]);
  });

  it('--delimiter " " splits on runs of spaces when the columns are not aligned', async () => {
    const { rows } = await read('id date score\nA 20240301 9\nBB 20240302 10\nC 20240303 4\n', {
      delimiter: ' ',
    });
    expect(rows).toEqual([
      ['id', 'date', 'score'],
      ['A', '20240301', '9'],
      ['BB', '20240302', '10'],
      ['C', '20240303', '4'],
    ]);
  });

  it('rows wrapped in one quoted field are unwrapped, and the note says so', async () => {
    const { rows, source } = await read(
      '"id;date;score"\n"A;2024-03-01;9"\n"B;2024-03-02;""n/a"""\n"C;2024-03-03;4"\n',
    );
    expect(rows).toEqual([
      ['id', 'date', 'score'],
      ['A', '2024-03-01', '9'],
      ['B', '2024-03-02', 'n/a'],
      ['C', '2024-03-03', '4'],
    ]);
    expect(source.description.notes.join(' ')).toMatch(/one quoted field holding ";"-separated values/);
  });

  it('an ordinary comma file is still read as one', async () => {
    const { source } = await read('a,b,c\n1,2,3\n4,5,6\n7,8,9\n');
    expect(source.description.delimiter).toBe(',');
  });
});

describe('eight-digit dates', () => {
  it('YYYYMMDD is read without a format; impossible dates are refused', () => {
    expect(parseDate('20240315', { order: 'DMY' })).toEqual({ ok: true, value: '2024-03-15' });
    expect(parseDate(20240315, { order: 'DMY' })).toEqual({ ok: true, value: '2024-03-15' });
    expect(parseDate('20240231', { order: 'DMY' }).ok).toBe(false);
  });

  it('--date-format DDMMYYYY and MMDDYYYY read eight digits in that order', () => {
    expect(parseDate('05032024', parseDateFormat('DDMMYYYY'))).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('03052024', parseDateFormat('MMDDYYYY'))).toEqual({ ok: true, value: '2024-03-05' });
    expect(parseDate('20240305', parseDateFormat('YYYYMMDD'))).toEqual({ ok: true, value: '2024-03-05' });
  });
});
