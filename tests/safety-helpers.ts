/**
 * What the data-safety tests share: the real cxbrief in a child process (optionally with a file-size
 * limit or as another user), survey files of a given size, and a digest of what an engagement holds.
 */
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

export const ROOT = join(import.meta.dirname, '..');
export const CLI = join(ROOT, 'bin', 'cxbrief.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  /** RLIMIT_FSIZE in KiB (`ulimit -f`): a write past it fails with EFBIG, as on a full disk. */
  fileSizeLimitKb?: number;
  /** Run as this user and group (needs root). */
  uid?: number;
  gid?: number;
  env?: Record<string, string>;
}

/** Runs `cxbrief args…` to completion. */
export function cxbrief(args: string[], options: CliOptions = {}): CliResult {
  const [command, commandArgs] = cliCommand(args, options);
  const result: SpawnSyncReturns<string> = spawnSync(command, commandArgs, {
    encoding: 'utf8',
    input: '',
    env: { ...process.env, ...options.env },
    cwd: ROOT,
    ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid ?? options.uid } : {}),
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `cxbrief args…` and resolves with its result (for runs side by side). */
export function cxbriefAsync(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const [command, commandArgs] = cliCommand(args, options);
  const child = spawn(command, commandArgs, { env: { ...process.env, ...options.env }, cwd: ROOT });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function cliCommand(args: string[], options: CliOptions): [string, string[]] {
  if (options.fileSizeLimitKb === undefined) return [process.execPath, [CLI, ...args]];
  // Node ignores SIGXFSZ, so a write past the limit fails with EFBIG instead of killing it.
  return [
    'bash',
    ['-c', `ulimit -f ${options.fileSizeLimitKb} && exec "$0" "$@"`, process.execPath, CLI, ...args],
  ];
}

/** A survey export of `rows` answers (NPS 0–10 with a comment), in `dir`. */
export function surveyCsv(dir: string, rows: number, name = 'survey.csv', offset = 0): string {
  const lines = ['Response ID,Date,How likely are you to recommend us? (0-10),Comment'];
  for (let i = 1; i <= rows; i += 1)
    lines.push(`R${i + offset},2026-03-${String((i % 28) + 1).padStart(2, '0')},${i % 11},"comment ${i}"`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/**
 * What an engagement holds, as one comparable value: the imports (without their time stamps), the
 * rows of every fact table, the answer pre-aggregate and the settings. Read with a plain SQLite
 * connection, so it also reads a file the app would refuse.
 */
export function contentDigest(path: string): string {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const one = (sql: string) => JSON.stringify(db.prepare(sql).raw().all());
    return [
      one(
        'SELECT id, file_name, sha256, kind, rows_read, rows_accepted, facts_written FROM imports ORDER BY id',
      ),
      one('SELECT count(*), total(score), count(DISTINCT response_id), sum(active) FROM responses'),
      one('SELECT count(*), count(DISTINCT customer_id), sum(active) FROM customers'),
      one('SELECT count(*), total(n) FROM response_cube'),
      one('SELECT key, value FROM settings ORDER BY key'),
    ].join('|');
  } finally {
    db.close();
  }
}

/** SQLite's integrity_check verdict on a file, read with a plain connection. */
export function integrity(path: string): string {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (db.pragma('integrity_check') as Array<{ integrity_check: string }>)
      .map((r) => r.integrity_check)
      .join('; ');
  } finally {
    db.close();
  }
}

/** True when this process may change its user (to test files of another owner). */
export const isRoot = process.getuid?.() === 0;
/** The conventional unprivileged user. */
export const NOBODY = 65534;

/** The control characters in `text` other than newline (C0, DEL, C1), as code points. */
export function rawControls(text: string): number[] {
  return [...text]
    .map((char) => char.codePointAt(0) ?? 0)
    .filter((code) => (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f));
}
