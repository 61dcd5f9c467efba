/**
 * The engagement file under a full disk, at creation, read-only and opened twice: every failed
 * write is a one-line failure (exit 1) and the .cxb on its own still holds the data from before;
 * creation leaves nothing or a whole file; a file this user may not write opens for viewing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer, createEngine } from '../../src/core/api';
import { openEngagement } from '../../src/core/store';
import { dataset, sha256, useTempDir } from '../helpers';
import {
  NOBODY,
  ROOT,
  contentDigest,
  cxbrief,
  integrity,
  isRoot,
  surveyCsv,
  type CliResult,
} from '../safety-helpers';

const tempDir = useTempDir();
const TELCO = dataset('telco-churn-ibm/Telco-Customer-Churn.csv');

function expectOneLine(result: CliResult, code: number, pattern: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}

function expectOk(result: CliResult): void {
  expect(result.code, result.stderr).toBe(0);
}

/** The .cxb copied on its own (no journal beside it), as a user would mail or back it up. */
function alone(path: string, dir: string): string {
  const copy = join(dir, `alone-${readdirSync(dir).length}.cxb`);
  copyFileSync(path, copy);
  return copy;
}

function seeded(dir: string, name = 'acme.cxb'): string {
  const path = join(dir, name);
  expectOk(cxbrief(['import', TELCO, '--into', path, '--kind', 'customers', '--quiet']));
  return path;
}

const FULL = /the disk holding .* is full .*the change was not saved and the file holds what it held before/;

