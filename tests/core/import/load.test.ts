import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, ImportCancelled, ImportError, type Mapping } from '../../../src/core/import';
import { openEngagement, removeImport, type Engagement } from '../../../src/core/store';
import { dataset, sha256, useTempDir } from '../../helpers';

const tempDir = useTempDir();

function engagement(): Engagement {
  return openEngagement(join(tempDir(), 'test.cxb'));
}

function write(content: string, name = 'data.csv'): string {
  const path = join(tempDir(), name);
  writeFileSync(path, content);
  return path;
}

const npsMapping: Mapping = {
  kind: 'responses',
  fields: { response_id: 'id', comment: 'comment' },
  items: [{ column: 'score', survey: 'nps', scaleMin: 0, scaleMax: 10 }],
};

function scores(e: Engagement): Array<{ response_id: string; score: number }> {
  return e.db
    .prepare('SELECT response_id, score FROM responses WHERE active = 1 ORDER BY response_id')
    .all() as Array<{
    response_id: string;
    score: number;
  }>;
}

describe('import: shared datasets', () => {
  it('Telco churn imports as 7,043 customers, 0 rejected, blank TotalCharges kept as missing, 1,869 churned', async () => {
    const e = engagement();
    const report = await importFile(e.db, {
      file: dataset('telco-churn-ibm/Telco-Customer-Churn.csv'),
      mapping: {
        kind: 'customers',
        fields: { customer_id: 'customerID', churned: 'Churn', plan: 'Contract' },
      },
    });
    expect(report).toMatchObject({ rowsRead: 7043, rowsAccepted: 7043, rowsRejected: 0, factsWritten: 7043 });
    const counts = e.db
      .prepare(
        `SELECT count(*) AS customers, sum(churned) AS churned,
           sum(json_extract(attributes, '$.TotalCharges') IS NULL) AS blankTotal
         FROM customers WHERE active = 1`,
      )
      .get();
    expect(counts).toEqual({ customers: 7043, churned: 1869, blankTotal: 11 });
    e.close();
  });

  it('Botanic NPS (mixed CP1252/CP850) imports 13,612 scores; its 342 "NA" scores are skipped as no answer, not rejected', async () => {
    const e = engagement();
    const report = await importFile(e.db, {
      file: dataset('nps-botanic-fr/nps.csv'),
      mapping: {
        kind: 'responses',
        fields: { respondent_id: 'id', comment: 'explication' },
        items: [{ column: 'nps', survey: 'nps', scaleMin: 0, scaleMax: 10 }],
      },
    });
    expect(report).toMatchObject({
      rowsRead: 13954,
      rowsRejected: 0,
      factsWritten: 13612,
      blanksSkipped: 342,
    });
    const nps = e.db
      .prepare(
        `SELECT round(100.0 * (sum(score >= 9) - sum(score <= 6)) / count(*), 2) AS nps FROM responses`,
      )
      .get() as { nps: number };
    expect(nps.nps).toBe(53.42);
    const comment = e.db
      .prepare(`SELECT comment FROM responses WHERE comment LIKE 'j''ai achet%vigne vierge%'`)
      .get() as { comment: string };
    expect(comment.comment).toContain('ramène demain au magasin pour échange');
    const mojibake = e.db
      .prepare(`SELECT count(*) AS n FROM responses WHERE comment LIKE '%‚%' OR comment LIKE '%Ã©%'`)
      .get() as { n: number };
    expect(mojibake.n).toBeLessThan(5);
    e.close();
  });
});

