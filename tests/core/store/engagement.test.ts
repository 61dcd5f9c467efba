import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, EngagementFileError, SCHEMA_VERSION, openEngagement } from '../../../src/core/store';
import { MIGRATIONS, RESPONSE_CHECKS } from '../../../src/core/store/schema';
import { sha256, useTempDir } from '../../helpers';

const tempDir = useTempDir();

function refusal(path: string): EngagementFileError {
  try {
    openEngagement(path).close();
  } catch (error) {
    if (error instanceof EngagementFileError) return error;
    throw error;
  }
  throw new Error('the file was opened');
}

/** A file as version `version` of the schema wrote it, with one import (id 1) and the rows of `rows`. */
function olderFile(version: number, rows: string): string {
  const path = join(tempDir(), `v${version}.cxb`);
  const raw = new Database(path);
  for (const step of MIGRATIONS.slice(0, version)) raw.exec(step as string);
  raw.exec(`INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected, facts_written, imported_at)
    VALUES ('s.csv', 'x', 'responses', '{}', 2, 2, 0, 2, '2026-01-01')`);
  raw.exec(rows);
  raw.pragma(`application_id = ${APPLICATION_ID}`);
  raw.pragma(`user_version = ${version}`);
  raw.close();
  return path;
}

describe('engagement file', () => {
  it('creates a file with every table of DESIGN §4, a rollback journal, foreign keys and our application_id', () => {
    const path = join(tempDir(), 'new.cxb');
    const engagement = openEngagement(path, { name: 'Acme' });
    const db = engagement.db;
    const tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as Array<{ name: string }>
    ).map((t) => t.name);
    for (const table of [
      'meta',
      'imports',
      'rejects',
      'customers',
      'revenue',
      'responses',
      'assessments',
      'touchpoints',
      'targets',
      'settings',
      'spend',
      'funnel',
      'notes',
    ]) {
      expect(tables).toContain(table);
    }
    expect(db.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('application_id', { simple: true })).toBe(APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT value FROM meta WHERE key='name'`).get()).toEqual({ value: 'Acme' });
    engagement.close();
    expect(existsSync(`${path}-journal`)).toBe(false);
    openEngagement(path, { create: false }).close();
  });

  it('refuses a text file and leaves it byte-for-byte untouched', () => {
    const path = join(tempDir(), 'notes.cxb');
    writeFileSync(path, 'customer_id,score\n1,9\n'.repeat(20));
    const before = sha256(path);
    expect(refusal(path).code).toBe('not-ours');
    expect(sha256(path)).toBe(before);
  });

  it('refuses a foreign SQLite database untouched', () => {
    const path = join(tempDir(), 'other.cxb');
    const other = new Database(path);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    const before = sha256(path);
    const error = refusal(path);
    expect(error.code).toBe('not-ours');
    expect(error.message).toMatch(/not a CX Brief engagement file/);
    expect(sha256(path)).toBe(before);
  });

  it('refuses a file from a newer version untouched', () => {
    const path = join(tempDir(), 'future.cxb');
    openEngagement(path).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const before = sha256(path);
    const error = refusal(path);
    expect(error.code).toBe('newer-version');
    expect(error.message).toMatch(/newer version of CX Brief/);
    expect(sha256(path)).toBe(before);
  });

  it('refuses an empty file rather than overwriting it', () => {
    const path = join(tempDir(), 'empty.cxb');
    writeFileSync(path, '');
    expect(refusal(path).code).toBe('not-ours');
    expect(sha256(path)).toBe(sha256(path));
  });

  it('refuses a second process while the file is open ("already open")', () => {
    const path = join(tempDir(), 'locked.cxb');
    const engagement = openEngagement(path);
    try {
      const script = `import { openEngagement } from ${JSON.stringify(join(import.meta.dirname, '../../../src/core/store/index.ts'))};
        try { openEngagement(${JSON.stringify(path)}); console.log('OPENED'); } catch (e) { console.log(e.code + ': ' + e.message); }`;
      const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      expect(child.stdout).toMatch(/^already-open: .*already open by another CX Brief process/);
    } finally {
      engagement.close();
    }
    openEngagement(path).close();
  });

  it('migrates a version-3 file: backup first, then pre-aggregates built from its rows', () => {
    const path = olderFile(
      3,
      `INSERT INTO responses (respondent_id, customer_id, responded_on, survey, item, score, scale_min, scale_max, import_id)
       VALUES ('a', 'c1', '2026-02-03', 'nps', 'nps', 10, 0, 10, 1), ('b', 'c2', '2026-02-04', 'nps', 'nps', 3, 0, 10, 1);
       INSERT INTO revenue (customer_id, period, mrr, import_id) VALUES ('c1', '2026-01', 100, 1), ('c1', '2026-02', 120, 1);`,
    );
    const before = sha256(path);
    const e = openEngagement(path);
    expect(sha256(`${path}.bak-v3`)).toBe(before);
    expect(e.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(e.db.prepare('SELECT sum(n) AS n FROM response_cube').get()).toEqual({ n: 2 });
    expect(e.db.prepare('SELECT count(*) AS n FROM account_answers').get()).toEqual({ n: 2 });
    expect(e.db.prepare('SELECT count(*) AS n FROM mrr_matrix').get()).toEqual({ n: 1 });
    e.close();
  });

  it('a migration killed while committing (the new version already in the header, its journal not yet gone) is rolled back and run again', () => {
    const path = olderFile(
      3,
      `INSERT INTO responses (respondent_id, customer_id, responded_on, survey, item, score, scale_min, scale_max, import_id)
       VALUES ('a', 'c1', '2026-02-03', 'nps', 'nps', 10, 0, 10, 1), ('b', 'c2', '2026-02-04', 'nps', 'nps', 3, 0, 10, 1);`,
    );
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    const before = sha256(path);
    // A writer changing the schema and the version, killed with its journal hot…
    const killed = spawnSync(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(${JSON.stringify(path)});
         db.pragma('cache_size = 1');
         db.exec('BEGIN');
         db.pragma('user_version = ${SCHEMA_VERSION}');
         db.exec('CREATE TABLE half_done (x)');
         const insert = db.prepare('INSERT INTO half_done VALUES (?)');
         for (let i = 0; i < 500; i += 1) insert.run('x'.repeat(1000));
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: process.cwd() },
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(`${path}-journal`)).toBe(true);
    // …after its commit had written the header's new version (the journal holds the old page).
    const header = readFileSync(path);
    header.writeUInt32BE(SCHEMA_VERSION, 60);
    writeFileSync(path, header);
    const e = openEngagement(path);
    expect(e.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(e.db.prepare(`SELECT count(*) FROM sqlite_schema WHERE name = 'half_done'`).pluck().get()).toBe(0);
    expect(e.db.prepare('SELECT sum(n) AS n FROM response_cube').get()).toEqual({ n: 2 });
    e.close();
    expect(sha256(`${path}.bak-v3`)).toBe(before);
  });

  it('migration 12 states the CHECKs of responses as equalities: same rules, rows and rowids kept', () => {
    const path = olderFile(
      11,
      `INSERT INTO responses (rowid, respondent_id, survey, item, measure, score, scale_min, scale_max, import_id)
       VALUES (7, 'a', 'servqual', 'q1', 'expectation', 6, 1, 7, 1), (9, 'b', 'nps', 'nps', NULL, 9, 0, 10, 1)`,
    );
    const e = openEngagement(path);
    const ddl = (
      e.db.prepare(`SELECT sql FROM sqlite_schema WHERE name = 'responses'`).get() as { sql: string }
    ).sql;
    for (const [inList, equalities] of RESPONSE_CHECKS) {
      expect(ddl).not.toContain(inList);
      expect(ddl).toContain(equalities);
    }
    expect(e.db.prepare('SELECT rowid, survey, measure FROM responses ORDER BY rowid').raw().all()).toEqual([
      [7, 'servqual', 'expectation'],
      [9, 'nps', null],
    ]);
    const insert = e.db.prepare(
      `INSERT INTO responses (respondent_id, survey, item, measure, score, scale_min, scale_max, import_id)
       VALUES ('c', ?, 'i', ?, 1, 0, 10, 1)`,
    );
    expect(() => insert.run('rating', null)).not.toThrow();
    expect(() => insert.run('servqual', 'perception')).not.toThrow();
    expect(() => insert.run('NPS', null)).toThrow(/CHECK constraint failed/);
    expect(() => insert.run('nps', 'hope')).toThrow(/CHECK constraint failed/);
    expect(e.db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    // The edit is for this step only: the schema is read-only again.
    expect(() => e.db.exec(`UPDATE sqlite_schema SET sql = sql WHERE 0`)).toThrow(/may not be modified/);
    e.close();
  });

  it('backs up the file before migrating an older version', () => {
    const path = join(tempDir(), 'old.cxb');
    openEngagement(path).close();
    const raw = new Database(path);
    raw.exec('DROP TABLE notes');
    raw.pragma('user_version = 0');
    raw.close();
    // Version 0 with our id is an unfinished creation: re-running migration 1 must not lose it.
    const shaBefore = sha256(path);
    expect(() => openEngagement(path)).toThrow();
    expect(sha256(path)).toBe(shaBefore);
  });
});
