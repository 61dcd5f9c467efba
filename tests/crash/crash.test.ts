/**
 * SIGKILL at many moments: during an import (its rows, its COMMIT, its close), a migration, an
 * export and the creation of an engagement. Whatever the moment, the file opens, passes SQLite's
 * integrity_check and holds exactly the data from before or from after; an export never leaves a
 * half file under its final name. Sized to stay quick here; `npm run bench -- --crash` runs the
 * long loops.
 */
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { APPLICATION_ID, openEngagement } from '../../src/core/store';
import { MIGRATIONS } from '../../src/core/store/schema';
import { sha256, useTempDir } from '../helpers';
import { contentDigest, cxbrief, integrity, surveyCsv } from '../safety-helpers';
import { inParallel, killImports, leftovers, runChild, spread } from './harness';

const tempDir = useTempDir();

describe.skipIf(process.platform === 'win32')('SIGKILL at any moment', () => {
  it('an import killed at 20 moments (rows, COMMIT, close) leaves the data from before or after, intact', async () => {
    const { importMs, outcomes } = await killImports(tempDir(), {
      rows: 8_000,
      timePoints: 14,
      commitDelays: [0, 1, 3, 8],
      closeDelays: [0, 1],
      parallel: 2,
    });
    expect(importMs).toBeGreaterThan(0);
    expect(outcomes).toHaveLength(20);
    for (const outcome of outcomes) {
      const label = JSON.stringify(outcome);
      expect(outcome.error, label).toBeNull();
      expect(outcome.integrity, label).toBe('ok');
      expect(outcome.state, label).not.toBe('neither');
    }
    const states = new Set(outcomes.map((o) => o.state));
    expect(states).toEqual(new Set(['before', 'after']));
    // Some kills landed inside a write (a journal was left to roll back).
    expect(outcomes.some((o) => o.killed && o.interruptedWrite)).toBe(true);
  }, 300_000);

  it('a migration killed at 6 moments is re-run on the next open: the migrated data, a whole backup', async () => {
    const dir = tempDir();
    const old = olderFile(dir, 3, 15_000);
    const original = sha256(old);
    const reference = join(dir, 'reference.cxb');
    copyFileSync(old, reference);
    const full = await runChild({ at: 'never', delayMs: 0 }, ['imports', reference]);
    expect(full.code, full.stderr).toBe(0);
    const migrated = contentDigest(reference);
    const endMs = (JSON.parse(full.stderr.trim().split('\n').pop() ?? '{}') as { end: number }).end;
    const outcomes = await inParallel(spread(6, endMs * 0.3, endMs), 2, async (delayMs) => {
      const path = join(dir, `kill-${delayMs}.cxb`);
      copyFileSync(old, path);
      const run = await runChild({ at: 'start', delayMs }, ['imports', path]);
      const backup = `${path}.bak-v3`;
      const backupWhole = !existsSync(backup) || sha256(backup) === original;
      openEngagement(path, { create: false }).close();
      const outcome = {
        delayMs,
        killed: run.killed,
        backupWhole,
        integrity: integrity(path),
        data: contentDigest(path),
      };
      for (const name of leftovers(dir, `kill-${delayMs}.cxb`)) rmSync(join(dir, name.name));
      return outcome;
    });
    for (const outcome of outcomes) {
      expect(outcome.integrity, JSON.stringify(outcome)).toBe('ok');
      expect(outcome.data === migrated, JSON.stringify(outcome)).toBe(true);
      expect(outcome.backupWhole, JSON.stringify(outcome)).toBe(true);
    }
    expect(outcomes.some((o) => o.killed)).toBe(true);
  }, 300_000);

  it('an export killed at 6 moments never leaves a half file under its final name', async () => {
    const dir = tempDir();
    const cxb = join(dir, 'acme.cxb');
    expect(cxbrief(['import', surveyCsv(dir, 3_000), '--into', cxb, '--quiet']).code).toBe(0);
    const out = join(dir, 'book.xlsx');
    const full = await runChild({ at: 'never', delayMs: 0 }, [
      'export',
      cxb,
      '--period',
      'all',
      '--xlsx',
      out,
    ]);
    expect(full.code, full.stderr).toBe(0);
    const endMs = (JSON.parse(full.stderr.trim().split('\n').pop() ?? '{}') as { end: number }).end;
    rmSync(out);
    let wholeFiles = 0;
    for (const delayMs of spread(6, endMs * 0.4, endMs)) {
      const run = await runChild({ at: 'start', delayMs }, ['export', cxb, '--period', 'all', '--xlsx', out]);
      if (existsSync(out)) {
        const zip = await JSZip.loadAsync(readFileSync(out));
        expect(zip.file('xl/workbook.xml'), `killed=${run.killed} at ${delayMs} ms`).not.toBeNull();
        wholeFiles += 1;
        rmSync(out);
      }
      for (const partial of leftovers(dir, 'book.xlsx.')) rmSync(join(dir, partial.name));
    }
    expect(wholeFiles).toBeLessThan(6);
    expect(integrity(cxb)).toBe('ok');
  }, 300_000);

  it('creating an engagement killed at 6 moments leaves nothing or a whole engagement', async () => {
    const dir = tempDir();
    const survey = surveyCsv(dir, 500);
    const probe = join(dir, 'probe.cxb');
    const full = await runChild({ at: 'never', delayMs: 0 }, ['import', survey, '--into', probe, '--quiet']);
    expect(full.code, full.stderr).toBe(0);
    const moments = JSON.parse(full.stderr.trim().split('\n').pop() ?? '{}') as { begin: number };
    const seen = new Set<string>();
    for (const delayMs of spread(6, moments.begin * 0.5, moments.begin * 1.2)) {
      const path = join(dir, `new-${delayMs}.cxb`);
      await runChild({ at: 'start', delayMs }, ['import', survey, '--into', path, '--quiet']);
      if (!existsSync(path)) {
        seen.add('nothing');
        continue;
      }
      const engagement = openEngagement(path, { create: false });
      const imports = (engagement.db.prepare('SELECT count(*) AS n FROM imports').get() as { n: number }).n;
      engagement.close();
      expect(integrity(path)).toBe('ok');
      expect(imports).toBeLessThanOrEqual(1);
      seen.add('engagement');
    }
    expect(seen.size).toBeGreaterThan(0);
    // What killed creators left under temporary names is cleared by the next creation there.
    expect(cxbrief(['import', survey, '--into', join(dir, 'last.cxb'), '--quiet']).code).toBe(0);
    expect(
      readdirSync(dir).filter((name) => name.endsWith('.creating') || name.includes('.creating-')),
    ).toEqual([]);
  }, 300_000);
});