describe('import: edge cases', () => {
  it('finds the header on row 4 below a title block', async () => {
    const e = engagement();
    const file = write(
      'Customer survey export\nGenerated 2026-10-01\n\nid,score,comment\nr1,9,ok\nr2,4,bad\n',
    );
    const report = await importFile(e.db, { file, mapping: npsMapping });
    expect(report.header).toMatchObject({ headerRow: 4, headerRows: 1, firstDataRow: 5 });
    expect(scores(e)).toEqual([
      { response_id: 'r1', score: 9 },
      { response_id: 'r2', score: 4 },
    ]);
    e.close();
  });

  it('joins three header rows (question, sub-answer, import id) into column names', async () => {
    const e = engagement();
    const file = write(
      'Response ID,How likely are you to recommend us?,Why?\n' +
        'id,score,comment\n' +
        '{"ImportId":"rid"},{"ImportId":"QID1"},{"ImportId":"QID2"}\n' +
        'r1,10,great\nr2,6,meh\nr3,8,fine\nr4,9,yes\nr5,0,no\n',
    );
    const report = await importFile(e.db, {
      file,
      mapping: {
        kind: 'responses',
        fields: { response_id: 'Response ID - id - {"ImportId":"rid"}' },
        items: [
          {
            column: 'How likely are you to recommend us? - score - {"ImportId":"QID1"}',
            survey: 'nps',
            scaleMin: 0,
            scaleMax: 10,
          },
        ],
      },
    });
    expect(report.header?.headerRows).toBe(3);
    expect(report.factsWritten).toBe(5);
    e.close();
  });

  it('reads semicolon files with decimal commas', async () => {
    const e = engagement();
    const file = write('id;score;comment\nr1;8,5;gut\nr2;10;sehr gut\n');
    await importFile(e.db, {
      file,
      mapping: {
        ...npsMapping,
        decimal: ',',
        items: [{ column: 'score', survey: 'rating', scaleMin: 0, scaleMax: 10 }],
      },
    });
    expect(scores(e)).toEqual([
      { response_id: 'r1', score: 8.5 },
      { response_id: 'r2', score: 10 },
    ]);
    e.close();
  });

  it('rejects an NPS of 11 with row, column, value and reason, and keeps the raw row', async () => {
    const e = engagement();
    const rows = [
      'id,score,comment',
      ...Array.from({ length: 40 }, (_, i) => `r${i},${i % 11},c${i}`),
      'r99,11,too high',
    ];
    const report = await importFile(e.db, { file: write(rows.join('\n')), mapping: npsMapping });
    expect(report.rowsRejected).toBe(1);
    expect(report.rejects[0]).toMatchObject({
      rowNumber: 42,
      column: 'score',
      value: '11',
      reason: 'score 11 is outside the 0–10 scale',
    });
    const stored = e.db.prepare('SELECT row_number, column_name, value, reason, raw_row FROM rejects').all();
    expect(stored).toEqual([
      {
        row_number: 42,
        column_name: 'score',
        value: '11',
        reason: 'score 11 is outside the 0–10 scale',
        raw_row: '["r99","11","too high"]',
      },
    ]);
    e.close();
  });

  it('stops without writing when more than 5% of rows are rejected, unless accepted', async () => {
    const e = engagement();
    const file = write('id,score,comment\nr1,9,a\nr2,12,b\nr3,x,c\n');
    const before = e.db.prepare('SELECT count(*) AS n FROM imports').get();
    await expect(importFile(e.db, { file, mapping: npsMapping })).rejects.toThrow(
      /2 of 3 rows \(66.7%\) were rejected.*nothing was written/,
    );
    expect(e.db.prepare('SELECT count(*) AS n FROM imports').get()).toEqual(before);
    expect(e.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 0 });
    const accepted = await importFile(e.db, { file, mapping: npsMapping, acceptRejects: true });
    expect(accepted).toMatchObject({ rowsAccepted: 1, rowsRejected: 2 });
    e.close();
  });

  it('leaves a totals row at the bottom out and reports it', async () => {
    const e = engagement();
    const report = await importFile(e.db, {
      file: write('customer,segment,mrr\nc1,SMB,100\nc2,SMB,200\nGrand Total,,300\n'),
      mapping: { kind: 'customers', fields: { customer_id: 'customer', segment: 'segment' } },
    });
    expect(report).toMatchObject({ rowsRead: 2, rowsRejected: 0, factsWritten: 2 });
    expect(report.notes).toContain('Left out 1 totals row(s) (row 4): they sum other rows.');
    e.close();
  });

  it('imports a file of only headers as zero rows and says so', async () => {
    const e = engagement();
    const report = await importFile(e.db, { file: write('id,score,comment\n'), mapping: npsMapping });
    expect(report).toMatchObject({ rowsRead: 0, factsWritten: 0 });
    expect(report.notes).toContain('The file has a header but no data rows.');
    e.close();
  });

  it('names missing columns when the mapping does not fit', async () => {
    const e = engagement();
    const error = await importFile(e.db, { file: write('id,rating\nr1,5\n'), mapping: npsMapping }).catch(
      (err) => err,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect(error.message).toMatch(
      /data\.csv: the mapping does not fit this file: .*score column "score" is not in the file/,
    );
    e.close();
  });

  it('cancels after the first progress event before 20% is read, leaving the file unchanged', async () => {
    const dir = tempDir();
    const path = join(dir, 'cancel.cxb');
    openEngagement(path).close();
    const before = sha256(path);
    const lines = ['id,score,comment'];
    for (let i = 0; i < 400_000; i += 1) lines.push(`r${i},${i % 11},"comment number ${i}, with a comma"`);
    const file = join(dir, 'big.csv');
    writeFileSync(file, lines.join('\n'));
    const e = openEngagement(path);
    const controller = new AbortController();
    const seen: number[] = [];
    const outcome = await importFile(e.db, {
      file,
      mapping: npsMapping,
      signal: controller.signal,
      onProgress: (progress) => {
        seen.push(progress.percent);
        controller.abort();
      },
    }).catch((error) => error);
    expect(outcome).toBeInstanceOf(ImportCancelled);
    expect(seen.length).toBeGreaterThan(0);
    expect(Math.max(...seen)).toBeLessThan(20);
    expect(e.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 0 });
    e.close();
    expect(sha256(path)).toBe(before);
  });

  it('re-import replaces by natural key and remove-import brings the first values back', async () => {
    const e = engagement();
    const first = write('id,score,comment\nr1,9,a\nr2,3,b\n', 'q1.csv');
    const second = write('id,score,comment\nr1,10,a\nr2,7,b\nr3,8,c\n', 'q1-restated.csv');
    await importFile(e.db, { file: first, mapping: npsMapping });
    const firstValues = scores(e);
    const re = await importFile(e.db, { file: second, mapping: npsMapping });
    expect(scores(e)).toEqual([
      { response_id: 'r1', score: 10 },
      { response_id: 'r2', score: 7 },
      { response_id: 'r3', score: 8 },
    ]);
    removeImport(e.db, re.importId as number);
    expect(scores(e)).toEqual(firstValues);
    e.close();
  });

  it('removing an import of another kind leaves the answers alone and builds no index on them', async () => {
    const e = engagement();
    await importFile(e.db, {
      file: write('id,score,comment\nr1,9,a\nr2,3,b\n', 'nps.csv'),
      mapping: npsMapping,
    });
    const customers = await importFile(e.db, {
      file: write('customer,churn\nc1,No\nc2,Yes\n', 'customers.csv'),
      mapping: { kind: 'customers', fields: { customer_id: 'customer', churned: 'churn' } },
    });
    const answers = scores(e);
    expect(removeImport(e.db, customers.importId as number)).toEqual({ table: 'customers', rowsRemoved: 2 });
    expect(scores(e)).toEqual(answers);
    // An index on responses slows every later import of answers: it is built only when needed.
    const indexes = e.db.prepare(
      `SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'responses'`,
    );
    expect(indexes.all()).toEqual([]);
    e.close();
  });

  it('refuses the same file twice unless told to replace or skip', async () => {
    const e = engagement();
    const file = write('id,score,comment\nr1,9,a\n');
    await importFile(e.db, { file, mapping: npsMapping });
    // Core says what happened and gives the code; each host adds its own hint (the CLI: --replace).
    await expect(importFile(e.db, { file, mapping: npsMapping })).rejects.toMatchObject({
      code: 'already-imported',
      message: expect.stringMatching(
        /already imported \(import 1, same sha256\); replace that import or skip/,
      ),
    });
    expect((await importFile(e.db, { file, mapping: npsMapping, onDuplicate: 'skip' })).status).toBe(
      'skipped-duplicate',
    );
    const replaced = await importFile(e.db, { file, mapping: npsMapping, onDuplicate: 'replace' });
    expect(replaced.replacedImports).toEqual([1]);
    expect(e.db.prepare('SELECT count(*) AS n FROM responses').get()).toEqual({ n: 1 });
    e.close();
  });

  it('rejects a duplicate key inside one file, naming the first row', async () => {
    const e = engagement();
    const report = await importFile(e.db, {
      file: write('customer,churn\nc1,No\nc2,Yes\nc1,Yes\n'),
      mapping: { kind: 'customers', fields: { customer_id: 'customer', churned: 'churn' } },
      acceptRejects: true,
    });
    expect(report.rejects[0]).toMatchObject({ rowNumber: 4, reason: 'duplicate of row 2 (same customer)' });
    e.close();
  });
});
