import Database from 'better-sqlite3';
import { closeSync, copyFileSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { UserError, type ErrorCode } from '../errors';
import { refreshAggregates } from './aggregates';
import { AGGREGATES_SINCE, APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, type Migration } from './schema';

export type Db = Database.Database;

type EngagementProblem = Extract<
  ErrorCode,
  | 'not-ours'
  | 'newer-version'
  | 'already-open'
  | 'corrupt'
  | 'missing'
  | 'exists'
  | 'is-folder'
  | 'folder-missing'
  | 'read-only'
  | 'disk-full'
>;

/** Why an engagement file could not be opened, as a sentence for the user. */
export class EngagementFileError extends UserError {
  constructor(
    readonly path: string,
    code: EngagementProblem,
    message: string,
  ) {
    super(code, message, { path });
    this.name = 'EngagementFileError';
  }
}

export interface Engagement {
  readonly path: string;
  readonly db: Db;
  close(): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default true). */
  create?: boolean;
  /** Engagement name stored in meta on creation. */
  name?: string;
  appVersion?: string;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';

/**
 * Opens (or creates) a `.cxb` engagement file and holds it exclusively.
 *
 * Every refusal (foreign file, newer version) happens from the raw header bytes before SQLite
 * opens the file, so a file that is not ours is left byte-for-byte untouched.
 */
export function openEngagement(path: string, options: OpenOptions = {}): Engagement {
  try {
    return openChecked(path, options);
  } catch (error) {
    throw storeError(error, path);
  }
}

function openChecked(path: string, options: OpenOptions): Engagement {
  const exists = existsSync(path);
  if (!exists && options.create === false) {
    throw new EngagementFileError(path, 'missing', `${path} does not exist.`);
  }
  if (exists) refuseUnwritable(path);
  else if (!existsSync(dirname(resolve(path))))
    throw new EngagementFileError(
      path,
      'folder-missing',
      `the folder ${dirname(resolve(path))} does not exist, so ${basename(path)} cannot be created there.`,
    );
  const header = exists ? readHeader(path) : null;
  if (header) refuseForeign(path, header);
  // A clean close checkpoints and deletes the WAL; one left behind means the last session died.
  const uncleanClose = exists && existsSync(`${path}-wal`);

  const needsMigration = header !== null && header.userVersion > 0 && header.userVersion < SCHEMA_VERSION;
  const db = connectExclusively(path, () => {
    // Held exclusively and not yet written to: the copy is the file exactly as it was.
    if (needsMigration) backupBeforeMigrating(path, header.userVersion);
  });
  try {
    if (header) checkIntegrity(db, path, uncleanClose);
    migrate(db, header?.userVersion ?? 0);
    if (!header) initialiseMeta(db, options);
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    path,
    db,
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** A folder, or a file nobody may write (even an administrator: its owner marked it read-only). */
function refuseUnwritable(path: string): void {
  const stat = statSync(path);
  if (stat.isDirectory())
    throw new EngagementFileError(
      path,
      'is-folder',
      `${path} is a folder, not an engagement file; name a .cxb file.`,
    );
  if ((stat.mode & 0o222) === 0)
    throw new EngagementFileError(
      path,
      'read-only',
      `${path} is read-only; make it writable or copy it, then open the copy.`,
    );
}

const SQLITE_PROBLEMS: Array<[RegExp, EngagementProblem, (path: string) => string]> = [
  [
    /^SQLITE_(CORRUPT|NOTADB)/,
    'corrupt',
    (path) => `${path} is damaged (SQLite reports a malformed file); restore it from a backup.`,
  ],
  [
    /^SQLITE_FULL$|^ENOSPC$/,
    'disk-full',
    (path) => `the disk holding ${path} is full; nothing was written. Free some space and try again.`,
  ],
  [
    /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)|^EACCES$|^EPERM$|^EROFS$/,
    'read-only',
    (path) => `${path} cannot be written (no permission or a read-only disk).`,
  ],
];

/**
 * What SQLite or the file system said about the engagement file, as the user error it is; any
 * other error passes through unchanged (a bug).
 */
export function storeError(error: unknown, path: string): unknown {
  if (error instanceof UserError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const problem = SQLITE_PROBLEMS.find(([pattern]) => pattern.test(code));
  return problem ? new EngagementFileError(path, problem[1], problem[2](path)) : error;
}

interface FileHeader {
  userVersion: number;
  applicationId: number;
}

function readHeader(path: string): FileHeader {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(100);
    const bytes = readSync(fd, buffer, 0, 100, 0);
    if (bytes < 100 || buffer.toString('latin1', 0, 16) !== SQLITE_MAGIC) {
      throw new EngagementFileError(
        path,
        'not-ours',
        `${path} is not a CX Brief engagement file (it is not an SQLite database); it was left untouched.`,
      );
    }
    return { userVersion: buffer.readUInt32BE(60), applicationId: buffer.readUInt32BE(68) };
  } finally {
    closeSync(fd);
  }
}

function refuseForeign(path: string, header: FileHeader): void {
  if (header.applicationId !== APPLICATION_ID) {
    throw new EngagementFileError(
      path,
      'not-ours',
      `${path} is an SQLite database but not a CX Brief engagement file; it was left untouched.`,
    );
  }
  if (header.userVersion > SCHEMA_VERSION) {
    throw new EngagementFileError(
      path,
      'newer-version',
      `${path} was written by a newer version of CX Brief (file format ${header.userVersion}, this app reads up to ${SCHEMA_VERSION}); update the app to open it. The file was left untouched.`,
    );
  }
}

function connectExclusively(path: string, whileLockedUntouched: () => void = () => {}): Db {
  const db = new Database(path);
  try {
    // Exclusive locking before WAL: the lock is taken at the first transaction and held until
    // close, so a second process opening the same file is refused instead of racing us.
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    db.exec('BEGIN EXCLUSIVE; COMMIT;');
    whileLockedUntouched();
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('cache_size = -16384');
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) {
      throw new EngagementFileError(
        path,
        'already-open',
        `${path} is already open by another CX Brief process (the app, \`npm run serve\` or a cxbrief command); close it there first.`,
      );
    }
    throw error;
  }
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

function checkIntegrity(db: Db, path: string, uncleanClose: boolean): void {
  const pragma = uncleanClose ? 'integrity_check' : 'quick_check';
  const rows = db.pragma(pragma) as Array<Record<string, string>>;
  const verdicts = rows.map((row) => Object.values(row)[0]);
  if (verdicts.length !== 1 || verdicts[0] !== 'ok') {
    throw new EngagementFileError(
      path,
      'corrupt',
      `${path} failed SQLite's ${pragma}: ${verdicts.slice(0, 3).join('; ')}. Restore it from a backup.`,
    );
  }
}

function migrate(db: Db, fromVersion: number): void {
  if (fromVersion >= SCHEMA_VERSION) return;
  const apply = db.transaction(() => {
    for (let version = fromVersion; version < SCHEMA_VERSION; version += 1) {
      const step = MIGRATIONS[version] as Migration;
      if (typeof step === 'string') db.exec(step);
      else step(db);
    }
    // Files written before the pre-aggregates existed get them built from their rows.
    if (fromVersion > 0 && fromVersion < AGGREGATES_SINCE) refreshAggregates(db);
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  });
  apply();
  // Move page 1 (application_id, user_version) into the main file now, so a second opener's
  // header check sees what this file is before it reaches the lock.
  db.pragma('wal_checkpoint(TRUNCATE)');
}

/** Copies the file (and a WAL left by an unclean close) before a migration changes it. */
function backupBeforeMigrating(path: string, fromVersion: number): void {
  copyFileSync(path, `${path}.bak-v${fromVersion}`);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${path}.bak-v${fromVersion}-wal`);
}

function initialiseMeta(db: Db, options: OpenOptions): void {
  const insert = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const name = options.name ?? 'Untitled engagement';
  db.transaction(() => {
    insert.run('name', name);
    insert.run('created_at', new Date().toISOString());
    insert.run('app_version', options.appVersion ?? 'dev');
  })();
}

/**
 * A smaller page cache while importing: an import streams through pages once, so a big cache only
 * holds memory (and SQLite's sorts for the pre-aggregates size their memory by it). Returns the
 * function that puts the reading cache back.
 */
export function useImportCache(db: Db): () => void {
  const reading = db.pragma('cache_size', { simple: true }) as number;
  const temp = db.pragma('temp.cache_size', { simple: true }) as number;
  db.pragma('cache_size = -4096');
  db.pragma('temp.cache_size = -2048');
  return () => {
    db.pragma(`cache_size = ${reading}`);
    db.pragma(`temp.cache_size = ${temp}`);
  };
}