describe('a full disk (a file-size limit: a write past it fails with EFBIG)', () => {
  it('an import whose rows do not fit is a one-line failure; the .cxb alone holds the data from before', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    const before = contentDigest(cxb);
    const bytes = sha256(cxb);
    const survey = surveyCsv(dir, 40_000);
    const limitKb = Math.ceil(statSync(cxb).size / 1024) + 64;
    expectOneLine(cxbrief(['import', survey, '--into', cxb], { fileSizeLimitKb: limitKb }), 1, FULL);
    expect(existsSync(`${cxb}-journal`)).toBe(false);
    expect(sha256(cxb)).toBe(bytes);
    const copy = alone(cxb, tempDir());
    expect(integrity(copy)).toBe('ok');
    expect(contentDigest(copy)).toBe(before);
    // And the same import goes through once there is room.
    expectOk(cxbrief(['import', survey, '--into', cxb, '--quiet']));
    expect(contentDigest(cxb)).not.toBe(before);
  });

  it('an export that does not fit is a one-line failure and leaves no file, whole or half', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    const out = join(dir, 'book.xlsx');
    expectOneLine(
      cxbrief(['export', cxb, '--period', 'all', '--xlsx', out], { fileSizeLimitKb: 16 }),
      1,
      /Could not write the Excel workbook to .*book\.xlsx: the file is larger than this system allows\./,
    );
    expect(readdirSync(dir).filter((name) => name.startsWith('book.xlsx'))).toEqual([]);
  });

  it('creating an engagement that does not fit is a one-line refusal that leaves no file', () => {
    const dir = tempDir();
    const cxb = join(dir, 'new.cxb');
    expectOneLine(cxbrief(['import', TELCO, '--into', cxb], { fileSizeLimitKb: 8 }), 1, FULL);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** A tmpfs of `sizeKb`, or null where mounting is not allowed (not root, or a container without it). */
function mountTmpfs(dir: string, sizeKb: number): (() => void) | null {
  if (!isRoot || process.platform !== 'linux') return null;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return () => execFileSync('umount', ['-l', dir], { stdio: 'ignore' });
}

function fillDisk(dir: string): void {
  const chunk = Buffer.alloc(64 * 1024, 1);
  for (let i = 0; ; i += 1) {
    try {
      writeFileSync(join(dir, `filler-${i}`), chunk);
    } catch {
      break;
    }
  }
  for (let i = 0; ; i += 1) {
    try {
      writeFileSync(join(dir, `crumb-${i}`), Buffer.alloc(512, 1));
    } catch {
      return;
    }
  }
}

describe('a really full disk (a tmpfs filled up; only where root may mount: the file-size limit above runs everywhere)', () => {
  it('import, settings, targets, mapping templates, notes and removal each fail in one line and change no byte of the .cxb', async (context) => {
    const mountPoint = join(tempDir(), 'disk');
    mkdirSync(mountPoint);
    const unmount = mountTmpfs(mountPoint, 6 * 1024);
    if (!unmount) {
      context.skip('mounting a tmpfs is not allowed here; the file-size limit tests cover a full disk');
      return;
    }
    try {
      const work = tempDir();
      const cxb = join(mountPoint, 'acme.cxb');
      expectOk(cxbrief(['import', surveyCsv(work, 5_000), '--into', cxb, '--quiet']));
      const targets = join(work, 'targets.csv');
      writeFileSync(targets, 'metric,period,value,direction,amber_tolerance\nnps,*,40,higher,5\n');
      const before = contentDigest(cxb);
      const bytes = sha256(cxb);
      fillDisk(mountPoint);
      const writes = [
        ['import', surveyCsv(work, 5_000, 'more.csv', 5_000), '--into', cxb],
        ['settings', cxb, 'currency=EUR', 'gross_margin=0.7'],
        ['targets', cxb, '--import', targets],
        ['mappings', cxb, 'save', 'mine', '--from-import', '1'],
        ['remove-import', cxb, '1'],
      ];
      for (const args of writes) {
        expectOneLine(cxbrief(args), 1, FULL);
        expect(sha256(cxb), args.join(' ')).toBe(bytes);
        expect(existsSync(`${cxb}-journal`)).toBe(false);
      }
      // Notes are written by the app (no CLI command): through the engine, as the app calls it.
      const engine = createEngine({ dataDir: work });
      await engine.handle('engagement:open', { path: cxb });
      const saved = await answer(engine, 'notes:set', {
        period: '2026-Q1',
        notes: {
          messages: null,
          actions: [],
          decisions: Array.from({ length: 20 }, (_, i) => `decision ${i}: ${'y'.repeat(1500)}`),
        },
      });
      expect(saved).toMatchObject({ ok: false, error: { code: 'disk-full' } });
      engine.close();
      expect(sha256(cxb)).toBe(bytes);
      expect(contentDigest(alone(cxb, work))).toBe(before);
      expectOneLine(cxbrief(['import', TELCO, '--into', join(mountPoint, 'new.cxb')]), 1, FULL);
      expect(readdirSync(mountPoint).filter((name) => /new\.cxb|creating/.test(name))).toEqual([]);
    } finally {
      unmount();
    }
  });
});

describe('creation is atomic', () => {
  it('a refused import into a new path leaves no engagement behind', () => {
    const dir = tempDir();
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'a,b\n1,2\n');
    const cxb = join(dir, 'new.cxb');
    const result = cxbrief(['import', notes, '--into', cxb]);
    expect(result.code).toBe(1);
    expect(readdirSync(dir)).toEqual(['notes.csv']);
  });

  it('an existing engagement is kept when an import into it is refused', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'a,b\n1,2\n');
    expect(cxbrief(['import', notes, '--into', cxb]).code).toBe(1);
    expect(existsSync(cxb)).toBe(true);
  });

  it('a half-made file left by an old version is refused untouched, never opened as empty', () => {
    const dir = tempDir();
    const cxb = join(dir, 'half.cxb');
    writeFileSync(cxb, '');
    expectOneLine(cxbrief(['imports', cxb]), 1, /half\.cxb is not a CX Brief engagement file/);
    expectOneLine(
      cxbrief(['import', TELCO, '--into', cxb]),
      1,
      /half\.cxb is not a CX Brief engagement file/,
    );
    expect(statSync(cxb).size).toBe(0);
  });
});