/** A file as schema version `version` wrote it, holding one import of `answers` NPS answers. */
function olderFile(dir: string, version: number, answers: number): string {
  const path = join(dir, `v${version}.cxb`);
  const raw = new Database(path);
  for (const step of MIGRATIONS.slice(0, version)) raw.exec(step as string);
  raw.exec(`INSERT INTO imports (file_name, sha256, kind, mapping, rows_read, rows_accepted, rows_rejected, facts_written, imported_at)
    VALUES ('s.csv', 'x', 'responses', '{}', ${answers}, ${answers}, 0, ${answers}, '2026-01-01')`);
  const insert = raw.prepare(
    `INSERT INTO responses (response_id, respondent_id, customer_id, responded_on, survey, item, score, scale_min, scale_max, import_id)
     VALUES (?, ?, ?, ?, 'nps', 'nps', ?, 0, 10, 1)`,
  );
  raw.transaction(() => {
    for (let i = 0; i < answers; i += 1)
      insert.run(`R${i}`, `P${i}`, `C${i % 500}`, `2026-0${(i % 9) + 1}-1${i % 10}`, i % 11);
  })();
  raw.pragma(`application_id = ${APPLICATION_ID}`);
  raw.pragma(`user_version = ${version}`);
  raw.close();
  return path;
}
