/**
 * The app imports in two steps (a preview the user checks, then the commit of exactly that), the
 * CLI in one. For every shared dataset, `import:preview` then `import:commit` with no edits — the
 * preview sent as JSON, as it crosses the process boundary — stores exactly what `cxbrief import`
 * stores: the same rows in every table (a checksum each), the same import record, or the same
 * refusal — whether the commit follows its preview in the engine (which keeps the file open from
 * the preview) or comes back later and opens the file again.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { answer, createEngine, type Result } from '../../../src/core/api';
import { commitImport, previewImport, type ImportPreview } from '../../../src/core/import';
import { openEngagement } from '../../../src/core/store';
import { DATASETS, useTempDir } from '../../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', '..', 'bin', 'cxbrief.js');
const SALT = 'same-salt-so-hashed-identifiers-compare';

const FILES = readdirSync(DATASETS, { recursive: true, encoding: 'utf8' })
  .filter((name) => /\.(csv|xlsx)$/i.test(name))
  .sort();

/** A new engagement whose personal-data salt is fixed, so both imports hash identifiers alike. */
function engagement(path: string): string {
  const e = openEngagement(path);
  e.db.prepare(`INSERT INTO meta (key, value) VALUES ('pii_salt', ?)`).run(SALT);
  e.close();
  return path;
}

/** Row count and sha256 of every table's rows, sorted (some tables have no rowid), the import time left out. */
function tables(path: string): Record<string, { rows: number; sha256: string }> {
  const db = new Database(path, { readonly: true });
  try {
    const names = (
      db
        .prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
        .all() as Array<{
        name: string;
      }>
    ).map((row) => row.name);
    const result: Record<string, { rows: number; sha256: string }> = {};
    for (const name of names.sort()) {
      // When each file was made and when it imported are all that may differ.
      const rows = (db.prepare(`SELECT * FROM "${name}"`).all() as Array<Record<string, unknown>>).filter(
        (row) => !(name === 'meta' && row.key === 'created_at'),
      );
      const texts = rows.map(({ imported_at: _time, ...kept }) =>
        JSON.stringify(kept, (_key, value: unknown) =>
          Buffer.isBuffer(value) ? value.toString('hex') : value,
        ),
      );
      const hash = createHash('sha256');
      for (const text of texts.sort()) hash.update(text);
      result[name] = { rows: rows.length, sha256: hash.digest('hex') };
    }
    return result;
  } finally {
    db.close();
  }
}

/** The commit of a preview that comes back later: the file opened again, as the app does. */
async function commitReopening(file: string, cxb: string): Promise<void> {
  const e = openEngagement(cxb, { create: false });
  try {
    const preview = JSON.parse(JSON.stringify(await previewImport({ file }, { db: e.db }))) as ImportPreview;
    await commitImport(e.db, preview);
  } catch {
    // Refused: compared below by what the file holds (nothing).
  } finally {
    e.close();
  }
}

async function previewThenCommit(file: string, cxb: string): Promise<Result<unknown>> {
  const engine = createEngine({ dataDir: tempDir() });
  try {
    const opened = await answer(engine, 'engagement:open', { path: cxb });
    expect(opened.ok).toBe(true);
    const preview = await answer(engine, 'import:preview', { file });
    if (!preview.ok) return preview;
    const sent = JSON.parse(JSON.stringify(preview.value)) as unknown;
    return await answer(engine, 'import:commit', { preview: sent });
  } finally {
    engine.close();
  }
}

describe('import:preview then import:commit stores what cxbrief import stores', () => {
  it('finds the shared datasets', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(14);
  });

  it.each(FILES)('%s', async (name) => {
    const file = join(DATASETS, name);
    const dir = tempDir();
    const viaCli = engagement(join(dir, 'cli.cxb'));
    const viaApi = engagement(join(dir, 'api.cxb'));
    const reopened = engagement(join(dir, 'reopened.cxb'));
    const cli = spawnSync(process.execPath, [CLI, 'import', file, '--into', viaCli, '--json'], {
      encoding: 'utf8',
      input: '',
    });
    const committed = await previewThenCommit(file, viaApi);
    if (cli.status === 0) {
      expect(committed.ok, JSON.stringify(committed)).toBe(true);
      const report = JSON.parse(cli.stdout) as { rowsRead: number; factsWritten: number };
      expect(committed.ok && committed.value).toMatchObject({
        rowsRead: report.rowsRead,
        factsWritten: report.factsWritten,
      });
    } else {
      // Refused alike: the same sentence (the CLI adds its hint after it) and nothing written.
      expect(cli.status, cli.stderr).toBe(1);
      expect(committed.ok).toBe(false);
      const message = committed.ok ? '' : committed.error.message;
      expect(cli.stderr).toContain(message);
    }
    const expected = tables(viaCli);
    expect(tables(viaApi), relative(DATASETS, file)).toEqual(expected);
    await commitReopening(file, reopened);
    expect(tables(reopened), relative(DATASETS, file)).toEqual(expected);
  });
});
