import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  copyFileSync,
  existsSync,
  linkSync,
  openSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
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
  | 'file-unreadable'
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

/** What the open found and did: which check ran (none after a clean close). */
export type OpenCheck = 'none' | 'integrity_check';

export interface Engagement {
  readonly path: string;
  readonly db: Db;
  /** Why the file can only be viewed ("it is marked read-only"); null when it can be written. */
  readonly readOnly: string | null;
  /** The check run while opening: a full integrity_check after an unclean close, else none. */
  readonly checked: OpenCheck;
  /** True when this open created the file. */
  readonly created: boolean;
  /** Puts the file back as it was before a write that failed (see `rollBackFailedWrite`). */
  settle(): void;
  close(): void;
}

export interface OpenOptions {
  /** Create the file when it does not exist (default true). */
  create?: boolean;
  /** Refuse a file that already exists ("exists"), also one another process created meanwhile. */
  mustBeNew?: boolean;
  /** Engagement name stored in meta on creation. */
  name?: string;
  /** Whom the engagement is for, stored in meta on creation (the pack's cover names it). */
  client?: string;
  appVersion?: string;
}

const SQLITE_MAGIC = 'SQLite format 3\u0000';
/** Header byte 18: 1 for a rollback journal, 2 for the write-ahead log older files used. */
const WAL_FORMAT = 2;

/**
 * Opens (or creates) a `.cxb` engagement file and holds it exclusively.
 *
 * Every refusal (foreign file, newer version) happens from the raw header bytes before SQLite
 * opens the file, so a file that is not ours is left byte-for-byte untouched. A file this process
 * may not write opens for viewing only (`readOnly` says why).
 *
 * The file uses SQLite's rollback journal: a write that fails (a full disk included) is rolled
 * back into the file itself, so the `.cxb` alone always holds the last complete write, and there
 * is no checkpoint left to fail on close. A journal beside the file at open means the process
 * that had it open ended without closing it: only then is the whole file checked.
 */
export function openEngagement(path: string, options: OpenOptions = {}): Engagement {
  try {
    return openChecked(path, options);
  } catch (error) {
    throw storeError(error, path);
  }
}

