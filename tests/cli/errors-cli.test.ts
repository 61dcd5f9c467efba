/**
 * What a user sees when the engagement file is not usable: one line on stderr naming the file and
 * the reason, exit 1. A bug is one line with a reference and the log's path, exit 2, and its stack
 * goes to the log, never to the terminal.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dataset, sha256, useTempDir } from '../helpers';

const tempDir = useTempDir();
const CLI = join(import.meta.dirname, '..', '..', 'bin', 'cxbrief.js');
const TELCO = dataset('telco-churn-ibm/Telco-Customer-Churn.csv');

function cxbrief(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectOneLine(result: ReturnType<typeof cxbrief>, code: number, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

/** An engagement with the Telco customers, closed cleanly. */
function seeded(dir: string): string {
  const path = join(dir, 'seed.cxb');
  const result = cxbrief(['import', TELCO, '--into', path, '--kind', 'customers', '--quiet']);
  expect(result.code, result.stderr).toBe(0);
  return path;
}

describe('cxbrief refuses an unusable engagement file with exit 1 and one line', () => {
  it('a damaged engagement (pages overwritten) is named as damaged and left as it was', () => {
    const dir = tempDir();
    const damaged = join(dir, 'damaged.cxb');
    const bytes = readFileSync(seeded(dir));
    bytes.fill(0x41, 100, 16_384);
    writeFileSync(damaged, bytes);
    const before = sha256(damaged);
    for (const command of [
      ['imports', damaged],
      ['scorecard', damaged],
      ['import', TELCO, '--into', damaged],
    ])
      expectOneLine(cxbrief(command), 1, /damaged\.cxb is damaged .*restore it from a backup/);
    expect(sha256(damaged)).toBe(before);
  });

  it('a folder given as the engagement', () => {
    const folder = join(tempDir(), 'client.cxb');
    mkdirSync(folder);
    expectOneLine(cxbrief(['gap', folder]), 1, /client\.cxb is a folder, not an engagement file/);
    expectOneLine(
      cxbrief(['import', TELCO, '--into', folder]),
      1,
      /client\.cxb is a folder, not an engagement file/,
    );
  });

  it('a new engagement in a folder that does not exist', () => {
    const path = join(tempDir(), 'no', 'such', 'folder', 'acme.cxb');
    expectOneLine(
      cxbrief(['import', TELCO, '--into', path]),
      1,
      /the folder .*folder does not exist, so acme\.cxb cannot be created there/,
    );
    expect(existsSync(join(path, '..', '..', '..'))).toBe(false);
  });

  it('a read-only engagement file opens for viewing (said on stderr) and refuses writes, untouched', () => {
    const dir = tempDir();
    const readOnly = join(dir, 'archived.cxb');
    copyFileSync(seeded(dir), readOnly);
    chmodSync(readOnly, 0o444);
    const before = sha256(readOnly);
    const listed = cxbrief(['imports', readOnly]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/Telco-Customer-Churn\.csv/);
    expect(listed.stderr.trim()).toMatch(
      /^note: .*archived\.cxb is read-only \(it is marked read-only\); it was opened for viewing only\.$/,
    );
    expectOneLine(
      cxbrief(['settings', readOnly, 'currency=EUR']),
      1,
      /archived\.cxb is open read-only \(it is marked read-only\); nothing was changed\./,
    );
    expect(sha256(readOnly)).toBe(before);
  });
});

describe('a bug', () => {
  it('exits 2 with one line giving a reference and the log file; the stack is in the log', () => {
    const dir = tempDir();
    const path = seeded(dir);
    // A table the engine relies on is gone: no user did this through the app, so it is a bug.
    const db = new Database(path);
    db.exec('DROP TABLE settings');
    db.close();
    const logs = join(dir, 'logs');
    const result = cxbrief(['scorecard', path], { CXBRIEF_LOG_DIR: logs });
    expectOneLine(
      result,
      2,
      /^cxbrief scorecard: internal error \(reference [0-9a-f]{8}; please report it\)/,
    );
    const reference = /reference ([0-9a-f]{8})/.exec(result.stderr)?.[1] ?? 'none';
    const log = join(logs, 'cxbrief.log');
    expect(result.stderr).toContain(log);
    expect(result.stderr).not.toMatch(/no such table/);
    expect(readFileSync(log, 'utf8')).toMatch(
      new RegExp(`\\[${reference}\\] SqliteError: no such table: settings\\n\\s+at `),
    );
  });
});
