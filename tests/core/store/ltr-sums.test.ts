/**
 * The per-respondent sums behind derived importance, stored as blobs of float64 quads with
 * touchpoint codes: a file from before (JSON ratings) is rebuilt on opening, and the sums and the
 * gap report's derived importance are what the importer kept.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile, type Mapping } from '../../../src/core/import';
import { openEngagement, SCHEMA_VERSION, type Db } from '../../../src/core/store';
import { refreshLtrSums } from '../../../src/core/store/ltr-sums';
import { useTempDir } from '../../helpers';

const tempDir = useTempDir();

const mapping: Mapping = {
  kind: 'responses',
  fields: { response_id: 'rid', respondent_id: 'person', responded_on: 'date', touchpoint: 'touchpoint' },
  items: [
    { column: 'nps', survey: 'nps', scaleMin: 0, scaleMax: 10 },
    { column: 'csat', survey: 'csat', scaleMin: 1, scaleMax: 5 },
  ],
};

function answersCsv(path: string, rows: number): void {
  const lines = ['rid,person,date,touchpoint,nps,csat'];
  for (let i = 0; i < rows; i += 1)
    lines.push(
      `R${i},P${i % 37},2026-0${1 + (i % 6)}-15,${['Web', 'Store', 'Phone'][i % 3]},${(i * 7) % 11},${1 + ((i * 3) % 5)}`,
    );
  writeFileSync(path, `${lines.join('\n')}\n`);
}

function ltrState(db: Db): { sums: unknown[]; ratings: string[] } {
  const names = new Map(
    db.prepare('SELECT code, touchpoint FROM ltr_touchpoints').raw().all() as Array<[number, string]>,
  );
  const ratings: string[] = [];
  for (const [id, n, sumY, blob] of db.prepare('SELECT * FROM ltr_respondents').raw().all() as Array<
    [string, number, number, Buffer]
  >) {
    for (let at = 0; at < blob.length; at += 32) {
      const quad = [0, 8, 16, 24].map((o) => blob.readDoubleLE(at + o)) as [number, number, number, number];
      ratings.push(
        JSON.stringify([
          id,
          n,
          sumY.toFixed(6),
          names.get(quad[0]),
          quad[1],
          quad[2].toFixed(6),
          quad[3].toFixed(4),
        ]),
      );
    }
  }
  const sums = (db.prepare('SELECT * FROM ltr_sums ORDER BY touchpoint').raw().all() as unknown[][]).map(
    (row) => row.map((v) => (typeof v === 'number' ? Number(v.toPrecision(12)) : v)),
  );
  return { sums, ratings: ratings.sort() };
}

describe('per-respondent derived-importance sums', () => {
  it('kept by later imports equal a rebuild, whether their respondents lie close together in the key or far apart among others', async () => {
    const dir = tempDir();
    const e = openEngagement(join(dir, 'spread.cxb'));
    // 600 respondents P000…P599 first; then a file of 500 next to one another (read as ranges of
    // the key), and one of 120 spread across all of them (too many others between: one by one).
    const file = (name: string, people: number[]) => {
      const path = join(dir, name);
      const lines = ['rid,person,date,touchpoint,nps,csat'];
      people.forEach((p, i) => {
        const person = `P${String(p).padStart(3, '0')}`;
        lines.push(`${name}-${i}a,${person},2026-02-0${1 + (i % 9)},Web,${(p * 7) % 11},`);
        lines.push(
          `${name}-${i}b,${person},2026-02-0${1 + (i % 9)},${['Store', 'Phone'][p % 2]},,${1 + (p % 5)}`,
        );
      });
      writeFileSync(path, `${lines.join('\n')}\n`);
      return path;
    };
    const range = (n: number, step: number) => Array.from({ length: n }, (_, i) => i * step);
    for (const [name, people] of [
      ['all', range(600, 1)],
      ['close', range(500, 1)],
      ['spread', range(120, 5)],
    ] as const) {
      await importFile(e.db, { file: file(`${name}.csv`, [...people]), mapping });
      const kept = ltrState(e.db);
      e.db.exec('BEGIN');
      refreshLtrSums(e.db);
      expect(ltrState(e.db), name).toEqual(kept);
      e.db.exec('ROLLBACK');
    }
    e.close();
  });

  it('are rebuilt from the answers when a file from before the blob form is opened', async () => {
    const dir = tempDir();
    const file = join(dir, 'ltr.cxb');
    const csv = join(dir, 'answers.csv');
    answersCsv(csv, 400);
    const e = openEngagement(file);
    await importFile(e.db, { file: csv, mapping });
    const kept = ltrState(e.db);
    expect(kept.ratings.length).toBeGreaterThan(37);
    expect(kept.sums).toHaveLength(3);
    // The file as the version before left it: ratings as JSON, no touchpoint codes.
    e.db.exec(`DROP TABLE ltr_respondents; DROP TABLE ltr_touchpoints;
      CREATE TABLE ltr_respondents (respondent_id TEXT PRIMARY KEY, n INTEGER NOT NULL, sum_y REAL NOT NULL,
        ratings TEXT NOT NULL) WITHOUT ROWID;
      INSERT INTO ltr_respondents VALUES ('P1', 1, 50, '{"Web":[1,50,2500]}');`);
    e.db.pragma('user_version = 15');
    e.close();
    const migrated = openEngagement(file);
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(ltrState(migrated.db)).toEqual(kept);
    migrated.close();
  });
});