function openChecked(path: string, options: OpenOptions): Engagement {
  let created = false;
  if (!existsSync(path)) {
    if (options.create === false) throw new EngagementFileError(path, 'missing', `${path} does not exist.`);
    created = createAtomically(path, options);
  } else if (options.mustBeNew) {
    throw alreadyExists(path);
  }
  refuseFolderOrUnreadable(path);
  const readOnly = readOnlyReason(path);
  const header = readHeader(path);
  refuseForeign(path, header);
  if (readOnly) refuseUnviewable(path, header, readOnly);
  const unclean = uncleanClose(path);
  let version = header.userVersion;
  const db = readOnly
    ? connectForViewing(path)
    : connectExclusively(path, (locked) => {
        // A write killed while committing leaves the header it was writing beside a journal that
        // SQLite has just rolled back: the version read before may be the unfinished one's.
        version = locked.pragma('user_version', { simple: true }) as number;
        // Held exclusively and not yet written to: the copy is the file exactly as it was.
        if (version < SCHEMA_VERSION) backupBeforeMigrating(path, version);
      });
  let checked: OpenCheck = 'none';
  try {
    if (unclean) checked = checkIntegrity(db, path);
    if (!readOnly) {
      useRollbackJournal(db);
      migrate(db, version);
    } else db.pragma('query_only = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    path,
    db,
    readOnly,
    checked,
    created,
    settle: () => rollBackFailedWrite(db),
    close: () => {
      rollBackFailedWrite(db);
      if (db.open) db.close();
    },
  };
}

/**
 * After a write fails for lack of space or an I/O error, SQLite leaves the file half-written with
 * its journal beside it and rolls it back at its next read: read now, so the .cxb on its own holds
 * the last complete write again straight away (and not only after the next open).
 */
function rollBackFailedWrite(db: Db): void {
  if (!db.open || db.inTransaction) return;
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch {
    // Still failing: the journal stays beside the file and the next open rolls it back.
  }
}

function alreadyExists(path: string): EngagementFileError {
  return new EngagementFileError(path, 'exists', `${path} already exists; open it instead.`);
}

/**
 * Builds a new engagement beside its final name and links it into place once complete, so the
 * final name never holds a half-made file (a kill or a full disk leaves nothing there) and a
 * concurrent creator never reads one. Returns false when another process created it first.
 */
function createAtomically(path: string, options: OpenOptions): boolean {
  const folder = dirname(resolve(path));
  if (!existsSync(folder))
    throw new EngagementFileError(
      path,
      'folder-missing',
      `the folder ${folder} does not exist, so ${basename(path)} cannot be created there.`,
    );
  removeAbandonedCreations(folder);
  const temp = join(folder, `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.creating`);
  try {
    const db = connectExclusively(temp);
    try {
      useRollbackJournal(db);
      migrate(db, 0);
      initialiseMeta(db, options);
    } finally {
      db.close();
    }
    return placeNewFile(temp, path, options);
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${temp}-journal`, { force: true });
  }
}

/** Half-made engagements in `folder` left by creators that were killed (their process is gone). */
function removeAbandonedCreations(folder: string): void {
  for (const entry of readdirSync(folder)) {
    const pid = /^\..+\.(\d+)-[0-9a-f]{8}\.creating(-journal)?$/.exec(entry)?.[1];
    if (pid && !processAlive(Number(pid))) rmSync(join(folder, entry), { force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Gives the finished file its name unless one appeared meanwhile (link refuses to replace). */
function placeNewFile(temp: string, path: string, options: OpenOptions): boolean {
  try {
    linkSync(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (options.mustBeNew) throw alreadyExists(path);
      return false;
    }
    // File systems without hard links (FAT, some network shares): rename, which replaces.
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
    if (existsSync(path)) {
      if (options.mustBeNew) throw alreadyExists(path);
      return false;
    }
    renameSync(temp, path);
    return true;
  }
}

function refuseFolderOrUnreadable(path: string): void {
  if (statSync(path).isDirectory())
    throw new EngagementFileError(
      path,
      'is-folder',
      `${path} is a folder, not an engagement file; name a .cxb file.`,
    );
  try {
    accessSync(path, constants.R_OK);
  } catch {
    throw new EngagementFileError(
      path,
      'file-unreadable',
      `${path} cannot be read: this user has no permission to read it (ask its owner to share it, or copy it with their help).`,
    );
  }
}

/**
 * Why this process may not write the file, or null. A file nobody may write is read-only even for
 * an administrator (its owner marked it so); the journal is created beside the file, so its folder
 * must be writable too.
 */
function readOnlyReason(path: string): string | null {
  if ((statSync(path).mode & 0o222) === 0) return 'it is marked read-only';
  const denied = (target: string): string | null => {
    try {
      accessSync(target, constants.W_OK);
      return null;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code ?? 'EACCES';
    }
  };
  const file = denied(path);
  if (file === 'EROFS') return 'it is on a read-only disk';
  if (file) return 'this user has no permission to write it';
  if (denied(dirname(resolve(path)))) return 'its folder cannot be written';
  return null;
}

/** A read-only file can be viewed only as it is: one needing migration or recovery cannot. */
function refuseUnviewable(path: string, header: FileHeader, reason: string): void {
  if (header.userVersion < SCHEMA_VERSION || header.writeFormat === WAL_FORMAT)
    throw new EngagementFileError(
      path,
      'read-only',
      `${path} is read-only (${reason}) and was written by an older version of CX Brief, which must update it before showing it; copy it to a folder you can write and open the copy.`,
    );
  if (existsSync(`${path}-journal`))
    throw new EngagementFileError(
      path,
      'read-only',
      `${path} is read-only (${reason}) and holds a change interrupted when its last session ended, which only a writable copy can undo; copy it together with ${basename(path)}-journal to a folder you can write and open the copy.`,
    );
}

/**
 * The unclean-close marker: SQLite's journal exists from the first write of a session until its
 * clean close, so one found at open means the last session ended without closing the file (a
 * write-ahead log with content means the same for files from older versions).
 */
function uncleanClose(path: string): boolean {
  if (existsSync(`${path}-journal`)) return true;
  try {
    return statSync(`${path}-wal`).size > 0;
  } catch {
    return false;
  }
}

const SQLITE_PROBLEMS: Array<[RegExp, EngagementProblem, (path: string) => string]> = [
  [
    /^SQLITE_(CORRUPT|NOTADB)/,
    'corrupt',
    (path) => `${path} is damaged (SQLite reports a malformed file); restore it from a backup.`,
  ],
  [
    /^SQLITE_FULL$|^SQLITE_IOERR_(WRITE|FSYNC|TRUNCATE)$|^ENOSPC$|^EFBIG$/,
    'disk-full',
    (path) =>
      `the disk holding ${path} is full (or the file reached the size this system allows); the change was not saved and the file holds what it held before. Free some space and try again.`,
  ],
  [
    /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)|^EACCES$|^EPERM$|^EROFS$/,
    'read-only',
    (path) => `${path} cannot be written (no permission or a read-only disk); nothing was changed.`,
  ],
];

/**
 * What SQLite or the file system said about the engagement file, as the user error it is; any
 * other error passes through unchanged (a bug). `readOnly` is why an open engagement is view-only.
 */
export function storeError(error: unknown, path: string, readOnly: string | null = null): unknown {
  if (error instanceof UserError) return error;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (readOnly && code.startsWith('SQLITE_READONLY'))
    return new EngagementFileError(
      path,
      'read-only',
      `${path} is open read-only (${readOnly}); nothing was changed.`,
    );
  const problem = SQLITE_PROBLEMS.find(([pattern]) => pattern.test(code));
  return problem ? new EngagementFileError(path, problem[1], problem[2](path)) : error;
}

interface FileHeader {
  userVersion: number;
  applicationId: number;
  writeFormat: number;
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
    return {
      userVersion: buffer.readUInt32BE(60),
      applicationId: buffer.readUInt32BE(68),
      writeFormat: buffer.readUInt8(18),
    };
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
  if (header.userVersion === 0) {
    // Our id without a schema: never a file this app finished making (creation is atomic).
    throw new EngagementFileError(
      path,
      'corrupt',
      `${path} is an unfinished engagement file (it has no tables); it was left untouched. Delete it and create the engagement again.`,
    );
  }
}

function alreadyOpen(path: string): EngagementFileError {
  return new EngagementFileError(
    path,
    'already-open',
    `${path} is already open by another CX Brief process (the app, \`npm run serve\` or a cxbrief command); close it there first.`,
  );
}

function connectExclusively(path: string, whileLockedUntouched: (db: Db) => void = () => {}): Db {
  // Exclusive locking: the lock is taken by the first transaction and held until close, so a
  // second process opening the same file is refused instead of racing us.
  return lockedConnection(path, new Database(path), 'BEGIN EXCLUSIVE; COMMIT;', whileLockedUntouched);
}

/**
 * A read-only file for viewing: SQLite's read lock, held until close (exclusive locking mode), so
 * no other process can start writing it while it is shown; other viewers may read it too.
 */
function connectForViewing(path: string): Db {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  return lockedConnection(path, db, 'BEGIN; SELECT count(*) FROM sqlite_schema; COMMIT;');
}

/** Takes the lock `lockingSql` asks for and keeps it until close; "already open" when it is taken. */
function lockedConnection(
  path: string,
  db: Db,
  lockingSql: string,
  whileLocked: (db: Db) => void = () => {},
): Db {
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.pragma('busy_timeout = 0');
    db.exec(lockingSql);
    whileLocked(db);
    if (!db.readonly) db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -16384');
    return db;
  } catch (error) {
    db.close();
    if (isBusy(error)) throw alreadyOpen(path);
    throw error;
  }
}

/**
 * The rollback journal (files from before used a write-ahead log: switching checkpoints it), and
 * a full sync at each commit, which that journal needs to survive a power cut.
 */
function useRollbackJournal(db: Db): void {
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = FULL');
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: string }).code ?? '';
  return code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED');
}

