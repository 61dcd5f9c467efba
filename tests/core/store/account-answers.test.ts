/**
 * account_answers is kept per import (one segment each, in customer order): walks merge the
 * segments into customer order, churn by NPS class reads the model built from them, and files from
 * before the segments open migrated.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type Mapping } from '../../../src/core/import';
import { openEngagement, type Db } from '../../../src/core/store';
import { accountAnswersInOrder, NpsMatrix } from '../../../src/core/store/nps-matrix';
import { datedChurnByClass } from '../../../src/core/store/scorecard-queries';
import { SCHEMA_VERSION } from '../../../src/core/store/schema';
import { computeScorecard } from '../../../src/core/analysis';
import { useTempDir } from '../../helpers';
import { answersMapping, random } from './answer-files';

const tempDir = useTempDir();

const CUSTOMERS = 30;
const customersMapping: Mapping = {
  kind: 'customers',
  fields: { customer_id: 'id', acquired_on: 'acquired', churned_on: 'churned' },
};

/** Customers C0…C29, some acquired late, some churned in 2026. */
function customersCsv(path: string): void {
  const draw = random(5);
  const lines = ['id,acquired,churned'];
  for (let c = 0; c < CUSTOMERS; c += 1) {
    const acquired = draw() < 0.2 ? '2026-02-10' : '2024-01-01';
    const churned = draw() < 0.3 ? `2026-0${1 + Math.floor(draw() * 6)}-1${Math.floor(draw() * 9)}` : '';
    lines.push(`C${c},${acquired},${churned}`);
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

/** An answers file of `rows` rows: few days, so answers of several files fall on the same day. */
function answersCsv(path: string, seed: number, rows: number): void {
  const draw = random(seed);
  const lines = ['rid,person,customer,date,touchpoint,nps,csat,ces'];
  for (let r = 0; r < rows; r += 1) {
    const day = `2025-${String(9 + Math.floor(draw() * 4)).padStart(2, '0')}-0${1 + Math.floor(draw() * 3)}`;
    const touchpoint = ['Web', 'Store', 'Phone'][Math.floor(draw() * 3)];
    const customer = draw() < 0.1 ? '' : `C${Math.floor(draw() * CUSTOMERS)}`;
    lines.push(
      `S${seed}-${r},P${Math.floor(draw() * 40)},${customer},${day},${touchpoint},${Math.floor(draw() * 11)},3,4`,
    );
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function engagementWithImports(count: number): Promise<{ db: Db; close(): void; dir: string }> {
  const dir = tempDir();
  const e = openEngagement(join(dir, 'segments.cxb'));
  customersCsv(join(dir, 'customers.csv'));
  await importFile(e.db, { file: join(dir, 'customers.csv'), mapping: customersMapping });
  for (let k = 0; k < count; k += 1) {
    const file = join(dir, `answers-${k}.csv`);
    answersCsv(file, 100 + k, 120);
    await importFile(e.db, { file, mapping: answersMapping });
  }
  return { db: e.db, close: () => e.close(), dir };
}

const SORTED = `SELECT customer_id, responded_on, score, response_rowid FROM account_answers
  WHERE touchpoint <> 'Phone' ORDER BY customer_id, responded_on DESC, response_rowid DESC`;

function walk(db: Db): unknown[][] {
  return [
    ...accountAnswersInOrder(db, {
      columns: ['a.customer_id', 'a.responded_on', 'a.score'],
      alias: 'a',
      where: "a.touchpoint <> 'Phone' OR ?",
    }).iterate([0]),
  ];
}

describe('account answers kept per import', () => {
  it('walk in customer order (newest first) whether the segments are merged or, past 64 imports, sorted', async () => {
    const e = await engagementWithImports(4);
    const expected = e.db.prepare(SORTED).raw().all();
    expect(expected.length).toBeGreaterThan(200);
    const segments = e.db
      .prepare('SELECT count(DISTINCT import_id) FROM account_answers')
      .pluck()
      .get() as number;
    expect(segments).toBe(4);
    expect(walk(e.db)).toEqual(expected);
    // Imports without answers (customer files) make the walk sort instead of merging.
    const insert = e.db.prepare(
      `INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected, facts_written, imported_at)
       VALUES ('c.csv', 'x', 'customers', '{}', 0, 0, 0, 0, '2026-01-01')`,
    );
    for (let k = 0; k < 64; k += 1) insert.run();
    expect(walk(e.db)).toEqual(expected);
    e.close();
  });

  it('class customers for dated churn as the latest-answer SQL over every segment does, with filters', async () => {
    const e = await engagementWithImports(3);
    for (const [filters, where] of [
      [[], ''],
      [[{ key: 'touchpoint', kind: 'answer', column: true, matches: ['Web'] }], "AND r.touchpoint = 'Web'"],
    ] as const) {
      for (const start of ['2025-10-01', '2025-12-01', '2026-03-01']) {
        const end = '2026-07-01';
        const model = NpsMatrix.fromAnswers(e.db, `1 = 1 ${where}`, [], null);
        const got = datedChurnByClass(e.db, model, start, end);
        const literal = e.db
          .prepare(
            `WITH latest AS (
               SELECT customer_id, score FROM (
                 SELECT r.customer_id, r.score, row_number() OVER (PARTITION BY r.customer_id
                   ORDER BY r.responded_on DESC, r.response_rowid DESC) AS k
                 FROM account_answers r WHERE r.responded_on < @start ${where})
               WHERE k = 1)
             SELECT CASE WHEN l.score >= 9 THEN 'promoter' WHEN l.score >= 7 THEN 'passive' ELSE 'detractor' END AS npsClass,
               count(*) AS atStart, coalesce(sum(c.churned_on >= @start AND c.churned_on < @end), 0) AS lost
             FROM latest l JOIN customers c ON c.customer_id = l.customer_id AND c.active = 1
             WHERE (c.acquired_on IS NULL OR c.acquired_on < @start) AND (c.churned_on IS NULL OR c.churned_on >= @start)
             GROUP BY 1`,
          )
          .all({ start, end });
        const sorted = (rows: unknown[]) =>
          [...rows].sort((a, b) =>
            String((a as { npsClass: string }).npsClass).localeCompare((b as { npsClass: string }).npsClass),
          );
        expect(sorted(got), `${start} ${JSON.stringify(filters)}`).toEqual(sorted(literal));
        expect(got.reduce((n, row) => n + row.atStart, 0)).toBeGreaterThan(0);
      }
    }
    e.close();
  });

  it('stored counts widen past 255 when the answers of two imports add up in one customer-month', async () => {
    const dir = tempDir();
    const e = openEngagement(join(dir, 'wide.cxb'));
    for (const k of [0, 1]) {
      const file = join(dir, `many-${k}.csv`);
      const lines = ['rid,person,customer,date,touchpoint,nps,csat,ces'];
      for (let r = 0; r < 150; r += 1) lines.push(`M${k}-${r},P${r},C1,2025-09-0${1 + (r % 9)},Web,10,,`);
      writeFileSync(file, lines.join('\n') + '\n');
      await importFile(e.db, { file, mapping: answersMapping });
      const stored = e.db
        .prepare("SELECT length(promoters) / length(latest) FROM nps_matrix WHERE scope = '*'")
        .pluck()
        .get();
      expect(stored).toBe(k === 0 ? 1 : 2);
    }
    const counts = NpsMatrix.load(e.db, null).counts(null);
    expect([...counts.promoters]).toEqual([300]);
    e.close();
  });

  it('a file from before the segments opens migrated: same answers, keyed by import first, no import index', async () => {
    const e = await engagementWithImports(3);
    const before = e.db.prepare(SORTED).raw().all();
    const scorecard = computeScorecard(e.db, { period: '2026-Q1' });
    // The table as migration 5 made it: keyed by customer, with an index on the import.
    e.db.exec(`
      CREATE TABLE old_form (customer_id TEXT NOT NULL, responded_on TEXT NOT NULL, response_rowid INTEGER NOT NULL,
        score REAL NOT NULL, touchpoint TEXT, channel TEXT, item TEXT, dimension TEXT, import_id INTEGER NOT NULL,
        PRIMARY KEY (customer_id, responded_on DESC, response_rowid DESC)) WITHOUT ROWID;
      INSERT INTO old_form SELECT * FROM account_answers;
      DROP TABLE account_answers;
      ALTER TABLE old_form RENAME TO account_answers;
      CREATE INDEX account_answers_import ON account_answers(import_id);`);
    e.db.pragma('user_version = 16');
    e.close();
    const migrated = openEngagement(join(e.dir, 'segments.cxb'));
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const sql = migrated.db
      .prepare("SELECT sql FROM sqlite_schema WHERE name = 'account_answers'")
      .pluck()
      .get() as string;
    expect(sql).toMatch(/PRIMARY KEY \(import_id, customer_id, responded_on DESC, response_rowid DESC\)/);
    expect(
      migrated.db
        .prepare("SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'account_answers'")
        .pluck()
        .get(),
    ).toBe(1);
    expect(migrated.db.prepare(SORTED).raw().all()).toEqual(before);
    expect(computeScorecard(migrated.db, { period: '2026-Q1' }).kpis).toEqual(scorecard.kpis);
    migrated.close();
  });
});
