/**
 * Preview, then commit: the preview is what the user sees (columns with samples and reasons, the
 * sample checked against the rules, coded notes) and the commit applies exactly that — the
 * preview's mapping and date order, with the user's edits — never a second detection.
 */
import { utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitImport, previewImport, type ImportPreview } from '../../../src/core/import';
import { openEngagement, type Engagement } from '../../../src/core/store';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

function engagement(): Engagement {
  return openEngagement(join(tempDir(), 'test.cxb'));
}

function write(content: string, name = 'survey.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

/** Five answers whose dates read either way (no day above 12). */
const AMBIGUOUS = [
  'Response ID,Date,How likely are you to recommend us? (0-10),Channel',
  'R1,01/02/2024,9,web',
  'R2,02/03/2024,7,phone',
  'R3,03/04/2024,10,web',
  'R4,04/05/2024,4,store',
  'R5,05/06/2024,8,web',
].join('\n');

function dates(e: Engagement): string[] {
  return (
    e.db.prepare(`SELECT responded_on AS d FROM responses ORDER BY response_id`).all() as Array<{ d: string }>
  ).map((row) => row.d.slice(0, 10));
}

describe('import preview', () => {
  it('shows each column with samples, its proposed use and why; checks the sample; codes its notes', async () => {
    const preview = await previewImport({ file: write(AMBIGUOUS) });
    expect(preview).toMatchObject({
      fileName: 'survey.csv',
      kind: 'responses',
      source: { format: 'csv', encoding: 'utf-8', delimiter: ',' },
      header: {
        headerRow: 1,
        firstDataRow: 2,
        columns: ['Response ID', 'Date', expect.any(String), 'Channel'],
      },
      refusal: null,
      previousImports: [],
    });
    const score = preview.columns[2];
    expect(score).toMatchObject({ use: 'item', item: { survey: 'nps', scaleMin: 0, scaleMax: 10 } });
    expect(score?.samples).toEqual(['9', '7', '10', '4', '8']);
    expect(score?.reason).toBeTruthy();
    expect(preview.validation).toEqual({ rowsSampled: 5, accepted: 5, rejected: 0, rejects: [] });
    // What the import used is always said ("NPS from column …, 0–10"): a detection note.
    expect(preview.notes.map((n) => n.code)).toEqual(['kind-detected', 'detection', 'dates-ambiguous']);
    expect(preview.notes[1]?.text).toMatch(/NPS from column .*0–10/);
    expect(preview.notes[2]?.params).toEqual({ order: 'DMY' });
    // A plain value: it survives the trip through a message port.
    expect(JSON.parse(JSON.stringify(preview))).toEqual(preview);
  });

  it('checks the sample against the rules of the given mapping: accepted, rejected and why', async () => {
    const file = write('id,score\nr1,9\nr2,11\nr3,7\nr1,8\n');
    const preview = await previewImport({
      file,
      mapping: {
        kind: 'responses',
        fields: { response_id: 'id' },
        items: [{ column: 'score', survey: 'nps', scaleMin: 0, scaleMax: 10 }],
      },
    });
    expect(preview.detection).toBeNull();
    expect(preview.columns[0]).toMatchObject({
      use: 'field',
      field: 'response_id',
      reason: 'given in the mapping',
    });
    expect(preview.validation).toEqual({
      rowsSampled: 4,
      accepted: 2,
      rejected: 2,
      rejects: [
        {
          rowNumber: 3,
          column: 'score',
          value: '11',
          reason: expect.stringMatching(/outside the 0–10 scale/),
        },
        { rowNumber: 5, column: 'id', value: 'r1', reason: 'duplicate of row 2 (same id)' },
      ],
    });
  });

  it('returns a refusal with its code instead of throwing when no kind is recognised', async () => {
    const preview = await previewImport({ file: write('colour,shape\nred,round\nblue,square\n') });
    expect(preview.mapping).toBeNull();
    expect(preview.refusal).toMatchObject({ code: 'no-mapping-detected' });
    expect(preview.columns.map((c) => c.samples)).toEqual([
      ['red', 'blue'],
      ['round', 'square'],
    ]);
  });
});

describe('import commit', () => {
  it('applies the previewed date order, not a second detection', async () => {
    const file = write(AMBIGUOUS);
    const preview = await previewImport({ file });
    expect(preview.dates).toEqual({ order: 'DMY' });
    // The user said month-first in the preview screen: the commit takes it from the preview.
    const monthFirst: ImportPreview = JSON.parse(JSON.stringify({ ...preview, dates: { order: 'MDY' } }));
    const e = engagement();
    const report = await commitImport(e.db, monthFirst);
    expect(report.rowsAccepted).toBe(5);
    expect(dates(e)).toEqual(['2024-01-02', '2024-02-03', '2024-03-04', '2024-04-05', '2024-05-06']);
    e.close();
  });

  it('applies the previewed mapping with the user edits, and only those', async () => {
    const file = write(AMBIGUOUS);
    const preview = await previewImport({ file });
    const e = engagement();
    const report = await commitImport(e.db, preview, {
      edits: { fields: { segment: 'Channel' }, dateFormat: 'MM/DD/YYYY' },
    });
    expect(report.mapping?.fields).toMatchObject({ response_id: 'Response ID', segment: 'Channel' });
    expect(report.mapping?.dateFormat).toBe('MM/DD/YYYY');
    expect(report.noteDetails.map((n) => n.code)).toEqual(['kind-detected', 'detection', 'dates-ambiguous']);
    expect(dates(e)[0]).toBe('2024-01-02');
    const segments = e.db.prepare(`SELECT DISTINCT segment FROM responses ORDER BY segment`).all();
    expect(segments).toEqual([{ segment: 'phone' }, { segment: 'store' }, { segment: 'web' }]);
    e.close();
  });

  it('refuses an edit that does not fit the previewed columns, and a file changed since the preview', async () => {
    const file = write(AMBIGUOUS);
    const preview = await previewImport({ file });
    const e = engagement();
    await expect(
      commitImport(e.db, preview, { edits: { fields: { segment: 'Region' } } }),
    ).rejects.toMatchObject({
      code: 'mapping-does-not-fit',
      message: expect.stringMatching(/column "Region" \(for segment\) is not in the file/),
    });
    utimesSync(file, new Date(), new Date(Date.now() + 60_000));
    await expect(commitImport(e.db, preview)).rejects.toMatchObject({
      code: 'file-changed',
      message: 'survey.csv: changed since it was previewed; preview it again.',
    });
    expect(e.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual({ n: 0 });
    e.close();
  });

  it('refuses the commit of a refused preview with the preview code', async () => {
    const preview = await previewImport({ file: write('colour,shape\nred,round\n') });
    const e = engagement();
    await expect(commitImport(e.db, preview)).rejects.toMatchObject({ code: 'no-mapping-detected' });
    e.close();
  });
});