/** SQLite's full integrity_check; throws `corrupt` naming the first problems found. */
export function checkIntegrity(db: Db, path: string): OpenCheck {
  const problems = integrityProblems(db);
  if (problems.length)
    throw new EngagementFileError(
      path,
      'corrupt',
      `${path} failed SQLite's integrity check: ${problems.slice(0, 3).join('; ')}. Restore it from a backup.`,
    );
  return 'integrity_check';
}

/** Every problem SQLite's integrity and foreign-key checks find (none: an empty list). */
export function integrityProblems(db: Db): string[] {
  const rows = db.pragma('integrity_check') as Array<Record<string, string>>;
  const verdicts = rows.map((row) => String(Object.values(row)[0]));
  const problems = verdicts.length === 1 && verdicts[0] === 'ok' ? [] : verdicts;
  const orphans = db.pragma('foreign_key_check') as Array<{ table: string; parent: string }>;
  for (const orphan of orphans.slice(0, 3))
    problems.push(`a row of ${orphan.table} refers to a missing row of ${orphan.parent}`);
  return problems;
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
}

/**
 * Copies the file before a migration changes it: under a temporary name first, so a kill or a
 * full disk never leaves a half copy under the backup's name.
 */
function backupBeforeMigrating(path: string, fromVersion: number): void {
  const backup = `${path}.bak-v${fromVersion}`;
  const temp = `${backup}.${process.pid}.partial`;
  try {
    copyFileSync(path, temp);
    if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${backup}-wal.partial`);
    if (existsSync(`${backup}-wal.partial`)) renameSync(`${backup}-wal.partial`, `${backup}-wal`);
    renameSync(temp, backup);
  } finally {
    rmSync(temp, { force: true });
    rmSync(`${backup}-wal.partial`, { force: true });
  }
}

function initialiseMeta(db: Db, options: OpenOptions): void {
  const insert = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
  const name = options.name ?? 'Untitled engagement';
  db.transaction(() => {
    insert.run('name', name);
    insert.run('created_at', new Date().toISOString());
    insert.run('app_version', options.appVersion ?? 'dev');
    if (options.client) insert.run('client', options.client);
  })();
}

/**
 * Deletes an engagement this session created and nothing was written to, while still holding it
 * (so no other process can have opened it meanwhile), then closes it. Returns whether it did.
 */
export function discardIfUnused(engagement: Engagement): boolean {
  if (!engagement.created || engagement.readOnly || !engagement.db.open) return false;
  const used = engagement.db.prepare('SELECT 1 FROM imports LIMIT 1').get();
  if (used) return false;
  unlinkSync(engagement.path);
  engagement.close();
  rmSync(`${engagement.path}-journal`, { force: true });
  return true;
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