describe('read-only engagements open for viewing', () => {
  it('a chmod 444 file: scorecard, gap and pack work and say read-only; writes are refused', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    expectOk(cxbrief(['import', surveyCsv(dir, 2_000), '--into', cxb, '--quiet']));
    chmodSync(cxb, 0o444);
    const bytes = sha256(cxb);
    const note =
      /^note: .*acme\.cxb is read-only \(it is marked read-only\); it was opened for viewing only\.$/;
    for (const args of [
      ['scorecard', cxb, '--period', 'all'],
      ['gap', cxb, '--period', 'all'],
      ['export', cxb, '--period', 'all', '--xlsx', join(dir, 'book.xlsx')],
    ]) {
      const result = cxbrief(args);
      expectOk(result);
      expect(result.stderr.trim()).toMatch(note);
    }
    expect(statSync(join(dir, 'book.xlsx')).size).toBeGreaterThan(1000);
    const refused = /acme\.cxb is open read-only \(it is marked read-only\); nothing was changed\./;
    expectOneLine(cxbrief(['remove-import', cxb, '1']), 1, refused);
    expectOneLine(cxbrief(['import', surveyCsv(dir, 10, 'x.csv'), '--into', cxb]), 1, refused);
    expect(sha256(cxb)).toBe(bytes);
    expect(readdirSync(dir).filter((name) => name.includes('journal'))).toEqual([]);
  });

  it.runIf(isRoot)(
    'as another user: a file in a read-only folder, a 644 file of another owner (viewing) and a 600 one (unreadable)',
    () => {
      const dir = tempDir();
      chmodSync(dir, 0o755);
      const folder = join(dir, 'archive');
      mkdirSync(folder);
      const cxb = seeded(folder);
      const other = seeded(dir, 'other.cxb');
      const secret = seeded(dir, 'secret.cxb');
      chmodSync(folder, 0o555);
      chmodSync(cxb, 0o666);
      chmodSync(other, 0o644);
      chmodSync(secret, 0o600);
      const asNobody = { uid: NOBODY, gid: NOBODY };
      const viewed = cxbrief(['imports', cxb], asNobody);
      expectOk(viewed);
      expect(viewed.stderr).toMatch(/archive\/acme\.cxb is read-only \(its folder cannot be written\)/);
      expectOneLine(
        cxbrief(['settings', cxb, 'currency=EUR'], asNobody),
        1,
        /is open read-only \(its folder cannot be written\); nothing was changed/,
      );
      const others = cxbrief(['scorecard', other, '--period', 'all'], asNobody);
      expectOk(others);
      expect(others.stderr).toMatch(/other\.cxb is read-only \(this user has no permission to write it\)/);
      expectOneLine(
        cxbrief(['imports', secret], asNobody),
        1,
        /secret\.cxb cannot be read: this user has no permission to read it/,
      );
      expect(readdirSync(folder)).toEqual(['acme.cxb']);
    },
  );

  it('the engagement summary says read-only, for the app to show', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    chmodSync(cxb, 0o444);
    const engagement = openEngagement(cxb, { create: false });
    try {
      expect(engagement.readOnly).toBe('it is marked read-only');
      expect(() => engagement.db.prepare(`INSERT INTO settings VALUES ('currency', 'EUR')`).run()).toThrow(
        /readonly/,
      );
    } finally {
      engagement.close();
    }
  });
});

describe('the unclean-close marker decides the check at open', () => {
  it('a cleanly closed file opens without a check; one left mid-write is fully checked and rolled back', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    const before = contentDigest(cxb);
    const clean = openEngagement(cxb, { create: false });
    expect(clean.checked).toBe('none');
    clean.close();
    // A process killed in the middle of a write leaves its journal beside the file.
    const killed = spawnSync(
      process.execPath,
      [
        '-e',
        `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(cxb)});
         db.pragma('locking_mode = EXCLUSIVE'); db.pragma('cache_size = 10'); db.exec('BEGIN');
         db.exec("DELETE FROM customers");
         process.kill(process.pid, 'SIGKILL');`,
      ],
      { cwd: ROOT, stdio: 'ignore' },
    );
    expect(killed.signal).toBe('SIGKILL');
    expect(existsSync(`${cxb}-journal`)).toBe(true);
    const unclean = openEngagement(cxb, { create: false });
    expect(unclean.checked).toBe('integrity_check');
    unclean.close();
    expect(existsSync(`${cxb}-journal`)).toBe(false);
    expect(contentDigest(cxb)).toBe(before);
    const again = openEngagement(cxb, { create: false });
    expect(again.checked).toBe('none');
    again.close();
  });

  it('cxbrief check runs the full check on demand: a sound file passes, a damaged page fails in one line', () => {
    const dir = tempDir();
    const cxb = seeded(dir);
    const passed = cxbrief(['check', cxb]);
    expectOk(passed);
    expect(passed.stdout).toMatch(/acme\.cxb passed SQLite's integrity and foreign-key checks/);
    const bytes = readFileSync(cxb);
    // A page in the middle of the customers table, not the schema on page 1.
    bytes.fill(0x41, bytes.length - 40 * 4096, bytes.length - 38 * 4096);
    writeFileSync(cxb, bytes);
    expectOneLine(
      cxbrief(['check', cxb]),
      1,
      /acme\.cxb (failed SQLite's integrity check: .*Restore it from a backup|is damaged .*restore it from a backup)\./,
    );
    // Opening alone does not scan a cleanly closed file: the history still lists.
    expectOk(cxbrief(['imports', cxb]));
  });
});
